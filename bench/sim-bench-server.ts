// Child process for bench/sim.bench.ts: serves either the simulator (one finished or running Deck run) or a minimal
// node:http server with a fixed JSON body, then reports {url, bodyBytes} over IPC and serves until killed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundledProfile } from '../src/config/index.ts';
import { startSimulator } from '../src/sim/start-simulator.ts';

const mode = process.argv[2];

if (mode === 'simulator' || mode === 'simulator-running') {
  const simulator = await startSimulator({ port: 0, providers: [bundledProfile('deck')], validateRequestBodies: false });
  // A finished run's body is cached after the first read; a running run is rendered on every request.
  const state = mode === 'simulator' ? 'a completed Deck run exists' : 'a running Deck run exists';
  const run = simulator.setState('deck', state, { task_id: 'task_8mQ2vX4nR7pL1zK6' }) as { run_id: string };
  const url = `${simulator.urls.deck}/task-runs/${run.run_id}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${simulator.config.token}` } });
  const body = await response.text();
  process.send!({ url, bodyBytes: Buffer.byteLength(body), status: response.status, token: simulator.config.token });
} else {
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
}
