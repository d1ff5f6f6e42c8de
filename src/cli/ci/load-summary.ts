import type { ProviderName } from '../../core/providers.ts';
import type { CheckCase, LatencySummary, LoadScenarioSummary } from '../../core/summary.ts';
import type { LatencySummary as LoadLatency, LoadResult } from '../../load/index.ts';

/** The load engine's percentiles (µs histograms, reported in ms) in the summary's shape. */
function latency(summary: LoadLatency, histogram?: string): LatencySummary {
  return {
    count: summary.count, p50: summary.p50, p90: summary.p90, p99: summary.p99, p999: summary.p99_9, max: summary.max, mean: summary.mean,
    ...(histogram === undefined ? {} : { histogram, histogramUnit: 'us' as const }),
  };
}

/** Maps one load result onto the report model. */
export function loadScenarioSummary(result: LoadResult, providers: readonly ProviderName[]): LoadScenarioSummary {
  return {
    scenario: result.scenario,
    provider: providers.length === 1 ? providers[0]! : 'mixed',
    model: result.model.kind,
    durationMs: Math.round(result.elapsedMs),
    endpoints: Object.entries(result.endpoints).map(([key, endpoint]) => ({
      operationId: key,
      requests: endpoint.responses,
      ratePerSec: endpoint.ratePerSecond,
      latency: latency(endpoint.latencyMs, endpoint.histogram),
      statuses: endpoint.statusCounts,
      errors: endpoint.errors,
      timeouts: endpoint.timeouts,
    })),
    runs: {
      created: result.runs.created,
      completed: result.runs.completed,
      failed: result.runs.failed,
      lost: result.runs.lost,
      lostIds: result.runs.lostIds,
      inFlight: result.runs.inFlight,
      pollsPerRun: result.runs.polls.perRun.mean,
      wastedPolls: result.runs.polls.wasted,
      completion: latency(result.runs.completionMs, result.runs.completionHistogram),
    },
    violations: { contract: result.violations.contract, lifecycle: result.violations.lifecycle, samples: result.violations.examples },
    generatorLagMs: result.generator.lagMs.p99,
    timeline: result.timeline,
    thresholds: result.gates.map((gate) => ({ name: gate.name, threshold: gate.threshold, measured: gate.measured, ok: gate.pass })),
  };
}

/** One SLO check per threshold of the scenario: threshold / measured / verdict. */
export function sloCases(result: LoadResult): CheckCase[] {
  return result.gates.map((gate) => ({
    suite: 'slo',
    group: result.scenario,
    name: `${gate.name} ≤ ${gate.threshold}${gate.unit === 'ms' ? ' ms' : ''}`,
    ok: gate.pass,
    ...(gate.pass ? {} : { message: `Received: ${gate.measured === null ? 'nothing measured' : `${gate.measured}${gate.unit === 'ms' ? ' ms' : ''}`}\nThreshold: ${gate.threshold}${gate.unit === 'ms' ? ' ms' : ''}` }),
  }));
}
