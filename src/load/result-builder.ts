import type { Thresholds } from './thresholds.ts';
import { evaluateGates } from './gates.ts';
import { encodeHistogram, summarizeCounts, summarizeMicroseconds } from './histogram.ts';
import type { FlowRunner } from './flow-runner.ts';
import type { LoadMetrics } from './metrics.ts';
import type { EndpointResult, LoadResult } from './result.ts';
import type { RunState, RunTracker } from './run-tracker.ts';
import type { Scenario, WorkloadModel } from './scenario.ts';
import type { TimelineBucket } from './timeline.ts';

export interface RunFacts {
  scenario: Scenario;
  model: WorkloadModel;
  targets: Record<string, string>;
  startedAt: Date;
  durationMs: number;
  elapsedMs: number;
  drainMs: number;
  /** How long the arrival phase really lasted, and each endpoint's responses within it. */
  windowMs: number;
  windowResponses: ReadonlyMap<string, number>;
  stopReason: LoadResult['stopReason'];
  abandoned: number;
  arrivals: number;
  inFlight: readonly RunState[];
  validateEvery: number | undefined;
  thresholds: Thresholds;
  timeline: TimelineBucket[];
}

const record = (map: ReadonlyMap<string | number, number>): Record<string, number> => Object.fromEntries([...map].map(([key, value]) => [String(key), value]));

/** Assembles the result JSON from the engine's counters and histograms, then evaluates the gates. */
export function buildResult(facts: RunFacts, metrics: LoadMetrics, tracker: RunTracker, runner: FlowRunner): LoadResult {
  const perSecond = (count: number): number => (facts.windowMs > 0 ? Math.round((count / facts.windowMs) * 1000 * 10) / 10 : 0);
  const endpoints: Record<string, EndpointResult> = {};
  const statusCounts = new Map<number, number>();
  let windowTotal = 0;
  for (const [key, stats] of metrics.endpoints) {
    const inWindow = facts.windowResponses.get(key) ?? 0;
    windowTotal += inWindow;
    for (const [status, count] of stats.statusCounts) statusCounts.set(status, (statusCounts.get(status) ?? 0) + count);
    endpoints[key] = {
      operationId: stats.operationId, provider: stats.provider, sent: stats.sent, responses: stats.responses, ratePerSecond: perSecond(inWindow),
      errors: stats.errors, timeouts: stats.timeouts, connectionErrors: stats.connectionErrors,
      statusCounts: record(stats.statusCounts), latencyMs: summarizeMicroseconds(stats.latency), histogram: encodeHistogram(stats.latency),
    };
  }
  const totals = metrics.totals();
  const lifecycle = tracker.lifecycleViolations;
  const contract = runner.contractViolations;
  const measured: Omit<LoadResult, 'gates' | 'passed'> = {
    format: 'runwarden.load.v1',
    scenario: facts.scenario.name,
    description: facts.scenario.description,
    model: facts.model,
    targets: facts.targets,
    startedAt: facts.startedAt.toISOString(),
    endedAt: new Date(facts.startedAt.getTime() + facts.elapsedMs).toISOString(),
    durationMs: facts.durationMs,
    elapsedMs: Math.round(facts.elapsedMs),
    drainMs: facts.drainMs,
    stopReason: facts.stopReason,
    aborted: facts.stopReason === 'aborted',
    requests: {
      sent: totals.sent, responses: totals.responses, ratePerSecond: perSecond(windowTotal),
      errors: totals.errors, errorRate: totals.sent > 0 ? totals.errors / (totals.sent - facts.abandoned || 1) : 0,
      timeouts: totals.timeouts, abandoned: facts.abandoned, statusCounts: record(statusCounts),
    },
    endpoints,
    runs: {
      created: tracker.created, completed: tracker.completed, failed: tracker.failed, createFailed: tracker.createFailed,
      unfinished: tracker.unfinished,
      lost: tracker.lostIds.length, lostIds: [...tracker.lostIds],
      inFlight: facts.inFlight.length, inFlightIds: facts.inFlight.map((run) => run.id ?? '(creating)'),
      terminalStatuses: record(tracker.terminalStatuses),
      completionMs: summarizeMicroseconds(metrics.runCompletion), completionHistogram: encodeHistogram(metrics.runCompletion),
      polls: {
        total: tracker.polls, wasted: tracker.wastedPolls,
        perRun: summarizeCounts(metrics.pollsPerRun), perRunHistogram: encodeHistogram(metrics.pollsPerRun),
      },
    },
    violations: {
      total: contract.count + lifecycle.count, contract: contract.count, lifecycle: lifecycle.count,
      sampledResponses: runner.sampled, validateEvery: facts.validateEvery ?? null,
      byCode: { ...record(contract.byCode), ...record(lifecycle.byCode) },
      examples: interleave(lifecycle.examples, contract.examples).slice(0, 20),
    },
    generator: { arrivals: facts.arrivals, lagMs: summarizeMicroseconds(metrics.generatorLag), lagHistogram: encodeHistogram(metrics.generatorLag) },
    thresholds: facts.thresholds,
    timeline: facts.timeline,
  };
  const gates = evaluateGates(measured, facts.thresholds);
  return { ...measured, gates, passed: gates.every((gate) => gate.pass) };
}


/** Alternates two lists, so neither kind of finding crowds the other out of the examples. */
function interleave<T>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i]!);
    if (i < b.length) out.push(b[i]!);
  }
  return out;
}
