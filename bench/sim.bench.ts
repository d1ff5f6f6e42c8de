import { execFile, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { prismVersion, startPrism } from './prism-server.ts';

const execFileAsync = promisify(execFile);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const AUTOCANNON = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));
const MEASURE_S = 5;
const CONNECTIONS = 50;
const RSS_LIMIT_MIB = 1536;
const ROUNDS = 2;
/** The simulator must serve at least this many times Prism's GET run requests per second. */
const PRISM_TARGET = 10;
const DECK_SPEC = fileURLToPath(new URL('../specs/deck.openapi.yaml', import.meta.url));
/**
 * Prism serves the spec's `paths` at the root (it ignores the `/v2` of `servers`), answers 401 without a bearer
 * token and, in static mode, the first example unless `Prefer` names another: the completed run's, as the
 * simulator serves.
 */
const PRISM_PATH = '/task-runs/trun_8Lq5Tb3Wz7Hm2Fc9';
const PRISM_HEADERS = { authorization: 'Bearer sk_live_bench', prefer: 'example=completedSuccess' };

/**
 * Simulator figures, each measured within one run on loopback: (a) memory with 1,000,000 stored runs (child
 * process), (b) GET run throughput against the simulator vs a minimal node:http server returning a fixed JSON
 * body of the same size, autocannon running in a second process, and their ratio (target ≥ 0.6), (c) the same
 * GET against Stoplight Prism's mock of the Deck spec, in the same rounds, and simulator/Prism (target ≥ 10).
 */
export async function benchSimulator(): Promise<object> {
  const memory = await measureMemory(1_000_000);
  const { throughput, prism } = await measureThroughput();
  return {
    memory: { ...memory, limitMiB: RSS_LIMIT_MIB, withinLimit: memory.rssMiB < RSS_LIMIT_MIB },
    throughput,
    prism,
  };
}

async function measureMemory(runs: number): Promise<{ runs: number; insertMs: number; rssMiB: number; heapUsedMiB: number; rssGrowthMiB: number; bytesPerRun: number }> {
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', '--expose-gc', '--max-old-space-size=4096', here('./sim-memory-child.ts'), String(runs)], { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as never;
}

interface ServerInfo {
  url: string;
  bodyBytes: number;
  status: number;
  token?: string;
}

/** Starts a bench server (simulator or minimal) in its own process. */
async function startServer(args: string[]): Promise<{ info: ServerInfo; stop(): void }> {
  const child = fork(here('./sim-bench-server.ts'), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const info = await new Promise<ServerInfo>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ServerInfo));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { info, stop: () => child.kill() };
}

/** autocannon in a separate process (loopback only), after a 1 s warm-up; returns requests per second. */
async function autocannon(url: string, headers: Record<string, string>): Promise<{ rps: number; p99Ms: number; non2xx: number; errors: number }> {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]);
  const run = async (seconds: number) => {
    const { stdout } = await execFileAsync(process.execPath, [AUTOCANNON, '--json', '-c', String(CONNECTIONS), '-d', String(seconds), ...headerArgs, url], { maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(stdout) as { requests: { average: number }; latency: { p99: number }; non2xx: number; errors: number };
  };
  await run(1);
  const result = await run(MEASURE_S);
  return { rps: Math.round(result.requests.average), p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/** Measures one server in its own process. */
async function measureServer(args: string[]): Promise<{ info: ServerInfo; result: Awaited<ReturnType<typeof autocannon>> }> {
  const server = await startServer(args);
  try {
    if (new URL(server.info.url).hostname !== '127.0.0.1') throw new Error('bench targets loopback only');
    const result = await autocannon(server.info.url, server.info.token ? { authorization: `Bearer ${server.info.token}` } : {});
    return { info: server.info, result };
  } finally {
    server.stop();
  }
}

/** Prism's requests per second on GET run, or why it was not measured (the figures of the others still stand). */
async function measurePrism(): Promise<{ rps: number; p99Ms: number; bodyBytes: number } | { error: string }> {
  try {
    const prism = await startPrism(DECK_SPEC, PRISM_PATH, PRISM_HEADERS);
    try {
      const result = await autocannon(prism.url, PRISM_HEADERS);
      if (result.non2xx > 0 || result.errors > 0) return { error: `Prism answered ${result.non2xx} non-2xx, ${result.errors} errors` };
      return { rps: result.rps, p99Ms: result.p99Ms, bodyBytes: prism.bodyBytes };
    } finally {
      await prism.stop();
    }
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const ratioOf = (a: number, b: number) => Math.round((a / b) * 100) / 100;

/**
 * Two alternating rounds (simulator, minimal, Prism, then again) to even out noise; ratios compare the means.
 * Prism is skipped, saying why, when the dev dependency is not installed or it does not start.
 */
async function measureThroughput(): Promise<{ throughput: object; prism: object }> {
  const version = prismVersion();
  const rounds: { simulator: number; minimal: number; prism?: number }[] = [];
  let bodyBytes = { simulator: 0, minimal: 0 };
  let prismBodyBytes = 0;
  const prismP99Ms: number[] = [];
  let prismError: string | undefined = version === undefined ? '@stoplight/prism-cli is not installed (npm ci installs it as a dev dependency)' : undefined;
  for (let round = 0; round < ROUNDS; round++) {
    const simulator = await measureServer(['simulator']);
    const minimal = await measureServer(['minimal', String(simulator.info.bodyBytes)]);
    if (simulator.result.non2xx > 0 || simulator.result.errors > 0) throw new Error(`simulator answered ${simulator.result.non2xx} non-2xx, ${simulator.result.errors} errors`);
    bodyBytes = { simulator: simulator.info.bodyBytes, minimal: minimal.info.bodyBytes };
    const entry: (typeof rounds)[number] = { simulator: simulator.result.rps, minimal: minimal.result.rps };
    if (prismError === undefined) {
      const prism = await measurePrism();
      if ('error' in prism) {
        prismError = prism.error;
      } else {
        entry.prism = prism.rps;
        prismBodyBytes = prism.bodyBytes;
        prismP99Ms.push(prism.p99Ms);
      }
    }
    rounds.push(entry);
  }
  const simulatorRps = Math.round(mean(rounds.map((entry) => entry.simulator)));
  const minimalRps = Math.round(mean(rounds.map((entry) => entry.minimal)));
  // For contrast, not gated: a running run, whose body is rendered (faker and all) on every request.
  const running = await measureServer(['simulator-running']);
  const throughput = {
    bodyBytes,
    rounds,
    simulatorGetRps: simulatorRps,
    minimalServerRps: minimalRps,
    ratio: ratioOf(simulatorRps, minimalRps),
    target: '≥ 0.6',
    runningRunGetRps: { rps: running.result.rps, bodyBytes: running.info.bodyBytes, ratio: ratioOf(running.result.rps, minimalRps) },
    connections: CONNECTIONS,
    secondsPerMeasurement: MEASURE_S,
  };
  if (prismError !== undefined) return { throughput, prism: { skipped: prismError, ...(version ? { version } : {}) } };
  const prismRps = Math.round(mean(rounds.map((entry) => entry.prism!)));
  const simulatorToPrism = ratioOf(simulatorRps, prismRps);
  return {
    throughput,
    prism: {
      version,
      mode: 'prism mock, static examples (--dynamic=false), --verboseLevel error, one process',
      request: `GET ${PRISM_PATH} (Prefer: ${PRISM_HEADERS.prefer})`,
      bodyBytes: prismBodyBytes,
      prismGetRps: prismRps,
      p99Ms: prismP99Ms,
      simulatorGetRps: simulatorRps,
      simulatorToPrism,
      target: `≥ ${PRISM_TARGET}`,
      withinTarget: simulatorToPrism >= PRISM_TARGET,
    },
  };
}

// `node --import tsx bench/sim.bench.ts` runs it on its own.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${JSON.stringify(await benchSimulator(), null, 2)}\n`);
}
