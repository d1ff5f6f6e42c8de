import { connect } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { bundledProfile } from '../config/index.ts';
import { DEFAULT_TOKEN } from './options.ts';
import { startSimulator, type Simulator } from './start-simulator.ts';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** What a raw socket gets back after sending `bytes` and falling silent: what the server wrote, and whether it closed. */
function sendAndWait(port: number, bytes: string): Promise<{ received: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    // The test's own bound: far beyond the simulator's, so the outcome below is the simulator's doing.
    const giveUp = setTimeout(() => {
      socket.destroy();
      resolve({ received, closed: false });
    }, 10_000);
    socket.on('data', (chunk) => { received += chunk.toString('latin1'); });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ received, closed: true });
    });
    socket.write(bytes);
  });
}

const CRLF = '\r\n';

it('answers 408 and closes a request whose body stalls short of its Content-Length', async () => {
  sim = await startSimulator({ providers: [bundledProfile('deck')], limits: { requestTimeoutMs: 200, headersTimeoutMs: 200 } });
  const head = ['POST /v2/tasks/task_abc/run HTTP/1.1', 'Host: 127.0.0.1', `Authorization: Bearer ${DEFAULT_TOKEN}`,
    'Content-Type: application/json', 'Content-Length: 100'].join(CRLF);
  const outcome = await sendAndWait(sim.port, `${head}${CRLF}${CRLF}{"input":{`);
  expect(outcome.closed).toBe(true);
  expect(outcome.received).toMatch(/^HTTP\/1\.1 408 /);
  expect(sim.stats().internalErrors).toBe(0);
});

it('answers 408 and closes a request whose headers never end', async () => {
  sim = await startSimulator({ providers: [bundledProfile('deck')], limits: { requestTimeoutMs: 5_000, headersTimeoutMs: 200 } });
  const outcome = await sendAndWait(sim.port, `GET /v2/task-runs HTTP/1.1${CRLF}Host: 127.0.0.1${CRLF}X-Slow: a`);
  expect(outcome.closed).toBe(true);
  expect(outcome.received).toMatch(/^HTTP\/1\.1 408 /);
});

it('still answers a request that arrives whole under the same bounds', async () => {
  sim = await startSimulator({ providers: [bundledProfile('deck')], limits: { requestTimeoutMs: 200, headersTimeoutMs: 200 } });
  const response = await fetch(`${sim.urls.deck}/task-runs`, { headers: { authorization: `Bearer ${DEFAULT_TOKEN}` } });
  expect(response.status).toBe(200);
});

it('does not cut off a whole request whose answer is held longer than the bounds (a latency fault)', async () => {
  sim = await startSimulator({
    providers: [bundledProfile('deck')],
    limits: { requestTimeoutMs: 100, headersTimeoutMs: 100 },
    faults: [{ provider: 'deck', operations: ['listTaskRuns'], latency: { rate: 1, medianMs: 600, p99Ms: 700 } }],
  });
  const response = await fetch(`${sim.urls.deck}/task-runs`, { headers: { authorization: `Bearer ${DEFAULT_TOKEN}` } });
  expect(response.status).toBe(200);
  expect(sim.faults.byKind.latency).toBe(1);
});
