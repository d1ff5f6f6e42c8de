import { execFile, fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cpuMsOf } from './process-cpu.ts';
import { prismVersion, startPrism } from './prism-server.ts';

const execFileAsync = promisify(execFile);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const AUTOCANNON = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));
const MEASURE_S = 5;
const CONNECTIONS = 50;
const RSS_LIMIT_MIB = 1536;
const ROUNDS = 3;
/** The generic engine must serve at least this many times Prism's GET run requests per second. */
const PRISM_TARGET = 10;
/** …and at least this share of a minimal node:http server's, answering a body of the same size. */
const MINIMAL_TARGET = 0.7;
/** Heap per stored run at 1,000,000 runs must stay within what the per-provider stores cost before the generic engine. */
const BYTES_PER_RUN_LIMIT = 608;
const DECK_SPEC = fileURLToPath(new URL('../specs/deck.openapi.yaml', import.meta.url));
/**
 * Prism serves the spec's `paths` at the root (it ignores the `/v2` of `servers`), answers 401 without a bearer
 * token and, in static mode, the first example unless `Prefer` names another: the completed run's, as the
 * simulator serves.
 */
const PRISM_PATH = '/task-runs/trun_8Lq5Tb3Wz7Hm2Fc9';
const PRISM_HEADERS = { authorization: 'Bearer sk_live_bench', prefer: 'example=completedSuccess' };

/**
 * Figures of the generic simulator engine serving the Deck spec and profile (no extension), each measured within
 * one run on loopback: (a) memory with 1,000,000 stored runs (child process; ≤ 608 B per run), (b) GET of a
 * finished run vs a minimal node:http server returning a fixed JSON body of the same size, autocannon running in
 * a second process, and their ratio (target ≥ 0.7), (c) the same GET against Stoplight Prism's mock of the same
 * spec, in the same rounds, and engine/Prism (target ≥ 10).
 */
export async function benchSimulator(): Promise<object> {
  const memory = await measureMemory(1_000_000);
  const { throughput, prism } = await measureThroughput();
  return {
    memory: {
      ...memory, limitMiB: RSS_LIMIT_MIB, withinLimit: memory.rssMiB < RSS_LIMIT_MIB,
      bytesPerRunLimit: BYTES_PER_RUN_LIMIT, withinBytesPerRunLimit: memory.bytesPerRun <= BYTES_PER_RUN_LIMIT,
    },
    throughput,
    prism,
  };
}

async function measureMemory(runs: number): Promise<{ engine: string; spec: string; runs: number; insertMs: number; rssMiB: number; heapUsedMiB: number; rssGrowthMiB: number; bytesPerRun: number }> {
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', '--expose-gc', '--max-old-space-size=4096', here('./sim-memory-child.ts'), String(runs)], { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as never;
}

interface ServerInfo {
  url: string;
  bodyBytes: number;
  status: number;
  token?: string;
}

/** Starts a bench server (the generic engine or the minimal server) in its own process. */
async function startServer(args: string[]): Promise<{ info: ServerInfo; pid: number; stop(): void }> {
  const child = fork(here('./sim-bench-server.ts'), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const info = await new Promise<ServerInfo>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ServerInfo));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { info, pid: child.pid!, stop: () => child.kill() };
}

interface LoadResult {
  rps: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** The server's CPU time per answered request (µs), when its process's CPU time can be read. */
  cpuUsPerRequest?: number;
}

/**
 * autocannon in a separate process (loopback only), after a 1 s warm-up; returns requests per second and, given
 * the server's pid, the server's CPU time per request over the measured seconds.
 */
async function autocannon(url: string, headers: Record<string, string>, serverPid?: number): Promise<LoadResult> {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]);
  const run = async (seconds: number) => {
    const { stdout } = await execFileAsync(process.execPath, [AUTOCANNON, '--json', '-c', String(CONNECTIONS), '-d', String(seconds), ...headerArgs, url], { maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(stdout) as { requests: { average: number; total: number }; latency: { p99: number }; non2xx: number; errors: number };
  };
  await run(1);
  const cpuBefore = serverPid === undefined ? undefined : cpuMsOf(serverPid);
  const result = await run(MEASURE_S);
  const cpuAfter = serverPid === undefined ? undefined : cpuMsOf(serverPid);
  const cpuUsPerRequest = cpuBefore === undefined || cpuAfter === undefined || result.requests.total === 0
    ? undefined : Math.round(((cpuAfter - cpuBefore) * 1000 / result.requests.total) * 10) / 10;
  return { rps: Math.round(result.requests.average), p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors, ...(cpuUsPerRequest === undefined ? {} : { cpuUsPerRequest }) };
}

/** Measures one server in its own process. */
async function measureServer(args: string[]): Promise<{ info: ServerInfo; result: LoadResult }> {
  const server = await startServer(args);
  try {
    if (new URL(server.info.url).hostname !== '127.0.0.1') throw new Error('bench targets loopback only');
    const result = await autocannon(server.info.url, server.info.token ? { authorization: `Bearer ${server.info.token}` } : {}, server.pid);
    return { info: server.info, result };
  } finally {
    server.stop();
  }
}

/** Prism's requests per second on GET run, or why it was not measured (the figures of the others still stand). */
async function measurePrism(): Promise<{ rps: number; p99Ms: number; bodyBytes: number; cpuUsPerRequest?: number } | { error: string }> {
  try {
    const prism = await startPrism(DECK_SPEC, PRISM_PATH, PRISM_HEADERS);
    try {
      const result = await autocannon(prism.url, PRISM_HEADERS, prism.pid);
      if (result.non2xx > 0 || result.errors > 0) return { error: `Prism answered ${result.non2xx} non-2xx, ${result.errors} errors` };
      return { rps: result.rps, p99Ms: result.p99Ms, bodyBytes: prism.bodyBytes, ...(result.cpuUsPerRequest === undefined ? {} : { cpuUsPerRequest: result.cpuUsPerRequest }) };
    } finally {
      await prism.stop();
    }
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const ratioOf = (a: number, b: number) => Math.round((a / b) * 100) / 100;

/** One round: each server measured once, back to back, so that their ratios share the machine's state. */
interface Round {
  generic: number;
  minimal: number;
  prism?: number;
  genericToMinimal: number;
  genericToPrism?: number;
  /** The machine's 1-minute load average as the round began: how much other work shared its cores. */
  loadAverage: number;
  /** Each server's CPU time per request (µs): what its requests per second would be bound by on a core of its own. */
  cpuUsPerRequest?: { generic?: number; minimal?: number; prism?: number };
}

/** `other`'s CPU per request over `generic`'s: how many of the generic engine's requests one of `other`'s costs. */
function cpuRatio(round: Round, other: 'minimal' | 'prism'): number | undefined {
  const cpu = round.cpuUsPerRequest;
  return cpu?.generic === undefined || cpu[other] === undefined ? undefined : ratioOf(cpu[other], cpu.generic);
}

const medianOf = (values: Array<number | undefined>) => (values.some((value) => value === undefined) ? undefined : median(values as number[]));

/**
 * Alternating rounds (the generic engine, the minimal server and Prism, the first two swapped every other round)
 * on a machine that other work may share: each round's ratios compare measurements taken seconds apart, and the
 * figure held against the target is their median, which one disturbed round cannot move; each server's CPU time
 * per request is reported beside it. Prism is skipped, saying why, when the dev dependency is not installed or it
 * does not start.
 */
async function measureThroughput(): Promise<{ throughput: object; prism: object }> {
  const version = prismVersion();
  const rounds: Round[] = [];
  let bodyBytes = { generic: 0, minimal: 0 };
  let prismBodyBytes = 0;
  const prismP99Ms: number[] = [];
  let prismError: string | undefined = version === undefined ? '@stoplight/prism-cli is not installed (npm ci installs it as a dev dependency)' : undefined;
  for (let round = 0; round < ROUNDS; round++) {
    const loadAverage = Math.round(loadavg()[0]! * 10) / 10;
    const [generic, minimal] = await measurePair(round % 2 === 1);
    if (generic.result.non2xx > 0 || generic.result.errors > 0) throw new Error(`the generic engine answered ${generic.result.non2xx} non-2xx, ${generic.result.errors} errors`);
    bodyBytes = { generic: generic.info.bodyBytes, minimal: minimal.info.bodyBytes };
    const entry: Round = {
      loadAverage,
      generic: generic.result.rps, minimal: minimal.result.rps, genericToMinimal: ratioOf(generic.result.rps, minimal.result.rps),
      cpuUsPerRequest: { generic: generic.result.cpuUsPerRequest, minimal: minimal.result.cpuUsPerRequest },
    };
    if (prismError === undefined) {
      const prism = await measurePrism();
      if ('error' in prism) {
        prismError = prism.error;
      } else {
        entry.prism = prism.rps;
        entry.genericToPrism = ratioOf(generic.result.rps, prism.rps);
        entry.cpuUsPerRequest = { ...entry.cpuUsPerRequest, prism: prism.cpuUsPerRequest };
        prismBodyBytes = prism.bodyBytes;
        prismP99Ms.push(prism.p99Ms);
      }
    }
    rounds.push(entry);
  }
  const genericRps = Math.round(mean(rounds.map((entry) => entry.generic)));
  const minimalRps = Math.round(mean(rounds.map((entry) => entry.minimal)));
  const genericToMinimal = median(rounds.map((entry) => entry.genericToMinimal));
  const minimalCpuRatio = medianOf(rounds.map((round) => cpuRatio(round, 'minimal')));
  // For contrast, held against no target: a running run, read against its plan on every request.
  const running = await measureServer(['generic-running']);
  const throughput = {
    engine: 'generic (specs/deck.openapi.yaml with deck.profile.yaml, no extension)',
    request: 'GET /v2/task-runs/{run_id} of a completed run',
    bodyBytes,
    rounds,
    genericGetRps: genericRps,
    minimalServerRps: minimalRps,
    ratio: genericToMinimal,
    ratioOfMeans: ratioOf(genericRps, minimalRps),
    ratioIs: 'the median of the rounds\' generic/minimal ratios',
    target: `≥ ${MINIMAL_TARGET}`,
    withinTarget: genericToMinimal >= MINIMAL_TARGET,
    cpuRatio: minimalCpuRatio,
    cpuWithinTarget: minimalCpuRatio !== undefined && minimalCpuRatio >= MINIMAL_TARGET,
    cpuRatioIs: 'the median of the rounds\' minimal/generic server CPU time per request: the ratio of requests per second when each server has a core of its own',
    runningRunGetRps: { rps: running.result.rps, bodyBytes: running.info.bodyBytes, ratio: ratioOf(running.result.rps, minimalRps) },
    connections: CONNECTIONS,
    secondsPerMeasurement: MEASURE_S,
  };
  if (prismError !== undefined) return { throughput, prism: { skipped: prismError, ...(version ? { version } : {}) } };
  const prismRps = Math.round(mean(rounds.map((entry) => entry.prism!)));
  const genericToPrism = median(rounds.map((entry) => entry.genericToPrism!));
  const prismCpuRatio = medianOf(rounds.map((round) => cpuRatio(round, 'prism')));
  return {
    throughput,
    prism: {
      version,
      mode: 'prism mock, static examples (--dynamic=false), --verboseLevel error, one process',
      spec: 'specs/deck.openapi.yaml, the spec the generic engine serves',
      request: `GET ${PRISM_PATH} (Prefer: ${PRISM_HEADERS.prefer})`,
      bodyBytes: prismBodyBytes,
      prismGetRps: prismRps,
      p99Ms: prismP99Ms,
      genericGetRps: genericRps,
      genericToPrism,
      ratioOfMeans: ratioOf(genericRps, prismRps),
      ratioIs: 'the median of the rounds\' generic/Prism ratios',
      target: `≥ ${PRISM_TARGET}`,
      withinTarget: genericToPrism >= PRISM_TARGET,
      cpuRatio: prismCpuRatio,
      cpuWithinTarget: prismCpuRatio !== undefined && prismCpuRatio >= PRISM_TARGET,
      cpuRatioIs: 'the median of the rounds\' Prism/generic server CPU time per request',
    },
  };
}

type Measured = Awaited<ReturnType<typeof measureServer>>;

/** The generic engine and the minimal server (with the body size the engine answers), in this order or the reverse. */
async function measurePair(reversed: boolean): Promise<[Measured, Measured]> {
  if (!reversed) {
    const generic = await measureServer(['generic']);
    return [generic, await measureServer(['minimal', String(generic.info.bodyBytes)])];
  }
  const minimal = await measureServer(['minimal', String(await bodySizeOfGeneric())]);
  return [await measureServer(['generic']), minimal];
}

/** The body size of the generic engine's finished run, from a server started and stopped without load. */
async function bodySizeOfGeneric(): Promise<number> {
  const server = await startServer(['generic']);
  server.stop();
  return server.info.bodyBytes;
}

// `node --import tsx bench/sim.bench.ts` runs it on its own.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${JSON.stringify(await benchSimulator(), null, 2)}\n`);
}
