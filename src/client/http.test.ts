import { afterEach, describe, expect, it } from 'vitest';
import { RunwardenError } from '../core/errors.ts';
import { closedPort, json, reset, startFixtureServer, type FixtureServer, type Handler } from '../../test/helpers/fixture-server.ts';
import { ProviderError } from './errors.ts';
import { createHttpClient, type HttpClientOptions } from './http.ts';

const TOKEN = 'sk_live_s3cr3t-token-value';
let server: FixtureServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A client on a fixture server whose sleeps are recorded instead of waited. */
async function clientFor(handlers: Handler | Handler[], options: Partial<HttpClientOptions> = {}) {
  server = await startFixtureServer(handlers);
  const waits: number[] = [];
  const http = createHttpClient({
    provider: 'deck', baseUrl: `${server.url}/v2`, token: TOKEN, random: () => 0,
    sleep: async (ms) => { waits.push(ms); }, ...options,
  });
  return { http, waits, server };
}

const get = { operationId: 'getTaskRun', method: 'GET', path: '/task-runs/trun_1' } as const;
const post = { operationId: 'runTask', method: 'POST', path: '/tasks/task_1/run', body: {} } as const;

describe('createHttpClient', () => {
  it('sends the bearer token, JSON body and repeated query values', async () => {
    const { http, server } = await clientFor(json(200, { ok: true }));
    await http.send({ ...post, query: { status: ['queued', 'running'], limit: 5, skip: undefined } });
    const [request] = server.received;
    expect(request?.url).toBe('/v2/tasks/task_1/run?status=queued&status=running&limit=5');
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({});
  });

  it('honours Retry-After on a 429, even for a POST', async () => {
    const { http, waits, server } = await clientFor([json(429, { errors: [] }, { 'retry-after': '3' }), json(201, { id: 'trun_1' })]);
    const response = await http.send(post);
    expect(response.status).toBe(201);
    expect(response.attempts).toBe(2);
    expect(waits).toEqual([3000]);
    expect(server.received).toHaveLength(2);
  });

  it('really waits for Retry-After before the next attempt', async () => {
    server = await startFixtureServer([json(429, {}, { 'retry-after': '1' }), json(200, {})]);
    const http = createHttpClient({ provider: 'deck', baseUrl: server.url });
    const started = Date.now();
    expect((await http.send(get)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('backs off exponentially on a 429 without Retry-After', async () => {
    const { http, waits } = await clientFor([json(429, {}), json(429, {}), json(429, {}), json(200, {})], { retry: { initialMs: 100, factor: 2 } });
    expect((await http.send(get)).status).toBe(200);
    expect(waits).toEqual([100, 200, 400]);
  });

  it('retries a 503 and a 502 for an idempotent GET', async () => {
    const { http, server } = await clientFor([json(503, {}), json(502, {}), json(200, { id: 'trun_1' })]);
    const { body } = await http.call(get, [200]);
    expect(body).toEqual({ id: 'trun_1' });
    expect(server.received).toHaveLength(3);
  });

  it('does not retry a 503 for a POST without an idempotency key', async () => {
    const { http, server } = await clientFor([json(503, { errors: [{ type: 'api', code: 'api_error', message: 'down' }] }), json(201, {})]);
    const error = await http.call(post, [201]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).status).toBe(503);
    expect((error as ProviderError).retryable).toBe(true);
    expect(server.received).toHaveLength(1);
  });

  it('retries a 503 for a POST marked idempotent', async () => {
    const { http, server } = await clientFor([json(503, {}), json(201, {})]);
    expect((await http.send({ ...post, idempotent: true })).status).toBe(201);
    expect(server.received).toHaveLength(2);
  });

  it('retries connection resets for GET and gives up for POST', async () => {
    const { http, server } = await clientFor([reset(), json(200, { id: 'trun_1' })]);
    expect((await http.send(get)).status).toBe(200);
    expect(server.received).toHaveLength(2);
    await server.close();

    const second = await clientFor(reset());
    const error = await second.http.send(post).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'HOST_UNREACHABLE' });
    expect(second.server.received).toHaveLength(1);
  });

  it('stops after maxAttempts and returns the last response', async () => {
    const { http, server } = await clientFor(json(503, {}), { retry: { maxAttempts: 3 } });
    expect((await http.send(get)).status).toBe(503);
    expect(server.received).toHaveLength(3);
  });

  it('stops when a Retry-After would exceed the budget and reports it on the error', async () => {
    const { http, waits, server } = await clientFor(json(429, { errors: [{ type: 'rate_limit', code: 'rate_limit_exceeded', message: 'slow down' }] }, { 'retry-after': '60' }), { retry: { budgetMs: 5_000 } });
    const error = (await http.call(get, [200]).catch((caught: unknown) => caught)) as ProviderError;
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(60_000);
    expect(error.providerCode).toBeUndefined();
    expect(waits).toEqual([]);
    expect(server.received).toHaveLength(1);
  });

  it('names the provider error code and contrasts received with expected statuses', async () => {
    const { http } = await clientFor(json(404, { errors: [{ type: 'request', code: 'resource_not_found', message: 'No task run' }] }), {
      errorCode: (body) => {
        const first = (body as { errors: { type: string; code: string }[] }).errors[0];
        return first ? `${first.type}/${first.code}` : undefined;
      },
    });
    const error = (await http.call(get, [200]).catch((caught: unknown) => caught)) as ProviderError;
    expect(error.providerCode).toBe('request/resource_not_found');
    expect(error.message).toContain('Received: 404 (request/resource_not_found)');
    expect(error.message).toContain('Expected: 200');
    expect(error.code).toBe('REMOTE_REFUSED');
  });

  it('times out a request that never answers', async () => {
    const { http } = await clientFor(() => { /* never answers */ }, { timeoutMs: 100, retry: { maxAttempts: 1 } });
    const error = await http.send(get).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunwardenError);
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect((error as Error).message).toContain('No response within 100 ms');
  });

  it('rejects with the abort reason when the caller aborts', async () => {
    const { http } = await clientFor(() => { /* never answers */ });
    const controller = new AbortController();
    const pending = http.send({ ...get, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reports an unreachable host with the URL and the fix', async () => {
    const port = await closedPort();
    const http = createHttpClient({ provider: 'refactor', baseUrl: `http://127.0.0.1:${port}/v1`, token: TOKEN });
    const error = (await http.send(get).catch((caught: unknown) => caught)) as RunwardenError;
    expect(error.code).toBe('HOST_UNREACHABLE');
    expect(error.message).toContain(`http://127.0.0.1:${port}/v1/task-runs/trun_1`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.hint).toContain('--base-url');
  });

  it('never puts the token in an error message or error body, even when the provider echoes it', async () => {
    const echo: Handler = (request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ type: 'auth', code: 'auth_invalid', message: `key ${request.headers.authorization} is invalid` }], request_id: 'req_1' }));
    };
    const { http } = await clientFor(echo, { errorCode: (body) => JSON.stringify(body) });
    const error = (await http.call(get, [200]).catch((caught: unknown) => caught)) as ProviderError;
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.hint).toContain('token');
    expect(`${error.message} ${error.hint} ${JSON.stringify(error.body)} ${error.providerCode}`).not.toContain(TOKEN);
    expect(error.message).toContain('[REDACTED]');
  });

  it('never puts the token in a connection error, even when it is part of the base URL', async () => {
    const port = await closedPort();
    const http = createHttpClient({ provider: 'deck', baseUrl: `http://127.0.0.1:${port}/${TOKEN}`, token: TOKEN });
    const error = (await http.send(get).catch((caught: unknown) => caught)) as Error;
    expect(error.message).not.toContain(TOKEN);
  });

  it('reports every attempt to onExchange without headers', async () => {
    const exchanges: unknown[] = [];
    const { http } = await clientFor([json(503, {}), json(200, {})], { onExchange: (exchange) => exchanges.push(exchange) });
    await http.send(get);
    expect(exchanges).toMatchObject([{ attempt: 1, status: 503, operationId: 'getTaskRun' }, { attempt: 2, status: 200 }]);
    expect(JSON.stringify(exchanges)).not.toContain(TOKEN);
  });
});
