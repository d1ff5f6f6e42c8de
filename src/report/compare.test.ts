import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../core/summary.ts';
import { compareRuns } from './compare.ts';
import { buildRunSummary } from './testing/fixtures.ts';

const latencyMetrics = (comparison: ReturnType<typeof compareRuns>) => comparison.metrics.filter((metric) => metric.unit === 'ms');

describe('compareRuns', () => {
  it('finds no regression between a run and itself', () => {
    const run = buildRunSummary();
    const comparison = compareRuns(run, run, { tolerance: 0.1 });
    expect(comparison.verdict).toBe('no-regression');
    expect(comparison.metrics.length).toBe(24);
    expect(comparison.metrics.every((metric) => metric.verdict === 'not-significant')).toBe(true);
    for (const metric of latencyMetrics(comparison)) {
      expect(metric.ci?.low).toBeLessThanOrEqual(0);
      expect(metric.ci?.high).toBeGreaterThanOrEqual(0);
      expect(metric.effectSize?.value).toBe(0);
    }
  });

  it('flags a run 30% slower, with plenty of samples, as a significant regression with a large effect', () => {
    const baseline = buildRunSummary({ seed: 11 });
    const current = buildRunSummary({ seed: 12, slowdown: 1.3 });
    const comparison = compareRuns(baseline, current, { tolerance: 0.1 });
    expect(comparison.verdict).toBe('regression');
    const p50s = comparison.metrics.filter((metric) => metric.metric === 'latency.p50');
    expect(p50s).toHaveLength(4);
    for (const metric of p50s) {
      expect(metric.verdict).toBe('regression');
      expect(metric.relativeChange).toBeGreaterThan(0.2);
      expect(metric.relativeChange).toBeLessThan(0.4);
      expect(metric.relativeCi?.low).toBeGreaterThan(0.1);
      expect(metric.effectSize?.kind).toBe('cliffs-delta');
      expect(metric.effectSize?.value).toBeGreaterThan(0.3);
    }
    expect(comparison.regressions).toBe(comparison.metrics.filter((metric) => metric.verdict === 'regression').length);
  });

  it('does not call a noisy difference between tiny samples a regression', () => {
    const baseline = buildRunSummary({ seed: 21, requests: 25, spread: 1.2 });
    const current = buildRunSummary({ seed: 22, requests: 25, spread: 1.2, slowdown: 1.3 });
    const comparison = compareRuns(baseline, current, { tolerance: 0.1 });
    expect(comparison.verdict).toBe('no-regression');
    const tested = latencyMetrics(comparison).filter((metric) => metric.operationId);
    expect(tested.every((metric) => metric.verdict === 'not-significant')).toBe(true);
    // Far fewer runs than requests: run completion has too few samples to test at all.
    expect(comparison.metrics.find((metric) => metric.metric === 'completion.p50')?.verdict).toBe('not-testable');
  });

  it('raises no false alarm across repeated runs of the same system (family-wise confidence)', () => {
    for (let seed = 100; seed < 110; seed++) {
      const comparison = compareRuns(buildRunSummary({ seed, requests: 600 }), buildRunSummary({ seed: seed + 1000, requests: 600 }), { tolerance: 0.05 });
      expect(comparison.regressions, `seed ${seed}`).toBe(0);
    }
  });

  it('calls a significant change smaller than the tolerance "within tolerance", not a regression', () => {
    const baseline = buildRunSummary({ seed: 31, requests: 40_000 });
    const current = buildRunSummary({ seed: 32, requests: 40_000, slowdown: 1.06 });
    const comparison = compareRuns(baseline, current, { tolerance: 0.1 });
    expect(comparison.verdict).toBe('no-regression');
    const p50s = comparison.metrics.filter((metric) => metric.metric === 'latency.p50');
    expect(p50s.every((metric) => metric.verdict === 'within-tolerance')).toBe(true);
    // The same data against a 3% tolerance regresses.
    expect(compareRuns(baseline, current, { tolerance: 0.03 }).verdict).toBe('regression');
  });

  it('reports a faster run as an improvement', () => {
    const comparison = compareRuns(buildRunSummary({ seed: 41 }), buildRunSummary({ seed: 42, slowdown: 0.7 }), { tolerance: 0.1 });
    expect(comparison.verdict).toBe('no-regression');
    expect(comparison.metrics.filter((metric) => metric.metric === 'latency.p50').every((metric) => metric.verdict === 'improvement')).toBe(true);
  });

  it('falls back to point values, "not testable", when histograms are missing', () => {
    const strip = (run: RunSummary) => {
      for (const scenario of run.load) for (const endpoint of scenario.endpoints) delete endpoint.latency.histogram;
      return run;
    };
    const baseline = strip(buildRunSummary({ seed: 51 }));
    const current = strip(buildRunSummary({ seed: 52, slowdown: 1.5 }));
    const comparison = compareRuns(baseline, current, { tolerance: 0.1 });
    const endpointLatency = comparison.metrics.filter((metric) => metric.metric === 'latency.p99');
    expect(endpointLatency.every((metric) => metric.verdict === 'not-testable' && metric.note?.includes('no histogram'))).toBe(true);
    expect(endpointLatency[0]?.baseline).toBe(baseline.load[0]?.endpoints[0]?.latency.p99);
    expect(endpointLatency[0]?.relativeChange).toBeGreaterThan(0.3);
    // Run completion still has histograms and still regresses.
    expect(comparison.metrics.find((metric) => metric.metric === 'completion.p50')?.verdict).toBe('regression');
  });

  it('detects a jump in the error rate even from a baseline of almost no errors', () => {
    const baseline = buildRunSummary({ seed: 61 });
    const current = buildRunSummary({ seed: 61 });
    const endpoint = current.load[0]?.endpoints[0];
    if (!endpoint) throw new Error('fixture has no endpoint');
    endpoint.errors = 150;
    const comparison = compareRuns(baseline, current, { tolerance: 0.1 });
    const errorRate = comparison.metrics.find((metric) => metric.metric === 'errorRate' && metric.operationId === endpoint.operationId && metric.scenario === 'deck-task-runs');
    expect(errorRate?.verdict).toBe('regression');
    expect(errorRate?.effectSize?.kind).toBe('cohens-h');
    expect(comparison.verdict).toBe('regression');
  });

  it('lists scenarios and endpoints present in only one run', () => {
    const baseline = buildRunSummary({ requests: 200 });
    const current = buildRunSummary({ requests: 200 });
    current.load[0]?.endpoints.pop();
    const renamed = current.load[1];
    if (renamed) renamed.scenario = 'rightbrain-async-runs';
    const comparison = compareRuns(baseline, current, { tolerance: 0.1 });
    expect(comparison.unmatched).toEqual([
      { only: 'baseline', scenario: 'deck-task-runs', operationId: 'getTaskRun' },
      { only: 'current', scenario: 'rightbrain-async-runs' },
      { only: 'baseline', scenario: 'rightbrain-sync-runs' },
    ]);
  });

  it('gives the same verdict and intervals for the same inputs and seed', () => {
    const baseline = buildRunSummary({ seed: 71, requests: 500 });
    const current = buildRunSummary({ seed: 72, requests: 500, slowdown: 1.1 });
    expect(compareRuns(baseline, current, { tolerance: 0.05, seed: 9 })).toEqual(compareRuns(baseline, current, { tolerance: 0.05, seed: 9 }));
  });

  it('records its settings, with the per-metric confidence that makes the family-wise level hold', () => {
    const run = buildRunSummary({ requests: 200 });
    const { settings } = compareRuns(run, run, { tolerance: 0.1 });
    expect(settings.testedMetrics).toBe(24);
    expect(settings.perMetricConfidence).toBeCloseTo(1 - 0.05 / 24, 10);
    expect(settings.resamples).toBeGreaterThanOrEqual(Math.ceil(40 / (0.05 / 24)));
  });
});
