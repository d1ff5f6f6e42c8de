import { afterEach, beforeAll, expect, it } from 'vitest';
import type { ProviderProfile } from '../../core/profile/index.ts';
import type { LoadedSpec } from '../../spec/index.ts';
import { loadFixture, startHarness, type Harness } from './generic-harness.fixture.ts';
import { JOBS_PROFILE, JOBS_SPEC } from './jobs-api.fixture.ts';

let spec: LoadedSpec;
let profile: ProviderProfile;
let sim: Harness | undefined;

beforeAll(async () => {
  ({ spec, profile } = await loadFixture(JOBS_SPEC, JOBS_PROFILE));
});
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

it('keeps no rendered body of a run the store has evicted', async () => {
  const capacity = 5;
  sim = await startHarness(profile, spec, { sim: { limits: { store: { maxRuns: capacity } } } });
  const ids: string[] = [];
  for (let index = 0; index < capacity * 3; index++) {
    const created = await sim.call('POST', '/jobs', { body: { task: 'resize', size: 512 } });
    const id = new URL(created.headers.location!).pathname.split('/').pop()!;
    ids.push(id);
    sim.clock.advance(60_000); // every default run has ended a minute after its creation
    const read = await sim.call('GET', `/jobs/${id}`);
    expect(read.status).toBe(200);
    expect(['done', 'error', 'cancelled']).toContain((read.body as { state: string }).state);
    expect(sim.provider.cachedBodies()).toBeLessThanOrEqual(capacity);
  }
  expect(sim.provider.cachedBodies()).toBeGreaterThan(0);
  // The evicted runs are gone (404), and reading the kept ones still hits the cache without growing it.
  expect((await sim.call('GET', `/jobs/${ids[0]!}`)).status).toBe(404);
  for (const id of ids.slice(-capacity)) expect((await sim.call('GET', `/jobs/${id}`)).status).toBe(200);
  expect(sim.provider.cachedBodies()).toBeLessThanOrEqual(capacity);
});

it('forgets every cached body when the provider is reset', async () => {
  sim = await startHarness(profile, spec);
  const created = await sim.call('POST', '/jobs', { body: { task: 'resize', size: 512 } });
  sim.clock.advance(60_000);
  await sim.call('GET', new URL(created.headers.location!).pathname.replace('/api', ''));
  expect(sim.provider.cachedBodies()).toBe(1);
  sim.provider.reset();
  expect(sim.provider.cachedBodies()).toBe(0);
});
