import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLifecycle } from '../../../core/lifecycle/check.ts';
import { advanceWhenPending, bundled, call, conformance, describeViolations, type Exchange } from '../../../../test/helpers/sim-kit.ts';
import { createVirtualClock, type Clock, type VirtualClock } from '../../clock.ts';
import { startSimulator, type Simulator } from '../../start-simulator.ts';

const RUNNABLE = '3810af67-38c6-4183-a744-0be370b5311e';
/** re-factor's lifecycle, from its bundled profile. */
const refactorLifecycle = bundled('refactor')[0]!.runs[0]!.lifecycle;
let clock: VirtualClock;
let sim: Simulator;

beforeEach(async () => {
  clock = createVirtualClock();
  sim = await startSimulator({ clock, providers: bundled('refactor') });
});
afterEach(() => sim.close());

type Run = Record<string, unknown> & {
  id: string; status: string; result: null | { usage: { prompt_tokens: number; cached_tokens: number; completion_tokens: number; model: string }[]; error: null | { code: string } };
  total_input_tokens: number; total_cached_tokens: number; total_output_tokens: number; total_token_cost_usd: number;
};

async function expectConforms(operationId: string, exchange: Exchange): Promise<void> {
  const violations = await conformance('refactor', operationId, exchange);
  expect(violations, describeViolations(exchange, violations)).toEqual([]);
}

async function start(scenario: string, body: unknown = { resources: [{ name: 'ticket', resource: { type: 'text', content: 'Charged twice' } }] }): Promise<string> {
  const exchange = await call(sim, 'refactor', 'POST', `/runnable/${RUNNABLE}/runs?mode=async`, { body, headers: { 'x-runwarden-scenario': scenario } });
  expect(exchange.status).toBe(202);
  await expectConforms('runRunnable', exchange);
  return (exchange.body as { id: string }).id;
}

async function poll(id: string, stepMs = 100, maxSteps = 5000): Promise<Run[]> {
  const seen: Run[] = [];
  for (let i = 0; i < maxSteps; i++) {
    const exchange = await call(sim, 'refactor', 'GET', `/run/${id}`);
    expect(exchange.status).toBe(200);
    await expectConforms('getRunState', exchange);
    const run = exchange.body as Run;
    seen.push(run);
    if (!['running', 'waiting'].includes(run.status)) return seen;
    clock.advance(stepMs);
  }
  throw new Error('run did not finish');
}

function expectUsageConsistent(run: Run): void {
  const usage = run.result?.usage ?? [];
  expect(run.total_input_tokens).toBe(usage.reduce((sum, row) => sum + row.prompt_tokens, 0));
  expect(run.total_cached_tokens).toBe(usage.reduce((sum, row) => sum + row.cached_tokens, 0));
  expect(run.total_output_tokens).toBe(usage.reduce((sum, row) => sum + row.completion_tokens, 0));
  for (const row of usage) expect(row.cached_tokens).toBeLessThanOrEqual(row.prompt_tokens);
  if (usage.length === 0) expect(run.total_token_cost_usd).toBe(0);
  else expect(run.total_token_cost_usd).toBeGreaterThan(0);
}

const changes = (runs: Run[]) => runs.map((run) => run.status).filter((status, index, all) => index === 0 || all[index - 1] !== status);

describe('re-factor runs on the generic engine', () => {
  it('answers mode=async with 202 {id}, then moves the run from running to completed along its lifecycle, with usage that adds up', async () => {
    const id = await start('completed');
    const seen = await poll(id);
    expect(changes(seen)[0]).toBe('running');
    expect(changes(seen).at(-1)).toBe('completed');
    const last = seen.at(-1)!;
    expect(last.completed_at).not.toBeNull();
    expect(last.failed_at).toBeNull();
    expect(last.result?.error).toBeNull();
    for (const run of seen) expectUsageConsistent(run);
    expect(checkLifecycle(refactorLifecycle, 'getRunState', seen.map((body, index) => ({ body, observedAt: index })))).toEqual([]);
  });

  it('fails with failed_at and completed_at at the end and result.error, and cancels with a null result', async () => {
    const failed = (await poll(await start('failed'))).at(-1)!;
    expect(failed.status).toBe('failed');
    expect(failed.failed_at).toBe(failed.completed_at);
    expect(failed.result?.error?.code).toMatch(/^[A-Z_]+$/);
    const cancelled = (await poll(await start('cancelled'))).at(-1)!;
    expect(cancelled).toMatchObject({ status: 'cancelled', result: null, failed_at: null });
    expect(cancelled.completed_at).not.toBeNull();
  });

  it('honours timeout_seconds: a run still going then ends in timeout at created + timeout', async () => {
    const id = await start('stuck', { timeout_seconds: 3 });
    clock.advance(2999);
    expect(['running', 'waiting']).toContain(((await call(sim, 'refactor', 'GET', `/run/${id}`)).body as Run).status);
    clock.advance(1);
    const last = ((await call(sim, 'refactor', 'GET', `/run/${id}`)).body as Run);
    expect(last.status).toBe('timeout');
    expect(last.result?.error?.code).toBe('TIMEOUT');
    expect(Date.parse(last.completed_at as string) - Date.parse(last.created_at as string)).toBe(3000);
  });

  it('times out a completing run whose natural duration exceeds timeout_seconds', async () => {
    const slow = await startSimulator({ clock, providers: bundled('refactor'), timing: { refactor: { running: { medianMs: 5000, p99Ms: 5000 } } } });
    try {
      const exchange = await call(slow, 'refactor', 'POST', `/runnable/${RUNNABLE}/runs?mode=async`, { body: { timeout_seconds: 1 }, headers: { 'x-runwarden-scenario': 'completed' } });
      clock.advance(1000);
      const run = (await call(slow, 'refactor', 'GET', `/run/${(exchange.body as { id: string }).id}`)).body as Run;
      expect(run.status).toBe('timeout');
    } finally {
      await slow.close();
    }
  });

  it('blocks mode=sync until the run is terminal and answers 200 with the Run', async () => {
    const pending = call(sim, 'refactor', 'POST', `/runnable/${RUNNABLE}/runs?mode=sync`, { body: {}, headers: { 'x-runwarden-scenario': 'completed' } });
    await advanceWhenPending(clock, 60_000);
    const exchange = await pending;
    expect(exchange.status).toBe(200);
    await expectConforms('runRunnable', exchange);
    expect((exchange.body as Run).status).toBe('completed');
    const syncTimeout = call(sim, 'refactor', 'POST', `/runnable/${RUNNABLE}/runs?mode=sync`, { body: { timeout_seconds: 5 }, headers: { 'x-runwarden-scenario': 'stuck' } });
    await advanceWhenPending(clock, 5000);
    // A run that never ends by itself answers when it reaches its timeout, as the spec says: `status: timeout`.
    expect(((await syncTimeout).body as Run).status).toBe('timeout');
  });

  it('never answers mode=sync with a non-terminal run, even when its timer fires a millisecond early', async () => {
    // Node's timers may fire about 1 ms before Date.now() reaches their due time; this clock's always do.
    const virtual = createVirtualClock();
    const early: Clock = { now: () => virtual.now(), setTimeout: (fn, ms) => virtual.setTimeout(fn, Math.max(0, ms - 1)) };
    const edgy = await startSimulator({ clock: early, providers: bundled('refactor'), validateRequestBodies: false });
    try {
      for (let i = 0; i < 20; i++) {
        const [scenario, ending] = ([['completed', 'completed'], ['failed', 'failed'], ['timeout', 'timeout'], ['cancelled', 'cancelled']] as const)[i % 4]!;
        const pending = call(edgy, 'refactor', 'POST', `/runnable/${RUNNABLE}/runs?mode=sync`, { body: {}, headers: { 'x-runwarden-scenario': scenario } });
        await virtual.whenPending();
        // Move to the first instant the timer fires (1 ms before the run's end), not a millisecond further.
        for (let step = 0; step < 100_000 && virtual.pending() > 0; step++) virtual.advance(1);
        const exchange = await pending;
        expect(exchange.status).toBe(200);
        const run = exchange.body as Run;
        expect(['running', 'waiting'], `${scenario} run answered ${run.status}`).not.toContain(run.status);
        expect(run.status).toBe(ending);
      }
    } finally {
      await edgy.close();
    }
  });
});

describe('re-factor errors', () => {
  it('answers 401 AUTHORIZATION_ERROR without a valid token', async () => {
    const exchange = await call(sim, 'refactor', 'GET', `/run/${RUNNABLE}`, { token: null });
    expect(exchange.status).toBe(401);
    expect(exchange.body).toMatchObject({ error: { code: 'AUTHORIZATION_ERROR' } });
    await expectConforms('getRunState', exchange);
  });

  it('answers malformed ids, a missing mode and invalid bodies with 400 INVALID_INPUT', async () => {
    const cases: [string, string, unknown][] = [
      ['GET', '/run/not-a-uuid', undefined],
      ['POST', `/runnable/${RUNNABLE}/runs`, {}],
      ['POST', `/runnable/${RUNNABLE}/runs?mode=later`, {}],
      ['POST', `/runnable/abc/runs?mode=async`, {}],
      ['POST', `/runnable/${RUNNABLE}/runs?mode=async`, { telemetry_strategy: 'always' }],
      ['POST', `/runnable/${RUNNABLE}/runs?mode=async`, { resources: [{ name: 'ticket', resource: { id: 'ticket-48213' } }] }],
      ['POST', `/runnable/${RUNNABLE}/runs?mode=async`, { resources: [{ name: 'ticket', resource: 'inline' }] }],
      ['POST', `/runnable/${RUNNABLE}/runs?mode=async`, { timeout_seconds: 1.5 }],
      ['POST', `/runnable/${RUNNABLE}/runs?mode=async`, undefined],
    ];
    for (const [method, path, body] of cases) {
      const exchange = await call(sim, 'refactor', method, path, { body });
      expect(exchange.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(exchange.body).toMatchObject({ error: { code: 'INVALID_INPUT' } });
      await expectConforms(method === 'GET' ? 'getRunState' : 'runRunnable', exchange);
    }
    const malformed = await call(sim, 'refactor', 'POST', `/runnable/${RUNNABLE}/runs?mode=async`, { rawBody: '{oops', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
  });

  it('answers unknown runs, unknown runnables and unknown routes with 404 RESOURCE_NOT_FOUND', async () => {
    const run = await call(sim, 'refactor', 'GET', '/run/5fd25682-1a25-4e23-996d-83e8ee25b267');
    expect(run.status).toBe(404);
    await expectConforms('getRunState', run);
    sim.setState('refactor', 'runnable {id} is unknown', { id: RUNNABLE });
    const runnable = await call(sim, 'refactor', 'POST', `/runnable/${RUNNABLE}/runs?mode=async`, { body: {} });
    expect(runnable.status).toBe(404);
    await expectConforms('runRunnable', runnable);
    const route = await call(sim, 'refactor', 'GET', '/runnables');
    expect(route).toMatchObject({ status: 404, body: { error: { code: 'RESOURCE_NOT_FOUND' } } });
  });

  it('answers an oversized body with 413 INVALID_INPUT', async () => {
    const exchange = await call(sim, 'refactor', 'POST', `/runnable/${RUNNABLE}/runs?mode=async`, { rawBody: JSON.stringify({ resources: [{ name: 'a', resource: { content: 'x'.repeat(1_100_000) } }] }), headers: { 'content-type': 'application/json' } });
    expect(exchange.status).toBe(413);
    await expectConforms('runRunnable', exchange);
  });
});
