import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advanceWhenPending, bundled, call, conformance, describeViolations } from '../../../test/helpers/sim-kit.ts';
import { createVirtualClock, type VirtualClock } from '../clock.ts';
import { startSimulator, type Simulator } from '../start-simulator.ts';

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

async function admin(method: string, path: string, body?: unknown, authorization = `Bearer ${ADMIN}`): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sim.origin}/_runwarden/${path}`, {
    method, headers: { authorization, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() as Record<string, unknown> };
}

/** Every state of every mounted provider, as the admin endpoint lists them. */
async function listedStates(): Promise<Array<{ provider: string; name: string }>> {
  return (await admin('GET', 'states')).body.states as Array<{ provider: string; name: string }>;
}

describe('provider states', () => {
  it.each([
    ['queued'], ['running'], ['interaction_required'], ['review_required'], ['completed'], ['failed'], ['canceling'], ['canceled'],
  ])('places a Deck run in %s, and it stays there while the hold lasts', async (status) => {
    const result = sim.setState('deck', 'a Deck run exists', { status, run_id: `trun_state${status.replace(/_/g, '')}` });
    expect(result).toMatchObject({ status, run_id: `trun_state${status.replace(/_/g, '')}` });
    clock.advance(60_000);
    const exchange = await call(sim, 'deck', 'GET', `/task-runs/${String(result.run_id)}`);
    expect((exchange.body as { status: string }).status).toBe(status);
    const violations = await conformance('deck', 'getTaskRun', exchange);
    expect(violations, describeViolations(exchange, violations)).toEqual([]);
  });

  it.each([['mfa', 'code'], ['security_question', 'answer'], ['account_selection', 'account']])('pins the %s prompt of a Deck run waiting for interaction, which its answer resumes', async (type, field) => {
    const runId = `trun_prompt${type.replace(/_/g, '')}`;
    sim.setState('deck', 'a Deck run waiting for interaction exists', { run_id: runId, interaction: type });
    const waiting = await call(sim, 'deck', 'GET', `/task-runs/${runId}`);
    expect(waiting.body).toMatchObject({ status: 'interaction_required', interaction: { type, fields: [{ name: field }] } });
    expect(await conformance('deck', 'getTaskRun', waiting)).toEqual([]);
    const answered = await call(sim, 'deck', 'POST', `/task-runs/${runId}/interaction`, { body: { input: { [field]: '493817' } } });
    expect(answered).toMatchObject({ status: 200, body: { status: 'running', interaction: null } });
    expect(await conformance('deck', 'submitInteractionInput', answered)).toEqual([]);
    expect(() => sim.setState('deck', 'a Deck run waiting for interaction exists', { interaction: 'captcha' })).toThrow(/one of mfa, security_question, account_selection/);
  });

  it.each([['running'], ['waiting'], ['completed'], ['failed'], ['cancelled'], ['timeout']])('places a re-factor run in %s', async (status) => {
    const id = '8d322568-2a87-49e8-aaf7-6c49bd5d830b';
    sim.setState('refactor', 'a re-factor run exists', { status, id });
    clock.advance(60_000);
    const exchange = await call(sim, 'refactor', 'GET', `/run/${id}`);
    expect((exchange.body as { status: string }).status).toBe(status);
    expect(await conformance('refactor', 'getRunState', exchange)).toEqual([]);
  });

  it.each([['running'], ['waiting_for_human'], ['completed'], ['failed']])('places a Rightbrain agent run in %s', async (status) => {
    const result = sim.setState('rightbrain', 'an agent run exists', { status });
    clock.advance(60_000);
    const exchange = await call(sim, 'rightbrain', 'GET', `/org/${ORG}/project/${PROJECT}/task-agent/${String(result.task_agent_id)}/run/${String(result.run_id)}`);
    expect((exchange.body as { status: string }).status).toBe(status);
    expect(await conformance('rightbrain', 'getTaskAgentRun', exchange)).toEqual([]);
  });

  it('applies every listed state of every provider, given only the ids its placeholders need', async () => {
    const ids: Record<string, Record<string, unknown>> = {
      deck: { task_id: 'task_known' },
      refactor: { id: '0de7e856-04bb-4c07-bbb6-0f169623ca8f' },
      rightbrain: { task_id: '01968f2e-7c41-7a3b-9d52-6e1f0b8c4a27', task_agent_id: '0198b2d4-6f70-7a81-b293-a4b5c6d7e8fa', project_id: '8a6e4d12-0f3b-4b7a-b1c9-5e2d7f9a4c19' },
    };
    const states = await listedStates();
    expect(new Set(states.map((state) => state.provider))).toEqual(new Set(['deck', 'refactor', 'rightbrain']));
    for (const { provider, name } of states) expect(() => sim.setState(provider, name, ids[provider]), `${provider}: ${name}`).not.toThrow();
  });

  it('makes a fetched Rightbrain task run exist with the given ids, and "no such run" removes it', async () => {
    const ids = { org_id: ORG, project_id: PROJECT, task_id: '01968f2e-7c41-7a3b-9d52-6e1f0b8c4a27', task_run_id: '0197a4c3-5e21-7d8f-a1b2-3c4d5e6f7081' };
    sim.setState('rightbrain', 'a Rightbrain task run exists', ids);
    const path = `/org/${ORG}/project/${PROJECT}/task/${ids.task_id}/run/${ids.task_run_id}`;
    const exchange = await call(sim, 'rightbrain', 'GET', path);
    expect(exchange.status).toBe(200);
    expect(await conformance('rightbrain', 'fetchTaskRun', exchange)).toEqual([]);
    sim.setState('rightbrain', 'no such run', { task_run_id: ids.task_run_id });
    expect((await call(sim, 'rightbrain', 'GET', path)).status).toBe(404);
  });

  it('are all documented in docs/simulator.md, each under its provider', async () => {
    const docs = readFileSync(new URL('../../../docs/simulator.md', import.meta.url), 'utf8');
    for (const { provider, name } of await listedStates()) expect(docs, `${provider}: ${name}`).toMatch(new RegExp(`\\| ${provider} \\| \`${name.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')}\` \\|`));
  });

  it('answers the next requests with a documented 429 after "the rate limit is exceeded", for the providers that document one', async () => {
    sim.setState('deck', 'the rate limit is exceeded', { requests: 2 });
    const first = await call(sim, 'deck', 'GET', '/task-runs');
    expect(first.status).toBe(429);
    expect(first.body).toMatchObject({ errors: [{ type: 'rate_limit', code: 'rate_limit_exceeded' }] });
    expect(await conformance('deck', 'listTaskRuns', first)).toEqual([]);
    expect((await call(sim, 'deck', 'GET', '/task-runs')).status).toBe(429);
    expect((await call(sim, 'deck', 'GET', '/task-runs')).status).toBe(200);
    sim.setState('refactor', 'the rate limit is exceeded', { duration_ms: 1000 });
    const refactor = await call(sim, 'refactor', 'GET', '/run/5fd25682-1a25-4e23-996d-83e8ee25b267');
    expect(refactor).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMIT_EXCEEDED' } } });
    expect(await conformance('refactor', 'getRunState', refactor)).toEqual([]);
    clock.advance(1000);
    expect((await call(sim, 'refactor', 'GET', '/run/5fd25682-1a25-4e23-996d-83e8ee25b267')).status).toBe(404);
    expect(() => sim.setState('rightbrain', 'the rate limit is exceeded')).toThrow(/Unknown provider state "the rate limit is exceeded" for rightbrain/);
    expect(sim.faults.total).toBe(0);
  });

  it('matches names with their placeholders written out', async () => {
    sim.setState('deck', 'task task_writtenOut is unknown');
    expect((await call(sim, 'deck', 'POST', '/tasks/task_writtenOut/run', { body: {} })).status).toBe(404);
  });

  it('pins a runnable\'s outcome until the provider is reset: mode=sync answers completed whatever the mix', async () => {
    const failing = await startSimulator({ clock, providers: bundled('refactor'), outcomes: { refactor: { failed: 1 } }, adminToken: ADMIN });
    try {
      const runnable = '3810af67-38c6-4183-a744-0be370b5311e';
      const sync = async () => {
        const pending = call(failing, 'refactor', 'POST', `/runnable/${runnable}/runs?mode=sync`, { body: {} });
        await advanceWhenPending(clock, 60_000);
        return ((await pending).body as { status: string }).status;
      };
      expect(await sync()).toBe('failed');
      failing.setState('refactor', 'a runnable exists', { id: runnable });
      expect(await sync()).toBe('completed');
      failing.reset('refactor');
      expect(await sync()).toBe('failed');
    } finally {
      await failing.close();
    }
  });
});

describe('the provider-states endpoint', () => {
  const deckStates = () => sim.admin!.providerStates.deck!;
  const post = async (url: string, body: unknown, authorization = `Bearer ${ADMIN}`) => {
    const response = await fetch(url, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: await response.json() as Record<string, unknown> };
  };

  it('sets up a pact state in the provider\'s words, answering its result, and teardown forgets the provider\'s runs', async () => {
    expect(deckStates()).toBe(`${sim.origin}/_runwarden/provider-states/deck`);
    const setup = await post(deckStates(), { state: 'a task run is waiting for interaction input', params: { run_id: 'trun_pact1' }, action: 'setup' });
    expect(setup).toMatchObject({ status: 200, body: { result: { run_id: 'trun_pact1', status: 'interaction_required' } } });
    sim.setState('refactor', 'a completed re-factor run exists', { id: '8d322568-2a87-49e8-aaf7-6c49bd5d830b' });
    const run = await call(sim, 'deck', 'GET', '/task-runs/trun_pact1');
    expect((run.body as { status: string }).status).toBe('interaction_required');
    const teardown = await post(deckStates(), { state: 'a task run is waiting for interaction input', params: { run_id: 'trun_pact1' }, action: 'teardown' });
    expect(teardown).toEqual({ status: 200, body: { result: {} } });
    expect((await call(sim, 'deck', 'GET', '/task-runs/trun_pact1')).status).toBe(404);
    // Only that provider was reset.
    expect((await call(sim, 'refactor', 'GET', '/run/8d322568-2a87-49e8-aaf7-6c49bd5d830b')).status).toBe(200);
  });

  it('lists its state names, pact states and the provider\'s own', async () => {
    const response = await fetch(deckStates(), { headers: { authorization: `Bearer ${ADMIN}` } });
    const { states } = await response.json() as { states: string[] };
    expect(states).toEqual(expect.arrayContaining(['a task run is queued', 'the organization is over its rate limit', 'a Deck run exists', 'no such run']));
  });

  it('answers a state it does not know and unusable parameters with 400, naming them', async () => {
    const unknown = await post(deckStates(), { state: 'the moon is made of cheese', action: 'setup' });
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'state_invalid', message: expect.stringContaining('Unknown provider state "the moon is made of cheese" for deck') } } });
    expect((await post(deckStates(), { state: 'a task run is queued', params: { run_id: 'run-42' } })).body).toMatchObject({ error: { message: expect.stringContaining('run_id must look like trun_') } });
    expect((await post(deckStates(), { state: 'a Deck run exists', params: { status: 'sleeping' } })).status).toBe(400);
    expect((await post(deckStates(), { state: 'a Deck run exists', action: 'reboot' })).status).toBe(400);
    expect((await post(`${sim.origin}/_runwarden/provider-states/stripe`, { state: 'x' })).body).toMatchObject({ error: { code: 'provider_unknown', message: expect.stringContaining('Mounted: deck, refactor, rightbrain') } });
  });

  it('needs the admin token, with the Bearer scheme in any case', async () => {
    expect((await post(deckStates(), { state: 'a task run is queued' }, 'Bearer wrong')).status).toBe(401);
    expect((await post(deckStates(), { state: 'a task run is queued' }, ADMIN)).status).toBe(401);
    expect((await post(deckStates(), { state: 'a task run is queued' }, `bearer ${ADMIN}`)).status).toBe(200);
    expect((await post(deckStates(), { state: 'a task run is queued' }, `BEARER  ${ADMIN}`)).status).toBe(200);
  });

  it('sets up every provider state the checked-in pacts use, with the pacts\' own parameters', async () => {
    for (const provider of ['deck', 'refactor', 'rightbrain']) {
      const pact = JSON.parse(readFileSync(new URL(`../../../contracts/pacts/runwarden-${provider}.json`, import.meta.url), 'utf8')) as { interactions: Array<{ providerStates?: Array<{ name: string; params?: Record<string, unknown> }> }> };
      const uses = pact.interactions.flatMap((interaction) => interaction.providerStates ?? []);
      expect(uses.length).toBeGreaterThan(0);
      for (const state of uses) {
        const setup = await post(sim.admin!.providerStates[provider]!, { state: state.name, params: state.params ?? {}, action: 'setup' });
        expect(setup.status, `${provider}: ${state.name} → ${JSON.stringify(setup.body)}`).toBe(200);
        expect((await post(sim.admin!.providerStates[provider]!, { state: state.name, params: state.params ?? {}, action: 'teardown' })).status).toBe(200);
      }
    }
  });
});

describe('admin endpoint', () => {
  it('lists every provider\'s states, reports fault counts and health, and resets every provider', async () => {
    const states = await listedStates();
    expect(states).toEqual(expect.arrayContaining([expect.objectContaining({ provider: 'deck', name: 'a Deck run exists' }), expect.objectContaining({ provider: 'rightbrain', name: 'an agent run exists' })]));
    expect((await admin('GET', 'faults')).body).toMatchObject({ total: 0 });
    sim.setState('deck', 'a completed Deck run exists', { run_id: 'trun_reset1' });
    expect((await admin('GET', 'health')).body).toMatchObject({ ok: true, runs: { 'deck.task-run': 1 } });
    expect((await admin('POST', 'reset')).status).toBe(200);
    expect((await call(sim, 'deck', 'GET', '/task-runs/trun_reset1')).status).toBe(404);
    expect((await admin('GET', 'faults', undefined, 'Bearer wrong')).status).toBe(401);
    expect((await admin('GET', 'faults', undefined, `bearer ${ADMIN}`)).status).toBe(200);
  });

  it('is off unless an admin token is configured', async () => {
    const plain = await startSimulator({ clock, providers: bundled('deck') });
    try {
      expect(plain.admin).toBeUndefined();
      for (const path of ['states', 'provider-states/deck']) {
        const response = await fetch(`${plain.origin}/_runwarden/${path}`, { headers: { authorization: 'Bearer anything' } });
        expect(response.status).toBe(404);
      }
    } finally {
      await plain.close();
    }
  });
});
