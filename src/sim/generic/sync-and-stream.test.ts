import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkLifecycle } from '../../core/lifecycle/index.ts';
import type { ProviderProfile } from '../../core/profile/index.ts';
import type { LoadedSpec } from '../../spec/index.ts';
import { advanceUntil, driveRun } from './drive-run.fixture.ts';
import { findingsOf, loadFixture, startHarness, type Harness } from './generic-harness.fixture.ts';

// Answers: a synchronous create that blocks until its run ends, and a streamed create (Server-Sent Events, the id
// in each `update` event) whose runs are read back by the same poll operation.
const answer = {
  type: 'object', required: ['id', 'status'], additionalProperties: false,
  properties: { id: { type: 'string', format: 'uuid' }, status: { type: 'string', enum: ['thinking', 'drafting', 'answered', 'gave_up'] }, text: { type: 'string' } },
};
const SPEC = {
  openapi: '3.1.0',
  info: { title: 'Answers', version: '1' },
  servers: [{ url: '/answers-api' }],
  paths: {
    '/answers': { post: { operationId: 'answerNow', responses: { 200: { description: 'the answer', content: { 'application/json': { schema: answer } } } } } },
    '/answers/stream': { post: { operationId: 'streamAnswer', responses: { 200: { description: 'events', content: { 'text/event-stream': { schema: { type: 'string' } } } } } } },
    '/answers/{id}': {
      get: {
        operationId: 'getAnswer',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: { 200: { description: 'the answer', content: { 'application/json': { schema: answer } } } },
      },
    },
  },
};
const lifecycle = {
  status: '/status', initial: ['thinking'], success: ['answered'], failure: ['gave_up'],
  transitions: { thinking: ['drafting', 'gave_up'], drafting: ['answered', 'gave_up'] },
};
const PROFILE = {
  name: 'answers',
  auth: { type: 'none' },
  runs: {
    blocking: { create: { operationId: 'answerNow', runId: { body: '/id' }, sync: true }, poll: { operationId: 'getAnswer' }, lifecycle },
    streamed: { create: { operationId: 'streamAnswer', runId: { sse: '/answer_id', event: 'update' } }, poll: { operationId: 'getAnswer' }, lifecycle },
  },
};

let spec: LoadedSpec;
let profile: ProviderProfile;
let sim: Harness;

beforeAll(async () => {
  ({ spec, profile } = await loadFixture(SPEC, PROFILE));
});
afterEach(() => sim.close());

describe('synchronous and streamed creates', () => {
  it('holds a sync create until its run has ended, then answers with the terminal run', async () => {
    sim = await startHarness(profile, spec, { sim: { timing: { answers: { default: { medianMs: 1000, p99Ms: 1000 } } } } });
    const started = sim.clock.now();
    const exchange = await advanceUntil(sim, sim.call('POST', '/answers'), 50);
    expect(exchange.status).toBe(200);
    expect(findingsOf(sim, 'answerNow', exchange)).toEqual([]);
    const body = exchange.body as { id: string; status: string };
    expect(['answered', 'gave_up']).toContain(body.status);
    // Two or three states of 1 s each before the end: the answer came no earlier than that.
    expect(sim.clock.now() - started).toBeGreaterThanOrEqual(1000);
    const again = await sim.call('GET', `/answers/${body.id}`);
    expect(again.body).toEqual(body);
  });

  it('streams one event per state with the run id, ending at the terminal state, and serves the run to the shared poll', async () => {
    sim = await startHarness(profile, spec);
    const kind = profile.runs.find((candidate) => candidate.name === 'streamed')!;
    const driven = await driveRun(sim, kind);
    expect(driven.create.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(driven.events.length).toBeGreaterThanOrEqual(2);
    expect(driven.events.every((event) => event.event === 'update' && (event.data as { answer_id: string }).answer_id === driven.id)).toBe(true);
    const states = driven.events.map((event) => (event.data as { status: string }).status);
    expect(states[0]).toBe('thinking');
    expect(['answered', 'gave_up']).toContain(states.at(-1));
    expect(checkLifecycle(kind.lifecycle, 'streamAnswer', driven.events.map((event, index) => ({ body: event.data, observedAt: index })))).toEqual([]);
    expect(driven.polls.at(-1)!.body).toMatchObject({ id: driven.id, status: states.at(-1) });
    expect(findingsOf(sim, 'getAnswer', driven.polls.at(-1)!)).toEqual([]);
    expect(sim.provider.sizes()).toEqual({ 'answers.blocking': 0, 'answers.streamed': 1 });
  });

  it('lists no 401 among the minimal bodies when the profile needs no credentials, but the 404 the spec leaves undocumented', async () => {
    sim = await startHarness(profile, spec);
    expect(sim.provider.minimalBodies.some((entry) => entry.status === 401)).toBe(false);
    expect(sim.provider.minimalBodies).toContainEqual({ operationId: 'getAnswer', status: 404 });
  });
});
