import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/** A loopback server answering every request after a fixed delay, with a terminal run body. */
export async function startFixedDelayServer(delayMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const body = JSON.stringify({ id: 'trun_fixed', status: 'completed' });
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    }, delayMs));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** The simulator in a child process, with one Deck run that stays live (so its GET is rendered, not cached). */
export async function startSimulatorProcess(): Promise<{ deck: string; token: string; liveRunUrl: string; close(): void }> {
  const child = fork(fileURLToPath(new URL('./load-sim-child.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const info = await new Promise<{ deck: string; token: string; liveRunUrl: string }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { deck: string; token: string; liveRunUrl: string }));
    child.once('error', reject);
  });
  return { ...info, close: () => child.kill() };
}

/** The minimal node:http server in a child process, so the generator under test has this process to itself. */
export async function startMinimalServerProcess(): Promise<{ url: string; close(): void }> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./minimal-server.mjs', import.meta.url)), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve(message as number));
    child.once('error', reject);
  });
  return { url: `http://127.0.0.1:${port}`, close: () => child.kill() };
}
