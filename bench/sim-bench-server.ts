// Child process for bench/sim.bench.ts: serves the generic engine over the Deck spec and profile (one finished or
// running run placed) or a minimal node:http server with a fixed JSON body, then reports {url, bodyBytes} over IPC
// and serves until killed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator } from '../src/sim/start-simulator.ts';
import { genericProfile } from './generic-profile.ts';

const mode = process.argv[2];

if (mode === 'generic' || mode === 'generic-running') {
  const simulator = await startSimulator({ port: 0, providers: [genericProfile('deck')], validateRequestBodies: false });
  // A finished run answers the same body every time; a running one is re-read against its plan on every request.
  const state = mode === 'generic' ? 'completed' : 'running';
  const run = simulator.setState('deck', 'a run is {state}', { state }) as { id: string };
  const url = `${simulator.urls.deck}/task-runs/${run.id}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${simulator.config.token}` } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`the placed run answered ${response.status}: ${body.slice(0, 300)}`);
  process.send!({ url, bodyBytes: Buffer.byteLength(body), status: response.status, token: simulator.config.token });
} else if (mode === 'minimal') {
  const size = Number(process.argv[3] ?? 600);
  const base = { id: 'trun_fixed', object: 'task_run', status: 'completed', pad: '' };
  base.pad = 'x'.repeat(Math.max(0, size - Buffer.byteLength(JSON.stringify(base))));
  const body = JSON.stringify(base);
  const server = http.createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, bodyBytes: Buffer.byteLength(body), status: 200 });
} else {
  throw new Error(`sim-bench-server: unknown mode ${mode} (generic, generic-running, minimal)`);
}
