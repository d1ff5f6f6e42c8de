import { execFile, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const AUTOCANNON = fileURLToPath(new URL('../node_modules/autocannon/autocannon.js', import.meta.url));
const MEASURE_S = 5;
const CONNECTIONS = 50;
const RSS_LIMIT_MIB = 1536;
const ROUNDS = 2;

/**
 * Simulator figures, each measured within one run on loopback: (a) memory with 1,000,000 stored runs (child
 * process), (b) GET run throughput against the simulator vs a minimal node:http server returning a fixed JSON
 * body of the same size, autocannon running in a second process, and their ratio (target ≥ 0.6).
 */
export async function benchSimulator(): Promise<object> {
  const memory = await measureMemory(1_000_000);
  const throughput = await measureThroughput();
  return {
    memory: { ...memory, limitMiB: RSS_LIMIT_MIB, withinLimit: memory.rssMiB < RSS_LIMIT_MIB },
    throughput,
    prism: await benchPrism(),
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

/** Two alternating rounds (simulator, minimal, simulator, minimal) to even out noise; the ratio compares the means. */
async function measureThroughput(): Promise<object> {
  const rounds: { simulator: number; minimal: number }[] = [];
  let bodyBytes = { simulator: 0, minimal: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const simulator = await measureServer(['simulator']);
    const minimal = await measureServer(['minimal', String(simulator.info.bodyBytes)]);
    if (simulator.result.non2xx > 0 || simulator.result.errors > 0) throw new Error(`simulator answered ${simulator.result.non2xx} non-2xx, ${simulator.result.errors} errors`);
    bodyBytes = { simulator: simulator.info.bodyBytes, minimal: minimal.info.bodyBytes };
    rounds.push({ simulator: simulator.result.rps, minimal: minimal.result.rps });
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const simulatorRps = Math.round(mean(rounds.map((entry) => entry.simulator)));
  const minimalRps = Math.round(mean(rounds.map((entry) => entry.minimal)));
  // For contrast, not gated: a running run, whose body is rendered (faker and all) on every request.
  const running = await measureServer(['simulator-running']);
  return {
    bodyBytes,
    rounds,
    simulatorGetRps: simulatorRps,
    minimalServerRps: minimalRps,
    ratio: Math.round((simulatorRps / minimalRps) * 100) / 100,
    target: '≥ 0.6',
    runningRunGetRps: { rps: running.result.rps, bodyBytes: running.info.bodyBytes, ratio: Math.round((running.result.rps / minimalRps) * 100) / 100 },
    connections: CONNECTIONS,
    secondsPerMeasurement: MEASURE_S,
  };
}

/**
 * TODO(prism): compare the simulator with Stoplight Prism (`prism mock specs/deck.openapi.yaml`) on the same
 * GET, same body size, same autocannon settings. Return its figures here; undefined until someone wires it in.
 */
async function benchPrism(): Promise<object | undefined> {
  return undefined;
}

// `node --import tsx bench/sim.bench.ts` runs it on its own.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${JSON.stringify(await benchSimulator(), null, 2)}\n`);
}
