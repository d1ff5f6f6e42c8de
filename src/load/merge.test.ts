import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunwardenError } from '../core/errors.ts';
import { runLoad } from './engine.ts';
import { startFakeRunApi, type FakeRunApi } from './fake-run-api.fixture.ts';
import { fakeScenario } from './fake-scenario.fixture.ts';
import { createMicrosecondHistogram, decodeHistogram, encodeHistogram, summarizeMicroseconds } from './histogram.ts';
import { alignTimelines, mergeShardResults, type ShardInput } from './merge.ts';
import type { LoadResult } from './result.ts';
import type { Shard } from './shard.ts';

let api: FakeRunApi;
beforeAll(async () => { api = await startFakeRunApi({ pollsToFinish: 2, drop: (index) => index % 7 === 3 }); });
afterAll(async () => { await api.close(); });

const slowPoll = { operationId: 'getTaskRun', method: 'GET', path: '/task-runs/{runId}', intervalMs: 10 } as const;
// Open model, bounded by maxRuns so every process makes the same number of arrivals whatever the machine's speed.
const scenario = fakeScenario({ model: { kind: 'open', rate: 200 }, durationMs: 5_000, maxRuns: 30, drainMs: 2_000, thresholds: { maxLostRuns: 0, p99Ms: 5_000 } }, { runTimeoutMs: 400, poll: slowPoll });
const shard = (index: number, count = 4, runId = 'run-1'): Shard => ({ index, count, runId });

async function shardResults(count: number, runId = 'run-1'): Promise<ShardInput[]> {
  const inputs: ShardInput[] = [];
  for (let index = 1; index <= count; index++) {
    const result = await runLoad({ scenario, targets: { fake: api.url }, shard: shard(index, count, runId), gates: false });
    inputs.push({ file: `shard-${index}.json`, result });
  }
  return inputs;
}

describe('a sharded run, merged', () => {
  let inputs: ShardInput[];
  beforeAll(async () => { inputs = await shardResults(4); });

  it('each shard makes its share of the arrivals, is tagged, and leaves gating to the merge', () => {
    expect(inputs.map(({ result }) => result.generator.arrivals)).toEqual([8, 8, 7, 7]);
    for (const [i, { result }] of inputs.entries()) {
      expect(result.shard).toEqual(shard(i + 1));
      expect(result.gates).toEqual([]);
      expect(result.passed).toBe(true);
      expect(result.thresholds).toEqual({ maxLostRuns: 0, p99Ms: 5_000 });
    }
  });

  it('sums counts, unions lost ids, adds histograms, and gates once on the merged figures', () => {
    const merged = mergeShardResults([...inputs].reverse());
    const results = inputs.map((input) => input.result);
    const total = (pick: (result: LoadResult) => number): number => results.reduce((sum, result) => sum + pick(result), 0);
    expect(merged.merged).toEqual({ runId: 'run-1', shards: 4 });
    expect(merged.shard).toBeUndefined();
    expect(merged.generator.arrivals).toBe(30);
    expect(merged.runs.created).toBe(30);
    expect(merged.runs.completed + merged.runs.lost).toBe(30);
    expect(merged.requests.sent).toBe(total((r) => r.requests.sent));
    expect(merged.endpoints.getTaskRun!.responses).toBe(total((r) => r.endpoints.getTaskRun!.responses));
    expect([...merged.runs.lostIds].sort()).toEqual(results.flatMap((r) => r.runs.lostIds).sort());
    expect(merged.runs.lost).toBeGreaterThan(0);
    const histogram = decodeHistogram(merged.endpoints.getTaskRun!.histogram);
    expect(histogram.totalCount).toBe(total((r) => r.endpoints.getTaskRun!.latencyMs.count));
    // The gates the shards skipped are evaluated once, on the whole run: the union of lost runs breaks maxLostRuns.
    expect(merged.gates).toContainEqual(expect.objectContaining({ name: 'lost runs', measured: merged.runs.lost, pass: false }));
    expect(merged.passed).toBe(false);
    expect(merged.timeline.reduce((sum, bucket) => sum + bucket.runsCreated, 0)).toBe(30);
  });

  it('refuses a missing shard, a duplicate, another run, another scenario and an untagged result, saying which', () => {
    const refusal = (list: ShardInput[]): string => {
      try {
        mergeShardResults(list);
      } catch (error) {
        expect(error).toBeInstanceOf(RunwardenError);
        return (error as Error).message;
      }
      throw new Error('merged');
    };
    expect(refusal(inputs.slice(0, 3))).toMatch(/run "run-1" has 4 shards; missing 4\/4/);
    expect(refusal([...inputs, { ...inputs[1]!, file: 'again.json' }])).toMatch(/shard 2\/4 given twice: shard-2\.json and again\.json/);
    expect(refusal([...inputs.slice(0, 3), { file: 'other.json', result: { ...inputs[3]!.result, shard: shard(4, 4, 'run-2') } }])).toMatch(/other\.json is run "run-2"/);
    expect(refusal([...inputs.slice(0, 3), { file: 'b.json', result: { ...inputs[3]!.result, scenario: 'other' } }])).toMatch(/b\.json is scenario "other"/);
    const { shard: _shard, ...plain } = inputs[0]!.result;
    expect(refusal([{ file: 'plain.json', result: plain }])).toMatch(/not a shard's result.*plain\.json/);
    expect(refusal([...inputs.slice(0, 3), { file: 'five.json', result: { ...inputs[3]!.result, shard: shard(4, 5) } }])).toMatch(/shard of 5/);
    expect(refusal([])).toMatch(/no result files/);
  });
});

describe('histogram merge', () => {
  it('equals the histogram of every raw sample, percentile for percentile (no re-binning)', async () => {
    const [template] = await shardResults(1, 'raw');
    // Deterministic "latencies" in µs, spread over four decades, dealt to 4 shards unevenly.
    const samples = Array.from({ length: 5_000 }, (_, i) => 50 + ((i * 7_919) % 9_973) * ((i % 4) + 1) * 13);
    const all = createMicrosecondHistogram();
    const parts = [0, 1, 2, 3].map(() => createMicrosecondHistogram());
    samples.forEach((us, i) => { all.recordValue(us); parts[(i * i) % 4]!.recordValue(us); });
    const inputs: ShardInput[] = parts.map((part, i) => {
      const result = template!.result;
      const endpoint = { ...result.endpoints.getTaskRun!, histogram: encodeHistogram(part), latencyMs: summarizeMicroseconds(part) };
      return { file: `${i}.json`, result: { ...result, shard: shard(i + 1, 4, 'raw'), endpoints: { ...result.endpoints, getTaskRun: endpoint } } };
    });
    const merged = mergeShardResults(inputs);
    const histogram = decodeHistogram(merged.endpoints.getTaskRun!.histogram);
    expect(histogram.totalCount).toBe(samples.length);
    expect(merged.endpoints.getTaskRun!.latencyMs).toEqual(summarizeMicroseconds(all));
    for (const percentile of [1, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 100]) expect(histogram.getValueAtPercentile(percentile)).toBe(all.getValueAtPercentile(percentile));
  });
});

describe('alignTimelines', () => {
  it('adds buckets of the same wall-clock second and fills seconds no shard saw', () => {
    const bucket = (second: number, requests: number) => ({ second, requests, errors: 0, runsCreated: requests, runsCompleted: 0 });
    expect(alignTimelines([
      { offsetSeconds: 0, buckets: [bucket(1, 5), bucket(2, 6)] },
      { offsetSeconds: 2, buckets: [bucket(1, 1), bucket(2, 2)] },
    ])).toEqual([bucket(1, 5), bucket(2, 6), bucket(3, 1), bucket(4, 2)]);
    expect(alignTimelines([
      { offsetSeconds: 0, buckets: [bucket(1, 5)] },
      { offsetSeconds: 0, buckets: [bucket(1, 3)] },
    ])).toEqual([bucket(1, 8)]);
  });
});
