// Test support for src/report: realistic RunSummary fixtures with real HDR histograms. Not part of the public API.
import { build, encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import type { Violation } from '../../core/violation.ts';
import { SUMMARY_SCHEMA_VERSION, type CheckCase, type ContractMatrixCell, type EndpointSummary, type LatencySummary, type LoadScenarioSummary, type RunSummary } from '../../core/summary.ts';
import { normal, seededRandom, type Random } from '../stats/random.ts';

/** Log-normal latencies in milliseconds around `medianMs`; `spread` is the σ of the log (0.3 calm, 1 noisy). */
export function sampleLatencies(random: Random, count: number, medianMs: number, spread = 0.35): number[] {
  return Array.from({ length: count }, () => medianMs * Math.exp(spread * normal(random)));
}

/** A LatencySummary as the load engine writes it: microseconds recorded into an HDR histogram, percentiles in ms. */
export function latencyFromSamples(samplesMs: number[]): LatencySummary {
  const histogram = build({ numberOfSignificantValueDigits: 3 });
  for (const ms of samplesMs) histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
  const at = (percentile: number) => (samplesMs.length > 0 ? histogram.getValueAtPercentile(percentile) / 1000 : 0);
  const summary: LatencySummary = {
    count: samplesMs.length,
    p50: at(50),
    p90: at(90),
    p99: at(99),
    p999: at(99.9),
    max: samplesMs.length > 0 ? histogram.maxValue / 1000 : 0,
    mean: samplesMs.length > 0 ? histogram.mean / 1000 : 0,
    histogram: encodeIntoCompressedBase64(histogram),
    histogramUnit: 'us',
  };
  histogram.destroy();
  return summary;
}

const SCHEMA_VIOLATION: Violation = {
  operationId: 'listTaskRuns',
  where: 'response',
  part: 'body',
  code: 'SCHEMA_MISMATCH',
  message: 'Received: "cursor_9" at /next_cursor\nDocumented: string matching ^cur_[A-Za-z0-9]+$',
  pointer: '/next_cursor',
  received: 'cursor_9',
  specLocation: '#/components/schemas/TaskRunList/properties/next_cursor',
};

const LIFECYCLE_VIOLATION: Violation = {
  operationId: 'getTaskRun',
  where: 'lifecycle',
  part: 'run',
  code: 'ILLEGAL_TRANSITION',
  message: 'Received: completed → running\nDocumented: completed is terminal',
  received: 'running',
};

function checks(): CheckCase[] {
  const spec = (['rightbrain', 'deck', 'refactor'] as const).flatMap((provider) => [
    { suite: 'spec' as const, group: provider, name: `${provider} spec lints clean`, ok: true, durationMs: 41 },
    { suite: 'spec' as const, group: provider, name: `${provider} examples match their schemas`, ok: true, durationMs: 12 },
  ]);
  return [
    ...spec,
    { suite: 'contract', group: 'deck', name: 'a queued run is created for a known task', ok: true, durationMs: 8 },
    { suite: 'contract', group: 'deck', name: 'a completed run is returned with its output', ok: true, durationMs: 6 },
    { suite: 'contract', group: 'deck', name: 'runs are listed page by page', ok: false, durationMs: 7, message: 'Response body does not match the pact\nExpected: next_cursor like "cur_abc"', violations: [SCHEMA_VIOLATION] },
    { suite: 'contract', group: 'rightbrain', name: 'a task run completes synchronously', ok: true, durationMs: 9 },
    { suite: 'contract', group: 'refactor', name: 'an async run is accepted', ok: true, durationMs: 5 },
    { suite: 'contract', group: 'refactor', name: 'a cancelled run stays cancelled', ok: true, skipped: true, message: 'provider state not implemented' },
    { suite: 'cross-check', group: 'deck', name: 'interaction "runs are listed page by page" uses a documented status', ok: false, message: 'Received: 206\nDocumented: 200, 400, 401, 500', violations: [{ ...SCHEMA_VIOLATION, part: 'status', code: 'STATUS_UNDOCUMENTED', message: 'Received: 206\nDocumented: 200, 400, 401, 500' }] },
    { suite: 'lifecycle', group: 'deck', name: 'no run leaves a terminal state', ok: true },
    { suite: 'slo', group: 'deck-task-runs', name: 'p99 latency ≤ 250 ms', ok: true },
    { suite: 'slo', group: 'deck-task-runs', name: 'error rate ≤ 1%', ok: false, message: 'Received: 1.8%\nThreshold: 1%' },
  ];
}

function contracts(): ContractMatrixCell[] {
  const cell = (provider: ContractMatrixCell['provider'], operationId: string, state: ContractMatrixCell['state'], interactions: number, statuses: number[]): ContractMatrixCell => ({ provider, operationId, state, interactions, statuses });
  return [
    cell('deck', 'runTask', 'pass', 3, [201, 400, 401]),
    cell('deck', 'getTaskRun', 'pass', 2, [200, 404]),
    cell('deck', 'listTaskRuns', 'fail', 1, [200]),
    cell('deck', 'submitInteractionInput', 'not-covered', 0, []),
    cell('deck', 'cancelTaskRun', 'pass', 1, [200]),
    cell('rightbrain', 'runTask', 'pass', 2, [200, 422]),
    cell('rightbrain', 'fetchTaskRun', 'pass', 1, [200]),
    cell('rightbrain', 'listTaskRuns', 'not-covered', 0, []),
    cell('refactor', 'runRunnable', 'pass', 2, [202, 200]),
    cell('refactor', 'getRunState', 'not-covered', 0, []),
  ];
}

function endpoint(random: Random, operationId: string, count: number, medianMs: number, seconds: number, statuses: Record<string, number>, slowdown: number, spread: number): EndpointSummary {
  const errors = Object.entries(statuses).filter(([status]) => status.startsWith('5')).reduce((sum, [, n]) => sum + n, 0);
  return {
    operationId,
    requests: count,
    ratePerSec: count / seconds,
    latency: latencyFromSamples(sampleLatencies(random, count, medianMs * slowdown, spread)),
    statuses,
    errors,
    timeouts: Math.round(count * 0.001),
  };
}

/** Mostly successes, a few client and server errors, always summing to `requests`. */
function statusMix(requests: number, [ok, client, server]: [string, string, string]): Record<string, number> {
  const clientErrors = Math.round(requests * 0.002);
  const serverErrors = Math.round(requests * 0.003);
  return { [ok]: requests - clientErrors - serverErrors, [client]: clientErrors, [server]: serverErrors };
}

/** Options for `buildRunSummary`: scale latencies, shrink the sample, or change the identity of the run. */
export interface FixtureOptions {
  runId?: string;
  seed?: number;
  /** Multiplies every latency: 1.3 = 30 % slower. */
  slowdown?: number;
  /** Requests per endpoint (runs scale with it). */
  requests?: number;
  /** σ of log-latency: 0.35 calm, 1.2 noisy. */
  spread?: number;
}

/** One scenario with its endpoints, runs, timeline, violations and thresholds. */
function scenario(random: Random, name: string, provider: LoadScenarioSummary['provider'], model: LoadScenarioSummary['model'], options: Required<FixtureOptions>, operations: Array<[string, number]>): LoadScenarioSummary {
  const seconds = 60;
  const requests = options.requests;
  const created = Math.max(1, Math.round(requests / 10));
  const endpoints = operations.map(([operationId, medianMs], index) =>
    endpoint(random, operationId, requests, medianMs, seconds, statusMix(requests, index === 0 ? ['201', '429', '500'] : ['200', '404', '503']), options.slowdown, options.spread),
  );
  const lost = name.startsWith('deck') && created >= 100 ? 2 : 0;
  const failed = Math.round(created * 0.01);
  return {
    scenario: name,
    provider,
    model,
    durationMs: seconds * 1000,
    endpoints,
    runs: {
      created,
      completed: created - failed - lost,
      failed,
      lost,
      lostIds: lost > 0 ? ['trun_8ZpQ2', 'trun_k3LmX'] : [],
      inFlight: 0,
      pollsPerRun: 4.2,
      wastedPolls: 2.1,
      completion: latencyFromSamples(sampleLatencies(random, created, 1800 * options.slowdown, options.spread)),
    },
    violations: { contract: 3, lifecycle: 1, samples: [SCHEMA_VIOLATION, LIFECYCLE_VIOLATION] },
    generatorLagMs: 1.4,
    timeline: Array.from({ length: seconds }, (_, second) => {
      const ramp = Math.min(1, (second + 1) / 10);
      return {
        second,
        requests: Math.round(((requests * operations.length) / seconds) * ramp * (0.9 + 0.2 * random())),
        runsCreated: Math.round((created / seconds) * ramp * (0.9 + 0.2 * random())),
        runsCompleted: Math.round((created / seconds) * Math.min(1, second / 12) * (0.9 + 0.2 * random())),
        errors: random() < 0.2 ? 1 : 0,
      };
    }),
    thresholds: [
      { name: 'p99Ms', threshold: 250, measured: endpoints[0]?.latency.p99 ?? 0, ok: (endpoints[0]?.latency.p99 ?? 0) <= 250 },
      { name: 'maxErrorRate', threshold: 0.01, measured: 0.018, ok: false },
    ],
  };
}

/** A realistic failing run: three providers' checks, a contract matrix, two load scenarios with real histograms. */
export function buildRunSummary(options: FixtureOptions = {}): RunSummary {
  const settings: Required<FixtureOptions> = { runId: '2025-01-15T10-30-00Z-a1b2c3', seed: 7, slowdown: 1, requests: 3000, spread: 0.35, ...options };
  const random = seededRandom(settings.seed);
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    runId: settings.runId,
    startedAt: '2025-01-15T10:30:00.000Z',
    finishedAt: '2025-01-15T10:32:14.500Z',
    durationMs: 134_500,
    runwardenVersion: '0.1.0',
    target: { kind: 'simulator', baseUrls: { deck: 'http://127.0.0.1:40123/v2', rightbrain: 'http://127.0.0.1:40123/api/v1', refactor: 'http://127.0.0.1:40123/v1' } },
    verdict: 'fail',
    checks: checks(),
    contracts: contracts(),
    load: [
      scenario(random, 'deck-task-runs', 'deck', 'open', settings, [['runTask', 42], ['getTaskRun', 18]]),
      scenario(random, 'rightbrain-sync-runs', 'rightbrain', 'closed', settings, [['runTask', 120], ['fetchTaskRun', 15]]),
    ],
  };
}

/** A run with nothing in it: no checks, no contracts, no load. Every chart must say "no data". */
export function buildEmptySummary(): RunSummary {
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    runId: 'empty-run',
    startedAt: '2025-01-15T10:30:00.000Z',
    finishedAt: '2025-01-15T10:30:00.100Z',
    durationMs: 100,
    runwardenVersion: '0.1.0',
    target: { kind: 'remote', baseUrls: {} },
    verdict: 'pass',
    checks: [],
    contracts: [],
    load: [],
  };
}
