import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkLifecycle } from '../../core/lifecycle/index.ts';
import type { ProviderProfile } from '../../core/profile/index.ts';
import type { LoadedSpec } from '../../spec/index.ts';
import { findingsOf, loadFixture, startHarness, type Harness } from './generic-harness.fixture.ts';

// Pipelines: the run sits two levels down (`/data/run/state`), its id is an integer, its timestamps are nested
// (`queued_at` is named after a state), and errors come as `{"errors": [{"code", "detail"}]}`.
const problem = {
  description: 'problem',
  content: {
    'application/json': {
      schema: {
        type: 'object', required: ['errors'], additionalProperties: false,
        properties: { errors: { type: 'array', minItems: 1, items: { type: 'object', required: ['code', 'detail'], properties: { code: { type: 'string' }, detail: { type: 'string' } } } } },
      },
      example: { errors: [{ code: 'not_found', detail: 'No such pipeline.' }] },
    },
  },
};
const envelope = {
  type: 'object', required: ['data', 'meta'], additionalProperties: false,
  properties: {
    data: {
      type: 'object', required: ['run'], additionalProperties: false,
      properties: {
        run: {
          type: 'object', required: ['id', 'state', 'pipeline', 'timing'], additionalProperties: false,
          properties: {
            id: { type: 'integer', minimum: 1 },
            state: { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed'] },
            pipeline: { type: 'string', pattern: '^[a-z][a-z0-9-]{2,30}$' },
            timing: {
              type: 'object', required: ['queued_at'], additionalProperties: false,
              properties: { queued_at: { type: 'string', format: 'date-time' }, ended_at: { type: 'string', format: 'date-time' } },
            },
          },
        },
      },
    },
    meta: { type: 'object', required: ['request_id'], properties: { request_id: { type: 'string', format: 'uuid' } } },
  },
};
const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Pipelines', version: '3' },
  servers: [{ url: 'https://ci.example.com/v3' }],
  paths: {
    '/pipelines/{pipeline}/runs': {
      post: {
        operationId: 'startRun',
        parameters: [{ name: 'pipeline', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { ref: { type: 'string' } } } } } },
        responses: { 201: { description: 'started', content: { 'application/json': { schema: envelope } } }, 404: problem },
      },
    },
    '/runs/{run_id}': {
      get: {
        operationId: 'getRun',
        parameters: [{ name: 'run_id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
        responses: { 200: { description: 'the run', content: { 'application/json': { schema: envelope } } }, 404: problem },
      },
    },
  },
};
const PROFILE = {
  name: 'pipes',
  runs: {
    build: {
      create: { operationId: 'startRun', params: { pipeline: 'main' }, body: { ref: 'main' }, runId: { body: '/data/run/id' } },
      poll: { operationId: 'getRun' },
      lifecycle: {
        status: '/data/run/state',
        initial: ['queued'],
        success: ['succeeded'],
        failure: ['failed'],
        transitions: { queued: ['running', 'failed'], running: ['succeeded', 'failed'] },
        timestamps: ['/data/run/timing/queued_at', '/data/run/timing/ended_at'],
      },
    },
  },
};

type Envelope = { data: { run: { id: number; state: string; timing: { queued_at: string; ended_at?: string } } } };

let spec: LoadedSpec;
let profile: ProviderProfile;
let sim: Harness;

beforeAll(async () => {
  ({ spec, profile } = await loadFixture(SPEC, PROFILE));
});
afterEach(() => sim.close());

async function runToEnd(pipeline: string): Promise<Envelope[]> {
  const created = await sim.call('POST', `/pipelines/${pipeline}/runs`, { body: { ref: 'main' } });
  expect(created.status).toBe(201);
  expect(findingsOf(sim, 'startRun', created)).toEqual([]);
  const id = (created.body as Envelope).data.run.id;
  const seen: Envelope[] = [created.body as Envelope];
  for (let i = 0; i < 500; i++) {
    const polled = await sim.call('GET', `/runs/${id}`);
    expect(polled.status).toBe(200);
    expect(findingsOf(sim, 'getRun', polled)).toEqual([]);
    seen.push(polled.body as Envelope);
    if (['succeeded', 'failed'].includes((polled.body as Envelope).data.run.state)) return seen;
    sim.clock.advance(150);
  }
  throw new Error(`run ${id} did not end`);
}

describe('a run whose status sits two levels deep', () => {
  it('writes the id, the state and nested timestamps where the profile points, and every run ends legally', async () => {
    sim = await startHarness(profile, spec);
    const ids = new Set<number>();
    for (let i = 0; i < 8; i++) {
      const seen = await runToEnd('main');
      const runs = seen.map((body) => body.data.run);
      ids.add(runs[0]!.id);
      expect(Number.isInteger(runs[0]!.id)).toBe(true);
      expect(new Set(runs.map((run) => run.id)).size).toBe(1);
      expect(runs[0]!.state).toBe('queued');
      expect(checkLifecycle(profile.runs[0]!.lifecycle, 'getRun', seen.map((body, index) => ({ body, observedAt: index })))).toEqual([]);
      const last = runs.at(-1)!;
      expect(Date.parse(last.timing.ended_at!)).toBeGreaterThan(Date.parse(last.timing.queued_at));
      expect(runs.filter((run) => run.state !== 'succeeded' && run.state !== 'failed').every((run) => run.timing.ended_at === undefined)).toBe(true);
    }
    expect(ids.size).toBe(8);
    expect(sim.provider.notes).toEqual([]);
  });

  it('takes outcomes and unknown ids from the simulator options, answering in the documented error shape', async () => {
    sim = await startHarness(profile, spec, { sim: { scenarios: { pipes: { nightly: 'failed' } }, unknownIds: { pipes: ['ghost'] } } });
    for (let i = 0; i < 3; i++) expect((await runToEnd('nightly')).at(-1)!.data.run.state).toBe('failed');
    const unknown = await sim.call('POST', '/pipelines/ghost/runs', { body: {} });
    expect(unknown.status).toBe(404);
    expect(findingsOf(sim, 'startRun', unknown)).toEqual([]);
    expect(unknown.body).toMatchObject({ errors: [{ code: 'not_found', detail: expect.stringContaining('ghost') }] });
    const missing = await sim.call('GET', '/runs/999999');
    expect(missing.status).toBe(404);
    expect(findingsOf(sim, 'getRun', missing)).toEqual([]);
  });

  it('reports options it does not understand instead of ignoring them', async () => {
    await expect(startHarness(profile, spec, { sim: { outcomes: { pipes: { succeeded: 1, exploded: 1 } } } })).rejects.toThrow(/outcomes\.pipes\.exploded: unknown key/);
    sim = await startHarness(profile, spec);
  });
});
