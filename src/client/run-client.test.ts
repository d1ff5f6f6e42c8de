import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lifecycleFromDefinition, type AuthScheme, type ProviderProfile, type RunIdSource } from '../core/profile/index.ts';
import { loadSpec, type LoadedSpec } from '../spec/index.ts';
import { ProviderError } from './errors.ts';
import { createRunClient, type RunClientOptions } from './run-client.ts';

const API_KEY = 'jobs-secret-key-42';

/** A jobs API, written for this test: not any vendor's. */
const SPEC = `
openapi: 3.1.0
info: { title: Jobs API, version: 1.0.0 }
servers: [{ url: http://127.0.0.1:9/api }]
paths:
  /queues/{queue}/jobs:
    post:
      operationId: submitJob
      parameters: [{ name: queue, in: path, required: true, schema: { type: string } }]
      requestBody:
        required: true
        content:
          application/json:
            schema: { type: object, required: [task], properties: { task: { type: string } } }
            example: { task: resize, size: 512 }
      responses:
        '202': { description: Accepted; the job's URL is in Location. }
        '429': { description: Too many requests. }
  /queues/{queue}/jobs/{job_id}:
    get:
      operationId: readJob
      parameters:
        - { name: queue, in: path, required: true, schema: { type: string } }
        - { name: job_id, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: The job. }
        '404': { description: No such job. }
        '429': { description: Too many requests. }
  /queues/{queue}/jobs/{job_id}/cancel:
    post:
      operationId: cancelJob
      parameters:
        - { name: queue, in: path, required: true, schema: { type: string } }
        - { name: job_id, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: The job, cancelled. }
  /streams:
    post:
      operationId: streamJob
      responses:
        '200': { description: Server-Sent Events; the job id is in the accepted event. }
`;

interface Seen { method: string; url: string; headers: IncomingHttpHeaders; body: string }

/** Jobs move pending → working → done, one step per read; `throttle` answers 429 with Retry-After to chosen reads. */
function jobsApi() {
  const seen: Seen[] = [];
  const jobs = new Map<string, { reads: number; cancelled: boolean }>();
  const throttle = new Map<number, string>();
  let reads = 0;
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };
  const view = (id: string) => {
    const job = jobs.get(id)!;
    const state = job.cancelled ? 'cancelled' : ['pending', 'working', 'done'][Math.min(job.reads, 2)]!;
    return { job: { id, state, submitted_at: '2026-01-01T00:00:00.000Z', ...(state === 'done' ? { finished_at: '2026-01-01T00:00:05.000Z' } : {}) } };
  };
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: text });
      const url = new URL(req.url ?? '/', 'http://jobs.invalid');
      if (req.headers['x-api-key'] !== API_KEY && url.searchParams.get('api_key') !== API_KEY) return send(res, 401, { title: 'wrong key' });
      if (req.method === 'POST' && url.pathname === '/api/queues/default/jobs') {
        const id = `job-${jobs.size + 1}`;
        jobs.set(id, { reads: 0, cancelled: false });
        return send(res, 202, view(id), { location: `/api/queues/default/jobs/${id}` });
      }
      if (req.method === 'POST' && url.pathname === '/api/streams') {
        const id = `job-${jobs.size + 1}`;
        jobs.set(id, { reads: 0, cancelled: false });
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        return res.end(`event: progress\ndata: {"note":"queued"}\n\nevent: accepted\ndata: {"job":{"id":"${id}"}}\n\n`);
      }
      const match = /^\/api\/queues\/default\/jobs\/([^/]+)(\/cancel)?$/.exec(url.pathname);
      const id = match ? decodeURIComponent(match[1]!) : '';
      if (!jobs.has(id)) return send(res, 404, { title: `no job ${id}` });
      if (match?.[2] && req.method === 'POST') {
        jobs.get(id)!.cancelled = true;
        return send(res, 200, view(id));
      }
      reads += 1;
      const retryAfter = throttle.get(reads);
      if (retryAfter !== undefined) return send(res, 429, { title: 'slow down' }, { 'retry-after': retryAfter });
      const body = view(id);
      jobs.get(id)!.reads += 1;
      return send(res, 200, body);
    });
  });
  return {
    seen, throttle, server,
    reset() { seen.length = 0; jobs.clear(); throttle.clear(); reads = 0; },
  };
}

function jobsProfile(specFile: string, auth: AuthScheme = { type: 'header', name: 'X-Api-Key' }, runId: RunIdSource = { from: 'header', name: 'Location' }): ProviderProfile {
  const definition = {
    status: '/job/state', initial: ['pending'], success: ['done'], failure: ['error', 'cancelled'],
    transitions: { pending: ['working', 'error', 'cancelled'], working: ['done', 'error', 'cancelled'] },
    timestamps: ['/job/submitted_at', '/job/finished_at'],
  };
  const run = {
    name: 'job', alsoReturnedBy: [], lifecycle: lifecycleFromDefinition('job', definition), success: definition.success,
    failure: definition.failure, timestamps: definition.timestamps, statusPointer: definition.status,
    poll: { operationId: 'readJob', intervalMs: 40 }, cancel: { operationId: 'cancelJob' },
  };
  return {
    name: 'jobs', spec: specFile, auth, source: 'jobs.profile.yaml',
    runs: [
      { ...run, create: { operationId: 'submitJob', params: { queue: 'default' }, runId } },
      { ...run, name: 'streamed', create: { operationId: 'streamJob', runId: { from: 'sse', pointer: '/job/id', event: 'accepted' } } },
    ],
  };
}

describe('createRunClient against a jobs API', () => {
  const api = jobsApi();
  let dir: string;
  let specFile: string;
  let spec: LoadedSpec;
  let baseUrl: string;
  const waits: number[] = [];
  let clock = 0;
  // Waits are recorded, not slept: the test asserts their order and length, never wall-clock time.
  const timing = { sleep: async (ms: number) => { waits.push(ms); clock += ms; }, now: () => clock, random: () => 0 };
  const client = (overrides: Partial<RunClientOptions> = {}) =>
    createRunClient({ profile: jobsProfile(specFile), baseUrl, token: API_KEY, spec, ...timing, ...overrides });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'runwarden-run-client-'));
    specFile = path.join(dir, 'jobs.openapi.yaml');
    writeFileSync(specFile, SPEC);
    spec = await loadSpec(specFile);
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}/api`;
  });
  afterAll(async () => {
    await new Promise((resolve) => { api.server.closeAllConnections(); api.server.close(resolve); });
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => { api.reset(); waits.length = 0; clock = 0; });

  it('creates a run with the spec\'s example body and the key in X-Api-Key, and reads its id from Location', async () => {
    const created = await client().create();
    expect(created).toMatchObject({ runId: 'job-1', status: 202, body: { job: { id: 'job-1', state: 'pending' } } });
    const [request] = api.seen;
    expect(request).toMatchObject({ method: 'POST', url: '/api/queues/default/jobs', body: JSON.stringify({ task: 'resize', size: 512 }) });
    expect(request!.headers['x-api-key']).toBe(API_KEY);
    expect(request!.headers.authorization).toBeUndefined();
  });

  it('polls pending → working → done at the profile\'s interval and finds nothing wrong', async () => {
    const jobs = client();
    const { runId } = await jobs.create();
    const result = await jobs.pollUntilTerminal(runId);
    expect(result.status).toBe('done');
    expect(result.observations.map((observation) => (observation.body as { job: { state: string } }).job.state)).toEqual(['pending', 'working', 'done']);
    expect(result.violations).toEqual([]);
    expect(result.polls).toBe(3);
    expect(waits).toEqual([40, 40]);
    expect(api.seen.slice(1).map((request) => `${request.method} ${request.url}`)).toEqual(Array(3).fill('GET /api/queues/default/jobs/job-1'));
  });

  it('waits out a 429\'s Retry-After between polls when the retries are spent, then polls on', async () => {
    const jobs = client({ retry: { maxAttempts: 1 } });
    const { runId } = await jobs.create();
    api.throttle.set(2, '3');
    const result = await jobs.pollUntilTerminal(runId);
    expect(result.status).toBe('done');
    expect(result.polls).toBe(4);
    expect(waits).toEqual([40, 3_000, 40]);
  });

  it('honours Retry-After inside the HTTP retries, so the poll loop never sees the 429', async () => {
    const jobs = client();
    const { runId } = await jobs.create();
    api.throttle.set(2, '2');
    const result = await jobs.pollUntilTerminal(runId);
    expect(result.polls).toBe(3);
    expect(waits).toEqual([40, 2_000, 40]);
  });

  it('reads a run under its create\'s path parameters, or under the ones a call gives', async () => {
    const jobs = client();
    const { runId } = await jobs.create();
    await jobs.get(runId);
    await expect(jobs.get(runId, { params: { queue: 'urgent' } })).rejects.toMatchObject({ status: 404 });
    expect(api.seen.slice(1).map((request) => request.url)).toEqual(['/api/queues/default/jobs/job-1', '/api/queues/urgent/jobs/job-1']);
  });

  it('cancels a run through the cancel operation, and the poller stops at the failure state', async () => {
    const jobs = client();
    const { runId } = await jobs.create();
    expect(await jobs.cancel(runId)).toMatchObject({ job: { state: 'cancelled' } });
    expect(api.seen[1]).toMatchObject({ method: 'POST', url: '/api/queues/default/jobs/job-1/cancel' });
    const result = await jobs.pollUntilTerminal(runId);
    expect(result).toMatchObject({ status: 'cancelled', polls: 1, violations: [] });
  });

  it('reads the id at a body pointer and sends a query-parameter key, which never appears in an error', async () => {
    const profile = jobsProfile(specFile, { type: 'query', name: 'api_key' }, { from: 'body', pointer: '/job/id' });
    const jobs = client({ profile });
    expect((await jobs.create()).runId).toBe('job-1');
    expect(api.seen[0]!.url).toBe(`/api/queues/default/jobs?api_key=${API_KEY}`);
    const error = await jobs.get('job-404').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).status).toBe(404);
    expect((error as Error).message).toContain('api_key=[REDACTED]');
    expect((error as Error).message).not.toContain(API_KEY);
    const odd = await client({ profile, token: 'odd/key+with space' }).get('job-1').catch((caught: unknown) => caught);
    expect(odd).toMatchObject({ code: 'AUTH_FAILED', status: 401 });
    expect((odd as Error).message).toContain('api_key=[REDACTED]');
    expect((odd as Error).message).not.toMatch(/odd/);
  });

  it('reads the id from the named Server-Sent Event of a streamed create', async () => {
    const created = await client({ runKind: 'streamed' }).create();
    expect(created.runId).toBe('job-1');
    expect(created.events?.map((event) => event.event)).toEqual(['progress', 'accepted']);
    expect(api.seen[0]!.headers.accept).toBe('text/event-stream');
  });

  it('puts a fresh UUID wherever a call says {uuid}', async () => {
    const jobs = client();
    await jobs.create({ headers: { 'Idempotency-Key': 'key-{uuid}' } });
    await jobs.create({ headers: { 'Idempotency-Key': 'key-{uuid}' } });
    const keys = api.seen.map((request) => request.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^key-[0-9a-f-]{36}$/);
    expect(keys[1]).toMatch(/^key-[0-9a-f-]{36}$/);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('names the profile and the nearest operation when the profile names one the spec lacks', async () => {
    const profile = jobsProfile(specFile);
    const broken = { ...profile, runs: [{ ...profile.runs[0]!, poll: { operationId: 'readJobs' } }] };
    const error = await client({ profile: broken }).get('job-1').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'OPERATION_UNKNOWN', message: expect.stringContaining('jobs.profile.yaml: runs.job.poll names operation "readJobs"') });
    expect((error as { hint: string }).hint).toContain('readJob');
    expect(api.seen).toEqual([]);
  });

  it('refuses a run kind the profile does not have, listing the ones it has', () => {
    expect(() => client({ runKind: 'jobz' })).toThrow(/jobs has no run kind "jobz".*\nKnown: job, streamed/s);
  });

  it('says which header was missing when the create answer carries no run id', async () => {
    const profile = jobsProfile(specFile, { type: 'header', name: 'X-Api-Key' }, { from: 'header', name: 'Content-Location' });
    await expect(client({ profile }).create()).rejects.toMatchObject({ code: 'REMOTE_REFUSED', message: expect.stringContaining('nothing at header Content-Location') });
  });
});
