import { RunwardenError } from '../core/errors.ts';
import type { EndpointSummary, LatencySummary, LoadScenarioSummary } from '../core/summary.ts';
import type { MetricComparison, MetricName } from './comparison.ts';
import { proportionDifferenceInterval, rateRatioInterval } from './stats/count-tests.ts';
import { distributionOf, quantile, type Distribution } from './stats/distribution.ts';
import { cliffsDelta, cohensH } from './stats/effect-size.ts';
import { bootstrapQuantileShift } from './stats/quantile-bootstrap.ts';
import { normalQuantile, type Random } from './stats/random.ts';

/** A metric measured on both runs, not yet judged: `test(alpha)` yields its intervals at level 1 − alpha. */
export type Draft = Omit<MetricComparison, 'verdict' | 'ci' | 'relativeCi' | 'effectSize' | 'note' | 'change' | 'relativeChange'> & {
  test: (alpha: number) => Pick<MetricComparison, 'ci' | 'relativeCi' | 'effectSize'>;
  untestable?: string;
  /** Error-rate tolerance is absolute, in proportion points, relative to max(baseline, 1 %). */
  toleranceBase?: number;
};

/** What every draft builder shares: the seeded PRNG, the bootstrap size, the testability floor and decoded histograms. */
export interface DraftContext {
  random: Random;
  resamples: number;
  minSamples: number;
  cache: Map<LatencySummary, Distribution | undefined>;
}

function decode(latency: LatencySummary, where: string, cache: Map<LatencySummary, Distribution | undefined>): Distribution | undefined {
  if (!cache.has(latency)) {
    try {
      cache.set(latency, distributionOf(latency));
    } catch (error) {
      throw new RunwardenError('REPORT_INVALID', `${where}: the latency histogram cannot be decoded (${(error as Error).message})`, 'Re-run to regenerate summary.json.');
    }
  }
  return cache.get(latency);
}

/** Which endpoint or scenario a metric belongs to. */
type Key = { scenario: string; operationId?: string };

/** Draft metrics for one pair of latency summaries: p50 and p99 with bootstrap CIs, or point values when untestable. */
function latencyDrafts(key: Key, names: [MetricName, MetricName], before: LatencySummary, after: LatencySummary, context: DraftContext): Draft[] {
  const where = `${key.scenario}${key.operationId ? ` › ${key.operationId}` : ''}`;
  const baseDist = decode(before, `baseline ${where}`, context.cache);
  const curDist = decode(after, `current ${where}`, context.cache);
  const missing = !baseDist && !curDist ? 'baseline or current run' : !baseDist ? 'baseline' : 'current run';
  const fewest = Math.min(baseDist?.total ?? 0, curDist?.total ?? 0);
  const untestable = !baseDist || !curDist
    ? `no histogram in the ${missing}; point values only`
    : fewest < context.minSamples ? `only ${fewest} samples, need ${context.minSamples}` : undefined;
  return ([0.5, 0.99] as const).map((p, index) => ({
    ...key,
    metric: names[index] as MetricName,
    unit: 'ms' as const,
    worse: 'higher' as const,
    baseline: baseDist && curDist ? quantile(baseDist, p) : p === 0.5 ? before.p50 : before.p99,
    current: baseDist && curDist ? quantile(curDist, p) : p === 0.5 ? after.p50 : after.p99,
    samples: { baseline: baseDist?.total ?? before.count, current: curDist?.total ?? after.count },
    untestable,
    test: (alpha: number) => {
      if (!baseDist || !curDist) return {};
      const shift = bootstrapQuantileShift(baseDist, curDist, p, { resamples: context.resamples, alpha, random: context.random });
      return { ci: shift.difference, relativeCi: shift.relative, effectSize: cliffsDelta(baseDist, curDist) };
    },
  }));
}

/** A throughput (events per second, lower is worse), tested with a Poisson rate-ratio interval. */
function rateDraft(key: Key, metric: MetricName, before: { count: number; seconds: number }, after: { count: number; seconds: number }, minSamples: number): Draft {
  const baseline = before.seconds > 0 ? before.count / before.seconds : 0;
  const current = after.seconds > 0 ? after.count / after.seconds : 0;
  const fewest = Math.min(before.count, after.count);
  return {
    ...key,
    metric,
    unit: 'per-second',
    worse: 'lower',
    baseline,
    current,
    samples: { baseline: before.count, current: after.count },
    untestable: !(before.seconds > 0 && after.seconds > 0)
      ? 'no duration recorded'
      : fewest < minSamples ? `only ${fewest} events, need ${minSamples}` : undefined,
    test: (alpha) => {
      const interval = rateRatioInterval(before, after, normalQuantile(1 - alpha / 2));
      return {
        ci: { low: baseline * (interval.low - 1), high: baseline * (interval.high - 1) },
        relativeCi: { low: interval.low - 1, high: interval.high - 1 },
      };
    },
  };
}

/** A failure proportion (higher is worse), tested with an Agresti–Caffo interval; effect size Cohen's h. */
function proportionDraft(key: Key, metric: MetricName, before: { events: number; trials: number }, after: { events: number; trials: number }, minSamples: number): Draft {
  // Producers may count a failure twice (e.g. a timeout that is also an error); a proportion never exceeds 1.
  const clamp = (side: { events: number; trials: number }) => ({ events: Math.min(side.events, side.trials), trials: side.trials });
  const [was, now] = [clamp(before), clamp(after)];
  const baseline = was.trials > 0 ? was.events / was.trials : 0;
  const current = now.trials > 0 ? now.events / now.trials : 0;
  const fewest = Math.min(was.trials, now.trials);
  return {
    ...key,
    metric,
    unit: 'ratio',
    worse: 'higher',
    baseline,
    current,
    toleranceBase: Math.max(baseline, 0.01),
    samples: { baseline: was.trials, current: now.trials },
    untestable: fewest < minSamples ? `only ${fewest} trials, need ${minSamples}` : undefined,
    test: (alpha) => ({ ci: proportionDifferenceInterval(was, now, normalQuantile(1 - alpha / 2)), effectSize: cohensH(baseline, current) }),
  };
}

/** Latency p50/p99, request rate and error rate of one endpoint present in both runs. */
export function endpointDrafts(scenario: string, before: EndpointSummary, after: EndpointSummary, scenarioSeconds: { before: number; after: number }, context: DraftContext): Draft[] {
  const key = { scenario, operationId: after.operationId };
  const seconds = (endpoint: EndpointSummary, fallback: number) => (endpoint.ratePerSec > 0 ? endpoint.requests / endpoint.ratePerSec : fallback);
  const failures = (endpoint: EndpointSummary) => ({ events: endpoint.errors + endpoint.timeouts, trials: endpoint.requests });
  return [
    ...latencyDrafts(key, ['latency.p50', 'latency.p99'], before.latency, after.latency, context),
    rateDraft(key, 'rate', { count: before.requests, seconds: seconds(before, scenarioSeconds.before) }, { count: after.requests, seconds: seconds(after, scenarioSeconds.after) }, context.minSamples),
    proportionDraft(key, 'errorRate', failures(before), failures(after), context.minSamples),
  ];
}

/** Run completion p50/p99, completed runs per second and the failed + lost share of one scenario present in both runs. */
export function scenarioDrafts(before: LoadScenarioSummary, after: LoadScenarioSummary, context: DraftContext): Draft[] {
  const key = { scenario: after.scenario };
  const completed = (scenario: LoadScenarioSummary) => ({ count: scenario.runs.completed, seconds: scenario.durationMs / 1000 });
  const unsuccessful = (scenario: LoadScenarioSummary) => ({ events: scenario.runs.failed + scenario.runs.lost, trials: scenario.runs.created });
  return [
    ...latencyDrafts(key, ['completion.p50', 'completion.p99'], before.runs.completion, after.runs.completion, context),
    rateDraft(key, 'runRate', completed(before), completed(after), context.minSamples),
    proportionDraft(key, 'runFailureRate', unsuccessful(before), unsuccessful(after), context.minSamples),
  ];
}
