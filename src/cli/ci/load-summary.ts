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
export function loadScenarioSummary(result: LoadResult, providers: readonly string[]): LoadScenarioSummary {
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
    thresholds: result.gates.map((gate) => ({
      name: gate.name, threshold: gate.threshold, measured: gate.measured, ok: gate.pass, verdict: gate.verdict, ...(gate.note === undefined ? {} : { note: gate.note }),
    })),
  };
}

/**
 * One SLO check per threshold of the scenario: threshold / measured / verdict, and for a failed run-level gate, which
 * runs and rules. An inconclusive gate is a skipped check (the run could not judge it); an advisory one passes, its
 * name and message saying it is advisory.
 */
export function sloCases(result: LoadResult): CheckCase[] {
  return result.gates.map((gate) => {
    const unit = gate.unit === 'ms' ? ' ms' : '';
    const measured = `Received: ${gate.measured === null ? 'nothing measured' : `${gate.measured}${unit}`}\nThreshold: ${gate.threshold}${unit}`;
    const advisory = gate.advisory === true;
    const name = `${gate.name} ≤ ${gate.threshold}${unit}${advisory ? ' (advisory)' : ''}`;
    const base = { suite: 'slo' as const, group: result.scenario, name };
    if (gate.verdict === 'inconclusive') return { ...base, ok: true, skipped: true, message: [measured, gate.note ?? 'inconclusive'].join('\n') };
    if (gate.verdict === 'advisory') return { ...base, ok: true, message: [measured, `Over the threshold, not failing: ${gate.note ?? 'advisory'}`].join('\n') };
    const evidence = gate.pass ? [] : evidenceOf(gate.name, result);
    return { ...base, ok: gate.pass, ...(gate.pass ? {} : { message: [measured, ...evidence].join('\n') }) };
  });
}

const SHOWN = 5;

/** What a reader needs to act on a failed gate: the rules broken and example findings, or the lost runs' ids. */
function evidenceOf(gate: string, result: LoadResult): string[] {
  if (gate === 'violations') {
    const byCode = Object.entries(result.violations.byCode).sort((a, b) => b[1] - a[1]).map(([code, count]) => `${code} ×${count}`);
    // One example of each rule first, so a rare rule is not hidden behind a frequent one.
    const firsts = [...new Map(result.violations.examples.map((violation) => [violation.code, violation])).values()];
    const rest = result.violations.examples.filter((violation) => !firsts.includes(violation));
    const examples = [...firsts, ...rest].slice(0, SHOWN).map((violation) => `${violation.code} (${violation.operationId}${violation.pointer ? ` ${violation.pointer}` : ''}): ${violation.message.split('\n').join('; ')}`);
    return [`By rule: ${byCode.join(', ')}`, ...examples];
  }
  if (gate === 'lost runs' && result.runs.lostIds.length > 0) {
    const more = result.runs.lostIds.length > SHOWN ? ` and ${result.runs.lostIds.length - SHOWN} more` : '';
    return [`Lost runs (never seen terminal within the run timeout): ${result.runs.lostIds.slice(0, SHOWN).join(', ')}${more}`];
  }
  return [];
}
