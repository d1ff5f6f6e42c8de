import type { Violation } from './violation.ts';

/** Version of the `summary.json` schema; bump on any breaking change (documented in docs/summary-schema.md). */
export const SUMMARY_SCHEMA_VERSION = 1;

/** Everything one `runwarden ci` run found, machine-readable. Reporters render it; they never compute verdicts. */
export interface RunSummary {
  schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  runwardenVersion: string;
  target: { kind: 'simulator' | 'remote'; baseUrls: Record<string, string> };
  verdict: 'pass' | 'fail';
  /** One entry per individually reportable check: a JUnit test case, a row in the Markdown, a line in the HTML. */
  checks: CheckCase[];
  contracts: ContractMatrixCell[];
  load: LoadScenarioSummary[];
  /** Present when the run was asked for `--spec-baseline <git-ref>`: each provider's spec diffed against that ref. */
  specBaseline?: SpecBaselineSummary;
  /** Present when load scenarios ran: the bounded, redacted sample of their exchanges, for `runwarden spec drift --run`. */
  samples?: SamplesSummary;
}

/** The HAR of sampled load exchanges in the run folder, and the specs to check it against. */
export interface SamplesSummary {
  /** Relative to the run folder: `samples.har`. */
  file: string;
  /** Exchanges kept, and responses offered to the sampler (kept or not). */
  exchanges: number;
  offered: number;
  /** The spec of each provider the scenarios used (absolute path, by provider name). */
  specs: Record<string, string>;
}

export type CheckSuite = 'spec' | 'contract' | 'cross-check' | 'slo' | 'lifecycle' | 'spec-baseline';

/** Each provider's spec compared with its version at a git ref: changes rated as `runwarden spec diff` rates them. */
export interface SpecBaselineSummary {
  ref: string;
  specs: SpecBaselineEntry[];
}

/** One provider's spec against its base version. */
export interface SpecBaselineEntry {
  provider: string;
  /** `<ref>:<path>` */
  base: string;
  revision: string;
  /** Why nothing was compared (the spec is new since the ref, or not tracked by git); the lists are then empty. */
  skipped?: string;
  /** Why either version could not be read (its check fails); the lists are then empty. */
  error?: string;
  counts: { breaking: number; warning: number; info: number };
  changes: SpecBaselineChange[];
  /** Pact interactions consistent with the base and not with the revision; absent when no pacts are configured. */
  consumers?: Array<{ pact: string; provider: string; interaction: string; because: string[] }>;
}

/** One change, as `runwarden spec diff --json` writes it (docs/spec-diff.md). */
export interface SpecBaselineChange {
  id: string;
  level: 'breaking' | 'warning' | 'info';
  operation?: string;
  base?: string;
  revision?: string;
  message: string;
}

/** One pass/fail check. `message` explains a failure ("Received … / Documented …"). */
export interface CheckCase {
  suite: CheckSuite;
  /** Grouping inside the suite, e.g. the provider or scenario name. */
  group: string;
  name: string;
  ok: boolean;
  skipped?: boolean;
  durationMs?: number;
  message?: string;
  violations?: Violation[];
}

/** One cell of the provider × endpoint contract matrix. */
export interface ContractMatrixCell {
  provider: string;
  operationId: string;
  state: 'pass' | 'fail' | 'not-covered';
  interactions: number;
  statuses: number[];
}

/** Latency distribution summary in milliseconds, from an HDR histogram. */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
  /** hdr-histogram-js base64 encoding, so runs can be merged and compared later. */
  histogram?: string;
  /** Unit of the integers recorded in `histogram` (HDR records integers); when absent, readers infer it from `max`. */
  histogramUnit?: 'ms' | 'us' | 'ns';
}

export interface EndpointSummary {
  operationId: string;
  requests: number;
  ratePerSec: number;
  latency: LatencySummary;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
}

export interface ThresholdResult {
  name: string;
  threshold: number;
  /** null when nothing was measured (e.g. an endpoint that got no responses). */
  measured: number | null;
  ok: boolean;
  /** pass | fail | inconclusive (too few samples, starved generator) | advisory (breached, informational); absent in older files. Only fail is not ok. */
  verdict?: 'pass' | 'fail' | 'inconclusive' | 'advisory';
  /** Why the verdict is not plain pass/fail, or that a timing gate was advisory. */
  note?: string;
}

/** One load scenario's results. */
export interface LoadScenarioSummary {
  scenario: string;
  /** The provider's name, or `mixed` when the scenario talks to several. */
  provider: string;
  model: 'open' | 'closed';
  durationMs: number;
  endpoints: EndpointSummary[];
  runs: {
    created: number;
    completed: number;
    failed: number;
    lost: number;
    lostIds: string[];
    inFlight: number;
    pollsPerRun: number;
    wastedPolls: number;
    completion: LatencySummary;
  };
  violations: { contract: number; lifecycle: number; samples: Violation[] };
  generatorLagMs: number;
  /** Per-second buckets for rate charts. */
  timeline: Array<{ second: number; requests: number; runsCreated: number; runsCompleted: number; errors: number }>;
  thresholds: ThresholdResult[];
}
