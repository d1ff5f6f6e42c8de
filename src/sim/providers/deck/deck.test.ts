import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLifecycle } from '../../../core/lifecycle/check.ts';
import { bundled, call, conformance, describeViolations, type Exchange } from '../../../../test/helpers/sim-kit.ts';
import { createVirtualClock, type VirtualClock } from '../../clock.ts';
import { startSimulator, type Simulator } from '../../start-simulator.ts';

/** Deck's lifecycle, from its bundled profile. */
const deckLifecycle = bundled('deck')[0]!.runs[0]!.lifecycle;
const TASK = 'task_8mQ2vX4nR7pL1zK6';
let clock: VirtualClock;
let sim: Simulator;

beforeEach(async () => {
  clock = createVirtualClock();
  sim = await startSimulator({ clock, providers: bundled('deck') });
});
afterEach(() => sim.close());

type Run = Record<string, unknown> & { id: string; status: string };

async function expectConforms(operationId: string, exchange: Exchange): Promise<void> {
  const violations = await conformance('deck', operationId, exchange);
  expect(violations, describeViolations(exchange, violations)).toEqual([]);
}

async function createRun(body: unknown = { input: { billing_period: '2025-05' } }, headers: Record<string, string> = {}): Promise<Run> {
  const created = await call(sim, 'deck', 'POST', `/tasks/${TASK}/run`, { body, headers });
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

describe('Deck runs on the generic engine', () => {
  it('answers runTask with 201 queued, showing what the create sent, and walks the lifecycle to an end', async () => {
    const created = await createRun({ input: { billing_period: '2025-05' }, credential_id: 'cred_7Hc4Lp9Qw2Xz6Mv1' });
    expect(created).toMatchObject({ status: 'queued', task_id: TASK, credential_id: 'cred_7Hc4Lp9Qw2Xz6Mv1', source_id: null, result: null });
    const seen: Run[] = [];
    for (let i = 0; i < 500 && !['completed', 'failed', 'canceled'].includes(seen.at(-1)?.status ?? ''); i++) {
      seen.push(await getRun(created.id));
      clock.advance(100);
    }
    expect(['completed', 'failed']).toContain(seen.at(-1)!.status);
    expect(seen.every((run) => run.credential_id === 'cred_7Hc4Lp9Qw2Xz6Mv1' && run.task_id === TASK)).toBe(true);
    expect(checkLifecycle(deckLifecycle, 'getTaskRun', seen.map((body, index) => ({ body, observedAt: index })))).toEqual([]);
  });

  it('resumes a run waiting for interaction once every field of its prompt is answered, and refuses answers it is not waiting for', async () => {
    sim.setState('deck', 'a Deck run waiting for interaction exists', { run_id: 'trun_waiting1', interaction: 'security_question' });
    const waiting = await getRun('trun_waiting1');
    expect(waiting).toMatchObject({ status: 'interaction_required', interaction: { type: 'security_question', fields: [{ name: 'answer' }] } });
    const missing = await call(sim, 'deck', 'POST', '/task-runs/trun_waiting1/interaction', { body: { input: { code: '493817' } } });
    expect(missing.status).toBe(400);
    await expectConforms('submitInteractionInput', missing);
    const answered = await call(sim, 'deck', 'POST', '/task-runs/trun_waiting1/interaction', { body: { input: { answer: 'Lincoln Elementary' } } });
    expect(answered).toMatchObject({ status: 200, body: { status: 'running', interaction: null } });
    await expectConforms('submitInteractionInput', answered);
    const again = await call(sim, 'deck', 'POST', '/task-runs/trun_waiting1/interaction', { body: { input: { answer: 'x' } } });
    expect(again.status).toBe(409);
    await expectConforms('submitInteractionInput', again);
    const unknown = await call(sim, 'deck', 'POST', '/task-runs/trun_nosuchrun1/interaction', { body: { input: { answer: 'x' } } });
    expect(unknown.status).toBe(404);
  });

  it('shows a completed run with a failure result as the spec documents one, and pins prompt types by state', async () => {
    sim.setState('deck', 'a completed Deck run exists', { run_id: 'trun_failure1', result: 'failure' });
    const run = await getRun('trun_failure1');
    expect(run).toMatchObject({ status: 'completed', result: 'failure', output: null });
    expect((run.errors as unknown[]).length).toBeGreaterThan(0);
    expect(() => sim.setState('deck', 'a Deck run waiting for interaction exists', { interaction: 'captcha' })).toThrow(/one of mfa, security_question, account_selection/);
  });

  it('cancels a running run: canceling, then canceled with canceled_at; a finished run answers 409', async () => {
    sim.setState('deck', 'a running Deck run exists', { run_id: 'trun_cancel1' });
    const cancel = await call(sim, 'deck', 'POST', '/task-runs/trun_cancel1/cancel');
    expect(cancel).toMatchObject({ status: 200, body: { status: 'canceling', credential_id: null } });
    await expectConforms('cancelTaskRun', cancel);
    clock.advance(60_000);
    const canceled = await getRun('trun_cancel1');
    expect(canceled.status).toBe('canceled');
    expect(canceled.canceled_at).not.toBeNull();
    const late = await call(sim, 'deck', 'POST', '/task-runs/trun_cancel1/cancel');
    expect(late.status).toBe(409);
    await expectConforms('cancelTaskRun', late);
  });
});

describe('Deck include sections', () => {
  it('omits input, storage and artifacts unless asked, returns exactly the sections named, and vaults secret input', async () => {
    sim.setState('deck', 'a completed Deck run exists', { run_id: 'trun_include1', input: { billing_period: '2025-05', password: 'hunter2' } });
    const plain = await getRun('trun_include1');
    for (const section of ['input', 'storage', 'artifacts', 'vaulted_fields']) expect(plain).not.toHaveProperty(section);
    const input = await getRun('trun_include1', '?include=input');
    expect(input).toMatchObject({ input: { billing_period: '2025-05' }, vaulted_fields: ['password'] });
    expect(input).not.toHaveProperty('storage');
    const all = await getRun('trun_include1', '?include=input,storage,artifacts');
    expect(Array.isArray(all.storage)).toBe(true);
    expect(all.artifacts).toHaveProperty('screenshots');
  });

  it('rejects an unsupported include with the spec\'s 400', async () => {
    sim.setState('deck', 'a completed Deck run exists', { run_id: 'trun_include2' });
    const exchange = await call(sim, 'deck', 'GET', '/task-runs/trun_include2?include=screenshots');
    expect(exchange.status).toBe(400);
    expect(exchange.body).toMatchObject({ errors: [{ code: 'input_invalid' }] });
    await expectConforms('getTaskRun', exchange);
  });
});

describe('Deck list', () => {
  it('lists the stored runs newest first, pages with next_cursor and filters by status and task', async () => {
    for (let i = 0; i < 3; i++) sim.setState('deck', 'a completed Deck run exists', { run_id: `trun_listdone${i}` });
    sim.setState('deck', 'a running Deck run exists', { run_id: 'trun_listrunning', task_id: 'task_other1' });
    const first = await call(sim, 'deck', 'GET', '/task-runs?limit=2&status=completed');
    await expectConforms('listTaskRuns', first);
    const page = first.body as { data: Run[]; has_more: boolean; next_cursor: string | null };
    expect(page.data.map((run) => run.id)).toEqual(['trun_listdone2', 'trun_listdone1']);
    expect(page.has_more).toBe(true);
    const second = (await call(sim, 'deck', 'GET', `/task-runs?limit=2&status=completed&cursor=${page.next_cursor}`)).body as typeof page;
    expect(second).toMatchObject({ has_more: false, next_cursor: null });
    expect(second.data.map((run) => run.id)).toEqual(['trun_listdone0']);
    const other = (await call(sim, 'deck', 'GET', '/task-runs?task_id=task_other1')).body as typeof page;
    expect(other.data.map((run) => run.id)).toEqual(['trun_listrunning']);
    expect((await call(sim, 'deck', 'GET', '/task-runs?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
  });
});

describe('Deck errors, idempotency and rate limit', () => {
  it('answers missing tokens, malformed and unknown ids, invalid bodies and unknown tasks in Deck\'s documented shapes', async () => {
    const cases: Array<[string, string, unknown, number, string]> = [
      ['GET', '/task-runs/trun_unknown1', undefined, 404, 'getTaskRun'],
      ['GET', '/task-runs/run-42', undefined, 400, 'getTaskRun'],
      ['POST', `/tasks/${TASK}/run`, { inputs: {} }, 400, 'runTask'],
    ];
    for (const [method, path, body, status, operationId] of cases) {
      const exchange = await call(sim, 'deck', method, path, { body });
      expect(exchange.status, `${method} ${path}`).toBe(status);
      await expectConforms(operationId, exchange);
    }
    const unauthorized = await call(sim, 'deck', 'GET', '/task-runs/trun_unknown1', { token: null });
    expect(unauthorized).toMatchObject({ status: 401, body: { errors: [{ type: 'auth' }] } });
    sim.setState('deck', 'task {task_id} is unknown', { task_id: 'task_gone1' });
    expect((await call(sim, 'deck', 'POST', '/tasks/task_gone1/run', { body: {} })).status).toBe(404);
  });

  it('replays the stored answer for the same Idempotency-Key and body, and answers 409 for another body', async () => {
    const headers = { 'idempotency-key': 'key-1' };
    const first = await createRun({ input: { billing_period: '2025-05' } }, headers);
    const replay = await createRun({ input: { billing_period: '2025-05' } }, headers);
    expect(replay.id).toBe(first.id);
    expect(replay.credential_id).toBeNull();
    const conflict = await call(sim, 'deck', 'POST', `/tasks/${TASK}/run`, { body: { input: { billing_period: '2025-06' } }, headers });
    expect(conflict.status).toBe(409);
    await expectConforms('runTask', conflict);
  });

  it('enforces the documented 200 requests per 10 s when the rate limit is turned on with true', async () => {
    const limited = await startSimulator({ clock, providers: bundled('deck'), limits: { rateLimits: { deck: true } } });
    try {
      for (let i = 0; i < 200; i++) expect((await call(limited, 'deck', 'GET', '/task-runs')).status).toBe(200);
      const over = await call(limited, 'deck', 'GET', '/task-runs');
      expect(over.status).toBe(429);
      expect(over.body).toMatchObject({ errors: [{ type: 'rate_limit' }] });
      clock.advance(10_000);
      expect((await call(limited, 'deck', 'GET', '/task-runs')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
