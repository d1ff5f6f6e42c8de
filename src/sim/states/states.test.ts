import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, conformance, describeViolations } from '../../../test/helpers/sim-kit.ts';
import { createVirtualClock, type VirtualClock } from '../clock.ts';
import { startSimulator, type Simulator } from '../start-simulator.ts';
import { SIM_STATES } from './sim-states.ts';

const ORG = '3f0c2a9e-6b1d-4c8e-9a57-2d4e8b1f6c03';
const PROJECT = '8a6e4d12-0f3b-4b7a-b1c9-5e2d7f9a4c18';
const ADMIN = 'admin-secret';
let clock: VirtualClock;
let sim: Simulator;

beforeEach(async () => {
  clock = createVirtualClock();
  sim = await startSimulator({ clock, adminToken: ADMIN });
});
afterEach(() => sim.close());

async function admin(method: string, path: string, body?: unknown, token = ADMIN): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sim.origin}/_runwarden/${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() as Record<string, unknown> };
}

describe('provider states', () => {
  it.each([
    ['queued'], ['running'], ['interaction_required'], ['review_required'], ['completed'], ['failed'], ['canceling'], ['canceled'],
  ])('places a Deck run in %s, and it stays there while the hold lasts', async (status) => {
    const result = sim.setState('a Deck run exists', { status, run_id: `trun_state${status.replace(/_/g, '')}` });
    expect(result).toMatchObject({ status, run_id: `trun_state${status.replace(/_/g, '')}` });
    clock.advance(60_000);
    const exchange = await call(sim, 'deck', 'GET', `/task-runs/${String(result.run_id)}`);
    expect((exchange.body as { status: string }).status).toBe(status);
    const violations = await conformance('deck', 'getTaskRun', exchange);
    expect(violations, describeViolations(exchange, violations)).toEqual([]);
  });

  it.each([['mfa', 'code'], ['security_question', 'answer'], ['account_selection', 'account']])('pins the %s prompt of a Deck run waiting for interaction, which its answer resumes', async (type, field) => {
    const runId = `trun_prompt${type.replace(/_/g, '')}`;
    sim.setState('a Deck run waiting for interaction exists', { run_id: runId, interaction: type });
    const waiting = await call(sim, 'deck', 'GET', `/task-runs/${runId}`);
    expect(waiting.body).toMatchObject({ status: 'interaction_required', interaction: { type, fields: [{ name: field }] } });
    expect(await conformance('deck', 'getTaskRun', waiting)).toEqual([]);
    const answered = await call(sim, 'deck', 'POST', `/task-runs/${runId}/interaction`, { body: { input: { [field]: '493817' } } });
    expect(answered).toMatchObject({ status: 200, body: { status: 'running', interaction: null } });
    expect(await conformance('deck', 'submitInteractionInput', answered)).toEqual([]);
    expect(() => sim.setState('a Deck run waiting for interaction exists', { interaction: 'captcha' })).toThrow(/one of mfa, security_question, account_selection/);
  });

  it.each([['running'], ['waiting'], ['completed'], ['failed'], ['cancelled'], ['timeout']])('places a re-factor run in %s', async (status) => {
    const id = '8d322568-2a87-49e8-aaf7-6c49bd5d830b';
    sim.setState('a re-factor run exists', { status, id });
    clock.advance(60_000);
    const exchange = await call(sim, 'refactor', 'GET', `/run/${id}`);
    expect((exchange.body as { status: string }).status).toBe(status);
    expect(await conformance('refactor', 'getRunState', exchange)).toEqual([]);
  });

  it.each([['running'], ['waiting_for_human'], ['completed'], ['failed']])('places a Rightbrain agent run in %s', async (status) => {
    const result = sim.setState('an agent run exists', { status });
    clock.advance(60_000);
    const exchange = await call(sim, 'rightbrain', 'GET', `/org/${ORG}/project/${PROJECT}/task-agent/${String(result.task_agent_id)}/run/${String(result.run_id)}`);
    expect((exchange.body as { status: string }).status).toBe(status);
    expect(await conformance('rightbrain', 'getTaskAgentRun', exchange)).toEqual([]);
  });

  it('applies every named state with its defaults', () => {
    const needsParams: Record<string, Record<string, unknown>> = {
      'task {task_id} is unknown': { task_id: 'task_gone' },
      'runnable {id} is unknown': { id: '0de7e856-04bb-4c07-bbb6-0f169623ca8f' },
      'task agent {task_agent_id} is unknown': { task_agent_id: '0198b2d4-6f70-7a81-b293-a4b5c6d7e8fa' },
      'project {project_id} is unknown': { project_id: '8a6e4d12-0f3b-4b7a-b1c9-5e2d7f9a4c19' },
      'no such run': { run_id: 'trun_none' },
      'the rate limit is exceeded': { provider: 'deck' },
    };
    for (const state of SIM_STATES) expect(() => sim.setState(state.name, needsParams[state.name] ?? {}), state.name).not.toThrow();
  });

  it('makes a fetched Rightbrain task run exist with the given ids, and "no such run" removes it', async () => {
    const ids = { org_id: ORG, project_id: PROJECT, task_id: '01968f2e-7c41-7a3b-9d52-6e1f0b8c4a27', task_run_id: '0197a4c3-5e21-7d8f-a1b2-3c4d5e6f7081' };
    sim.setState('a Rightbrain task run exists', ids);
    const path = `/org/${ORG}/project/${PROJECT}/task/${ids.task_id}/run/${ids.task_run_id}`;
    const exchange = await call(sim, 'rightbrain', 'GET', path);
    expect(exchange.status).toBe(200);
    expect(await conformance('rightbrain', 'fetchTaskRun', exchange)).toEqual([]);
    sim.setState('no such run', { task_run_id: ids.task_run_id });
    expect((await call(sim, 'rightbrain', 'GET', path)).status).toBe(404);
  });

  it('are all documented in docs/simulator.md', () => {
    const docs = readFileSync(new URL('../../../docs/simulator.md', import.meta.url), 'utf8');
    for (const state of SIM_STATES) expect(docs, state.name).toContain(`| \`${state.name}\` |`);
  });

  it('answers the next requests with a documented 429 after "the rate limit is exceeded"', async () => {
    sim.setState('the rate limit is exceeded', { provider: 'deck', requests: 2 });
    const first = await call(sim, 'deck', 'GET', '/task-runs');
    expect(first.status).toBe(429);
    expect(first.body).toMatchObject({ errors: [{ type: 'rate_limit', code: 'rate_limit_exceeded' }] });
    expect(await conformance('deck', 'listTaskRuns', first)).toEqual([]);
    expect((await call(sim, 'deck', 'GET', '/task-runs')).status).toBe(429);
    expect((await call(sim, 'deck', 'GET', '/task-runs')).status).toBe(200);
    sim.setState('the rate limit is exceeded', { provider: 'refactor', duration_ms: 1000 });
    const refactor = await call(sim, 'refactor', 'GET', '/run/5fd25682-1a25-4e23-996d-83e8ee25b267');
    expect(refactor).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMIT_EXCEEDED' } } });
    expect(await conformance('refactor', 'getRunState', refactor)).toEqual([]);
    clock.advance(1000);
    expect((await call(sim, 'refactor', 'GET', '/run/5fd25682-1a25-4e23-996d-83e8ee25b267')).status).toBe(404);
    expect(() => sim.setState('the rate limit is exceeded', { provider: 'rightbrain' })).toThrow(/one of deck, refactor/);
    expect(sim.faults.total).toBe(0);
  });

  it('matches names with their placeholders written out', async () => {
    sim.setState('task task_writtenOut is unknown');
    expect((await call(sim, 'deck', 'POST', '/tasks/task_writtenOut/run', { body: {} })).status).toBe(404);
  });
});

describe('admin endpoint', () => {
  it('applies a state from a Pact state-change body and reports its result', async () => {
    const answer = await admin('POST', 'state', { state: 'a Deck run waiting for interaction exists', params: { run_id: 'trun_pact1' }, action: 'setup' });
    expect(answer).toMatchObject({ status: 200, body: { result: { run_id: 'trun_pact1', status: 'interaction_required' } } });
    expect((await admin('POST', 'state', { state: 'a Deck run waiting for interaction exists', action: 'teardown' })).status).toBe(200);
    const run = await call(sim, 'deck', 'GET', '/task-runs/trun_pact1');
    expect((run.body as { status: string }).status).toBe('interaction_required');
  });

  it('answers unknown states and bad parameters with 400, and a wrong token with 401', async () => {
    expect((await admin('POST', 'state', { state: 'the moon is made of cheese' })).status).toBe(400);
    expect((await admin('POST', 'state', { state: 'a Deck run exists', params: { run_id: 'not-a-run' } })).status).toBe(400);
    expect((await admin('POST', 'state', { state: 'a Deck run exists', params: { status: 'sleeping' } })).status).toBe(400);
    expect((await admin('GET', 'faults', undefined, 'wrong')).status).toBe(401);
  });

  it('lists the states, reports fault counts and health, and resets', async () => {
    const states = await admin('GET', 'states');
    expect((states.body.states as { name: string }[]).map((state) => state.name)).toEqual(SIM_STATES.map((state) => state.name));
    expect((await admin('GET', 'faults')).body).toMatchObject({ total: 0 });
    sim.setState('a completed Deck run exists', { run_id: 'trun_reset1' });
    expect((await admin('GET', 'health')).body).toMatchObject({ ok: true, runs: { 'deck.task_run': 1 } });
    expect((await admin('POST', 'reset')).status).toBe(200);
    expect((await call(sim, 'deck', 'GET', '/task-runs/trun_reset1')).status).toBe(404);
  });

  it('is off unless an admin token is configured', async () => {
    const plain = await startSimulator({ clock, providers: ['deck'] });
    try {
      const response = await fetch(`${plain.origin}/_runwarden/states`, { headers: { authorization: 'Bearer anything' } });
      expect(response.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
