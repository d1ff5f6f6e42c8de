import type { LatencySummary, RunSummary } from '../core/summary.ts';
import { distributionOf, quantile } from './stats/distribution.ts';

/** Everything the page's script draws, precomputed so the browser only hands arrays to Chart.js. */
export interface ChartData {
  latency: { labels: string[]; series: Array<{ label: string; data: number[] }> };
  /** One cumulative distribution of run completion time per scenario: `[ms, percent of runs]` points. */
  completion: Array<{ scenario: string; source: 'histogram' | 'percentiles'; points: Array<[number, number]> }>;
  /** Per-second rates, one entry per scenario (the page draws one chart each). */
  timelines: Array<{ scenario: string; seconds: number[]; requests: number[]; runsCreated: number[]; runsCompleted: number[]; errors: number[] }>;
  statuses: { labels: string[]; series: Array<{ label: string; family: '2xx' | '3xx' | '4xx' | '5xx' | 'other' | 'timeout'; data: number[] }> };
  outcomes: { labels: string[]; data: number[] };
}

/** Percentile levels of the CDF: every percent, then finer steps into the tail. */
const CDF_LEVELS = [
  ...Array.from({ length: 99 }, (_, index) => index + 1),
  99.2, 99.4, 99.6, 99.8, 99.9, 99.95, 99.99, 100,
];

/** `[ms, percent]` points of a latency CDF, from the decoded histogram when there is one, else the stored percentiles. */
export function cdfPoints(latency: LatencySummary): { source: 'histogram' | 'percentiles'; points: Array<[number, number]> } {
  if (latency.count === 0) return { source: 'percentiles', points: [] };
  try {
    const distribution = distributionOf(latency);
    if (distribution && distribution.total > 0) {
      return { source: 'histogram', points: CDF_LEVELS.map((level) => [round(quantile(distribution, level / 100)), level]) };
    }
  } catch {
    // A corrupt histogram still leaves the stored percentiles to draw.
  }
  const points: Array<[number, number]> = [[latency.p50, 50], [latency.p90, 90], [latency.p99, 99], [latency.p999, 99.9], [latency.max, 100]];
  return { source: 'percentiles', points: points.map(([ms, level]) => [round(ms), level]) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function statusFamily(status: string): ChartData['statuses']['series'][number]['family'] {
  const family = `${status[0]}xx`;
  return family === '2xx' || family === '3xx' || family === '4xx' || family === '5xx' ? family : 'other';
}

/** Builds the chart data of a run; empty arrays mean "no data" and the page shows a note instead of a chart. */
export function chartData(summary: RunSummary): ChartData {
  const endpoints = summary.load.flatMap((scenario) => scenario.endpoints.map((endpoint) => ({ scenario: scenario.scenario, endpoint })));
  const names = endpoints.map(({ endpoint }) => endpoint.operationId);
  const ambiguous = new Set(names).size !== names.length || summary.load.length > 1;
  const label = ({ scenario, endpoint }: (typeof endpoints)[number]) => (ambiguous ? `${scenario} · ${endpoint.operationId}` : endpoint.operationId);
  const measured = endpoints.filter(({ endpoint }) => endpoint.latency.count > 0);
  const percentiles: Array<[string, keyof LatencySummary]> = [['p50', 'p50'], ['p90', 'p90'], ['p99', 'p99'], ['p99.9', 'p999']];

  const statusCodes = [...new Set(endpoints.flatMap(({ endpoint }) => Object.keys(endpoint.statuses)))].sort();
  const withTraffic = endpoints.filter(({ endpoint }) => Object.values(endpoint.statuses).some((count) => count > 0) || endpoint.timeouts > 0);
  const statusSeries: ChartData['statuses']['series'] = statusCodes.map((status) => ({
    label: status,
    family: statusFamily(status),
    data: withTraffic.map(({ endpoint }) => endpoint.statuses[status] ?? 0),
  }));
  if (withTraffic.some(({ endpoint }) => endpoint.timeouts > 0)) {
    statusSeries.push({ label: 'timeout', family: 'timeout', data: withTraffic.map(({ endpoint }) => endpoint.timeouts) });
  }

  const runs = summary.load.map((scenario) => scenario.runs);
  const outcomes = [
    runs.reduce((sum, run) => sum + run.completed, 0),
    runs.reduce((sum, run) => sum + run.failed, 0),
    runs.reduce((sum, run) => sum + run.lost, 0),
    runs.reduce((sum, run) => sum + run.inFlight, 0),
  ];

  return {
    latency: {
      labels: measured.map(label),
      series: measured.length === 0 ? [] : percentiles.map(([name, key]) => ({ label: name, data: measured.map(({ endpoint }) => round(endpoint.latency[key] as number)) })),
    },
    completion: summary.load
      .map((scenario) => ({ scenario: scenario.scenario, ...cdfPoints(scenario.runs.completion) }))
      .filter((entry) => entry.points.length > 0),
    timelines: summary.load
      .filter((scenario) => scenario.timeline.length > 0)
      .map((scenario) => ({
        scenario: scenario.scenario,
        seconds: scenario.timeline.map((bucket) => bucket.second),
        requests: scenario.timeline.map((bucket) => bucket.requests),
        runsCreated: scenario.timeline.map((bucket) => bucket.runsCreated),
        runsCompleted: scenario.timeline.map((bucket) => bucket.runsCompleted),
        errors: scenario.timeline.map((bucket) => bucket.errors),
      })),
    statuses: { labels: withTraffic.map(label), series: withTraffic.length === 0 ? [] : statusSeries },
    outcomes: outcomes.some((count) => count > 0)
      ? { labels: ['completed', 'failed', 'lost', 'in flight'].map((name, index) => `${name} (${outcomes[index]})`), data: outcomes }
      : { labels: [], data: [] },
  };
}
