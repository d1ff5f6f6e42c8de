import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, conformance, describeViolations, type Exchange } from '../../test/helpers/sim-kit.ts';
import { createVirtualClock, type VirtualClock } from './clock.ts';
import { Rng } from './random.ts';
import { startSimulator, type Simulator } from './start-simulator.ts';

const ORG = '3f0c2a9e-6b1d-4c8e-9a57-2d4e8b1f6c03';
const PROJECT = '8a6e4d12-0f3b-4b7a-b1c9-5e2d7f9a4c18';
const TASKS = ['01968f2e-7c41-7a3b-9d52-6e1f0b8c4a27', '01968f30-1b2c-7d3e-8f40-5a6b7c8d9e0f', '01968f41-5d6e-7f80-9a1b-2c3d4e5f6a7b', '01968f42-5d6e-7f80-9a1b-2c3d4e5f6a7c'];
const AGENT = '0198b2d4-6f70-7a81-b293-a4b5c6d7e8f9';
/** Outcomes `X-Runwarden-Scenario` may pick for Rightbrain's task and agent runs: their terminal states, or `stuck`. */
const RIGHTBRAIN_TASK_SCENARIOS = ['completed', 'error'];
const RIGHTBRAIN_AGENT_SCENARIOS = ['completed', 'failed', 'stuck'];
/** Outcomes `X-Runwarden-Scenario` may pick for a Deck run: its terminal states, or `stuck`. */
const DECK_SCENARIOS = ['completed', 'failed', 'canceled', 'stuck'];
/** Outcomes `X-Runwarden-Scenario` may pick for a re-factor run: its terminal states, or `stuck`. */
const REFACTOR_SCENARIOS = ['completed', 'failed', 'cancelled', 'timeout', 'stuck'];
const RUNNABLES = ['3810af67-38c6-4183-a744-0be370b5311e', 'a92ad842-c029-4bec-b91f-14f80edf5953', 'd422a91c-7867-483b-96fd-ee1b19d292d1', '0de7e856-04bb-4c07-bbb6-0f169623ca8f'];
const DECK_TASKS = ['task_8mQ2vX4nR7pL1zK6', 'task_3Rf8Kd2Nq6Ty9Bj4', 'task_Zz9Yy8Xx7', 'task_Aa1Bb2Cc3'];
const INCLUDES = ['', '?include=input', '?include=storage', '?include=artifacts', '?include=input,storage', '?include=input,storage,artifacts', '?include=artifacts,input'];

let clock: VirtualClock;
let sim: Simulator;
const rng = new Rng(20250603);
const failures: string[] = [];
let checked = 0;
const deckRuns: string[] = [];
const refactorRuns: string[] = [];
const taskRuns: { task: string; id: string }[] = [];
const agentRuns: string[] = [];

beforeAll(async () => {
  clock = createVirtualClock();
  sim = await startSimulator({ clock, seed: 99, outcomes: { deck: { completed: 3, failed: 1 } } });
});
afterAll(() => sim.close());

const seenStatuses = new Set<string>();

function scenarioHeader(scenario: string | undefined): Record<string, string> {
  return scenario === undefined ? {} : { 'x-runwarden-scenario': scenario };
}

async function check(provider: string, operationId: string, exchange: Exchange): Promise<Exchange> {
  checked++;
  const status = (exchange.body as { status?: unknown } | undefined)?.status;
  if (typeof status === 'string') seenStatuses.add(`${provider}:${status}`);
  const violations = await conformance(provider, operationId, exchange, true);
  if (violations.length > 0 && failures.length < 10) failures.push(describeViolations(exchange, violations));
  if (exchange.status >= 500) failures.push(`5xx: ${exchange.method} ${exchange.url} → ${exchange.status}`);
  return exchange;
}

/** Resolves a request whose answer waits on the virtual clock (Run Task, mode=sync, streams): moves time until it settles. */
async function withClock(pending: Promise<Exchange>, stepMs: number): Promise<Exchange> {
  let settled = false;
  void pending.then(() => { settled = true; }, () => { settled = true; });
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    clock.advance(stepMs);
  }
  return pending;
}

const actions: [number, () => Promise<void>][] = [
  [6, async () => {
    const body = rng.chance(0.5) ? { input: { billing_period: '2025-05', password: 'x' }, credential_id: 'cred_7Hc4Lp9Qw2Xz6Mv1', source_id: rng.chance(0.5) ? 'src_9Wm2Gx5Pk8Lr3Vh7' : null } : {};
    const headers: Record<string, string> = rng.chance(0.5) ? { 'x-runwarden-scenario': rng.pick(DECK_SCENARIOS) } : {};
    if (rng.chance(0.2)) headers['idempotency-key'] = `key-${rng.int(0, 20)}`;
    const exchange = await check('deck', 'runTask', await call(sim, 'deck', 'POST', `/tasks/${rng.pick(DECK_TASKS)}/run`, { body, headers }));
    if (exchange.status === 201) deckRuns.push((exchange.body as { id: string }).id);
  }],
  [10, async () => {
    if (deckRuns.length === 0) return;
    await check('deck', 'getTaskRun', await call(sim, 'deck', 'GET', `/task-runs/${rng.pick(deckRuns)}${rng.pick(INCLUDES)}`));
  }],
  [3, async () => {
    const query = [`limit=${rng.int(1, 30)}`, rng.chance(0.3) ? `status=${rng.pick(['running', 'completed', 'failed', 'interaction_required'])}` : '', rng.chance(0.2) ? 'outcome=success' : '', rng.chance(0.2) ? `task_id=${rng.pick(DECK_TASKS)}` : ''].filter(Boolean).join('&');
    const first = await check('deck', 'listTaskRuns', await call(sim, 'deck', 'GET', `/task-runs?${query}`));
    const cursor = (first.body as { next_cursor?: string | null }).next_cursor;
    if (cursor) await check('deck', 'listTaskRuns', await call(sim, 'deck', 'GET', `/task-runs?${query}&cursor=${cursor}`));
  }],
  [3, async () => {
    if (deckRuns.length === 0) return;
    const id = rng.pick(deckRuns);
    const answer = rng.chance(0.3) ? 'wrong' : '123456';
    await check('deck', 'submitInteractionInput', await call(sim, 'deck', 'POST', `/task-runs/${id}/interaction`, { body: { input: { code: answer, answer, account: answer } } }));
  }],
  [2, async () => {
    if (deckRuns.length === 0) return;
    await check('deck', 'cancelTaskRun', await call(sim, 'deck', 'POST', `/task-runs/${rng.pick(deckRuns)}/cancel`));
  }],
  [5, async () => {
    const body = { resources: [{ name: 'ticket', resource: rng.chance(0.5) ? { id: RUNNABLES[0] } : { type: 'text', content: 'hello' } }], timeout_seconds: rng.chance(0.3) ? rng.int(1, 4) : null, telemetry_strategy: rng.pick(['disable', 'default', 'force']) };
    const headers = scenarioHeader(rng.chance(0.6) ? rng.pick(REFACTOR_SCENARIOS) : undefined);
    const sync = rng.chance(0.2);
    const pending = call(sim, 'refactor', 'POST', `/runnable/${rng.pick(RUNNABLES)}/runs?mode=${sync ? 'sync' : 'async'}`, { body, headers });
    const exchange = await check('refactor', 'runRunnable', sync ? await withClock(pending, 10_000) : await pending);
    refactorRuns.push((exchange.body as { id: string }).id);
  }],
  [8, async () => {
    if (refactorRuns.length === 0) return;
    await check('refactor', 'getRunState', await call(sim, 'refactor', 'GET', `/run/${rng.pick(refactorRuns)}`));
  }],
  [4, async () => {
    const task = rng.pick(TASKS);
    const query = rng.chance(0.2) ? '?use_fallback_model=true&reporting_group=acme-corp' : rng.chance(0.2) ? '?revision_tag=v3' : '';
    const headers = scenarioHeader(rng.chance(0.6) ? rng.pick(RIGHTBRAIN_TASK_SCENARIOS) : undefined);
    const body = { task_input: { text: 'x'.repeat(rng.int(1, 400)) }, ...(rng.chance(0.3) ? { task_reference: 'ref-1', task_files: [{ name: 'a.png', content: 'aGVsbG8=', mime_type: 'image/png' }] } : {}) };
    const exchange = await check('rightbrain', 'runTask', await withClock(call(sim, 'rightbrain', 'POST', `/org/${ORG}/project/${PROJECT}/task/${task}/run${query}`, { body, headers }), 1000));
    taskRuns.push({ task, id: (exchange.body as { id: string }).id });
  }],
  [4, async () => {
    if (taskRuns.length === 0) return;
    const { task, id } = rng.pick(taskRuns);
    await check('rightbrain', 'fetchTaskRun', await call(sim, 'rightbrain', 'GET', `/org/${ORG}/project/${PROJECT}/task/${task}/run/${id}`));
  }],
  [2, async () => {
    const task = rng.pick(TASKS);
    await check('rightbrain', 'listTaskRuns', await call(sim, 'rightbrain', 'GET', `/org/${ORG}/project/${PROJECT}/task/${task}/run?page_limit=${rng.int(1, 10)}`));
    await check('rightbrain', 'listProjectTaskRuns', await call(sim, 'rightbrain', 'GET', `/org/${ORG}/project/${PROJECT}/task_run?page_limit=${rng.int(1, 10)}`));
  }],
  [3, async () => {
    const headers = scenarioHeader(rng.chance(0.7) ? rng.pick(RIGHTBRAIN_AGENT_SCENARIOS.filter((name) => name !== 'stuck')) : undefined);
    const pending = call(sim, 'rightbrain', 'POST', `/org/${ORG}/project/${PROJECT}/task-agent/${AGENT}/run`, { body: { message: 'Triage ticket', ...(rng.chance(0.3) ? { session_id: 'sess-1' } : {}) }, headers });
    const exchange = await check('rightbrain', 'runTaskAgent', await withClock(pending, 1000));
    const runId = /"run_id": ?"([0-9a-f-]{36})"/.exec(exchange.text)?.[1];
    if (runId) agentRuns.push(runId);
  }],
  [5, async () => {
    if (agentRuns.length === 0) return;
    await check('rightbrain', 'getTaskAgentRun', await call(sim, 'rightbrain', 'GET', `/org/${ORG}/project/${PROJECT}/task-agent/${AGENT}/run/${rng.pick(agentRuns)}`));
    const filter = rng.pick(['', '?status=completed', '?is_error=true', '?min_duration_ms=100', '?session_id=sess-1', '?page_limit=2']);
    await check('rightbrain', 'listTaskAgentRuns', await call(sim, 'rightbrain', 'GET', `/org/${ORG}/project/${PROJECT}/task-agent/${AGENT}/run${filter}`));
  }],
  [2, async () => {
    const roll = rng.int(0, 2);
    if (roll === 0) deckRuns.push(String(sim.setState('deck', 'a Deck run exists', { status: rng.pick(['queued', 'running', 'interaction_required', 'review_required', 'completed', 'failed', 'canceling', 'canceled']) }).run_id));
    else if (roll === 1) refactorRuns.push(String(sim.setState('refactor', 'a re-factor run exists', { status: rng.pick(['running', 'waiting', 'completed', 'failed', 'cancelled', 'timeout']) }).id));
    else agentRuns.push(String(sim.setState('rightbrain', 'an agent run exists', { status: rng.pick(['running', 'waiting_for_human', 'completed', 'failed']) }).run_id));
  }],
  [6, async () => {
    clock.advance(rng.int(0, 1500));
  }],
];

describe('spec conformance', () => {
  it('answers thousands of random operations over random runs, statuses and includes with responses that validate (strict)', async () => {
    const total = actions.reduce((sum, [weight]) => sum + weight, 0);
    for (let i = 0; i < 2500; i++) {
      let roll = rng.next() * total;
      const action = actions.find(([weight]) => (roll -= weight) < 0) ?? actions[0]!;
      await action[1]();
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect(checked).toBeGreaterThan(2000);
    expect(deckRuns.length + refactorRuns.length + taskRuns.length + agentRuns.length).toBeGreaterThan(400);
    expect(sim.stats().internalErrors).toBe(0);
    const expected = [
      ...['queued', 'running', 'interaction_required', 'review_required', 'canceling', 'completed', 'failed', 'canceled'].map((status) => `deck:${status}`),
      ...['running', 'waiting', 'completed', 'failed', 'cancelled', 'timeout'].map((status) => `refactor:${status}`),
      ...['running', 'completed', 'failed'].map((status) => `rightbrain:${status}`),
    ];
    expect(expected.filter((status) => !seenStatuses.has(status))).toEqual([]);
  }, 180_000);
});
