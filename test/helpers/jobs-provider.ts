import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * A user's own task-run API, written for the contract tests: jobs go `pending → working → done | error`, the key
 * travels in `X-Api-Key`, and the API has its own Pact provider-states endpoint behind an admin bearer token.
 * Nothing here is a bundled provider: it is what a user brings (a spec, a profile, a pact, a running API).
 */
export const JOBS_SPEC = `openapi: 3.1.0
info: { title: Jobs (a user's API in runwarden's contract tests), version: 1.0.0 }
servers: [{ url: 'http://127.0.0.1/api' }]
security: [{ ApiKey: [] }]
paths:
  /jobs:
    post:
      operationId: createJob
      requestBody:
        required: true
        content:
          application/json:
            schema: { type: object, required: [task], additionalProperties: false, properties: { task: { type: string } } }
      responses:
        '202': { description: Accepted, content: { application/json: { schema: { $ref: '#/components/schemas/Job' } } } }
        '401': { $ref: '#/components/responses/Problem' }
    get:
      operationId: listJobs
      responses:
        '200':
          description: Every job
          content:
            application/json:
              schema: { type: object, required: [items], additionalProperties: false, properties: { items: { type: array, items: { $ref: '#/components/schemas/Job' } } } }
        '401': { $ref: '#/components/responses/Problem' }
  /jobs/{job_id}:
    get:
      operationId: getJob
      parameters: [{ name: job_id, in: path, required: true, schema: { type: string, pattern: '^job-[0-9]+$' } }]
      responses:
        '200': { description: The job, content: { application/json: { schema: { $ref: '#/components/schemas/Job' } } } }
        '401': { $ref: '#/components/responses/Problem' }
        '404': { $ref: '#/components/responses/Problem' }
components:
  securitySchemes:
    ApiKey: { type: apiKey, in: header, name: X-Api-Key }
  responses:
    Problem:
      description: A problem
      content: { application/json: { schema: { type: object, required: [title], additionalProperties: false, properties: { title: { type: string } } } } }
  schemas:
    Job:
      type: object
      required: [id, state, created_at]
      additionalProperties: false
      properties:
        id: { type: string, pattern: '^job-[0-9]+$' }
        state: { type: string, enum: [pending, working, done, error] }
        created_at: { type: string, format: date-time }
`;

/** The profile a user writes for the jobs API (docs/config.md), inline in runwarden.config.yaml. */
export function jobsConfig(options: { baseUrl?: string; statesUrl?: string; pacts?: string; extraProviders?: string } = {}): string {
  return [
    'version: 1',
    'providers:',
    '  jobs:',
    '    spec: ./jobs.openapi.yaml',
    ...(options.baseUrl ? [`    baseUrl: ${options.baseUrl}`] : []),
    '    auth: { type: header, name: X-Api-Key, tokenEnv: JOBS_KEY }',
    '    runs:',
    '      job:',
    '        create: { operationId: createJob, body: { task: resize }, runId: { body: /id } }',
    '        poll: { operationId: getJob, interval: 50ms }',
    '        alsoReturnedBy: [listJobs]',
    '        lifecycle:',
    '          status: /state',
    '          initial: [pending]',
    '          success: [done]',
    '          failure: [error]',
    '          transitions: { pending: [working, error], working: [done, error] }',
    '          timestamps: [/created_at]',
    ...(options.statesUrl ? ['    providerStates:', `      url: ${options.statesUrl}`, "      headers: { Authorization: 'Bearer ${JOBS_ADMIN_TOKEN}' }"] : []),
    ...(options.extraProviders ? [options.extraProviders] : []),
    ...(options.pacts ? [`pacts: ${options.pacts}`] : []),
    '',
  ].join('\n');
}

const json = { 'Content-Type': ['application/json'] };
const apiKey = { 'X-Api-Key': ['<redacted>'] };
const type = { combine: 'AND', matchers: [{ match: 'type' }] };
const jobBody = (id: string, state: string) => ({ content: { id, state, created_at: '2026-03-02T10:00:00Z' }, contentType: 'application/json', encoded: false });
const interaction = (description: string, states: Array<{ name: string; params?: Record<string, unknown> }>, request: Record<string, unknown>, response: Record<string, unknown>) => ({
  type: 'Synchronous/HTTP', description, pending: false, providerStates: states.map((state) => ({ name: state.name, params: state.params ?? {} })), request, response,
});

/** The consumer's pact with the jobs API (Pact V4), with the placeholder where the API key goes. */
export function jobsPact(): { consumer: { name: string }; provider: { name: string }; interactions: Array<Record<string, any>>; metadata: unknown } {
  return {
    consumer: { name: 'jobs-dashboard' },
    provider: { name: 'jobs' },
    metadata: { pactSpecification: { version: '4.0' } },
    interactions: [
      interaction('a request to create a job', [], {
        method: 'POST', path: '/jobs', headers: { ...apiKey, ...json }, body: { content: { task: 'resize' }, contentType: 'application/json', encoded: false },
      }, {
        status: 202, headers: json, body: jobBody('job-1', 'pending'), matchingRules: { body: { '$.id': type, '$.created_at': type } },
      }),
      interaction('a request for a job that is working', [{ name: 'a job is working', params: { id: 'job-7' } }], { method: 'GET', path: '/jobs/job-7', headers: apiKey }, {
        status: 200, headers: json, body: jobBody('job-7', 'working'), matchingRules: { body: { '$.created_at': type } },
      }),
      interaction('a request for a job that is done', [{ name: 'a job is done', params: { id: 'job-8' } }], { method: 'GET', path: '/jobs/job-8', headers: apiKey }, {
        status: 200, headers: json, body: jobBody('job-8', 'done'), matchingRules: { body: { '$.created_at': type } },
      }),
      interaction('a request for a job that does not exist', [], { method: 'GET', path: '/jobs/job-404', headers: apiKey }, {
        status: 404, headers: json, body: { content: { title: 'Not Found' }, contentType: 'application/json', encoded: false }, matchingRules: { body: { '$.title': type } },
      }),
      interaction('a request for every job', [{ name: 'a job is done', params: { id: 'job-8' } }], { method: 'GET', path: '/jobs', headers: apiKey }, {
        status: 200, headers: json, body: { content: { items: [jobBody('job-8', 'done').content] }, contentType: 'application/json', encoded: false },
        matchingRules: { body: { '$.items[*].created_at': type } },
      }),
      interaction('a request with a revoked key', [], { method: 'GET', path: '/jobs/job-7', headers: { 'X-Api-Key': ['revoked-key-for-contract-tests'] } }, {
        status: 401, headers: json, body: { content: { title: 'Unauthorized' }, contentType: 'application/json', encoded: false }, matchingRules: { body: { '$.title': type } },
      }),
    ],
  };
}

let root: string | undefined;
afterAll(() => {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/**
 * A user's project in a fresh directory: `jobs.openapi.yaml`, `pacts/jobs-dashboard-jobs.json` (edited by `edit`),
 * and `runwarden.config.yaml` from `config` when given. Returns the directory and the files' paths.
 */
export function jobsProject(config?: string, edit: (pact: ReturnType<typeof jobsPact>) => void = () => {}): { dir: string; spec: string; pacts: string; config: string } {
  root ??= mkdtempSync(path.join(tmpdir(), 'runwarden-jobs-'));
  const dir = mkdtempSync(path.join(root, 'project-'));
  const spec = path.join(dir, 'jobs.openapi.yaml');
  writeFileSync(spec, JOBS_SPEC);
  const pacts = path.join(dir, 'pacts');
  mkdirSync(pacts);
  const pact = jobsPact();
  edit(pact);
  writeFileSync(path.join(pacts, 'jobs-dashboard-jobs.json'), `${JSON.stringify(pact, null, 2)}\n`);
  const file = path.join(dir, 'runwarden.config.yaml');
  if (config !== undefined) writeFileSync(file, config);
  return { dir, spec, pacts, config: file };
}

/** One call the jobs API's provider-states endpoint received. */
export interface StateCall {
  method: string;
  authorization: string | undefined;
  body: { state?: string; params?: Record<string, unknown>; action?: string } | undefined;
}

/** The jobs API running on 127.0.0.1:0 under `/api`, with its provider-states endpoint at `/_pact/states`. */
export interface JobsApi {
  /** The API's base URL, `http://127.0.0.1:<port>/api`. */
  baseUrl: string;
  statesUrl: string;
  /** The X-Api-Key of every API request, in order. */
  keys: Array<string | undefined>;
  stateCalls: StateCall[];
  close(): Promise<void>;
}

const STATES = ['a job is working', 'a job is done'];

/** Starts the jobs API: it accepts only `key`, and its states endpoint only `Bearer <adminToken>`. */
export async function startJobsApi(key: string, adminToken: string): Promise<JobsApi> {
  const jobs = new Map<string, { id: string; state: string; created_at: string }>();
  const keys: Array<string | undefined> = [];
  const stateCalls: StateCall[] = [];
  let next = 1;
  const sockets = new Set<Socket>();
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    void readJson(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/_pact/states') {
        const call: StateCall = { method: req.method ?? '', authorization: req.headers.authorization, body: body as StateCall['body'] };
        stateCalls.push(call);
        if (call.authorization !== `Bearer ${adminToken}`) return send(res, 401, { title: 'Unauthorized' });
        if (req.method === 'GET') return send(res, 200, { states: STATES });
        const { state = '', params = {}, action } = call.body ?? {};
        if (action === 'teardown') {
          jobs.clear();
          return send(res, 200, {});
        }
        if (!STATES.includes(state)) return send(res, 400, { error: { message: `unknown state "${state}"` } });
        const id = String(params.id);
        jobs.set(id, { id, state: state.replace('a job is ', ''), created_at: '2026-03-02T10:00:00Z' });
        return send(res, 200, { result: { id } });
      }
      if (!url.pathname.startsWith('/api')) return send(res, 404, { title: 'Not Found' });
      const route = url.pathname.slice('/api'.length);
      keys.push(req.headers['x-api-key'] as string | undefined);
      if (req.headers['x-api-key'] !== key) return send(res, 401, { title: 'Unauthorized' });
      if (req.method === 'POST' && route === '/jobs') {
        const id = `job-${next++}`;
        jobs.set(id, { id, state: 'pending', created_at: '2026-03-02T10:00:00Z' });
        return send(res, 202, jobs.get(id));
      }
      if (req.method === 'GET' && route === '/jobs') return send(res, 200, { items: [...jobs.values()] });
      const job = req.method === 'GET' ? jobs.get(route.replace(/^\/jobs\//, '')) : undefined;
      return job ? send(res, 200, job) : send(res, 404, { title: 'Not Found' });
    });
  });
  server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: `${origin}/api`,
    statesUrl: `${origin}/_pact/states`,
    keys,
    stateCalls,
    close: () => new Promise<void>((resolve) => { for (const socket of sockets) socket.destroy(); server.close(() => resolve()); }),
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try { return text === '' ? undefined : JSON.parse(text) as unknown; } catch { return text; }
}
