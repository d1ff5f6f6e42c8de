import { describe, expect, it } from 'vitest';
import { evaluateGates, regateResult, renderGateTable, samplesNeeded } from './gates.ts';
import type { LoadResult } from './result.ts';

const latency = (p: number, count = 1_000) => ({ count, p50: p / 2, p90: p, p95: p, p99: p, p99_9: p, max: p, mean: p / 2 });
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

const verdicts = (gates: ReturnType<typeof evaluateGates>) => gates.map((gate) => [gate.name, gate.verdict, gate.pass]);

describe('gates', () => {
  it('checks each threshold given, per endpoint and for runs, errors, lost runs and violations', () => {
    const gates = evaluateGates(result, { p99Ms: 50, endpoints: { getTaskRun: { p99Ms: 20 } }, runP95Ms: 3_000, maxErrorRate: 0.01, maxLostRuns: 0, maxViolations: 0 });
    expect(gates.map((gate) => [gate.name, gate.measured, gate.verdict, gate.pass])).toEqual([
      ['runTask p99', 80, 'fail', false],
      ['getTaskRun p99', 30, 'fail', false],
      ['run completion p95', 2_000, 'pass', true],
      ['error rate', 0.02, 'fail', false],
      ['lost runs', 2, 'fail', false],
      ['violations', 0, 'pass', true],
    ]);
  });

  it('fails a limit on an endpoint that saw no traffic, but not the blanket p99 on an unused branch', () => {
    const gates = evaluateGates(result, { endpoints: { cancelTaskRun: { p99Ms: 10 } }, p99Ms: 1_000 });
    expect(gates.find((gate) => gate.name === 'cancelTaskRun p99')).toMatchObject({ measured: null, verdict: 'fail', pass: false });
    expect(gates.some((gate) => gate.name.startsWith('submitInteractionInput'))).toBe(false);
  });

  it('measures the failed run rate over runs that ended, and nothing when none ended', () => {
    expect(evaluateGates(result, { maxFailedRunRate: 0.25 })).toEqual([{ name: 'failed run rate', threshold: 0.25, measured: 0.25, unit: 'ratio', verdict: 'pass', pass: true }]);
    const none = { ...result, runs: { ...result.runs, completed: 0, failed: 0 } } as LoadResult;
    expect(evaluateGates(none, { maxFailedRunRate: 0.25 })[0]).toMatchObject({ measured: null, verdict: 'fail', pass: false });
  });

  it('needs MIN_TAIL_SAMPLES at or above a percentile to judge it', () => {
    expect([50, 90, 95, 99].map(samplesNeeded)).toEqual([10, 50, 100, 500]);
  });

  it('calls a percentile from too few samples inconclusive, not a failure, whichever way it points', () => {
    const few = { ...result, endpoints: { getTaskRun: { latencyMs: latency(900, 60) } } } as unknown as LoadResult;
    const gates = evaluateGates(few, { endpoints: { getTaskRun: { p50Ms: 10, p99Ms: 10 } } });
    expect(verdicts(gates)).toEqual([['getTaskRun p50', 'fail', false], ['getTaskRun p99', 'inconclusive', true]]);
    expect(gates[1]!.note).toBe('inconclusive: 60 samples, a p99 needs at least 500');
    const enough = { ...few, endpoints: { getTaskRun: { latencyMs: latency(900, 500) } } } as unknown as LoadResult;
    expect(evaluateGates(enough, { endpoints: { getTaskRun: { p99Ms: 10 } } })[0]).toMatchObject({ verdict: 'fail', pass: false });
  });

  it('makes timing gates inconclusive when the generator was starved, but keeps deterministic gates and the lag gate itself', () => {
    const starved = { ...result, generator: { arrivals: 1_000, lagMs: latency(250) } } as unknown as LoadResult;
    const thresholds = { p99Ms: 50, runP95Ms: 1_000, maxLostRuns: 0 };
    expect(verdicts(evaluateGates(starved, thresholds))).toEqual([
      ['getTaskRun p99', 'inconclusive', true],
      ['runTask p99', 'inconclusive', true],
      ['run completion p95', 'inconclusive', true],
      ['lost runs', 'fail', false],
    ]);
    expect(evaluateGates(starved, thresholds)[0]!.note).toContain('the load generator was starved (its lag p99 250 ms > 100 ms)');
    // A configured lag limit is the starvation line, and its own gate still judges the lag.
    expect(verdicts(evaluateGates(starved, { p99Ms: 50, maxGeneratorLagMs: 300 }))).toEqual([
      ['getTaskRun p99', 'pass', true], ['runTask p99', 'fail', false], ['generator lag p99', 'pass', true],
    ]);
    expect(verdicts(evaluateGates(starved, { maxGeneratorLagMs: 200 }))).toEqual([['generator lag p99', 'fail', false]]);
  });

  it('with advisory timing, a latency breach is reported as advisory and never fails; deterministic gates stay hard', () => {
    const thresholds = { p99Ms: 50, runP95Ms: 1_000, maxLostRuns: 0, maxViolations: 0, endpoints: { missing: { p99Ms: 5 } } };
    const gates = evaluateGates(result, thresholds, 'advisory');
    expect(verdicts(gates)).toEqual([
      ['getTaskRun p99', 'pass', true],
      ['runTask p99', 'advisory', true],
      ['missing p99', 'advisory', true],
      ['run completion p95', 'advisory', true],
      ['lost runs', 'fail', false],
      ['violations', 'pass', true],
    ]);
    expect(gates.filter((gate) => gate.advisory).map((gate) => gate.name)).toEqual(['getTaskRun p99', 'runTask p99', 'missing p99', 'run completion p95']);
    expect(gates[1]!.note).toContain('advisory: timing against the embedded simulator measures the machine');
  });

  it('regates a whole result: passed follows the gates under the new policy', () => {
    const timed = { ...result, thresholds: { p99Ms: 50 }, gates: [], passed: false } as unknown as LoadResult;
    expect(regateResult(timed, 'hard').passed).toBe(false);
    const advisory = regateResult(timed, 'advisory');
    expect(advisory.passed).toBe(true);
    expect(advisory.gates.map((gate) => gate.verdict)).toEqual(['pass', 'advisory']);
  });

  it('prints threshold / measured / verdict, and the notes behind verdicts', () => {
    const table = renderGateTable(evaluateGates(result, { maxErrorRate: 0.01, endpoints: { getTaskRun: { p99Ms: 50 }, runTask: { p99Ms: 50 } } }, 'advisory'));
    expect(table).toContain('gate');
    expect(table).toMatch(/getTaskRun p99\s+≤ 50 ms\s+30 ms\s+pass/);
    expect(table).toMatch(/runTask p99\s+≤ 50 ms\s+80 ms\s+over \(advisory\)/);
    expect(table).toMatch(/error rate\s+≤ 1.00%\s+2.00%\s+FAIL/);
    expect(table).toContain('  runTask p99: advisory: timing against the embedded simulator');
  });
});
