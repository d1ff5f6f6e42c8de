import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLifecycle } from '../../../core/lifecycle/check.ts';
import { advanceWhenPending, bundled, call, conformance, describeViolations, type Exchange } from '../../../../test/helpers/sim-kit.ts';
import { createVirtualClock, type VirtualClock } from '../../clock.ts';
import { startSimulator, type Simulator } from '../../start-simulator.ts';

const ORG = '3f0c2a9e-6b1d-4c8e-9a57-2d4e8b1f6c03';
const PROJECT = '8a6e4d12-0f3b-4b7a-b1c9-5e2d7f9a4c18';
const TASK = '01968f2e-7c41-7a3b-9d52-6e1f0b8c4a27';
const AGENT = '0198b2d4-6f70-7a81-b293-a4b5c6d7e8f9';
const TASK_PATH = `/org/${ORG}/project/${PROJECT}/task/${TASK}`;
const AGENT_PATH = `/org/${ORG}/project/${PROJECT}/task-agent/${AGENT}`;

/** The agent-run lifecycle, from Rightbrain's bundled profile. */
const rightbrainAgentLifecycle = bundled('rightbrain')[0]!.runs[1]!.lifecycle;
let clock: VirtualClock;
let sim: Simulator;

beforeEach(async () => {
  clock = createVirtualClock();
  sim = await startSimulator({ clock, providers: bundled('rightbrain') });
});
afterEach(() => sim.close());

type TaskRun = Record<string, unknown> & { id: string; input_tokens: number; output_tokens: number; total_tokens: number; charged_credits: string; is_error: boolean };
type AgentRun = Record<string, unknown> & { id: string; status: string; session_id: string };

async function expectConforms(operationId: string, exchange: Exchange): Promise<void> {
  const violations = await conformance('rightbrain', operationId, exchange);
  expect(violations, describeViolations(exchange, violations)).toEqual([]);
}

async function runTask(scenario?: string, query = '', body: unknown = { task_input: { review_text: 'Battery lasts two days.' }, task_reference: 'review-1' }): Promise<Exchange> {
  const pending = call(sim, 'rightbrain', 'POST', `${TASK_PATH}/run${query}`, { body, headers: scenario ? { 'x-runwarden-scenario': scenario } : {} });
  await advanceWhenPending(clock, 60_000);
  const exchange = await pending;
  await expectConforms('runTask', exchange);
  return exchange;
}

function expectConsistent(run: TaskRun): void {
  expect(run.total_tokens).toBe(run.input_tokens + run.output_tokens);
  expect(run.charged_credits).toBe((Math.round(run.total_tokens / 10) / 100).toFixed(2));
  if (run.used_fallback_model === true) {
    expect(run.fallback_llm_model_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof run.primary_failure_reason).toBe('string');
  } else {
    expect(run.fallback_llm_model_id).toBeNull();
  }
  if (run.is_error) expect(typeof run.response).toBe('string');
}

async function streamAgent(body: unknown, scenario?: string): Promise<{ events: Record<string, unknown>[]; response: Response }> {
  const response = await fetch(`${sim.urls.rightbrain}${AGENT_PATH}/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sim.config.token}`, 'content-type': 'application/json', ...(scenario ? { 'x-runwarden-scenario': scenario } : {}) },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  clock.advance(120_000);
  const text = await response.text();
  const events = text.split('\n\n').filter(Boolean).map((frame) => {
    expect(frame.startsWith('data: ')).toBe(true);
    return JSON.parse(frame.slice(6)) as Record<string, unknown>;
  });
  return { events, response };
}

describe('Rightbrain Run Task', () => {
  it('answers only after the simulated model latency, with a finished run whose tokens, credits and timings agree', async () => {
    const pending = call(sim, 'rightbrain', 'POST', `${TASK_PATH}/run`, { body: { task_input: { text: 'hi' } }, headers: { 'x-runwarden-scenario': 'success' } });
    let settled = false;
    void pending.then(() => { settled = true; });
    await clock.whenPending();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    clock.advance(60_000);
    const exchange = await pending;
    expect(exchange.status).toBe(200);
    await expectConforms('runTask', exchange);
    const run = exchange.body as TaskRun;
    expectConsistent(run);
    expect(run.is_error).toBe(false);
    expect(run.used_fallback_model).toBe(false);
    expect(run.llm_call_timing).toBeGreaterThan(0);
    expect(run.run_data).toEqual({ submitted: { text: 'hi' }, files: [] });
    expect(exchange.headers['x-task-run-id']).toBe(run.id);
  });

  it('keeps fallback fields consistent in every scenario, including use_fallback_model=true', async () => {
    for (const [scenario, query] of [['fallback', ''], ['error', ''], ['fallback_error', ''], [undefined, '?use_fallback_model=true']] as const) {
      const run = (await runTask(scenario, query)).body as TaskRun;
      expectConsistent(run);
      expect(run.is_error).toBe(scenario === 'error' || scenario === 'fallback_error');
      expect(run.used_fallback_model).toBe(scenario !== 'error');
    }
  });

  it('stores the run: fetchTaskRun returns the same body, and both lists include it', async () => {
    const created = (await runTask('success')).body as TaskRun;
    const fetched = await call(sim, 'rightbrain', 'GET', `${TASK_PATH}/run/${created.id}`);
    await expectConforms('fetchTaskRun', fetched);
    expect(fetched.body).toEqual(created);
    const list = await call(sim, 'rightbrain', 'GET', `${TASK_PATH}/run`);
    await expectConforms('listTaskRuns', list);
    expect((list.body as { results: TaskRun[] }).results.map((run) => run.id)).toEqual([created.id]);
    const project = await call(sim, 'rightbrain', 'GET', `/org/${ORG}/project/${PROJECT}/task_run`);
    await expectConforms('listProjectTaskRuns', project);
    expect((project.body as { results: TaskRun[] }).results.map((run) => run.id)).toEqual([created.id]);
    const otherTask = await call(sim, 'rightbrain', 'GET', `/org/${ORG}/project/${PROJECT}/task/01968f30-1b2c-7d3e-8f40-5a6b7c8d9e0f/run/${created.id}`);
    expect(otherTask.status).toBe(404);
  });

  it('pages lists newest first with the last id as next_cursor', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(((await runTask('success')).body as TaskRun).id);
    const first = await call(sim, 'rightbrain', 'GET', `${TASK_PATH}/run?page_limit=2`);
    const page = first.body as { results: TaskRun[]; pagination: { next_cursor: string; has_next: boolean } };
    expect(page.results.map((run) => run.id)).toEqual([ids[2], ids[1]]);
    expect(page.pagination).toMatchObject({ has_next: true, next_cursor: ids[1], page_limit: 2 });
    const second = await call(sim, 'rightbrain', 'GET', `${TASK_PATH}/run?page_limit=2&cursor=${page.pagination.next_cursor}`);
    expect(second.body).toMatchObject({ results: [{ id: ids[0] }], pagination: { has_next: false, next_cursor: null } });
  });
});

describe('Rightbrain task agent runs', () => {
  it('streams session_id first, tool and text events, then done; the run moves running → completed', async () => {
    const response = await fetch(`${sim.urls.rightbrain}${AGENT_PATH}/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.config.token}`, 'content-type': 'application/json', 'x-runwarden-scenario': 'completed' },
      body: JSON.stringify({ message: 'Triage ticket 48213' }),
    });
    const reader = response.body!.getReader();
    clock.advance(0);
    const first = new TextDecoder().decode((await reader.read()).value);
    const sessionEvent = JSON.parse(first.split('\n\n')[0]!.slice(6)) as { event_type: string; metadata: { session_id: string } };
    expect(sessionEvent.event_type).toBe('session_id');
    const listed = await call(sim, 'rightbrain', 'GET', `${AGENT_PATH}/run`);
    await expectConforms('listTaskAgentRuns', listed);
    const running = (listed.body as { results: AgentRun[] }).results[0]!;
    expect(running).toMatchObject({ status: 'running', session_id: sessionEvent.metadata.session_id, input_tokens: 0, charged_credits: null });
    const observations = [running];
    let text = first;
    for (let i = 0; i < 400; i++) {
      clock.advance(50);
      const exchange = await call(sim, 'rightbrain', 'GET', `${AGENT_PATH}/run/${running.id}`);
      await expectConforms('getTaskAgentRun', exchange);
      observations.push(exchange.body as AgentRun);
      if ((exchange.body as AgentRun).status === 'completed') break;
    }
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    const events = text.split('\n\n').filter(Boolean).map((frame) => JSON.parse(frame.slice(6)) as { event_type: string; metadata?: { run_id?: string } });
    const types = events.map((event) => event.event_type);
    expect(types[0]).toBe('session_id');
    expect(types.at(-1)).toBe('done');
    expect(types).toContain('tool_call');
    expect(types).toContain('tool_result');
    expect(types).toContain('text_chunk');
    expect(events.at(-1)!.metadata!.run_id).toBe(running.id);
    const last = observations.at(-1)!;
    expect(last.status).toBe('completed');
    expect(last.total_tokens).toBe((last.input_tokens as number) + (last.output_tokens as number));
    expect(checkLifecycle(rightbrainAgentLifecycle, 'getTaskAgentRun', observations.map((body, index) => ({ body, observedAt: index })))).toEqual([]);
  });

  it('ends a failed run with an error event and status failed', async () => {
    const { events } = await streamAgent({ message: 'Extract the invoice' }, 'failed');
    const last = events.at(-1) as { event_type: string; metadata: { run_id: string } };
    expect(last.event_type).toBe('error');
    const run = await call(sim, 'rightbrain', 'GET', `${AGENT_PATH}/run/${last.metadata.run_id}`);
    await expectConforms('getTaskAgentRun', run);
    expect(run.body).toMatchObject({ status: 'failed', is_error: true, had_task_tool_fail: expect.any(Boolean) as unknown });
    const failedOnly = await call(sim, 'rightbrain', 'GET', `${AGENT_PATH}/run?status=failed&is_error=true`);
    expect((failedOnly.body as { results: AgentRun[] }).results.map((entry) => entry.id)).toEqual([last.metadata.run_id]);
  });

  it('passes through waiting_for_human, and continues a session when session_id is given', async () => {
    const created = sim.setState('rightbrain', 'an agent run exists', { status: 'waiting_for_human' }) as { run_id: string };
    const waiting = await call(sim, 'rightbrain', 'GET', `${AGENT_PATH}/run/${created.run_id}`);
    expect((waiting.body as AgentRun).status).toBe('waiting_for_human');
    await expectConforms('getTaskAgentRun', waiting);
    const { events } = await streamAgent({ message: 'Follow up', session_id: 'my-session-1' }, 'completed');
    expect(events[0]).toEqual({ event_type: 'session_id', metadata: { session_id: 'my-session-1' } });
    const runId = (events.at(-1) as { metadata: { run_id: string } }).metadata.run_id;
    const run = await call(sim, 'rightbrain', 'GET', `${AGENT_PATH}/run/${runId}`);
    expect(run.body).toMatchObject({ session_id: 'my-session-1', is_continuation: true });
    const bySession = await call(sim, 'rightbrain', 'GET', `${AGENT_PATH}/run?session_id=my-session-1`);
    expect((bySession.body as { results: AgentRun[] }).results.map((entry) => entry.id)).toEqual([runId]);
  });
});

describe('Rightbrain errors', () => {
  it('answers a missing or wrong token with the gateway 401 envelope', async () => {
    for (const token of [null, 'nope']) {
      const exchange = await call(sim, 'rightbrain', 'GET', `${TASK_PATH}/run`, { token });
      expect(exchange.status).toBe(401);
      expect(exchange.body).toMatchObject({ error: { code: 401 } });
      await expectConforms('listTaskRuns', exchange);
    }
  });

  it('answers a malformed path id with 400 MALFORMED_RESOURCE_IDENTIFIER', async () => {
    const exchange = await call(sim, 'rightbrain', 'GET', `/org/${ORG}/project/support-bots/task/${TASK}/run/${TASK}`);
    expect(exchange.status).toBe(400);
    expect(exchange.body).toMatchObject({ detail: { reason: 'MALFORMED_RESOURCE_IDENTIFIER' } });
    await expectConforms('fetchTaskRun', exchange);
  });

  it('answers invalid bodies, malformed JSON and bad query parameters with a FastAPI 422', async () => {
    const cases: [string, string, unknown, string, string][] = [
      ['POST', `${TASK_PATH}/run`, { input_params: { a: 1 } }, 'runTask', 'task_input'],
      ['POST', `${TASK_PATH}/run`, { task_input: 'text' }, 'runTask', 'task_input'],
      ['POST', `${TASK_PATH}/run`, { task_input: {}, task_reference: 'r'.repeat(65) }, 'runTask', 'task_reference'],
      ['POST', `${AGENT_PATH}/run`, { session_id: 'x' }, 'runTaskAgent', 'message'],
      ['GET', `${TASK_PATH}/run?page_limit=500`, undefined, 'listTaskRuns', 'page_limit'],
      ['GET', `${TASK_PATH}/run?cursor=page2`, undefined, 'listTaskRuns', 'cursor'],
      ['GET', `${AGENT_PATH}/run?status=succeeded`, undefined, 'listTaskAgentRuns', 'status'],
    ];
    for (const [method, path, body, operationId, field] of cases) {
      const exchange = await call(sim, 'rightbrain', method, path, { body });
      expect(exchange.status, `${method} ${path}`).toBe(422);
      const detail = (exchange.body as { detail: { loc: unknown[] }[] }).detail;
      expect(detail.some((issue) => issue.loc.includes(field)), JSON.stringify(detail)).toBe(true);
      await expectConforms(operationId, exchange);
    }
    const malformed = await call(sim, 'rightbrain', 'POST', `${TASK_PATH}/run`, { rawBody: '{"task_input": {', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(422);
    await expectConforms('runTask', malformed);
  });

  it('answers unknown runs, unknown tasks and unknown routes with 404 RESOURCE_NOT_FOUND', async () => {
    const run = await call(sim, 'rightbrain', 'GET', `${TASK_PATH}/run/0197a4c3-5e21-7d8f-a1b2-3c4d5e6f7082`);
    expect(run.status).toBe(404);
    await expectConforms('fetchTaskRun', run);
    sim.setState('rightbrain', `task ${TASK} is unknown`, {});
    const task = await call(sim, 'rightbrain', 'POST', `${TASK_PATH}/run`, { body: { task_input: {} } });
    expect(task.status).toBe(404);
    await expectConforms('runTask', task);
    const route = await call(sim, 'rightbrain', 'GET', `/org/${ORG}/project/${PROJECT}/tasks`);
    expect(route).toMatchObject({ status: 404, body: { detail: { reason: 'RESOURCE_NOT_FOUND' } } });
  });

  it('answers every route of a project the caller lacks permission on with 403 PERMISSION_CHECK_FAILED, until reset', async () => {
    const runId = '0197a4c3-5e21-7d8f-a1b2-3c4d5e6f7081';
    sim.setState('rightbrain', 'a Rightbrain task run exists', { org_id: ORG, project_id: PROJECT, task_id: TASK, task_run_id: runId });
    sim.setState('rightbrain', 'the caller lacks permission on the project', { org_id: ORG, project_id: PROJECT.toUpperCase() });
    const cases: [string, string, unknown, string][] = [
      ['POST', `${TASK_PATH}/run`, { task_input: {} }, 'runTask'],
      ['GET', `${TASK_PATH}/run/${runId}`, undefined, 'fetchTaskRun'],
      ['GET', `${TASK_PATH}/run`, undefined, 'listTaskRuns'],
      ['GET', `/org/${ORG}/project/${PROJECT}/task_run`, undefined, 'listProjectTaskRuns'],
      ['POST', `${AGENT_PATH}/run`, { message: 'Summarise ticket 48213.' }, 'runTaskAgent'],
      ['GET', `${AGENT_PATH}/run`, undefined, 'listTaskAgentRuns'],
      ['GET', `${AGENT_PATH}/run/${runId}`, undefined, 'getTaskAgentRun'],
    ];
    for (const [method, path, body, operationId] of cases) {
      const exchange = await call(sim, 'rightbrain', method, path, { body });
      expect(exchange.status, `${method} ${path}`).toBe(403);
      expect(exchange.body).toEqual({ detail: { reason: 'PERMISSION_CHECK_FAILED', message: expect.stringContaining(PROJECT) } });
      await expectConforms(operationId, exchange);
    }
    expect((await call(sim, 'rightbrain', 'GET', `${TASK_PATH}/run/not-a-uuid`)).status).toBe(400);
    const otherProject = '8a6e4d12-0f3b-4b7a-b1c9-5e2d7f9a4c19';
    expect((await call(sim, 'rightbrain', 'GET', `/org/${ORG}/project/${otherProject}/task_run`)).status).toBe(200);
    sim.reset();
    expect((await call(sim, 'rightbrain', 'GET', `/org/${ORG}/project/${PROJECT}/task_run`)).status).toBe(200);
    expect(() => sim.setState('rightbrain', 'the caller lacks permission on the project', { project_id: 'support-bots' })).toThrow(/project_id must be a UUID/);
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const exchange = await call(sim, 'rightbrain', 'POST', `${TASK_PATH}/run`, { rawBody: JSON.stringify({ task_input: { text: 'x'.repeat(1_100_000) } }), headers: { 'content-type': 'application/json' } });
    expect(exchange.status).toBe(413);
    expect(exchange.body).toMatchObject({ detail: { reason: 'PAYLOAD_TOO_LARGE' } });
    await expectConforms('runTask', exchange);
  });
});
