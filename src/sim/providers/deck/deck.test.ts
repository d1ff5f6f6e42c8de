import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLifecycle } from '../../../core/lifecycle/check.ts';
import { DEFAULT_DECK_TIMING } from './deck-options.ts';
import { bundled, call, conformance, describeViolations, type Exchange } from '../../../../test/helpers/sim-kit.ts';
import { createVirtualClock, type VirtualClock } from '../../clock.ts';
import { startSimulator, type Simulator } from '../../start-simulator.ts';

/** Deck's lifecycle, from its bundled profile. */
const deckLifecycle = bundled('deck')[0]!.runs[0]!.lifecycle;
let clock: VirtualClock;
let sim: Simulator;

beforeEach(async () => {
  clock = createVirtualClock();
  sim = await startSimulator({ clock, providers: bundled('deck'), limits: { rateLimits: { deck: { requests: 1000, windowMs: 10_000 } } } });
});
afterEach(() => sim.close());

type Run = Record<string, unknown> & { id: string; status: string };

async function expectConforms(operationId: string, exchange: Exchange): Promise<void> {
  const violations = await conformance('deck', operationId, exchange);
  expect(violations, describeViolations(exchange, violations)).toEqual([]);
}

async function createRun(scenario: string, body: unknown = { input: { billing_period: '2025-05' } }): Promise<Run> {
  const created = await call(sim, 'deck', 'POST', '/tasks/task_8mQ2vX4nR7pL1zK6/run', { body, headers: { 'x-runwarden-scenario': scenario } });
  expect(created.status).toBe(201);
  await expectConforms('runTask', created);
  return created.body as Run;
}

async function getRun(id: string, query = ''): Promise<Run> {
  const exchange = await call(sim, 'deck', 'GET', `/task-runs/${id}${query}`);
  expect(exchange.status).toBe(200);
  await expectConforms('getTaskRun', exchange);
  return exchange.body as Run;
}

/** Polls every `stepMs` of virtual time until the run is terminal; returns every body seen. */
async function pollToEnd(id: string, stepMs = 100, maxSteps = 2000): Promise<Run[]> {
  const seen: Run[] = [];
  for (let i = 0; i < maxSteps; i++) {
    const run = await getRun(id);
    seen.push(run);
    if (['completed', 'failed', 'canceled'].includes(run.status)) return seen;
    clock.advance(stepMs);
  }
  throw new Error(`run ${id} did not finish`);
}

function statuses(runs: Run[]): string[] {
  return runs.map((run) => run.status).filter((status, index, all) => index === 0 || all[index - 1] !== status);
}

describe('Deck run lifecycle', () => {
  it('answers runTask with 201 queued, then moves queued → running → completed with a result and output', async () => {
    const created = await createRun('success');
    expect(created.status).toBe('queued');
    expect(created.result).toBeNull();
    expect(created.id).toMatch(/^trun_[A-Za-z0-9]+$/);
    const seen = await pollToEnd(created.id);
    expect(statuses(seen)).toEqual(['queued', 'running', 'completed']);
    const last = seen[seen.length - 1]!;
    expect(last.result).toBe('success');
    expect(last.output).not.toBeNull();
    expect(typeof last.runtime_ms).toBe('number');
    expect(checkLifecycle(deckLifecycle, 'getTaskRun', seen.map((body, index) => ({ body, observedAt: index })))).toEqual([]);
  });

  it('finishes a default run within about 1–3 s of simulated time', async () => {
    const created = await createRun('success');
    clock.advance(4000);
    expect((await getRun(created.id)).status).toBe('completed');
  });

  it('completes a failure scenario with result failure and an error, and fails a failed scenario', async () => {
    const failure = await pollToEnd((await createRun('failure')).id);
    expect(failure.at(-1)).toMatchObject({ status: 'completed', result: 'failure', output: null });
    expect((failure.at(-1)!.errors as unknown[]).length).toBe(1);
    const failed = await pollToEnd((await createRun('failed')).id);
    expect(failed.at(-1)!.status).toBe('failed');
    expect((failed.at(-1)!.errors as { type: string }[])[0]!.type).toMatch(/^[a-z_]+$/);
  });

  it('pauses in review_required with output, then completes on its own', async () => {
    const seen = await pollToEnd((await createRun('review')).id);
    expect(statuses(seen)).toEqual(['queued', 'running', 'review_required', 'completed']);
    expect(seen.find((run) => run.status === 'review_required')!.output).not.toBeNull();
  });

  it('asks for interaction, asks again after a wrong answer, and resumes after the right one', async () => {
    const created = await createRun('interaction');
    let run = await getRun(created.id);
    while (run.status !== 'interaction_required') {
      clock.advance(100);
      run = await getRun(created.id);
    }
    const interaction = run.interaction as { type: string; message: string; fields: { name: string }[] };
    const field = interaction.fields[0]!.name;

    const missing = await call(sim, 'deck', 'POST', `/task-runs/${created.id}/interaction`, { body: { input: { not_the_field: 'x' } } });
    expect(missing.status).toBe(400);
    expect((missing.body as { errors: { field: string }[] }).errors[0]!.field).toBe(`input.${field}`);
    await expectConforms('submitInteractionInput', missing);

    clock.advance(1000);
    const wrong = await call(sim, 'deck', 'POST', `/task-runs/${created.id}/interaction`, { body: { input: { [field]: '000000' } } });
    expect(wrong.status).toBe(200);
    await expectConforms('submitInteractionInput', wrong);
    const again = wrong.body as Run;
    expect(again.status).toBe('interaction_required');
    expect((again.interaction as { message: string }).message).not.toBe(interaction.message);

    const right = await call(sim, 'deck', 'POST', `/task-runs/${created.id}/interaction`, { body: { input: { [field]: '493817' } } });
    expect((right.body as Run).status).toBe('running');
    await expectConforms('submitInteractionInput', right);

    const notInteractive = await call(sim, 'deck', 'POST', `/task-runs/${created.id}/interaction`, { body: { input: { [field]: '493817' } } });
    expect(notInteractive.status).toBe(409);
    expect((notInteractive.body as { errors: { code: string }[] }).errors[0]!.code).toBe('run_not_interactive');
    await expectConforms('submitInteractionInput', notInteractive);

    const seen = await pollToEnd(created.id);
    expect(seen.at(-1)).toMatchObject({ status: 'completed', result: 'success' });
  });

  it('fails a run whose interaction is not answered within the window with interaction/interaction_timeout', async () => {
    const created = await createRun('interaction');
    clock.advance(10_000);
    expect((await getRun(created.id)).status).toBe('interaction_required');
    clock.advance(DEFAULT_DECK_TIMING.interactionWindowMs);
    const run = await getRun(created.id);
    expect(run.status).toBe('failed');
    expect((run.errors as { type: string; code: string }[])[0]).toMatchObject({ type: 'interaction', code: 'interaction_timeout' });
  });

  it('cancels a running run: canceling, then canceled with canceled_at; a finished run cannot be canceled', async () => {
    const created = await createRun('success');
    while ((await getRun(created.id)).status === 'queued') clock.advance(20);
    expect((await getRun(created.id)).status).toBe('running');
    const canceling = await call(sim, 'deck', 'POST', `/task-runs/${created.id}/cancel`);
    expect(canceling.status).toBe(200);
    expect((canceling.body as Run).status).toBe('canceling');
    await expectConforms('cancelTaskRun', canceling);
    const seen = await pollToEnd(created.id);
    const last = seen.at(-1)!;
    expect(last.status).toBe('canceled');
    expect(typeof last.canceled_at).toBe('string');
    expect(checkLifecycle(deckLifecycle, 'getTaskRun', seen.map((body, index) => ({ body, observedAt: index })))).toEqual([]);
    const again = await call(sim, 'deck', 'POST', `/task-runs/${created.id}/cancel`);
    expect(again.status).toBe(409);
    await expectConforms('cancelTaskRun', again);
  });

  it('picks the scenario from the task id prefix, the input flag and the config', async () => {
    const configured = await startSimulator({ clock, providers: bundled('deck'), scenarios: { deck: { task_configured: 'review' } } });
    try {
      const requests = [
        () => call(sim, 'deck', 'POST', '/tasks/task_reviewAbc/run', { body: {} }),
        () => call(sim, 'deck', 'POST', '/tasks/task_plain/run', { body: { input: { runwarden_scenario: 'review' } } }),
        () => call(configured, 'deck', 'POST', '/tasks/task_configured/run', { body: {} }),
      ];
      for (const request of requests) {
        const created = (await request()).body as Run;
        const server = created.id && request === requests[2] ? configured : sim;
        const seen: string[] = [];
        for (let i = 0; i < 100; i++) {
          seen.push(((await call(server, 'deck', 'GET', `/task-runs/${created.id}`)).body as Run).status);
          clock.advance(100);
        }
        expect(seen).toContain('review_required');
      }
    } finally {
      await configured.close();
    }
  });
});

describe('Deck include sections', () => {
  it('omits input, storage and artifacts unless asked, and returns exactly the sections named', async () => {
    const created = await createRun('success', { input: { billing_period: '2025-05', account_number: '4417-2290-118' } });
    clock.advance(5000);
    const plain = await getRun(created.id);
    for (const key of ['input', 'vaulted_fields', 'storage', 'artifacts']) expect(plain).not.toHaveProperty(key);
    const onlyStorage = await getRun(created.id, '?include=storage');
    expect(onlyStorage).toHaveProperty('storage');
    expect(onlyStorage).not.toHaveProperty('input');
    expect(onlyStorage).not.toHaveProperty('artifacts');
    const all = await getRun(created.id, '?include=input,storage,artifacts');
    expect(all.input).toEqual({ billing_period: '2025-05' });
    expect(all.vaulted_fields).toEqual(['account_number']);
    expect((all.storage as unknown[]).length).toBeGreaterThan(0);
    expect((all.artifacts as { screenshots: unknown[] }).screenshots.length).toBeGreaterThan(0);
  });

  it('rejects an unsupported include with 400 input_invalid on field include', async () => {
    const created = await createRun('success');
    const exchange = await call(sim, 'deck', 'GET', `/task-runs/${created.id}?include=screenshots`);
    expect(exchange.status).toBe(400);
    expect((exchange.body as { errors: { field: string }[] }).errors[0]!.field).toBe('include');
    await expectConforms('getTaskRun', exchange);
  });
});

describe('Deck errors', () => {
  it('answers missing and wrong tokens with 401 auth/auth_invalid', async () => {
    for (const token of [null, 'sk_live_wrong']) {
      const exchange = await call(sim, 'deck', 'GET', '/task-runs/trun_abc', { token });
      expect(exchange.status).toBe(401);
      expect((exchange.body as { errors: { type: string; code: string }[] }).errors[0]).toMatchObject({ type: 'auth', code: 'auth_invalid' });
      await expectConforms('getTaskRun', exchange);
    }
  });

  it('answers malformed ids with 400 and unknown runs with 404', async () => {
    const malformed = await call(sim, 'deck', 'GET', '/task-runs/run-123');
    expect(malformed.status).toBe(400);
    await expectConforms('getTaskRun', malformed);
    const badTask = await call(sim, 'deck', 'POST', '/tasks/not-a-task/run', { body: {} });
    expect(badTask.status).toBe(400);
    await expectConforms('runTask', badTask);
    const unknown = await call(sim, 'deck', 'GET', '/task-runs/trun_0Zz0Zz0Zz0Zz0Zz0');
    expect(unknown.status).toBe(404);
    await expectConforms('getTaskRun', unknown);
  });

  it('answers invalid bodies and malformed JSON with 400 input_invalid', async () => {
    for (const options of [{ body: { inputs: {} } }, { body: { credential_id: 'nope' } }, { body: [] }, { rawBody: '{"input": ', headers: { 'content-type': 'application/json' } }, {}]) {
      const exchange = await call(sim, 'deck', 'POST', '/tasks/task_abc/run', options);
      expect(exchange.status, exchange.text).toBe(400);
      expect((exchange.body as { errors: { code: string }[] }).errors[0]!.code).toBe('input_invalid');
      await expectConforms('runTask', exchange);
    }
  });

  it('answers bodies over the limit with 413 payload_too_large', async () => {
    const exchange = await call(sim, 'deck', 'POST', '/tasks/task_abc/run', { rawBody: `{"input":{"blob":"${'x'.repeat(1024 * 1024)}"}}`, headers: { 'content-type': 'application/json' } });
    expect(exchange.status).toBe(413);
    await expectConforms('runTask', exchange);
  });

  it('answers unknown routes with a Deck-shaped 404 and paths outside every base path with a generic JSON 404', async () => {
    const route = await call(sim, 'deck', 'GET', '/tasks');
    expect(route.status).toBe(404);
    expect(route.body).toMatchObject({ errors: [{ type: 'request', code: 'resource_not_found' }] });
    const outside = await fetch(`${sim.origin}/nowhere`);
    expect(outside.status).toBe(404);
    expect(await outside.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('answers runTask for a task made unknown by a state with 404', async () => {
    sim.setState('deck', 'task {task_id} is unknown', { task_id: 'task_gone' });
    const exchange = await call(sim, 'deck', 'POST', '/tasks/task_gone/run', { body: {} });
    expect(exchange.status).toBe(404);
    await expectConforms('runTask', exchange);
  });
});

describe('Deck idempotency', () => {
  it('replays the stored answer for the same key and body, and answers 409 for a different body', async () => {
    const headers = { 'idempotency-key': 'order-48213' };
    const first = await call(sim, 'deck', 'POST', '/tasks/task_abc/run', { body: { input: { a: 1, b: 2 } }, headers });
    clock.advance(1000);
    const replay = await call(sim, 'deck', 'POST', '/tasks/task_abc/run', { body: { input: { b: 2, a: 1 } }, headers });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    const conflict = await call(sim, 'deck', 'POST', '/tasks/task_abc/run', { body: { input: { a: 3 } }, headers });
    expect(conflict.status).toBe(409);
    expect((conflict.body as { errors: { type: string; code: string }[] }).errors[0]).toMatchObject({ type: 'idempotency', code: 'idempotency_error' });
    await expectConforms('runTask', conflict);
    const otherTask = await call(sim, 'deck', 'POST', '/tasks/task_other/run', { body: { input: { a: 1, b: 2 } }, headers });
    expect(otherTask.status).toBe(409);
    expect(sim.stats().runs['deck.task_run']).toBe(1);
  });

  it('answers an over-long key with 400 idempotency_key_error', async () => {
    const exchange = await call(sim, 'deck', 'POST', '/tasks/task_abc/run', { body: {}, headers: { 'idempotency-key': 'k'.repeat(257) } });
    expect(exchange.status).toBe(400);
    expect((exchange.body as { errors: { code: string }[] }).errors[0]!.code).toBe('idempotency_key_error');
  });

  it('forgets keys after 24 hours', async () => {
    const headers = { 'idempotency-key': 'k1' };
    await call(sim, 'deck', 'POST', '/tasks/task_abc/run', { body: {}, headers });
    clock.advance(24 * 3600_000);
    const later = await call(sim, 'deck', 'POST', '/tasks/task_abc/run', { body: { input: {} }, headers });
    expect(later.status).toBe(201);
  });
});

describe('Deck rate limit', () => {
  it('is off by default', async () => {
    const open = await startSimulator({ clock: createVirtualClock(), providers: bundled('deck') });
    try {
      for (let i = 0; i < 250; i++) expect((await call(open, 'deck', 'GET', '/task-runs/trun_x')).status).toBe(404);
    } finally {
      await open.close();
    }
  });

  it('enforces the documented 200 requests per 10 s when turned on with true', async () => {
    const limited = await startSimulator({ clock, providers: bundled('deck'), limits: { rateLimits: { deck: true } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 201; i++) statuses.push((await call(limited, 'deck', 'GET', '/task-runs/trun_x')).status);
      expect(statuses.filter((status) => status === 404)).toHaveLength(200);
      expect(statuses[200]).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('answers 429 rate_limit_exceeded past the configured budget, until the window ends', async () => {
    const limited = await startSimulator({ clock, providers: bundled('deck'), limits: { rateLimits: { deck: { requests: 5, windowMs: 10_000 } } } });
    try {
      const answers = [];
      for (let i = 0; i < 7; i++) answers.push(await call(limited, 'deck', 'GET', '/task-runs?limit=1'));
      expect(answers.map((exchange) => exchange.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect((answers[5]!.body as { errors: { type: string; code: string }[] }).errors[0]).toMatchObject({ type: 'rate_limit', code: 'rate_limit_exceeded' });
      await expectConforms('listTaskRuns', answers[5]!);
      clock.advance(10_000);
      expect((await call(limited, 'deck', 'GET', '/task-runs?limit=1')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('Deck list', () => {
  it('pages newest first with next_cursor and filters by status', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await createRun(i % 2 === 0 ? 'success' : 'stuck')).id);
      clock.advance(10);
    }
    clock.advance(10_000);
    const first = await call(sim, 'deck', 'GET', '/task-runs?limit=2');
    await expectConforms('listTaskRuns', first);
    const page1 = first.body as { data: Run[]; has_more: boolean; next_cursor: string };
    expect(page1.data.map((run) => run.id)).toEqual([ids[4], ids[3]]);
    expect(page1.has_more).toBe(true);
    const second = await call(sim, 'deck', 'GET', `/task-runs?limit=2&cursor=${page1.next_cursor}`);
    expect((second.body as { data: Run[] }).data.map((run) => run.id)).toEqual([ids[2], ids[1]]);
    const third = await call(sim, 'deck', 'GET', `/task-runs?limit=2&cursor=${(second.body as { next_cursor: string }).next_cursor}`);
    expect(third.body).toMatchObject({ has_more: false, next_cursor: null });
    const running = await call(sim, 'deck', 'GET', '/task-runs?status=running');
    expect((running.body as { data: Run[] }).data.map((run) => run.id)).toEqual([ids[3], ids[1]]);
    const after = await call(sim, 'deck', 'GET', `/task-runs?starting_after=${ids[3]}&limit=10`);
    expect((after.body as { data: Run[] }).data.map((run) => run.id)).toEqual([ids[2], ids[1], ids[0]]);
    const bad = await call(sim, 'deck', 'GET', '/task-runs?cursor=zzz');
    expect(bad.status).toBe(400);
    expect((bad.body as { errors: { code: string }[] }).errors[0]!.code).toBe('cursor_invalid');
    await expectConforms('listTaskRuns', bad);
  });
});
