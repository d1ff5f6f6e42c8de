import { afterEach, describe, expect, it } from 'vitest';
import { bundled, call, callUrl } from '../../../test/helpers/sim-kit.ts';
import { createVirtualClock } from '../clock.ts';
import { startSimulator, type Simulator } from '../start-simulator.ts';
import type { FaultRule } from './fault-rule.ts';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(faults: FaultRule[], seed = 3) {
  const clock = createVirtualClock();
  sim = await startSimulator({ clock, seed, faults, providers: bundled('deck', 'refactor', 'rightbrain') });
  return { sim, clock };
}

async function createDeckRuns(target: Simulator, count: number, scenario = 'success'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await call(target, 'deck', 'POST', '/tasks/task_abc/run', { body: {}, headers: { 'x-runwarden-scenario': scenario } });
    expect(created.status).toBe(201);
    ids.push((created.body as { id: string }).id);
  }
  return ids;
}

describe('injected faults', () => {
  it('answers injected errors with the provider error body, and the counts match what the client saw', async () => {
    const { sim } = await start([{ provider: 'deck', operations: ['getTaskRun'], error: { rate: 0.3 } }, { provider: 'refactor', error: { rate: 1, statuses: [503] } }]);
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const exchange = await call(sim, 'deck', 'GET', '/task-runs/trun_missing');
      statuses.push(exchange.status);
      if (exchange.status >= 500) expect(exchange.body).toMatchObject({ errors: [{ type: 'api', code: 'api_error' }] });
    }
    const refactor = await call(sim, 'refactor', 'GET', '/run/5fd25682-1a25-4e23-996d-83e8ee25b267');
    expect(refactor).toMatchObject({ status: 503, body: { error: { code: 'INTERNAL_ERROR' } } });
    const injected = statuses.filter((status) => status >= 500);
    expect(injected.length).toBeGreaterThan(30);
    expect(new Set(injected).size).toBeGreaterThan(1);
    expect(statuses.filter((status) => status === 404)).toHaveLength(200 - injected.length);
    expect(sim.faults.byOperation['deck.getTaskRun']).toEqual({ error: injected.length });
    expect(sim.faults.byKind.error).toBe(injected.length + 1);
    expect(sim.faults.total).toBe(injected.length + 1);
  });

  it('resets connections without an answer', async () => {
    const { sim } = await start([{ provider: 'deck', operations: ['listTaskRuns'], reset: { rate: 0.5 } }]);
    let failures = 0;
    for (let i = 0; i < 40; i++) {
      try {
        await call(sim, 'deck', 'GET', '/task-runs');
      } catch {
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(5);
    expect(sim.faults.byKind.reset).toBe(failures);
  });

  it('answers bursts of 429 with Retry-After for their duration', async () => {
    const { sim, clock } = await start([{ provider: 'refactor', rateLimitBurst: { rate: 1, durationMs: 1000, retryAfterSeconds: 1 } }]);
    const first = await call(sim, 'refactor', 'GET', '/run/5fd25682-1a25-4e23-996d-83e8ee25b267');
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('1');
    expect(first.body).toMatchObject({ error: { code: 'RATE_LIMIT_EXCEEDED' } });
    clock.advance(500);
    expect((await call(sim, 'refactor', 'GET', '/run/5fd25682-1a25-4e23-996d-83e8ee25b267')).status).toBe(429);
    expect(sim.faults.byKind.rate_limit_burst).toBe(2);
  });

  it('adds latency and holds the first byte on the clock', async () => {
    const { sim, clock } = await start([{ provider: 'deck', operations: ['getTaskRun'], latency: { rate: 1, medianMs: 500, p99Ms: 500 } }, { provider: 'deck', operations: ['listTaskRuns'], slowFirstByte: { rate: 1, ms: 800 } }]);
    for (const path of ['/task-runs/trun_x', '/task-runs']) {
      let settled = false;
      const pending = call(sim, 'deck', 'GET', path).then((exchange) => { settled = true; return exchange; });
      await clock.whenPending();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(settled).toBe(false);
      clock.advance(1000);
      expect((await pending).status).toBeLessThan(500);
    }
    expect(sim.faults.byKind).toMatchObject({ latency: 1, slow_first_byte: 1 });
  });

  it.each([
    ['stuck', { stuck: { rate: 0.3 } }, 'running'],
    ['fail', { fail: { rate: 0.3 } }, 'failed'],
    ['drop', { drop: { rate: 0.3, afterMs: 2000 } }, 'gone'],
  ] as const)('makes runs %s, and the count and the ids reconcile exactly with what polling finds', async (kind, fault, outcome) => {
    const { sim, clock } = await start([{ provider: 'deck', operations: ['runTask'], ...fault }], 11);
    const ids = await createDeckRuns(sim, 100);
    clock.advance(60_000);
    const observed: string[] = [];
    for (const id of ids) {
      const exchange = await call(sim, 'deck', 'GET', `/task-runs/${id}`);
      const status = exchange.status === 404 ? 'gone' : (exchange.body as { status: string }).status;
      if (status === outcome) observed.push(id);
      else expect(status).toBe('completed');
    }
    expect(observed.length).toBeGreaterThan(10);
    expect(sim.faults.byOperation['deck.runTask']).toEqual({ [kind]: observed.length });
    expect(sim.faults.runs.runs).toEqual(observed.map((id) => ({ id, provider: 'deck', operationId: 'runTask', kinds: [kind] })));
    expect(sim.faults.runs.unidentified).toEqual({ stuck: 0, fail: 0, drop: 0, backward: 0 });
  });

  it('lists a faulted run by the id its create answers with for every bundled provider, and only counts one whose create never answers', async () => {
    const { sim, clock } = await start([
      { provider: 'refactor', operations: ['runRunnable'], drop: { rate: 1, afterMs: 5000 } },
      { provider: 'rightbrain', operations: ['runTask'], stuck: { rate: 1 } },
    ]);
    const runnable = '3810af67-38c6-4183-a744-0be370b5311e';
    const created = await callUrl(sim, `${sim.urls.refactor}/runnable/${runnable}/runs?mode=async`, 'POST', { body: {} });
    expect(sim.faults.runs.runs).toEqual([{ id: (created.body as { id: string }).id, provider: 'refactor', operationId: 'runRunnable', kinds: ['drop'] }]);
    const org = '3f0c2a9e-6b1d-4c8e-9a57-2d4e8b1f6c03';
    const controller = new AbortController();
    const pending = fetch(`${sim.urls.rightbrain}/org/${org}/project/${org}/task/${org}/run`, {
      method: 'POST', signal: controller.signal, headers: { authorization: `Bearer ${sim.config.token}`, 'content-type': 'application/json' }, body: '{"task_input":{}}',
    });
    clock.advance(60_000);
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toThrow();
    expect(sim.faults.byKind).toMatchObject({ stuck: 1, drop: 1 });
    expect(sim.faults.runs.runs).toHaveLength(1);
    sim.reset();
    expect(sim.faults.runs).toEqual({ runs: [], unidentified: { stuck: 0, fail: 0, drop: 0, backward: 0 }, overflow: 0 });
  });

  it('keeps a stuck Rightbrain Run Task hanging, and fails a re-factor run on request', async () => {
    const { sim, clock } = await start([{ provider: 'rightbrain', operations: ['runTask'], stuck: { rate: 1 } }, { provider: 'refactor', fail: { rate: 1 } }]);
    const org = '3f0c2a9e-6b1d-4c8e-9a57-2d4e8b1f6c03';
    const controller = new AbortController();
    const pending = fetch(`${sim.urls.rightbrain}/org/${org}/project/${org}/task/${org}/run`, {
      method: 'POST', signal: controller.signal, headers: { authorization: `Bearer ${sim.config.token}`, 'content-type': 'application/json' }, body: '{"task_input":{}}',
    });
    clock.advance(600_000);
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toThrow();
    expect(sim.faults.byKind.stuck).toBe(1);
    const started = await callUrl(sim, `${sim.urls.refactor}/runnable/${org}/runs?mode=async`, 'POST', { body: {} });
    clock.advance(60_000);
    const run = await call(sim, 'refactor', 'GET', `/run/${(started.body as { id: string }).id}`);
    expect(run.body).toMatchObject({ status: 'failed' });
    expect(sim.faults.byKind.fail).toBe(1);
  });

  it('injects nothing when no rule is configured', async () => {
    const { sim } = await start([]);
    for (let i = 0; i < 50; i++) expect((await call(sim, 'deck', 'GET', '/task-runs')).status).toBe(200);
    expect(sim.faults.total).toBe(0);
  });
});
