import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { deckLifecycle } from '../core/lifecycle/index.ts';
import { preflight, preflightPlan, PREFLIGHT_RUN_ID } from './preflight.ts';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(handler: http.RequestListener): Promise<string> {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('preflight', () => {
  it('passes when the target answers, even 404 for a made-up run', async () => {
    const url = await serve((request, response) => {
      response.writeHead(request.headers.authorization === 'Bearer good' ? 404 : 401).end();
    });
    await expect(preflight({ url, method: 'GET', token: 'good' })).resolves.toBe(404);
  });

  it('fails with AUTH_FAILED when the target refuses the token', async () => {
    const url = await serve((_request, response) => response.writeHead(401).end());
    await expect(preflight({ url, method: 'GET', token: 'bad' })).rejects.toMatchObject({ code: 'AUTH_FAILED', message: expect.stringMatching(/Received: 401/) });
  });

  it('fails with HOST_UNREACHABLE when nothing listens', async () => {
    const url = await serve(() => undefined);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(preflight({ url, method: 'GET', token: undefined })).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });
  });

  it('fails with TIMEOUT when the target never answers', async () => {
    const url = await serve(() => undefined);
    await expect(preflight({ url, method: 'GET', token: undefined }, 200)).rejects.toMatchObject({ code: 'TIMEOUT' });
    server!.closeAllConnections();
  });

  it('plans one harmless read per provider', () => {
    const flow = {
      kind: 'create-poll', name: 'd', provider: 'deck', lifecycle: deckLifecycle, runTimeoutMs: 1,
      create: { operationId: 'runTask', method: 'POST', path: '/tasks/t/run' },
      poll: { operationId: 'getTaskRun', method: 'GET', path: '/task-runs/{runId}', intervalMs: 0 },
    } as const;
    const plan = preflightPlan([flow, { ...flow, name: 'again' }], { deck: 'http://127.0.0.1:9/v2' }, { deck: 't' });
    expect(plan).toEqual([{ url: `http://127.0.0.1:9/v2/task-runs/${PREFLIGHT_RUN_ID}`, method: 'GET', token: 't' }]);
  });
});
