import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** How the fake API behaves; every knob defaults to a well-behaved server. */
export interface FakeRunApiOptions {
  /** Polls a run answers `running` before its terminal status. */
  pollsToFinish?: number;
  /** Delay before every response, in ms. */
  delayMs?: number;
  /** Runs (by creation index, from 0) the server forgets: they stay `running` forever. */
  drop?: (index: number) => boolean;
  /** Runs (by creation index) that end `failed` instead of `completed`. */
  fail?: (index: number) => boolean;
  /** Status for every response (e.g. 500), overriding the flow. */
  forceStatus?: number;
  /** The status a create answers with (default `queued`); a terminal one makes the create synchronous. */
  createStatus?: string;
  /** After this many polls the run asks a question (`interaction_required`) until it is answered. */
  interactionAfterPolls?: number;
  /** Report `queued` after `running` (an illegal transition) on the second poll. */
  regress?: boolean;
  /** Never answer GETs for runs matching this predicate (creation index). */
  hang?: (index: number) => boolean;
  /** Never answer the first N GETs of each run (as a stalled server would); the ones after are answered. */
  hangPolls?: number;
  /**
   * Rate-limit polls: a run's first poll gets 429 with `Retry-After: <seconds>`, and so does every poll of it that
   * comes back sooner than `seconds` minus 10% after its last 429, as a real rate limiter would.
   */
  retryAfterSeconds?: number;
  /**
   * Rate-limit creates the same way: the first create gets 429 with `Retry-After: <seconds>`, and so does every create
   * that comes sooner than `seconds` minus 10% after the last create refused.
   */
  createRetryAfterSeconds?: number;
}

interface FakeRun { id: string; index: number; polls: number; hung: number; asked: boolean; answered: boolean; limitedAt: number | undefined }

/** A tiny async-run API on loopback: POST /v2/tasks/t/run, GET /v2/task-runs/:id, POST …/interaction. */
export interface FakeRunApi {
  url: string;
  /** performance.now() of each run creation received. */
  creates: number[];
  gets: number;
  dropped: string[];
  /** ms from each request's arrival to its response being handed to the socket, as the server saw it. */
  served: number[];
  /** What happened, in order: `create` when a create arrives (`create-refused` when rate limited), `answer` when any response is sent. */
  events: Array<'create' | 'create-refused' | 'answer'>;
  /** 429s sent. */
  rateLimited: number;
  /** Every request received: method, path with query, headers. */
  requests: Array<{ method: string; url: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

export async function startFakeRunApi(options: FakeRunApiOptions = {}): Promise<FakeRunApi> {
  const runs = new Map<string, FakeRun>();
  let createLimitedAt: number | undefined;
  const api: Omit<FakeRunApi, 'url' | 'close'> = { creates: [], gets: 0, dropped: [], served: [], events: [], rateLimited: 0, requests: [] };
  const body = (run: FakeRun, status: string): string => JSON.stringify({
    id: run.id, object: 'task_run', status, result: status === 'completed' ? 'success' : null, created_at: '2025-01-01T00:00:00Z',
  });
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => { text += chunk; });
    request.on('end', () => {
      const arrived = performance.now();
      api.requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
      const reply = (status: number, payload: string, headers: Record<string, string> = {}): void => {
        const send = (): void => {
          api.served.push(performance.now() - arrived);
          api.events.push('answer');
          response.writeHead(options.forceStatus ?? status, { 'content-type': 'application/json', ...headers });
          response.end(options.forceStatus ? '{"errors":[{"type":"api","code":"api_error","message":"boom"}]}' : payload);
        };
        if (options.delayMs) setTimeout(send, options.delayMs);
        else send();
      };
      const url = (request.url ?? '').replace(/\?.*$/, '');
      if (request.method === 'POST' && url === '/v2/tasks/t/run') {
        const createLimit = options.createRetryAfterSeconds;
        if (createLimit !== undefined && (createLimitedAt === undefined || arrived - createLimitedAt < createLimit * 900)) {
          createLimitedAt = arrived;
          api.rateLimited++;
          api.events.push('create-refused');
          return reply(429, '{"errors":[{"type":"rate_limit","code":"too_many_requests","message":"slow down"}]}', { 'retry-after': String(createLimit) });
        }
        const index = api.creates.length;
        api.creates.push(performance.now());
        api.events.push('create');
        const run: FakeRun = { id: `trun_${index}x${Math.random().toString(36).slice(2, 8)}`, index, polls: 0, hung: 0, asked: false, answered: false, limitedAt: undefined };
        runs.set(run.id, run);
        if (options.drop?.(index)) api.dropped.push(run.id);
        return reply(201, body(run, options.createStatus ?? 'queued'));
      }
      const poll = /^\/v2\/task-runs\/([^/?]+)(\/interaction)?/.exec(url);
      const run = poll ? runs.get(decodeURIComponent(poll[1]!)) : undefined;
      if (!run) return reply(404, '{"errors":[{"type":"request","code":"resource_not_found","message":"no such run"}]}');
      if (poll![2]) {
        run.answered = true;
        return reply(200, body(run, 'running'));
      }
      api.gets++;
      if (options.hang?.(run.index)) return;
      if (run.hung < (options.hangPolls ?? 0)) {
        run.hung++;
        return;
      }
      const limit = options.retryAfterSeconds;
      if (limit !== undefined && (run.limitedAt === undefined ? run.polls === 0 : arrived - run.limitedAt < limit * 900)) {
        run.limitedAt = arrived;
        api.rateLimited++;
        return reply(429, '{"errors":[{"type":"rate_limit","code":"too_many_requests","message":"slow down"}]}', { 'retry-after': String(limit) });
      }
      run.polls++;
      if (options.drop?.(run.index)) return reply(200, body(run, 'running'));
      if (options.regress && run.polls === 2) return reply(200, body(run, 'queued'));
      if (options.interactionAfterPolls !== undefined && run.polls >= options.interactionAfterPolls && !run.answered) {
        return reply(200, body(run, 'interaction_required'));
      }
      const ended = options.fail?.(run.index) ? 'failed' : 'completed';
      return reply(200, body(run, run.polls >= (options.pollsToFinish ?? 3) ? ended : 'running'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...api,
    get creates() { return api.creates; },
    get gets() { return api.gets; },
    get dropped() { return api.dropped; },
    get served() { return api.served; },
    get rateLimited() { return api.rateLimited; },
    url: `http://127.0.0.1:${port}/v2`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A `startFakeRunApi` for one test file: every API it starts is closed after each test. */
export function fakeRunApis(): (options?: FakeRunApiOptions) => Promise<FakeRunApi> {
  const servers: FakeRunApi[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (options = {}) => {
    const api = await startFakeRunApi(options);
    servers.push(api);
    return api;
  };
}

/** A request the fake API received, as `POST create` or `GET poll`: tests assert the order of what was sent. */
export const requestLine = (request: { method: string; url: string }): string => `${request.method} ${request.url.startsWith('/v2/tasks/') ? 'create' : 'poll'}`;
