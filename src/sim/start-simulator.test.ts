import { describe, expect, it } from 'vitest';
import { call } from '../../test/helpers/sim-kit.ts';
import { createVirtualClock } from './clock.ts';
import { startSimulator } from './start-simulator.ts';

describe('startSimulator', () => {
  it('listens on a free port with each provider at its base path, and closes even with requests in flight', async () => {
    const clock = createVirtualClock();
    const sim = await startSimulator({ clock });
    expect(sim.port).toBeGreaterThan(0);
    expect(sim.urls).toEqual({
      rightbrain: `http://127.0.0.1:${sim.port}/api/v1`,
      deck: `http://127.0.0.1:${sim.port}/v2`,
      refactor: `http://127.0.0.1:${sim.port}/v1`,
    });
    expect(sim.clock).toBe(clock);
    expect(sim.admin).toBeUndefined();
    expect(sim.faults.total).toBe(0);
    const hanging = call(sim, 'refactor', 'POST', '/runnable/3810af67-38c6-4183-a744-0be370b5311e/runs?mode=sync', { body: {} });
    await clock.whenPending();
    await sim.close();
    await expect(hanging).rejects.toThrow();
  });

  it('evicts the least recently used runs beyond maxRuns, and forgets runs idle for the TTL', async () => {
    const clock = createVirtualClock();
    const sim = await startSimulator({ clock, providers: ['deck'], limits: { store: { maxRuns: 3, ttlMs: 60_000 } } });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push(((await call(sim, 'deck', 'POST', '/tasks/task_abc/run', { body: {} })).body as { id: string }).id);
      expect(sim.stats().runs['deck.task_run']).toBe(3);
      expect((await call(sim, 'deck', 'GET', `/task-runs/${ids[0]}`)).status).toBe(404);
      expect((await call(sim, 'deck', 'GET', `/task-runs/${ids[1]}`)).status).toBe(200);
      clock.advance(30_000);
      expect((await call(sim, 'deck', 'GET', `/task-runs/${ids[1]}`)).status).toBe(200);
      clock.advance(40_000);
      expect((await call(sim, 'deck', 'GET', `/task-runs/${ids[1]}`)).status).toBe(200);
      expect((await call(sim, 'deck', 'GET', `/task-runs/${ids[2]}`)).status).toBe(404);
    } finally {
      await sim.close();
    }
  });

  it('serves only the enabled providers; other base paths get the generic 404', async () => {
    const sim = await startSimulator({ providers: ['refactor'], validateRequestBodies: false });
    try {
      expect(Object.keys(sim.urls)).toEqual(['refactor']);
      const response = await fetch(`${sim.origin}/v2/task-runs`, { headers: { authorization: `Bearer ${sim.config.token}` } });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    } finally {
      await sim.close();
    }
  });

  it('accepts only the configured token, with either case of the Bearer scheme', async () => {
    const sim = await startSimulator({ providers: ['deck'], token: 'sk_live_local', validateRequestBodies: false });
    try {
      expect((await call(sim, 'deck', 'GET', '/task-runs')).status).toBe(200);
      expect((await call(sim, 'deck', 'GET', '/task-runs', { token: null, headers: { authorization: 'bearer sk_live_local' } })).status).toBe(200);
      expect((await call(sim, 'deck', 'GET', '/task-runs', { token: 'runwarden-dev-token' })).status).toBe(401);
    } finally {
      await sim.close();
    }
  });
});
