// Stoplight Prism's mock server for bench/sim.bench.ts: started from the @stoplight/prism-cli dev dependency (bench
// only), on loopback, in its own process, and stopped by the PID this module started. Nothing else is killed.
// As a dev dependency it costs `npm ci` 179 packages, ~81 MB of node_modules and a few seconds (measured when added).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const PACKAGE_DIR = new URL('../node_modules/@stoplight/prism-cli/', import.meta.url);
const PRISM_CLI = fileURLToPath(new URL('dist/index.js', PACKAGE_DIR));
const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
/** Prism's output is kept only to explain a failed start. */
const OUTPUT_LIMIT = 4_000;

/** A running Prism mock, answering `url` with 200 for the given headers. */
export interface PrismServer {
  url: string;
  pid: number;
  bodyBytes: number;
  stop(): Promise<void>;
}

/** The installed @stoplight/prism-cli version, or undefined when the dev dependency is not installed. */
export function prismVersion(): string | undefined {
  if (!existsSync(PRISM_CLI)) return undefined;
  return (JSON.parse(readFileSync(new URL('package.json', PACKAGE_DIR), 'utf8')) as { version: string }).version;
}

/** A TCP port free on 127.0.0.1 right now (Prism needs a number: it cannot listen on port 0 and report the port). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts `prism mock` on `spec` in static mode (it serves the spec's examples, never generated data) with logging
 * at `error`, so that it does not write a line per request (the simulator does not either), and waits until
 * `path` answers 200 with `headers`. Rejects with Prism's own output when it exits or does not become ready.
 */
export async function startPrism(spec: string, path: string, headers: Record<string, string>): Promise<PrismServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [PRISM_CLI, 'mock', '--host', '127.0.0.1', '--port', String(port), '--dynamic=false', '--verboseLevel', 'error', spec], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => { output = `${output}${chunk.toString()}`.slice(-OUTPUT_LIMIT); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => { running = false; });

  const stop = async (): Promise<void> => {
    if (!running) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const url = `http://127.0.0.1:${port}${path}`;
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  try {
    while (running && Date.now() < deadline) {
      const response = await fetch(url, { headers }).catch(() => undefined);
      const body = response ? await response.arrayBuffer() : undefined;
      if (response?.status === 200 && body) return { url, pid: child.pid!, bodyBytes: body.byteLength, stop };
      if (response && response.status !== 200) throw new Error(`Prism answered ${response.status} to GET ${path}: ${Buffer.from(body ?? new ArrayBuffer(0)).toString().slice(0, 500)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(running ? `Prism did not answer within ${STARTUP_TIMEOUT_MS / 1000} s` : `Prism exited with code ${await exited}`);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output.trim()}`);
  }
}
