import type { RunSummary } from '../core/summary.ts';
import type { CompareOptions, MetricComparison, MetricVerdict, RunComparison } from './comparison.ts';
import { endpointDrafts, scenarioDrafts, type Draft, type DraftContext } from './compare-metrics.ts';
import { seededRandom } from './stats/random.ts';

export type { CompareOptions, MetricComparison, MetricName, MetricVerdict, RunComparison } from './comparison.ts';

const DEFAULTS = { confidence: 0.95, resamples: 10_000, seed: 1, minSamples: 20 };
const MAX_RESAMPLES = 100_000;

function relative(baseline: number, current: number): number | null {
  if (baseline === 0) return current === 0 ? 0 : null;
  return current / baseline - 1;
}

/** Turns a tested draft into a verdict: significant (CI excludes zero) and beyond the tolerance, in the worse direction. */
function judge(draft: Draft, alpha: number, tolerance: number): MetricComparison {
  const { test, untestable, toleranceBase, ...rest } = draft;
  const change = draft.current - draft.baseline;
  const relativeChange = relative(draft.baseline, draft.current);
  if (untestable) return { ...rest, change, relativeChange, verdict: 'not-testable', note: untestable };
  const tested = test(alpha);
  const ci = tested.ci ?? { low: 0, high: 0 };
  const sign = draft.worse === 'higher' ? 1 : -1;
  const worseSignificant = sign > 0 ? ci.low > 0 : ci.high < 0;
  const betterSignificant = sign > 0 ? ci.high < 0 : ci.low > 0;
  const size = toleranceBase !== undefined ? change / toleranceBase : (relativeChange ?? Math.sign(change) * Infinity);
  const beyond = Math.abs(size) > tolerance;
  const verdict: MetricVerdict = worseSignificant && beyond && sign * size > 0
    ? 'regression'
    : betterSignificant && beyond && sign * size < 0
      ? 'improvement'
      : worseSignificant || betterSignificant ? 'within-tolerance' : 'not-significant';
  const note = toleranceBase !== undefined ? `tolerance applies to the change relative to max(baseline, 1%)` : undefined;
  return { ...rest, change, relativeChange, ...tested, verdict, ...(note ? { note } : {}) };
}

/** Pairs scenarios by name and endpoints by operation; drafts a metric set for every pair, lists what has no partner. */
function pair(baseline: RunSummary, current: RunSummary, context: DraftContext): { drafts: Draft[]; unmatched: RunComparison['unmatched'] } {
  const drafts: Draft[] = [];
  const unmatched: RunComparison['unmatched'] = [];
  for (const after of current.load) {
    const before = baseline.load.find((scenario) => scenario.scenario === after.scenario);
    if (!before) {
      unmatched.push({ only: 'current', scenario: after.scenario });
      continue;
    }
    const seconds = { before: before.durationMs / 1000, after: after.durationMs / 1000 };
    for (const endpoint of after.endpoints) {
      const previous = before.endpoints.find((candidate) => candidate.operationId === endpoint.operationId);
      if (previous) drafts.push(...endpointDrafts(after.scenario, previous, endpoint, seconds, context));
      else unmatched.push({ only: 'current', scenario: after.scenario, operationId: endpoint.operationId });
    }
    for (const endpoint of before.endpoints) {
      const kept = after.endpoints.some((candidate) => candidate.operationId === endpoint.operationId);
      if (!kept) unmatched.push({ only: 'baseline', scenario: after.scenario, operationId: endpoint.operationId });
    }
    drafts.push(...scenarioDrafts(before, after, context));
  }
  for (const before of baseline.load) {
    const kept = current.load.some((scenario) => scenario.scenario === before.scenario);
    if (!kept) unmatched.push({ only: 'baseline', scenario: before.scenario });
  }
  return { drafts, unmatched };
}

/**
 * Compares two runs per endpoint and per scenario. A metric regresses only when the confidence interval of its change
 * excludes zero in the worse direction AND the change exceeds the tolerance; the confidence level is family-wise
 * (Bonferroni over every tested metric), so a comparison of 40 metrics is not 40 chances of a false alarm.
 */
export function compareRuns(baseline: RunSummary, current: RunSummary, options: CompareOptions): RunComparison {
  const settings = { ...DEFAULTS, ...options };
  const context: DraftContext = { random: seededRandom(settings.seed), resamples: settings.resamples, minSamples: settings.minSamples, cache: new Map() };
  const { drafts, unmatched } = pair(baseline, current, context);
  const testedMetrics = drafts.filter((draft) => !draft.untestable).length;
  const alpha = (1 - settings.confidence) / Math.max(testedMetrics, 1);
  // Each tail of a bootstrap interval needs enough replicates to be stable: at least 20 beyond each bound.
  context.resamples = Math.min(MAX_RESAMPLES, Math.max(settings.resamples, Math.ceil(40 / alpha)));
  const metrics = drafts.map((draft) => judge(draft, alpha, settings.tolerance));
  const regressions = metrics.filter((metric) => metric.verdict === 'regression').length;
  return {
    baseline: { runId: baseline.runId, startedAt: baseline.startedAt },
    current: { runId: current.runId, startedAt: current.startedAt },
    settings: { ...settings, resamples: context.resamples, testedMetrics, perMetricConfidence: 1 - alpha },
    metrics,
    unmatched,
    regressions,
    verdict: regressions > 0 ? 'regression' : 'no-regression',
  };
}
