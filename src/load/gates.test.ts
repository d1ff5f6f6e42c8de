import { describe, expect, it } from 'vitest';
import { evaluateGates, renderGateTable } from './gates.ts';
import type { LoadResult } from './result.ts';

const latency = (p: number, count = 10) => ({ count, p50: p / 2, p90: p, p95: p, p99: p, p99_9: p, max: p, mean: p / 2 });
const result = {
  endpoints: {
    getTaskRun: { latencyMs: latency(30) },
    runTask: { latencyMs: latency(80) },
    submitInteractionInput: { latencyMs: latency(0, 0) },
  },
  runs: { completionMs: latency(2_000), lost: 2, completed: 6, failed: 2 },
  requests: { sent: 100, errorRate: 0.02 },
  violations: { total: 0 },
  generator: { arrivals: 0, lagMs: latency(0, 0) },
} as unknown as LoadResult;

describe('gates', () => {
  it('checks each threshold given, per endpoint and for runs, errors, lost runs and violations', () => {
    const gates = evaluateGates(result, { p99Ms: 50, endpoints: { getTaskRun: { p99Ms: 20 } }, runP95Ms: 3_000, maxErrorRate: 0.01, maxLostRuns: 0, maxViolations: 0 });
    expect(gates.map((gate) => [gate.name, gate.measured, gate.pass])).toEqual([
      ['runTask p99', 80, false],
      ['getTaskRun p99', 30, false],
      ['run completion p95', 2_000, true],
      ['error rate', 0.02, false],
      ['lost runs', 2, false],
      ['violations', 0, true],
    ]);
  });

  it('fails a limit on an endpoint that saw no traffic, but not the blanket p99 on an unused branch', () => {
    const gates = evaluateGates(result, { endpoints: { cancelTaskRun: { p99Ms: 10 } }, p99Ms: 1_000 });
    expect(gates.find((gate) => gate.name === 'cancelTaskRun p99')).toMatchObject({ measured: null, pass: false });
    expect(gates.some((gate) => gate.name.startsWith('submitInteractionInput'))).toBe(false);
  });

  it('measures the failed run rate over runs that ended, and nothing when none ended', () => {
    expect(evaluateGates(result, { maxFailedRunRate: 0.25 })).toEqual([{ name: 'failed run rate', threshold: 0.25, measured: 0.25, unit: 'ratio', pass: true }]);
    const none = { ...result, runs: { ...result.runs, completed: 0, failed: 0 } } as LoadResult;
    expect(evaluateGates(none, { maxFailedRunRate: 0.25 })[0]).toMatchObject({ measured: null, pass: false });
  });

  it('prints threshold / measured / verdict', () => {
    const table = renderGateTable(evaluateGates(result, { maxErrorRate: 0.01, endpoints: { getTaskRun: { p99Ms: 50 } } }));
    expect(table).toContain('gate');
    expect(table).toMatch(/getTaskRun p99\s+≤ 50 ms\s+30 ms\s+pass/);
    expect(table).toMatch(/error rate\s+≤ 1.00%\s+2.00%\s+FAIL/);
  });
});
