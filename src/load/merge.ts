import { RunwardenError } from '../core/errors.ts';
import { evaluateGates } from './gates.ts';
import { encodeHistogram, mergeEncoded, summarizeCounts, summarizeMicroseconds, type Histogram, type LatencySummary } from './histogram.ts';
import type { EndpointResult, LoadResult } from './result.ts';
import type { TimelineBucket } from './timeline.ts';

/** One shard's result and where it came from, for messages that name the file. */
export interface ShardInput {
  file: string;
  result: LoadResult;
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
const sumRecords = (records: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const record of records) for (const [key, value] of Object.entries(record)) out[key] = (out[key] ?? 0) + value;
  return out;
};
/**
 * Percentiles of the added histograms. HDR keeps the exact largest value recorded, but an added histogram only knows
 * its bucket: the largest of the shards' exact maxima is the true one.
 */
function summaryOf(histogram: Histogram, parts: readonly LatencySummary[], summarize: (histogram: Histogram) => LatencySummary): LatencySummary {
  const summary = summarize(histogram);
  return summary.count === 0 ? summary : { ...summary, max: Math.max(...parts.map((part) => part.max)) };
}
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Merges the results of every shard of one run into the result one process would have written: counts summed,
 * HDR histograms added (no re-binning), lost ids unioned, timelines aligned on wall-clock seconds, violations
 * concatenated; then the thresholds are evaluated once, on the merged figures. Refuses a set that is not exactly
 * shards 1…n of one run of one scenario.
 */
export function mergeShardResults(inputs: readonly ShardInput[]): LoadResult {
  checkShardSet(inputs);
  const results = [...inputs].sort((a, b) => a.result.shard!.index - b.result.shard!.index).map((input) => input.result);
  const first = results[0]!;
  const starts = results.map((result) => Date.parse(result.startedAt));
  const start = Math.min(...starts);
  const end = Math.max(...results.map((result) => Date.parse(result.endedAt)));
  const requests = results.map((result) => result.requests);
  const sent = sum(requests.map((r) => r.sent)), abandoned = sum(requests.map((r) => r.abandoned)), errors = sum(requests.map((r) => r.errors));
  const runs = results.map((result) => result.runs);
  const lostIds = [...new Set(runs.flatMap((r) => r.lostIds))];
  const completion = mergeEncoded(runs.map((r) => r.completionHistogram));
  const perRun = mergeEncoded(runs.map((r) => r.polls.perRunHistogram));
  const lag = mergeEncoded(results.map((result) => result.generator.lagHistogram));
  const violations = results.map((result) => result.violations);
  const { shard: _shard, gates: _gates, passed: _passed, ...base } = first;
  const measured: Omit<LoadResult, 'gates' | 'passed'> = {
    ...base,
    targets: Object.assign({}, ...results.map((result) => result.targets)) as Record<string, string>,
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(end).toISOString(),
    elapsedMs: end - start,
    stopReason: results.some((r) => r.stopReason === 'aborted') ? 'aborted' : results.some((r) => r.stopReason === 'max-runs') ? 'max-runs' : 'duration',
    aborted: results.some((r) => r.aborted),
    requests: {
      sent, responses: sum(requests.map((r) => r.responses)),
      // Shards run side by side: their rates over the same window add up.
      ratePerSecond: round1(sum(requests.map((r) => r.ratePerSecond))),
      errors, errorRate: sent > 0 ? errors / (sent - abandoned || 1) : 0,
      timeouts: sum(requests.map((r) => r.timeouts)), abandoned, statusCounts: sumRecords(requests.map((r) => r.statusCounts)),
    },
    endpoints: mergeEndpoints(results),
    runs: {
      created: sum(runs.map((r) => r.created)), completed: sum(runs.map((r) => r.completed)), failed: sum(runs.map((r) => r.failed)),
      createFailed: sum(runs.map((r) => r.createFailed)), unfinished: sum(runs.map((r) => r.unfinished)),
      lost: lostIds.length, lostIds,
      inFlight: sum(runs.map((r) => r.inFlight)), inFlightIds: runs.flatMap((r) => r.inFlightIds),
      terminalStatuses: sumRecords(runs.map((r) => r.terminalStatuses)),
      completionMs: summaryOf(completion, runs.map((r) => r.completionMs), summarizeMicroseconds), completionHistogram: encodeHistogram(completion),
      polls: {
        total: sum(runs.map((r) => r.polls.total)), wasted: sum(runs.map((r) => r.polls.wasted)),
        perRun: summaryOf(perRun, runs.map((r) => r.polls.perRun), summarizeCounts), perRunHistogram: encodeHistogram(perRun),
      },
    },
    violations: {
      total: sum(violations.map((v) => v.total)), contract: sum(violations.map((v) => v.contract)), lifecycle: sum(violations.map((v) => v.lifecycle)),
      sampledResponses: sum(violations.map((v) => v.sampledResponses)), validateEvery: first.violations.validateEvery,
      byCode: sumRecords(violations.map((v) => v.byCode)), examples: violations.flatMap((v) => v.examples),
    },
    generator: { arrivals: sum(results.map((r) => r.generator.arrivals)), lagMs: summaryOf(lag, results.map((r) => r.generator.lagMs), summarizeMicroseconds), lagHistogram: encodeHistogram(lag) },
    timeline: alignTimelines(results.map((result, i) => ({ offsetSeconds: Math.round((starts[i]! - start) / 1000), buckets: result.timeline }))),
    merged: { runId: first.shard!.runId, shards: results.length },
  };
  const gates = evaluateGates(measured, measured.thresholds);
  return { ...measured, gates, passed: gates.every((gate) => gate.pass) };
}

function mergeEndpoints(results: readonly LoadResult[]): Record<string, EndpointResult> {
  const keys = [...new Set(results.flatMap((result) => Object.keys(result.endpoints)))];
  const out: Record<string, EndpointResult> = {};
  for (const key of keys) {
    const parts = results.flatMap((result) => (result.endpoints[key] ? [result.endpoints[key]] : []));
    const histogram = mergeEncoded(parts.map((part) => part.histogram));
    out[key] = {
      operationId: parts[0]!.operationId, provider: parts[0]!.provider,
      sent: sum(parts.map((p) => p.sent)), responses: sum(parts.map((p) => p.responses)), ratePerSecond: round1(sum(parts.map((p) => p.ratePerSecond))),
      errors: sum(parts.map((p) => p.errors)), timeouts: sum(parts.map((p) => p.timeouts)), connectionErrors: sum(parts.map((p) => p.connectionErrors)),
      statusCounts: sumRecords(parts.map((p) => p.statusCounts)),
      latencyMs: summaryOf(histogram, parts.map((p) => p.latencyMs), summarizeMicroseconds), histogram: encodeHistogram(histogram),
    };
  }
  return out;
}

/** Adds per-second buckets, each shard's shifted by how many whole seconds after the earliest shard it started. */
export function alignTimelines(parts: ReadonlyArray<{ offsetSeconds: number; buckets: readonly TimelineBucket[] }>): TimelineBucket[] {
  const bySecond = new Map<number, TimelineBucket>();
  for (const { offsetSeconds, buckets } of parts) {
    for (const bucket of buckets) {
      const second = bucket.second + offsetSeconds;
      const into = bySecond.get(second) ?? { second, requests: 0, errors: 0, runsCreated: 0, runsCompleted: 0 };
      into.requests += bucket.requests;
      into.errors += bucket.errors;
      into.runsCreated += bucket.runsCreated;
      into.runsCompleted += bucket.runsCompleted;
      bySecond.set(second, into);
    }
  }
  const last = Math.max(0, ...bySecond.keys());
  return Array.from({ length: last }, (_, i) => bySecond.get(i + 1) ?? { second: i + 1, requests: 0, errors: 0, runsCreated: 0, runsCompleted: 0 });
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** Every reason the inputs are not shards 1…n of one run, at once. */
function checkShardSet(inputs: readonly ShardInput[]): void {
  const fail = (message: string, hint: string): never => { throw new RunwardenError('REPORT_INVALID', `runwarden report merge: ${message}`, hint); };
  if (inputs.length === 0) fail('no result files given', 'Pass every shard\'s result JSON, e.g. runwarden report merge shards/*.json');
  const untagged = inputs.filter((input) => input.result.shard === undefined);
  if (untagged.length > 0) fail(`not a shard's result (no "shard" field): ${untagged.map((input) => input.file).join(', ')}`, 'Merge the results of `runwarden load --shard i/n`.');
  const first = inputs[0]!;
  for (const input of inputs.slice(1)) {
    const a = first.result, b = input.result;
    if (a.scenario !== b.scenario) fail(`${input.file} is scenario "${b.scenario}", ${first.file} is "${a.scenario}"`, 'Merge the shards of one scenario at a time.');
    if (a.shard!.runId !== b.shard!.runId) fail(`${input.file} is run "${b.shard!.runId}", ${first.file} is run "${a.shard!.runId}"`, 'Merge the shards of one run: every shard takes the same --run-id.');
    if (a.shard!.count !== b.shard!.count) fail(`${input.file} is a shard of ${b.shard!.count}, ${first.file} of ${a.shard!.count}`, 'Every shard of a run takes the same n in --shard i/n.');
    for (const field of ['model', 'durationMs', 'thresholds'] as const) {
      if (!same(a[field], b[field])) fail(`${input.file} and ${first.file} differ in ${field}`, 'Run every shard with the same scenario and flags.');
    }
  }
  const count = first.result.shard!.count;
  const seen = new Map<number, string>();
  for (const input of inputs) {
    const index = input.result.shard!.index;
    const earlier = seen.get(index);
    if (earlier !== undefined) fail(`shard ${index}/${count} given twice: ${earlier} and ${input.file}`, 'Pass each shard\'s result once.');
    seen.set(index, input.file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !seen.has(index));
  if (missing.length > 0) fail(`run "${first.result.shard!.runId}" has ${count} shards; missing ${missing.map((index) => `${index}/${count}`).join(', ')}`, 'A merge without every shard would under-count: wait for the missing shards or rerun them.');
}
