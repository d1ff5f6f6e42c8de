import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { resolveScenarios } from '../src/cli/load-scenarios.ts';
import { loadConfig } from '../src/config/index.ts';
import { lifecycleFromDefinition } from '../src/core/profile/index.ts';
import { defineScenario, decodeHistogram, runLoad, type Flow, type LoadResult } from '../src/load/index.ts';
import { startFixedDelayServer, startMinimalServerProcess, startSimulatorProcess } from './load-bench-servers.ts';

const MEASURE_S = 3;
const ROUND_S = 1;
const ROUNDS = 5;
const CONNECTIONS = 10;
const run = promisify(execFile);

/** The bench servers answer every request with a finished run (`status: completed`). */
const finished = lifecycleFromDefinition('bench.run', { status: '/status', initial: ['completed'], success: ['completed'], failure: [] });

/** A flow whose create answers with a terminal run: one request per iteration, for raw measurements. */
const oneShot = (path: string): Flow => ({
  kind: 'create-poll', name: 'one-shot', provider: 'bench', lifecycle: finished, successStatuses: ['completed'],
  create: { operationId: 'get', method: 'GET', path }, runTimeoutMs: 10_000,
});

/**
 * Load-engine figures, each measured as a ratio within one run, every measurement ≤ ~5 s on loopback:
 * correctness against a fixed 50 ms server (both models), overhead vs plain autocannon on the simulator,
 * and the generator's ceiling vs wrk on a minimal node:http server.
 */
export async function benchLoad(): Promise<object> {
  return {
    correctness: await correctness(),
    overhead: await overhead(),
    generatorCeiling: await generatorCeiling(),
  };
}

async function correctness(): Promise<object> {
  const server = await startFixedDelayServer(50);
  try {
    const measure = async (model: { kind: 'closed'; connections: number } | { kind: 'open'; rate: number }): Promise<object> => {
      const scenario = defineScenario({ name: 'fixed-50ms', description: 'fixed 50 ms', model, durationMs: MEASURE_S * 1000, flows: [oneShot('/')] });
      const result = await runLoad({ scenario, targets: { bench: server.url } });
      const endpoint = result.endpoints.get!;
      return {
        p50Ms: endpoint.latencyMs.p50,
        p50Ratio: round3(endpoint.latencyMs.p50 / 50),
        within5Percent: Math.abs(endpoint.latencyMs.p50 / 50 - 1) <= 0.05,
        responses: endpoint.responses,
        histogramCount: decodeHistogram(endpoint.histogram).totalCount,
        inventedSamples: decodeHistogram(endpoint.histogram).totalCount - endpoint.responses,
      };
    };
    // For contrast: autocannon's own rate-limited mode against the same server (its coordinated-omission correction).
    const rateLimited = await autocannon({ url: server.url, connections: 5, overallRate: 100, duration: MEASURE_S });
    return {
      closed: await measure({ kind: 'closed', connections: CONNECTIONS }),
      open: await measure({ kind: 'open', rate: 100 }),
      autocannonOverallRate100: { p50Ms: rateLimited.latency.p50, responses: rateLimited.requests.total, histogramSamples: (rateLimited.latency as { totalCount?: number }).totalCount ?? null },
    };
  } finally {
    await server.close();
  }
}

async function overhead(): Promise<object> {
  // The bundled scenario, compiled from the bundled Deck profile as `runwarden load deck-create-poll` does.
  const [deckCreatePoll] = (await resolveScenarios(['deck-create-poll'], loadConfig({ cwd: '/' }).providers)).scenarios;
  const simulator = await startSimulatorProcess();
  try {
    const headers = { authorization: `Bearer ${simulator.token}` };
    const plain = async (seconds: number): Promise<number> => (await autocannon({ url: simulator.liveRunUrl, headers, connections: CONNECTIONS, duration: seconds })).requests.average;
    let last: LoadResult | undefined;
    const ours = async (seconds: number): Promise<number> => {
      last = await runLoad({
        scenario: deckCreatePoll!, targets: { deck: simulator.deck }, tokens: { deck: simulator.token },
        model: { kind: 'closed', connections: CONNECTIONS }, durationMs: seconds * 1000, pollIntervalMs: 0, drainMs: 0,
      });
      return last.requests.ratePerSecond;
    };
    const { a, b, ratio, rounds } = await interleaved(plain, ours);
    return {
      autocannonGetRate: a, runwardenDeckCreatePollRate: b, ratio, rounds, target: '≥ 0.8',
      runwardenRuns: { created: last!.runs.created, completed: last!.runs.completed, pollsPerRunP50: last!.runs.polls.perRun.p50 },
      setup: `simulator in its own process; autocannon GETs a live Deck run (rendered per request, like the runs runwarden polls); ${CONNECTIONS} connections; poll interval 0; validation off; 1 s warm-up each, then the median ratio of ${ROUNDS} interleaved rounds of ${ROUND_S} s`,
    };
  } finally {
    simulator.close();
  }
}

async function generatorCeiling(): Promise<object> {
  const server = await startMinimalServerProcess();
  try {
    const scenario = defineScenario({ name: 'ceiling', description: 'minimal server', model: { kind: 'closed', connections: CONNECTIONS }, durationMs: 1000, flows: [oneShot('/')] });
    const ours = async (seconds: number): Promise<number> => (await runLoad({ scenario, targets: { bench: server.url }, durationMs: seconds * 1000 })).requests.ratePerSecond;
    if (await wrkRate(server.url, 1) === undefined) return { runwardenRate: await ours(ROUND_S), wrk: 'skipped: wrk is not installed (apt-get install wrk)' };
    const { a, b, ratio, rounds } = await interleaved(async (seconds) => (await wrkRate(server.url, seconds))!, ours);
    return { runwardenRate: b, wrkRate: a, ratio, rounds, setup: `minimal node:http server in its own process; ${CONNECTIONS} connections; wrk -t1; median ratio of ${ROUNDS} interleaved rounds of ${ROUND_S} s` };
  } finally {
    server.close();
  }
}

/**
 * Warms both generators for 1 s, then alternates them round by round. The ratio is the median of the rounds'
 * ratios, so drift and bursts of noise on a shared machine hit both sides of each ratio alike.
 */
async function interleaved(a: (seconds: number) => Promise<number>, b: (seconds: number) => Promise<number>): Promise<{ a: number; b: number; ratio: number; rounds: number[] }> {
  await a(1);
  await b(1);
  const as: number[] = [], bs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    as.push(await a(ROUND_S));
    bs.push(await b(ROUND_S));
  }
  const rounds = as.map((value, i) => round3(bs[i]! / value));
  return { a: Math.round(median(as)), b: Math.round(median(bs)), ratio: median(rounds), rounds };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function wrkRate(url: string, seconds: number): Promise<number | undefined> {
  try {
    const { stdout } = await run('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, url]);
    const match = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;
