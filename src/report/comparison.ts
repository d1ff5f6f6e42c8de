import type { EffectSize } from './stats/effect-size.ts';
import type { Interval } from './stats/quantile-bootstrap.ts';

/** How two runs are compared. Only `tolerance` is required. */
export interface CompareOptions {
  /** Smallest relative change that counts as a regression: 0.1 = 10 %. */
  tolerance: number;
  /** Family-wise confidence across every tested metric (Bonferroni), default 0.95. */
  confidence?: number;
  /** Bootstrap replicates per latency metric, default 10 000; raised (up to 100 000) so each tail of a family-wise interval holds ≥ 20. */
  resamples?: number;
  /** PRNG seed, so the same two runs always get the same verdict; default 1. */
  seed?: number;
  /** Fewer samples than this on either side makes a metric "not testable"; default 20. */
  minSamples?: number;
}

export type MetricName = 'latency.p50' | 'latency.p99' | 'rate' | 'errorRate' | 'completion.p50' | 'completion.p99' | 'runRate' | 'runFailureRate';

/** What one metric's change means, given the noise of both runs and the tolerance. */
export type MetricVerdict = 'regression' | 'improvement' | 'within-tolerance' | 'not-significant' | 'not-testable';

/** One metric of one endpoint or scenario, baseline against current. */
export interface MetricComparison {
  scenario: string;
  /** Set for endpoint metrics; absent for scenario-level (run) metrics. */
  operationId?: string;
  metric: MetricName;
  unit: 'ms' | 'per-second' | 'ratio';
  /** Which direction is worse. */
  worse: 'higher' | 'lower';
  baseline: number;
  current: number;
  /** current − baseline, in `unit`. */
  change: number;
  /** current / baseline − 1; null when the baseline is 0. */
  relativeChange: number | null;
  /** Confidence interval of `change` at the per-metric level; absent when not testable. */
  ci?: Interval;
  /** Confidence interval of `relativeChange`, for latencies and rates. */
  relativeCi?: Interval;
  effectSize?: EffectSize;
  samples: { baseline: number; current: number };
  verdict: MetricVerdict;
  /** Why a metric is not testable, or how the tolerance applies to it. */
  note?: string;
}

/** The result of `compareRuns`: every metric, what could not be matched, and the overall verdict. */
export interface RunComparison {
  baseline: { runId: string; startedAt: string };
  current: { runId: string; startedAt: string };
  settings: Required<CompareOptions> & { testedMetrics: number; perMetricConfidence: number };
  metrics: MetricComparison[];
  unmatched: Array<{ only: 'baseline' | 'current'; scenario: string; operationId?: string }>;
  regressions: number;
  verdict: 'regression' | 'no-regression';
}
