import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createMicrosecondHistogram, encodeHistogram, summarizeMicroseconds } from '../src/load/histogram.ts';
import { mergeShardResults, type LoadResult, type ShardInput } from '../src/load/index.ts';
import { startMinimalServerProcess } from './load-bench-servers.ts';

const SECONDS = 3;
const CONNECTIONS = 20;
const ROUNDS = 3;
const CHILD = fileURLToPath(new URL('./scale-shard-child.ts', import.meta.url));

/**
 * Scale-out figures, each a ratio within one run: the generator ceiling with 2 worker processes vs 1 against a
 * minimal server (what `runwarden load --workers N` does), and the time to merge 32 shard results of a 10-minute
 * run vs the time to JSON.parse them (the least any merge must do).
 */
export async function benchScale(): Promise<object> {
  return { generatorCeiling: await ceiling(), merge: mergeTime() };
}

async function ceiling(): Promise<object> {
  const server = await startMinimalServerProcess();
  try {
    const rateWith = async (workers: number): Promise<number> => {
      const results = await Promise.all(Array.from({ length: workers }, (_, i) => shard(server.url, i + 1, workers)));
      return mergeShardResults(results.map((result, i) => ({ file: `${i}`, result }))).requests.ratePerSecond;
    };
    await rateWith(1);
    const ones: number[] = [], twos: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      ones.push(await rateWith(1));
      twos.push(await rateWith(2));
    }
    const ratios = ones.map((one, i) => round3(twos[i]! / one));
    return {
      workers1Rate: Math.round(median(ones)), workers2Rate: Math.round(median(twos)), ratio: median(ratios), rounds: ratios,
      setup: `minimal node:http server in its own process (it shares the machine's cores with the workers); ${CONNECTIONS} clients split across the workers; ${SECONDS} s per measurement; median of ${ROUNDS} interleaved rounds`,
    };
  } finally {
    server.close();
  }
}

function shard(url: string, index: number, count: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [url, String(index), String(count), String(SECONDS), String(CONNECTIONS)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('bench worker timed out')); }, 60_000);
    child.once('message', (result) => { clearTimeout(timer); resolve(result as LoadResult); });
    child.once('error', (error) => { clearTimeout(timer); reject(error); });
  });
}

/** 32 synthetic shard results of a 10-minute run at 100 req/s each: 600 timeline seconds, 60 000 samples per histogram. */
function mergeTime(): object {
  const SHARDS = 32, SECONDS_RUN = 600, PER_SECOND = 100;
  const files = Array.from({ length: SHARDS }, (_, s) => JSON.stringify(syntheticShard(s + 1, SHARDS, SECONDS_RUN, PER_SECOND)));
  const time = (work: () => void): number => {
    const start = performance.now();
    work();
    return performance.now() - start;
  };
  const parse = (): ShardInput[] => files.map((text, i) => ({ file: `${i}.json`, result: JSON.parse(text) as LoadResult }));
  parse();
  mergeShardResults(parse());
  const parseMs: number[] = [], mergeMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let inputs: ShardInput[] = [];
    parseMs.push(time(() => { inputs = parse(); }));
    mergeMs.push(time(() => { mergeShardResults(inputs); }));
  }
  return {
    shards: SHARDS, runSeconds: SECONDS_RUN, samplesPerShard: SECONDS_RUN * PER_SECOND, bytes: files.reduce((sum, text) => sum + text.length, 0),
    mergeMs: round3(median(mergeMs)), parseMs: round3(median(parseMs)), mergeToParseRatio: round3(median(mergeMs) / median(parseMs)),
  };
}

function syntheticShard(index: number, count: number, seconds: number, perSecond: number): LoadResult {
  const histogram = (scale: number) => {
    const h = createMicrosecondHistogram();
    for (let i = 0; i < seconds * perSecond; i++) h.recordValue(Math.round(scale * (1 + ((i * 7919 + index * 104729) % 10007) / 1000)));
    return h;
  };
  const latency = histogram(800), completion = histogram(50_000), lag = histogram(50), polls = createMicrosecondHistogram();
  for (let i = 0; i < seconds * perSecond; i++) polls.recordValue(1 + (i % 5));
  const endpoint = (operationId: string) => ({
    operationId, provider: 'bench', sent: seconds * perSecond, responses: seconds * perSecond, ratePerSecond: perSecond, errors: 0, timeouts: 0,
    connectionErrors: 0, statusCounts: { 200: seconds * perSecond }, latencyMs: summarizeMicroseconds(latency), histogram: encodeHistogram(latency),
  });
  const start = Date.UTC(2026, 0, 1) + index * 40;
  return {
    format: 'runwarden.load.v1', scenario: 'bench', description: 'synthetic', model: { kind: 'open', rate: perSecond * count }, targets: { bench: 'http://127.0.0.1:1' },
    startedAt: new Date(start).toISOString(), endedAt: new Date(start + seconds * 1000).toISOString(), durationMs: seconds * 1000, elapsedMs: seconds * 1000, drainMs: 0,
    stopReason: 'duration', aborted: false,
    requests: { sent: 2 * seconds * perSecond, responses: 2 * seconds * perSecond, ratePerSecond: 2 * perSecond, errors: 0, errorRate: 0, timeouts: 0, abandoned: 0, statusCounts: { 200: 2 * seconds * perSecond } },
    endpoints: { create: endpoint('create'), get: endpoint('get') },
    runs: {
      created: seconds * perSecond, completed: seconds * perSecond - 3, failed: 0, createFailed: 0, unfinished: 0, lost: 3,
      lostIds: [`run_${index}_1`, `run_${index}_2`, `run_${index}_3`], inFlight: 0, inFlightIds: [], terminalStatuses: { completed: seconds * perSecond - 3 },
      completionMs: summarizeMicroseconds(completion), completionHistogram: encodeHistogram(completion),
      polls: { total: 3 * seconds * perSecond, wasted: 0, perRun: summarizeMicroseconds(polls), perRunHistogram: encodeHistogram(polls) },
    },
    violations: { total: 0, contract: 0, lifecycle: 0, sampledResponses: 0, validateEvery: null, byCode: {}, examples: [] },
    generator: { arrivals: seconds * perSecond, lagMs: summarizeMicroseconds(lag), lagHistogram: encodeHistogram(lag) },
    thresholds: { p99Ms: 100, maxLostRuns: 0 },
    timeline: Array.from({ length: seconds }, (_, s) => ({ second: s + 1, requests: 2 * perSecond, errors: 0, runsCreated: perSecond, runsCompleted: perSecond })),
    shard: { index, count, runId: 'bench' }, gates: [], passed: true,
  };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round3 = (value: number): number => Math.round(value * 1000) / 1000;
