import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeLifecycle } from './fake-scenario.fixture.ts';
import { preflight, preflightPlan, PREFLIGHT_RUN_ID, type PreflightRequest } from './preflight.ts';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(handler: http.RequestListener): Promise<string> {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A bearer preflight of the made-up provider `jobs`. */
const request = (url: string, token?: string): PreflightRequest => ({
  provider: 'jobs', url, method: 'GET', withToken: token !== undefined,
  credentials: { headers: token === undefined ? {} : { authorization: `Bearer ${token}` }, query: {} },
});

describe('preflight', () => {
  it('passes when the target answers, even 404 for a made-up run', async () => {
    const url = await serve((request, response) => {
      response.writeHead(request.headers.authorization === 'Bearer good' ? 404 : 401).end();
    });
    await expect(preflight(request(url, 'good'))).resolves.toBe(404);
  });

  it('fails with AUTH_FAILED when the target refuses the token', async () => {
    const url = await serve((_request, response) => response.writeHead(401).end());
    await expect(preflight(request(url, 'bad'))).rejects.toMatchObject({ code: 'AUTH_FAILED', message: expect.stringMatching(/Received: 401/), hint: expect.stringMatching(/token for jobs/) });
  });

  it('fails with HOST_UNREACHABLE when nothing listens', async () => {
    const url = await serve(() => undefined);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(preflight(request(url))).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });
  });

  it('fails with TIMEOUT when the target never answers', async () => {
    const url = await serve(() => undefined);
    await expect(preflight(request(url), 200)).rejects.toMatchObject({ code: 'TIMEOUT' });
    server!.closeAllConnections();
  });

  it('plans one harmless read per provider, authenticated as its profile says', () => {
    const flow = {
      kind: 'create-poll', name: 'd', provider: 'jobs', lifecycle: fakeLifecycle, runTimeoutMs: 1,
      create: { operationId: 'runTask', method: 'POST', path: '/tasks/t/run' },
      poll: { operationId: 'getTaskRun', method: 'GET', path: '/task-runs/{runId}', intervalMs: 0 },
    } as const;
    const plan = preflightPlan([flow, { ...flow, name: 'again' }], { jobs: 'http://127.0.0.1:9/v2' }, { jobs: 't' });
    expect(plan).toEqual([{ provider: 'jobs', url: `http://127.0.0.1:9/v2/task-runs/${PREFLIGHT_RUN_ID}`, method: 'GET', credentials: { headers: { authorization: 'Bearer t' }, query: {} }, withToken: true }]);
    const keyed = preflightPlan([{ ...flow, auth: { type: 'query', name: 'api_key' } }], { jobs: 'http://127.0.0.1:9/v2' }, {});
    expect(keyed[0]).toMatchObject({ credentials: { headers: {}, query: {} }, withToken: false });
  });

  it('sends a query-parameter key without ever putting it in the URL it reports', async () => {
    let seen = '';
    const url = await serve((incoming, response) => { seen = incoming.url ?? ''; response.writeHead(401).end(); });
    const failure = preflight({ provider: 'jobs', url: `${url}/runs/x`, method: 'GET', withToken: true, credentials: { headers: {}, query: { api_key: 's3cret' } } });
    await expect(failure).rejects.toMatchObject({ code: 'AUTH_FAILED', message: expect.not.stringContaining('s3cret') });
    expect(seen).toBe('/runs/x?api_key=s3cret');
  });
});

describe('preflight against a peer that closes unanswered', () => {
  it('ends in TIMEOUT naming the URL within its bound', async () => {
    const { createServer } = await import('node:net');
    const silent = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/task-runs/x`;
    try {
      // The bound ends the wait (TIMEOUT), unless Node notices the close first (HOST_UNREACHABLE): never a hang.
      const error = await preflight(request(url), 200).then(() => undefined, (caught: unknown) => caught as { code: string; message: string });
      expect(['TIMEOUT', 'HOST_UNREACHABLE']).toContain(error?.code);
      expect(error?.message).toMatch(new RegExp(`^preflight GET ${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: (no answer within 200 ms|.*closed.*)$`));
    } finally {
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
