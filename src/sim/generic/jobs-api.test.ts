import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkLifecycle } from '../../core/lifecycle/index.ts';
import type { ProviderProfile } from '../../core/profile/index.ts';
import type { LoadedSpec } from '../../spec/index.ts';
import { findingsOf, loadFixture, startHarness, type Exchange, type Harness } from './generic-harness.fixture.ts';
import { JOBS_PROFILE, JOBS_SPEC } from './jobs-api.fixture.ts';

type Job = { id: string; state: string; created_at: string; started_at: string | null; finished_at: string | null };

let spec: LoadedSpec;
let profile: ProviderProfile;
const open: Harness[] = [];

beforeAll(async () => {
  ({ spec, profile } = await loadFixture(JOBS_SPEC, JOBS_PROFILE));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((harness) => harness.close()));
});

async function harness(sim: Parameters<typeof startHarness>[2] = {}): Promise<Harness> {
  const started = await startHarness(profile, spec, sim);
  open.push(started);
  return started;
}

function expectConforms(sim: Harness, operationId: string, exchange: Exchange): void {
  expect(findingsOf(sim, operationId, exchange)).toEqual([]);
}

/** Creates a job and returns its id (the last segment of the Location URL). */
async function create(sim: Harness, headers: Record<string, string> = {}, body: unknown = { task: 'resize', size: 512 }): Promise<{ id: string; exchange: Exchange }> {
  const exchange = await sim.call('POST', '/jobs', { body, headers });
  expect(exchange.status).toBe(202);
  expectConforms(sim, 'createJob', exchange);
  const location = new URL(exchange.headers.location!);
  expect(location.pathname).toMatch(/^\/api\/jobs\/job_[a-z0-9]{12}$/);
  return { id: location.pathname.split('/').pop()!, exchange };
}

/** Polls every job in turn, 100 ms of clock apart, until each is terminal (bounded); every answer must conform. */
async function pollAll(sim: Harness, ids: readonly string[], maxRounds = 400): Promise<Map<string, Job[]>> {
  const seen = new Map(ids.map((id) => [id, [] as Job[]]));
  const terminal = new Set(profile.runs[0]!.lifecycle.terminal);
  for (let round = 0; round < maxRounds; round++) {
    const pending = ids.filter((id) => !terminal.has(seen.get(id)!.at(-1)?.state ?? ''));
    if (pending.length === 0) return seen;
    for (const id of pending) {
      const exchange = await sim.call('GET', `/jobs/${id}`);
      expect(exchange.status).toBe(200);
      expectConforms(sim, 'getJob', exchange);
      seen.get(id)!.push(exchange.body as Job);
    }
    sim.clock.advance(100);
  }
  throw new Error(`runs still not terminal after ${maxRounds} rounds`);
}

const observations = (bodies: readonly Job[]) => bodies.map((body, index) => ({ body, observedAt: index }));

describe('a jobs API served from its spec and profile', () => {
  it('creates runs answered with a Location header and moves every one through legal states to a terminal one', async () => {
    const sim = await harness({ sim: { outcomes: { jobs: { done: 1, error: 1 } } } });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await create(sim)).id);
    expect(new Set(ids).size).toBe(30);
    const seen = await pollAll(sim, ids);
    const lifecycle = profile.runs[0]!.lifecycle;
    const ends = new Set<string>();
    let passedThroughWorking = 0;
    for (const [, bodies] of seen) {
      expect(checkLifecycle(lifecycle, 'getJob', observations(bodies))).toEqual([]);
      expect(bodies[0]!.state).toBe('pending');
      ends.add(bodies.at(-1)!.state);
      if (bodies.some((body) => body.state === 'working')) passedThroughWorking++;
    }
    expect([...ends].sort()).toEqual(['done', 'error']);
    expect(passedThroughWorking).toBeGreaterThan(0);
  });

  it('sets timestamps in order as the run reaches them, null until then', async () => {
    const sim = await harness();
    const createdAt = sim.clock.now();
    const { id } = await create(sim);
    const seen = (await pollAll(sim, [id])).get(id)!;
    const first = seen[0]!;
    expect(first).toMatchObject({ state: 'pending', started_at: null, finished_at: null });
    expect(Date.parse(first.created_at)).toBe(createdAt);
    const last = seen.at(-1)!;
    expect(last.finished_at).not.toBeNull();
    const working = seen.find((body) => body.state === 'working');
    if (working) expect(Date.parse(working.started_at!)).toBeGreaterThan(Date.parse(first.created_at));
    const times = [last.created_at, last.started_at, last.finished_at].filter((value): value is string => value !== null).map(Date.parse);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('gives the same bodies, ids and headers for the same seed, and other ids for another seed', async () => {
    const transcript = async (seed: number) => {
      const sim = await harness({ sim: { seed } });
      const texts: string[] = [];
      for (let i = 0; i < 3; i++) {
        const { id, exchange } = await create(sim);
        texts.push(new URL(exchange.headers.location!).pathname);
        sim.clock.advance(700);
        texts.push((await sim.call('GET', `/jobs/${id}`)).text);
      }
      texts.push((await sim.call('GET', '/jobs')).text);
      return texts;
    };
    const [a, b, c] = [await transcript(7), await transcript(7), await transcript(8)];
    expect(b).toEqual(a);
    expect(c[0]).not.toEqual(a[0]);
  });

  it('answers an unknown id with the documented 404', async () => {
    const sim = await harness();
    for (const [method, path, operationId] of [['GET', '/jobs/job_aaaaaaaaaaaa', 'getJob'], ['POST', '/jobs/job_aaaaaaaaaaaa/cancel', 'cancelJob']] as const) {
      const exchange = await sim.call(method, path);
      expect(exchange.status).toBe(404);
      expectConforms(sim, operationId, exchange);
      expect(exchange.body).toMatchObject({ error: { code: 'not_found', message: expect.stringContaining('job_aaaaaaaaaaaa') } });
    }
  });

  it('answers a body that breaks the request schema, and malformed JSON, with the documented 400 and creates nothing', async () => {
    const sim = await harness();
    for (const body of [{ task: 'rotate', size: 512 }, { task: 'resize', size: 0 }, { task: 'resize' }, { task: 'resize', size: 5, extra: true }]) {
      const exchange = await sim.call('POST', '/jobs', { body });
      expect(exchange.status, JSON.stringify(body)).toBe(400);
      expectConforms(sim, 'createJob', exchange);
      expect((exchange.body as { error: { message: string } }).error.message).toMatch(/^Invalid request: body/);
    }
    const malformed = await sim.call('POST', '/jobs', { rawBody: '{"task":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expectConforms(sim, 'createJob', malformed);
    expect(sim.provider.sizes()).toEqual({ 'jobs.job': 0 });
  });

  it('cancels a running job through the cancel path, and answers a second cancel with the documented 409', async () => {
    const sim = await harness();
    const { id } = await create(sim);
    sim.clock.advance(50);
    const cancelled = await sim.call('POST', `/jobs/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expectConforms(sim, 'cancelJob', cancelled);
    expect(cancelled.body).toMatchObject({ id, state: 'cancelled', finished_at: expect.any(String) });
    sim.clock.advance(10_000);
    const later = await sim.call('GET', `/jobs/${id}`);
    expect(later.body).toMatchObject({ state: 'cancelled' });
    const lifecycle = profile.runs[0]!.lifecycle;
    expect(checkLifecycle(lifecycle, 'getJob', observations([cancelled.body as Job, later.body as Job]))).toEqual([]);
    const again = await sim.call('POST', `/jobs/${id}/cancel`);
    expect(again.status).toBe(409);
    expectConforms(sim, 'cancelJob', again);
  });

  it('replays the first answer for a repeated Idempotency-Key and refuses the key with other parameters', async () => {
    const sim = await harness();
    const first = await create(sim, { 'idempotency-key': 'k-1' });
    const replay = await create(sim, { 'idempotency-key': 'k-1' });
    expect(replay.exchange.headers.location).toBe(first.exchange.headers.location);
    expect(sim.provider.sizes()).toEqual({ 'jobs.job': 1 });
    const conflict = await sim.call('POST', '/jobs', { body: { task: 'crop', size: 10 }, headers: { 'idempotency-key': 'k-1' } });
    expect(conflict.status).toBe(409);
    expectConforms(sim, 'createJob', conflict);
    await create(sim, { 'idempotency-key': 'k-2' });
    expect(sim.provider.sizes()).toEqual({ 'jobs.job': 2 });
  });

  it('answers requests without the token with the documented 401', async () => {
    const sim = await harness();
    const exchange = await sim.call('GET', '/jobs/job_aaaaaaaaaaaa', { token: null });
    expect(exchange.status).toBe(401);
    expectConforms(sim, 'getJob', exchange);
  });

  it('ends runs as scenarios say: by the X-Runwarden-Scenario header, and never for stuck', async () => {
    const sim = await harness();
    const failing = (await create(sim, { 'x-runwarden-scenario': 'error' })).id;
    const stuck = (await create(sim, { 'x-runwarden-scenario': 'stuck' })).id;
    const seen = await pollAll(sim, [failing]);
    expect(seen.get(failing)!.at(-1)!.state).toBe('error');
    sim.clock.advance(600_000);
    const still = await sim.call('GET', `/jobs/${stuck}`);
    expect(['pending', 'working']).toContain((still.body as Job).state);
  });

  it('lists the operations that answer with a minimal body because the spec documents no shape for the status', async () => {
    const sim = await harness();
    const minimal = sim.provider.minimalBodies;
    expect(minimal).toContainEqual({ operationId: 'getJob', status: 429 });
    expect(minimal).toContainEqual({ operationId: 'createJob', status: 500 });
    expect(minimal).not.toContainEqual({ operationId: 'getJob', status: 404 });
    expect(minimal).not.toContainEqual({ operationId: 'listJobs', status: 401 });
    expect(sim.provider.errors.rateLimited('Slow down.', 3)).toMatchObject({ status: 429, body: { error: { code: 'rate_limited', message: 'Slow down.' } }, headers: { 'retry-after': '3' } });
    expect(sim.provider.notes).toEqual([]);
  });

  it('notes a lifecycle state the spec cannot show, and refuses a profile naming an operation the spec lacks', async () => {
    const job = JOBS_PROFILE.runs.job;
    const paused = { ...JOBS_PROFILE, runs: { job: { ...job, lifecycle: { ...job.lifecycle, transitions: { ...job.lifecycle.transitions, pending: ['paused', 'working'], paused: ['working'] } } } } };
    const withPause = await loadFixture(JOBS_SPEC, paused);
    const sim = await startHarness(withPause.profile, withPause.spec);
    open.push(sim);
    expect(sim.provider.notes).toEqual(['getJob', 'cancelJob'].map((operationId) => expect.stringMatching(new RegExp(`^${operationId} 200: no body for state "paused" conforms to the spec: /state: Received: "paused"`))));
    const typo = await loadFixture(JOBS_SPEC, { ...JOBS_PROFILE, runs: { job: { ...job, create: { ...job.create, operationId: 'createJobs' } } } });
    await expect(startHarness(typo.profile, typo.spec)).rejects.toMatchObject({
      code: 'OPERATION_UNKNOWN', message: expect.stringMatching(/profile\.yaml.*runs\.job\.create: the spec has no operation "createJobs"/), hint: expect.stringContaining('Did you mean createJob?'),
    });
  });

  it('serves the other operations when one operation\'s schema cannot compile, noting it', async () => {
    const broken = structuredClone(JOBS_SPEC);
    (broken.paths['/jobs'].get.responses[200].content['application/json'] as { schema: unknown }).schema = { type: 'lizt' };
    const fixture = await loadFixture(broken, JOBS_PROFILE);
    const sim = await startHarness(fixture.profile, fixture.spec);
    open.push(sim);
    expect(sim.provider.notes).toEqual([expect.stringMatching(/^listJobs: .*SCHEMA|^listJobs: .*cannot be compiled/)]);
    const { id } = await create(sim);
    expect((await sim.call('GET', `/jobs/${id}`)).status).toBe(200);
    expect((await sim.call('GET', '/jobs')).status).toBe(200);
  });

  it('places runs for provider states and forgets them on reset', async () => {
    const sim = await harness();
    const result = sim.provider.states!.find((state) => state.name === 'a run is {state}')!.apply({ state: 'working' }, sim.clock.now());
    const placed = await sim.call('GET', `/jobs/${String(result.job_id)}`);
    expect(placed.body).toMatchObject({ id: result.id, state: 'working', started_at: expect.any(String) });
    expectConforms(sim, 'getJob', placed);
    sim.provider.reset();
    expect((await sim.call('GET', `/jobs/${String(result.id)}`)).status).toBe(404);
  });
});
