import type { LoadResult } from './result.ts';
import type { Thresholds } from './thresholds.ts';

/** One SLO check: the limit, what the run measured (null when nothing was measured), and the verdict. */
export interface GateResult {
  name: string;
  threshold: number;
  measured: number | null;
  unit: 'ms' | 'ratio' | 'count';
  pass: boolean;
}

type Measured = Omit<LoadResult, 'gates' | 'passed'>;

/** Checks every threshold given against a run's figures. An endpoint limit with no responses to measure fails. */
export function evaluateGates(result: Measured, thresholds: Thresholds): GateResult[] {
  const gates: GateResult[] = [];
  const gate = (name: string, threshold: number | undefined, measured: number | null, unit: GateResult['unit']): void => {
    if (threshold === undefined) return;
    gates.push({ name, threshold, measured, unit, pass: measured !== null && measured <= threshold });
  };
  const latency = (operationId: string, percentile: 'p50' | 'p90' | 'p99'): number | null => {
    const endpoint = result.endpoints[operationId];
    return endpoint && endpoint.latencyMs.count > 0 ? endpoint.latencyMs[percentile] : null;
  };
  const own = thresholds.endpoints ?? {};
  for (const [operationId, endpoint] of Object.entries(result.endpoints)) {
    // The blanket limit covers endpoints that saw traffic; a flow's unused branch (e.g. interactions) is not a breach.
    if (own[operationId]?.p99Ms === undefined && endpoint.latencyMs.count > 0) gate(`${operationId} p99`, thresholds.p99Ms, latency(operationId, 'p99'), 'ms');
  }
  for (const [operationId, limits] of Object.entries(own)) {
    gate(`${operationId} p50`, limits.p50Ms, latency(operationId, 'p50'), 'ms');
    gate(`${operationId} p90`, limits.p90Ms, latency(operationId, 'p90'), 'ms');
    gate(`${operationId} p99`, limits.p99Ms, latency(operationId, 'p99'), 'ms');
  }
  gate('run completion p95', thresholds.runP95Ms, result.runs.completionMs.count > 0 ? result.runs.completionMs.p95 : null, 'ms');
  gate('error rate', thresholds.maxErrorRate, result.requests.sent > 0 ? result.requests.errorRate : null, 'ratio');
  const ended = result.runs.completed + result.runs.failed;
  gate('failed run rate', thresholds.maxFailedRunRate, ended > 0 ? result.runs.failed / ended : null, 'ratio');
  gate('lost runs', thresholds.maxLostRuns, result.runs.lost, 'count');
  gate('violations', thresholds.maxViolations, result.violations.total, 'count');
  gate('generator lag p99', thresholds.maxGeneratorLagMs, result.generator.arrivals > 0 ? result.generator.lagMs.p99 : null, 'ms');
  return gates;
}

const show = (value: number | null, unit: GateResult['unit']): string => {
  if (value === null) return 'no data';
  if (unit === 'ms') return `${value} ms`;
  if (unit === 'ratio') return `${(value * 100).toFixed(2)}%`;
  return String(value);
};

/** The gate table: threshold / measured / verdict, one row per gate. */
export function renderGateTable(gates: readonly GateResult[]): string {
  const rows = [['gate', 'threshold', 'measured', 'verdict'], ...gates.map((gate) => [
    gate.name, `≤ ${show(gate.threshold, gate.unit)}`, show(gate.measured, gate.unit), gate.pass ? 'pass' : 'FAIL',
  ])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]): string => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n') + '\n';
}
