import type { LoadResult } from './result.ts';
import type { Thresholds } from './thresholds.ts';

/**
 * What a gate says about the run:
 * - `pass`: the limit held; `fail`: it was breached, and that fails the run;
 * - `inconclusive`: the run cannot tell (too few samples for the percentile, or the load generator was starved);
 * - `advisory`: breached, but the gate is informational here (timing measured on the embedded simulator measures the machine).
 * Only `fail` fails a run.
 */
export type GateVerdict = 'pass' | 'fail' | 'inconclusive' | 'advisory';

/** One SLO check: the limit, what the run measured (null when nothing was measured), and the verdict. */
export interface GateResult {
  name: string;
  threshold: number;
  measured: number | null;
  unit: 'ms' | 'ratio' | 'count';
  verdict: GateVerdict;
  /** The gate does not fail the run (`verdict !== 'fail'`). */
  pass: boolean;
  /** A timing gate that is informational here (embedded simulator): it never fails the run. */
  advisory?: true;
  /** Why the verdict is not plain pass/fail, or that a timing gate was advisory. */
  note?: string;
}

/**
 * How timing gates (latency, run completion, generator lag) are enforced. `hard` against a real target: a breach fails.
 * `advisory` against the embedded simulator: its timings measure how busy the machine is, not an API, so a breach is
 * reported and never fails the run. Deterministic gates (errors, lost runs, violations, failed runs) are always hard.
 */
export type TimingGates = 'hard' | 'advisory';

/** A percentile is judged only with at least this many samples above it: a p99 from 60 responses is one response. */
export const MIN_TAIL_SAMPLES = 5;
/** Generator lag p99 beyond which the harness was starved (when no `maxGeneratorLagMs` is configured). */
export const STARVED_LAG_MS = 100;

/** Samples needed to judge the given percentile (50, 90, 95, 99): MIN_TAIL_SAMPLES at or above it. */
export function samplesNeeded(percentile: number): number {
  return Math.ceil((MIN_TAIL_SAMPLES * 100) / (100 - percentile));
}

type Measured = Omit<LoadResult, 'gates' | 'passed'>;
type Percentile = 'p50' | 'p90' | 'p95' | 'p99';
const PERCENT: Record<Percentile, number> = { p50: 50, p90: 90, p95: 95, p99: 99 };

/** A timing figure: the percentile measured and how many samples it rests on. */
interface Timing { measured: number | null; samples: number; percentile: Percentile }

/** Checks every threshold given against a run's figures. An endpoint limit with no responses to measure fails. */
export function evaluateGates(result: Measured, thresholds: Thresholds, timingGates: TimingGates = 'hard'): GateResult[] {
  const gates: GateResult[] = [];
  const lag = result.generator.arrivals > 0 ? result.generator.lagMs.p99 : null;
  const starvedAt = thresholds.maxGeneratorLagMs ?? STARVED_LAG_MS;
  const starved = lag !== null && lag > starvedAt;
  const hard = (name: string, threshold: number | undefined, measured: number | null, unit: GateResult['unit']): void => {
    if (threshold === undefined) return;
    const held = measured !== null && measured <= threshold;
    gates.push({ name, threshold, measured, unit, verdict: held ? 'pass' : 'fail', pass: held });
  };
  const timed = (name: string, threshold: number | undefined, timing: Timing, opts: { starvable: boolean }): void => {
    if (threshold === undefined) return;
    const { measured, samples, percentile } = timing;
    const held = measured !== null && measured <= threshold;
    const needed = samplesNeeded(PERCENT[percentile]);
    const advisory = timingGates === 'advisory';
    let verdict: GateVerdict = held ? 'pass' : advisory ? 'advisory' : 'fail';
    const notes: string[] = [];
    if (measured !== null && samples < needed) {
      verdict = 'inconclusive';
      notes.push(`inconclusive: ${samples} samples, a ${percentile} needs at least ${needed}`);
    } else if (opts.starvable && starved) {
      verdict = 'inconclusive';
      notes.push(`inconclusive: the load generator was starved (its lag p99 ${lag} ms > ${starvedAt} ms), so this timing measures the harness`);
    }
    if (advisory) notes.push('advisory: timing against the embedded simulator measures the machine, so it never fails the run');
    gates.push({ name, threshold, measured, unit: 'ms', verdict, pass: verdict !== 'fail', ...(advisory ? { advisory: true as const } : {}), ...(notes.length > 0 ? { note: notes.join('; ') } : {}) });
  };
  const latency = (operationId: string, percentile: 'p50' | 'p90' | 'p99'): Timing => {
    const endpoint = result.endpoints[operationId];
    const samples = endpoint?.latencyMs.count ?? 0;
    return { measured: endpoint && samples > 0 ? endpoint.latencyMs[percentile] : null, samples, percentile };
  };
  const own = thresholds.endpoints ?? {};
  const starvable = { starvable: true };
  for (const [operationId, endpoint] of Object.entries(result.endpoints)) {
    // The blanket limit covers endpoints that saw traffic; a flow's unused branch (e.g. interactions) is not a breach.
    if (own[operationId]?.p99Ms === undefined && endpoint.latencyMs.count > 0) timed(`${operationId} p99`, thresholds.p99Ms, latency(operationId, 'p99'), starvable);
  }
  for (const [operationId, limits] of Object.entries(own)) {
    timed(`${operationId} p50`, limits.p50Ms, latency(operationId, 'p50'), starvable);
    timed(`${operationId} p90`, limits.p90Ms, latency(operationId, 'p90'), starvable);
    timed(`${operationId} p99`, limits.p99Ms, latency(operationId, 'p99'), starvable);
  }
  const completions = result.runs.completionMs.count;
  timed('run completion p95', thresholds.runP95Ms, { measured: completions > 0 ? result.runs.completionMs.p95 : null, samples: completions, percentile: 'p95' }, starvable);
  hard('error rate', thresholds.maxErrorRate, result.requests.sent > 0 ? result.requests.errorRate : null, 'ratio');
  const ended = result.runs.completed + result.runs.failed;
  hard('failed run rate', thresholds.maxFailedRunRate, ended > 0 ? result.runs.failed / ended : null, 'ratio');
  hard('lost runs', thresholds.maxLostRuns, result.runs.lost, 'count');
  hard('violations', thresholds.maxViolations, result.violations.total, 'count');
  // The lag gate is the starvation measure itself, so starvation cannot make it inconclusive.
  timed('generator lag p99', thresholds.maxGeneratorLagMs, { measured: lag, samples: result.generator.arrivals, percentile: 'p99' }, { starvable: false });
  return gates;
}

/** The same result with its gates evaluated again under `timingGates` (ci decides per target whether timing is advisory). */
export function regateResult(result: LoadResult, timingGates: TimingGates): LoadResult {
  const { gates: _gates, passed: _passed, ...measured } = result;
  const gates = evaluateGates(measured, result.thresholds, timingGates);
  return { ...result, gates, passed: gates.every((gate) => gate.pass) };
}

const show = (value: number | null, unit: GateResult['unit']): string => {
  if (value === null) return 'no data';
  if (unit === 'ms') return `${value} ms`;
  if (unit === 'ratio') return `${(value * 100).toFixed(2)}%`;
  return String(value);
};

const VERDICT_SHOWN: Record<GateVerdict, string> = { pass: 'pass', fail: 'FAIL', inconclusive: 'inconclusive', advisory: 'over (advisory)' };

/** The gate table: threshold / measured / verdict, one row per gate, then the notes behind the verdicts. */
export function renderGateTable(gates: readonly GateResult[]): string {
  const rows = [['gate', 'threshold', 'measured', 'verdict'], ...gates.map((gate) => [
    gate.name, `≤ ${show(gate.threshold, gate.unit)}`, show(gate.measured, gate.unit), VERDICT_SHOWN[gate.verdict],
  ])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]): string => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  const notes = gates.filter((gate) => gate.note !== undefined).map((gate) => `  ${gate.name}: ${gate.note}`);
  return [line(rows[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line), ...notes].join('\n') + '\n';
}
