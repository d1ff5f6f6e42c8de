import { describe, expect, it } from 'vitest';
import type { GateResult, LoadResult } from '../../load/index.ts';
import { loadScenarioSummary, sloCases } from './load-summary.ts';

const latency = { count: 0, p50: 0, p90: 0, p95: 0, p99: 0, p99_9: 0, max: 0, mean: 0 };
const gate = (over: Partial<GateResult>): GateResult => ({ name: 'getTaskRun p99', threshold: 50, measured: 80, unit: 'ms', verdict: 'fail', pass: false, ...over });
const resultWith = (gates: GateResult[]) => ({
  scenario: 's', model: { kind: 'open', rate: 1 }, elapsedMs: 1, endpoints: {}, gates,
  runs: { created: 0, completed: 0, failed: 0, lost: 0, lostIds: [], inFlight: 0, polls: { perRun: latency, wasted: 0 }, completionMs: latency, completionHistogram: '' },
  violations: { contract: 0, lifecycle: 0, examples: [], byCode: {} }, generator: { lagMs: latency }, timeline: [],
}) as unknown as LoadResult;

describe('SLO checks from gates', () => {
  it('fails a failed gate, skips an inconclusive one and passes an advisory breach, saying so in name and message', () => {
    const cases = sloCases(resultWith([
      gate({}),
      gate({ verdict: 'inconclusive', pass: true, note: 'inconclusive: 60 samples, a p99 needs at least 500' }),
      gate({ verdict: 'advisory', pass: true, advisory: true, note: 'advisory: timing against the embedded simulator measures the machine' }),
    ]));
    expect(cases.map((c) => [c.name, c.ok, c.skipped ?? false])).toEqual([
      ['getTaskRun p99 ≤ 50 ms', false, false],
      ['getTaskRun p99 ≤ 50 ms', true, true],
      ['getTaskRun p99 ≤ 50 ms (advisory)', true, false],
    ]);
    expect(cases[1]!.message).toContain('60 samples, a p99 needs at least 500');
    expect(cases[2]!.message).toContain('Over the threshold, not failing: advisory');
  });

  it('carries each gate\'s verdict and note into summary.json', () => {
    const summary = loadScenarioSummary(resultWith([gate({}), gate({ verdict: 'advisory', pass: true, advisory: true, note: 'why' })]), ['p']);
    expect(summary.thresholds).toEqual([
      { name: 'getTaskRun p99', threshold: 50, measured: 80, ok: false, verdict: 'fail' },
      { name: 'getTaskRun p99', threshold: 50, measured: 80, ok: true, verdict: 'advisory', note: 'why' },
    ]);
  });
});
