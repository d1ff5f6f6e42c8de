import { describe, expect, it } from 'vitest';
import { bundled, call, conformance } from '../../test/helpers/sim-kit.ts';
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
    const sim = await startSimulator({ clock, providers: bundled('deck'), limits: { store: { maxRuns: 3, ttlMs: 60_000 } } });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push(((await call(sim, 'deck', 'POST', '/tasks/task_abc/run', { body: {} })).body as { id: string }).id);
      expect(sim.stats().runs['deck.task-run']).toBe(3);
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
    const sim = await startSimulator({ providers: bundled('refactor'), validateRequestBodies: false });
    try {
      expect(Object.keys(sim.urls)).toEqual(['refactor']);
      const response = await fetch(`${sim.origin}/v2/task-runs`, { headers: { authorization: `Bearer ${sim.config.token}` } });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    } finally {
      await sim.close();
    }
  });

  it('accepts only the configured token, the Bearer scheme in any case (RFC 7235)', async () => {
    const sim = await startSimulator({ providers: bundled('deck'), token: 'sk_live_local', validateRequestBodies: false });
    try {
      expect((await call(sim, 'deck', 'GET', '/task-runs')).status).toBe(200);
      for (const authorization of ['bearer sk_live_local', 'BEARER sk_live_local', 'bEaReR   sk_live_local']) {
        expect((await call(sim, 'deck', 'GET', '/task-runs', { token: null, headers: { authorization } })).status, authorization).toBe(200);
      }
      for (const authorization of ['Bearer sk_live_LOCAL', 'Bearersk_live_local', 'Basic sk_live_local', 'sk_live_local']) {
        expect((await call(sim, 'deck', 'GET', '/task-runs', { token: null, headers: { authorization } })).status, authorization).toBe(401);
      }
      expect((await call(sim, 'deck', 'GET', '/task-runs', { token: 'runwarden-dev-token' })).status).toBe(401);
    } finally {
      await sim.close();
    }
  });

  it('answers a JSON body nested deeper than the depth limit with each provider\'s documented 400 or 422, never a 500', async () => {
    const sim = await startSimulator({ providers: bundled('deck', 'refactor', 'rightbrain') });
    const uuid = '3810af67-38c6-4183-a744-0be370b5311e';
    // ~600 KB: well under the 1 MiB body limit, far deeper than anything walks recursively.
    const deep = (wrap: (inner: string) => string) => wrap(`${'['.repeat(300_000)}${']'.repeat(300_000)}`);
    try {
      const cases = [
        { provider: 'deck', operationId: 'runTask', path: '/tasks/task_abc/run', body: deep((inner) => `{"input":{"a":${inner}}}`), status: 400 },
        { provider: 'refactor', operationId: 'runRunnable', path: `/runnable/${uuid}/runs?mode=async`, body: deep((inner) => `{"resources":${inner}}`), status: 400 },
        { provider: 'rightbrain', operationId: 'runTask', path: `/org/${uuid}/project/${uuid}/task/${uuid}/run`, body: deep((inner) => `{"task_input":{"a":${inner}}}`), status: 422 },
      ];
      for (const { provider, operationId, path, body, status } of cases) {
        const exchange = await call(sim, provider, 'POST', path, { rawBody: body, headers: { 'content-type': 'application/json' } });
        expect(exchange.status, provider).toBe(status);
        expect(await conformance(provider, operationId, exchange)).toEqual([]);
      }
      // The limit counts levels: 64 deep is fine, 65 is not.
      const nested = (levels: number) => `{"input":${'{"a":'.repeat(levels - 1)}1${'}'.repeat(levels - 1)}}`;
      expect((await call(sim, 'deck', 'POST', '/tasks/task_abc/run', { rawBody: nested(64), headers: { 'content-type': 'application/json' } })).status).toBe(201);
      expect((await call(sim, 'deck', 'POST', '/tasks/task_abc/run', { rawBody: nested(65), headers: { 'content-type': 'application/json' } })).status).toBe(400);
      expect(sim.stats().internalErrors).toBe(0);
    } finally {
      await sim.close();
    }
  });

  it('refuses a profile naming an extension that does not exist, and two providers on one base path', async () => {
    const deck = bundled('deck')[0]!;
    await expect(startSimulator({ providers: [{ ...deck, extension: 'dekc' }] })).rejects.toMatchObject({
      code: 'CONFIG_INVALID', message: expect.stringMatching(/deck names the simulator extension "dekc", which does not exist \(did you mean deck\?\)\nExtensions: deck, refactor, rightbrain/),
    });
    await expect(startSimulator({ providers: [deck, { ...deck, name: 'staging-deck' }], validateRequestBodies: false })).rejects.toMatchObject({
      code: 'CONFIG_INVALID', message: expect.stringContaining('share the base path /v2'),
    });
  });

  it('mounts a bundled provider twice under two names and base paths, each with its own runs', async () => {
    const deck = bundled('deck')[0]!;
    const sim = await startSimulator({ providers: [deck, { ...deck, name: 'staging-deck', basePath: '/staging/v2' }], validateRequestBodies: false, faults: [{ provider: 'staging-deck', operations: ['listTaskRuns'], error: { rate: 1, statuses: [503] } }] });
    try {
      expect(sim.urls['staging-deck']).toBe(`${sim.origin}/staging/v2`);
      const created = await call(sim, 'staging-deck', 'POST', '/tasks/task_abc/run', { body: {} });
      expect(created.status).toBe(201);
      const id = (created.body as { id: string }).id;
      expect((await call(sim, 'staging-deck', 'GET', `/task-runs/${id}`)).status).toBe(200);
      expect((await call(sim, 'deck', 'GET', `/task-runs/${id}`)).status).toBe(404);
      expect((await call(sim, 'staging-deck', 'GET', '/task-runs')).status).toBe(503);
      expect((await call(sim, 'deck', 'GET', '/task-runs')).status).toBe(200);
      expect(sim.stats().runs).toEqual({ 'deck.task-run': 0, 'staging-deck.task-run': 1 });
      expect(sim.faults.byOperation).toEqual({ 'staging-deck.listTaskRuns': { error: 1 } });
    } finally {
      await sim.close();
    }
  });
});
