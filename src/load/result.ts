import type { Violation } from '../core/violation.ts';
import type { GateResult } from './gates.ts';
import type { LatencySummary } from './histogram.ts';
import type { WorkloadModel } from './scenario.ts';
import type { Shard } from './shard.ts';
import type { Thresholds } from './thresholds.ts';
import type { TimelineBucket } from './timeline.ts';

/** Per-endpoint figures, keyed by operationId (or `provider.operationId` where two providers share one). `histogram` is the HDR latency histogram (µs), compressed base64, for merging runs. */
export interface EndpointResult {
  operationId: string;
  provider: string;
  sent: number;
  responses: number;
  /** Responses per second over the arrival phase. */
  ratePerSecond: number;
  errors: number;
  timeouts: number;
  connectionErrors: number;
  statusCounts: Record<string, number>;
  latencyMs: LatencySummary;
  histogram: string;
}

/** The results of one load run, as written to reports/load/<scenario>-<timestamp>.json. */
export interface LoadResult {
  format: 'runwarden.load.v1';
  scenario: string;
  description: string;
  model: WorkloadModel;
  targets: Record<string, string>;
  startedAt: string;
  endedAt: string;
  /** Planned arrival phase; `elapsedMs` is what happened, drain included. */
  durationMs: number;
  elapsedMs: number;
  drainMs: number;
  stopReason: 'duration' | 'max-runs' | 'aborted';
  aborted: boolean;
  requests: {
    sent: number;
    responses: number;
    ratePerSecond: number;
    errors: number;
    errorRate: number;
    timeouts: number;
    /** Requests still unanswered when the run stopped; not counted as errors. */
    abandoned: number;
    statusCounts: Record<string, number>;
  };
  endpoints: Record<string, EndpointResult>;
  runs: {
    created: number;
    completed: number;
    failed: number;
    createFailed: number;
    /** Synchronous creates that answered with a run not yet ended and had no poll to follow it (each a SYNC_NOT_TERMINAL finding). */
    unfinished: number;
    lost: number;
    lostIds: string[];
    inFlight: number;
    inFlightIds: string[];
    terminalStatuses: Record<string, number>;
    completionMs: LatencySummary;
    completionHistogram: string;
    polls: { total: number; wasted: number; perRun: LatencySummary; perRunHistogram: string };
  };
  violations: {
    total: number;
    contract: number;
    lifecycle: number;
    sampledResponses: number;
    validateEvery: number | null;
    byCode: Record<string, number>;
    examples: Violation[];
  };
  generator: { arrivals: number; lagMs: LatencySummary; lagHistogram: string };
  thresholds: Thresholds;
  /** Per-second requests, errors, runs created and runs ended, for rate-over-time charts. */
  timeline: TimelineBucket[];
  /** Set on a shard's result (`--shard i/n`): which slice of which run it is. */
  shard?: Shard;
  /** Set on a merged result (`runwarden report merge`): the run and how many shards it was merged from. */
  merged?: { runId: string; shards: number };
  /** Empty (and `passed` true) when gating was left to the merge (`--no-gates`). */
  gates: GateResult[];
  passed: boolean;
}
