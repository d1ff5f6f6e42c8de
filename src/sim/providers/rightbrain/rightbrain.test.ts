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
const agentLifecycle = bundled('rightbrain')[0]!.runs[1]!.lifecycle;
let clock: VirtualClock;
let sim: Simulator;

beforeEach(async () => {
  clock = createVirtualClock();
  sim = await startSimulator({ clock, providers: bundled('rightbrain') });
});
afterEach(() => sim.close());

async function expectConforms(operationId: string, exchange: Exchange): Promise<void> {
  const violations = await conformance('rightbrain', operationId, exchange);
  expect(violations, describeViolations(exchange, violations)).toEqual([]);
}

/** The `data:` frames of an event stream, parsed. */
function frames(text: string): Array<{ event_type: string; metadata?: { run_id?: string; session_id?: string } }> {
  return text.split('\n\n').filter((frame) => frame.startsWith('data: ')).map((frame) => JSON.parse(frame.slice(6)) as never);
}

async function runAgent(headers: Record<string, string> = {}): Promise<Exchange> {
  let settled = false;
  const pending = call(sim, 'rightbrain', 'POST', `${AGENT_PATH}/run`, { body: { message: 'Triage ticket 48213.' }, headers }).finally(() => {
    settled = true;
  });
  // The stream follows the virtual clock: move it until the stream has ended (bounded).
  for (let step = 0; step < 2000 && !settled; step++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    clock.advance(100);
  }
  const exchange = await pending;
  expect(exchange.status).toBe(200);
  expect(exchange.headers['content-type']).toMatch(/^text\/event-stream/);
  return exchange;
}

describe('Rightbrain on the generic engine', () => {
  it('answers Run Task with the finished run once its latency has passed, and serves it to fetchTaskRun and both lists', async () => {
    const pending = call(sim, 'rightbrain', 'POST', `${TASK_PATH}/run`, { body: { task_input: { review_text: 'Battery lasts two days.' } } });
    await advanceWhenPending(clock, 100);
    const created = await pending;
    expect(created.status).toBe(200);
    await expectConforms('runTask', created);
    const run = created.body as { id: string; is_error: boolean };
    const fetched = await call(sim, 'rightbrain', 'GET', `${TASK_PATH}/run/${run.id}`);
    expect(fetched.body).toEqual(created.body);
    for (const [operationId, path] of [['listTaskRuns', `${TASK_PATH}/run`], ['listProjectTaskRuns', `/org/${ORG}/project/${PROJECT}/task_run`]] as const) {
      const list = await call(sim, 'rightbrain', 'GET', path);
      await expectConforms(operationId, list);
      expect((list.body as { results: Array<{ id: string }> }).results.map((row) => row.id)).toEqual([run.id]);
    }
  });

  it('streams the agent run in Rightbrain\'s frames: session_id first, exactly one terminal done naming the run, which the poll then reads', async () => {
    const exchange = await runAgent({ 'x-runwarden-scenario': 'completed' });
    const events = frames(exchange.text);
    expect(events[0]!.event_type).toBe('session_id');
    expect(events.filter((event) => event.event_type === 'done' || event.event_type === 'error').map((event) => event.event_type)).toEqual(['done']);
    const runId = events.at(-1)!.metadata!.run_id!;
    const polled = await call(sim, 'rightbrain', 'GET', `${AGENT_PATH}/run/${runId}`);
    expect(polled.body).toMatchObject({ id: runId, status: 'completed' });
    await expectConforms('getTaskAgentRun', polled);
    expect(checkLifecycle(agentLifecycle, 'getTaskAgentRun', [{ body: polled.body, observedAt: 0 }])).toEqual([]);
  });

  it('ends a failing agent run with an error frame, and a pinned task agent fails every run', async () => {
    sim.setState('rightbrain', 'task agent {task_agent_id} fails its runs', { task_agent_id: AGENT });
    const events = frames((await runAgent()).text);
    expect(events.at(-1)!.event_type).toBe('error');
    const polled = await call(sim, 'rightbrain', 'GET', `${AGENT_PATH}/run/${events.at(-1)!.metadata!.run_id}`);
    expect(polled.body).toMatchObject({ status: 'failed' });
    const listed = await call(sim, 'rightbrain', 'GET', `${AGENT_PATH}/run?status=completed`);
    await expectConforms('listTaskAgentRuns', listed);
    expect((listed.body as { results: unknown[] }).results).toEqual([]);
  });
});

describe('Rightbrain errors', () => {
  it('answers a malformed id with 400, an invalid body with the FastAPI 422, and an unknown run with 404, in the spec\'s shapes', async () => {
    const malformed = await call(sim, 'rightbrain', 'GET', `${TASK_PATH}/run/not-a-uuid`);
    expect(malformed.status).toBe(400);
    await expectConforms('fetchTaskRun', malformed);
    const invalid = await call(sim, 'rightbrain', 'POST', `${TASK_PATH}/run`, { body: { input_params: {} } });
    expect(invalid).toMatchObject({ status: 422, body: { detail: [expect.objectContaining({ msg: expect.any(String) })] } });
    await expectConforms('runTask', invalid);
    const unknown = await call(sim, 'rightbrain', 'GET', `${TASK_PATH}/run/0197a4ff-0000-7000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    await expectConforms('fetchTaskRun', unknown);
  });

  it('answers every route of a project the caller lacks permission on with 403 PERMISSION_CHECK_FAILED, until reset', async () => {
    sim.setState('rightbrain', 'the caller lacks permission on the project', { org_id: ORG, project_id: PROJECT });
    for (const [operationId, method, path] of [['fetchTaskRun', 'GET', `${TASK_PATH}/run/0197a4ff-0000-7000-8000-000000000000`], ['listTaskAgentRuns', 'GET', `${AGENT_PATH}/run`]] as const) {
      const denied = await call(sim, 'rightbrain', method, path);
      expect(denied).toMatchObject({ status: 403, body: { detail: { reason: 'PERMISSION_CHECK_FAILED' } } });
      await expectConforms(operationId, denied);
    }
    sim.reset('rightbrain');
    expect((await call(sim, 'rightbrain', 'GET', `${AGENT_PATH}/run`)).status).toBe(200);
  });
});
