import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { createRightbrainClient } from '../src/client/providers/rightbrain.ts';
import { CONSUMER_TEST_TOKEN, consumerPact, settled } from './support/consumer.ts';
import { bearer, credits, isoDateTimeMaybeLocal, revokedBearer } from './support/matchers.ts';

const { uuid, eachLike, integer, decimal, like, string, boolean, regex } = MatchersV3;
const { pact, generated, checkedIn } = consumerPact('rightbrain');

/** Ids the provider states use; the simulator's Rightbrain extension pins their outcomes. */
const ORG = '3f0c2a9e-6b1d-4c8e-9a57-2d4e8b1f6c03';
const PROJECT = '8a6e4d12-0f3b-4b7a-b1c9-5e2d7f9a4c18';
const TASK = '01968f2e-7c41-7a3b-9d52-6e1f0b8c4a27';
const ERROR_TASK = '01968f2e-7c41-7a3b-9d52-6e1f0b8c4e77';
const TASK_RUN = '0197a4c3-5e21-7d8f-a1b2-3c4d5e6f7081';
const ERROR_TASK_RUN = '0197a4c9-0b12-7c34-9d56-7e8f9a0b1c2d';
const MISSING_TASK_RUN = '0197a4ff-0000-7000-8000-000000000000';
const AGENT = '0198b2d4-6f70-7a81-b293-a4b5c6d7e8f9';
const FAILING_AGENT = '0198b2d4-6f70-7a81-b293-a4b5c6d7e8fa';
const AGENT_RUNS = {
  running: '0198c1e0-3d4e-7f50-8a61-b2c3d4e5f601',
  waiting_for_human: '0198c1e0-3d4e-7f50-8a61-b2c3d4e5f602',
  completed: '0198c1e0-3d4e-7f50-8a61-b2c3d4e5f607',
  failed: '0198c1d7-1f2e-7d3c-9b4a-5e6f7a8b9c0d',
} as const;

const project = `/org/${ORG}/project/${PROJECT}`;
const client = (baseUrl: string, token = CONSUMER_TEST_TOKEN) => createRightbrainClient({ baseUrl, token, orgId: ORG, projectId: PROJECT, retry: { maxAttempts: 1 } });
const detail = (reason: string, message: string) => ({ detail: { reason, message: string(message) } });
const input = { review_text: 'Battery lasts two full days even with GPS on.', product_name: 'Pulse 3 fitness watch' };

/**
 * A finished task run. `response` is an object whose keys the task's output format defines (a string for text
 * output), and `run_data.submitted` echoes the task input: the consumer reads neither key by key.
 */
function taskRun(id: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    task_id: uuid(TASK),
    task_revision_id: uuid('01968f2e-9a10-7b44-8c6d-2f3e5a7b9c01'),
    response: like({}),
    run_data: like({ submitted: like({}) }),
    id: uuid(id),
    created: isoDateTimeMaybeLocal('2025-06-12T09:02:17.418Z'),
    input_tokens: integer(412),
    output_tokens: integer(74),
    total_tokens: integer(486),
    is_error: false,
    input_processor_timing: decimal(0.000153),
    llm_call_timing: decimal(1.346),
    charged_credits: credits('0.49'),
    used_fallback_model: boolean(false),
    ...fields,
  };
}
const erroredTaskRun = (id: string) => taskRun(id, {
  task_id: uuid(ERROR_TASK), response: string('The model call failed; no output was produced.'), is_error: true,
  primary_failure_reason: string('Primary model returned HTTP 500 on 3 attempts and the task has no fallback model'),
});

/** A task agent run; tokens and credits are zero and null until it ends. */
function agentRun(id: string, status: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: uuid(id),
    task_agent_id: uuid(AGENT),
    session_id: string('5b8e2f71-4c3a-4d9e-a6b1-0f2e3d4c5b6a'),
    input_tokens: integer(0),
    output_tokens: integer(0),
    total_tokens: integer(0),
    created: isoDateTimeMaybeLocal('2025-06-12T09:20:11.830Z'),
    completed: null,
    status,
    is_error: false,
    charged_credits: null,
    model_usages: [],
    files: [],
    ...fields,
  };
}
const ended = (completedAt: string, isError: boolean) => ({
  input_tokens: integer(6840), output_tokens: integer(912), total_tokens: integer(7752), charged_credits: credits('7.75'),
  completed: isoDateTimeMaybeLocal(completedAt), duration_ms: integer(18475), is_error: isError,
  model_usages: eachLike(like({ input_tokens: 6840, output_tokens: 912 })),
});

/** An agent's event stream: the session first, a terminal `done` or `error` last. Matched by pattern, not byte for byte. */
function eventStream(terminal: 'done' | 'error', example: string) {
  return (builder: { headers(headers: Record<string, unknown>): unknown; body(contentType: string, body: Buffer): unknown; matchingRules(rules: never): unknown }) => {
    builder.headers({ 'Content-Type': regex('^text/event-stream', 'text/event-stream') });
    // Declared as text so Pact's content-type check passes; the header matcher above pins the event-stream type.
    builder.body('text/plain', Buffer.from(example));
    builder.matchingRules({ body: [{ path: '$', rules: [regex(`^data: \\{"event_type": ?"session_id"[\\s\\S]*"event_type": ?"${terminal}"[^\\n]*\\n\\n$`, example)] }] } as never);
  };
}
const session = 'data: {"event_type": "session_id", "metadata": {"session_id": "5b8e2f71-4c3a-4d9e-a6b1-0f2e3d4c5b6a"}}\n\n';
const DONE_STREAM = `${session}data: {"event_type": "text_chunk", "data": {"text": "High churn risk."}}\n\ndata: {"event_type": "done", "metadata": {"session_id": "5b8e2f71-4c3a-4d9e-a6b1-0f2e3d4c5b6a", "run_id": "${AGENT_RUNS.completed}"}}\n\n`;
const ERROR_STREAM = `${session}data: {"event_type": "error", "data": {"message": "Agent stopped: a required tool failed."}, "metadata": {"session_id": "5b8e2f71-4c3a-4d9e-a6b1-0f2e3d4c5b6a", "run_id": "${AGENT_RUNS.failed}"}}\n\n`;

describe('Rightbrain task runs and task agent runs (consumer: runwarden)', () => {
  describe('runTask, then fetchTaskRun', () => {
    it('runs a task synchronously and gets the finished run', async () => {
      await pact.addInteraction()
        .given('a task exists in the project', { task_id: TASK })
        .uponReceiving('a request to run a task')
        .withRequest('POST', `${project}/task/${TASK}/run`, (builder) => builder.headers(bearer()).jsonBody({ task_input: input }))
        .willRespondWith(200, (builder) => builder.jsonBody(taskRun(TASK_RUN)))
        .executeTest(settled(async (mock) => {
          const run = await client(mock.url).runTask(TASK, { task_input: input });
          expect(run.is_error).toBe(false);
        }));
    });

    it('runs a task whose models both fail and gets a run with is_error', async () => {
      await pact.addInteraction()
        .given('the task run fails on both models', { task_id: ERROR_TASK })
        .uponReceiving('a request to run a task whose models fail')
        .withRequest('POST', `${project}/task/${ERROR_TASK}/run`, (builder) => builder.headers(bearer()).jsonBody({ task_input: input }))
        .willRespondWith(200, (builder) => builder.jsonBody(erroredTaskRun(ERROR_TASK_RUN)))
        .executeTest(settled(async (mock) => {
          const run = await client(mock.url).runTask(ERROR_TASK, { task_input: input });
          expect(run.is_error).toBe(true);
          expect(run.primary_failure_reason).toBeTypeOf('string');
        }));
    });

    it('fetches a task run', async () => {
      await pact.addInteraction()
        .given('a task run exists', { task_id: TASK, task_run_id: TASK_RUN })
        .uponReceiving('a request for a task run')
        .withRequest('GET', `${project}/task/${TASK}/run/${TASK_RUN}`, (builder) => builder.headers(bearer()))
        .willRespondWith(200, (builder) => builder.jsonBody(taskRun(TASK_RUN)))
        .executeTest(settled(async (mock) => {
          expect((await client(mock.url).fetchTaskRun(TASK, TASK_RUN)).id).toBe(TASK_RUN);
        }));
    });

    it('fetches a task run that ended in an error', async () => {
      await pact.addInteraction()
        .given('a task run with an error exists', { task_id: ERROR_TASK, task_run_id: ERROR_TASK_RUN })
        .uponReceiving('a request for a task run that ended in an error')
        .withRequest('GET', `${project}/task/${ERROR_TASK}/run/${ERROR_TASK_RUN}`, (builder) => builder.headers(bearer()))
        .willRespondWith(200, (builder) => builder.jsonBody(erroredTaskRun(ERROR_TASK_RUN)))
        .executeTest(settled(async (mock) => {
          expect((await client(mock.url).fetchTaskRun(ERROR_TASK, ERROR_TASK_RUN)).is_error).toBe(true);
        }));
    });

    it('lists the runs of a task and of the project', async () => {
      const page = { results: eachLike(taskRun(TASK_RUN)), pagination: { next_cursor: null, has_next: false, page_limit: integer(100) } };
      await pact.addInteraction()
        .given('a task run exists', { task_id: TASK, task_run_id: TASK_RUN })
        .uponReceiving('a request for the runs of a task')
        .withRequest('GET', `${project}/task/${TASK}/run`, (builder) => builder.headers(bearer()).query({ page_limit: '100' }))
        .willRespondWith(200, (builder) => builder.jsonBody(page))
        .executeTest(settled(async (mock) => {
          expect((await client(mock.url).listTaskRuns(TASK, { page_limit: 100 })).results.length).toBeGreaterThan(0);
        }));
      await pact.addInteraction()
        .given('a task run exists', { task_id: TASK, task_run_id: TASK_RUN })
        .uponReceiving('a request for the task runs of a project')
        .withRequest('GET', `${project}/task_run`, (builder) => builder.headers(bearer()).query({ page_limit: '100' }))
        .willRespondWith(200, (builder) => builder.jsonBody(page))
        .executeTest(settled(async (mock) => {
          expect((await client(mock.url).listProjectTaskRuns({ page_limit: 100 })).pagination?.has_next).toBe(false);
        }));
    });

    it('is refused with 400 for a task run id that is not a UUID', async () => {
      await pact.addInteraction()
        .given('a task exists in the project', { task_id: TASK })
        .uponReceiving('a request for a task run whose id is not a UUID')
        .withRequest('GET', `${project}/task/${TASK}/run/not-a-uuid`, (builder) => builder.headers(bearer()))
        .willRespondWith(400, (builder) => builder.jsonBody(detail('MALFORMED_RESOURCE_IDENTIFIER', 'task_run_id is not a valid UUID.')))
        .executeTest(settled(async (mock) => {
          const error = await client(mock.url).fetchTaskRun(TASK, 'not-a-uuid').catch((caught: unknown) => caught);
          expect(error).toMatchObject({ status: 400, providerCode: 'MALFORMED_RESOURCE_IDENTIFIER' });
        }));
    });

    it('is refused with 401 by the gateway for a token Rightbrain never issued', async () => {
      await pact.addInteraction()
        .uponReceiving('a request for a task run with a revoked token')
        .withRequest('GET', `${project}/task/${TASK}/run/${TASK_RUN}`, (builder) => builder.headers(revokedBearer()))
        .willRespondWith(401, (builder) => builder.jsonBody({ error: { code: 401, message: string('Invalid bearer token') } }))
        .executeTest(settled(async (mock) => {
          const error = await client(mock.url, 'revoked-key-for-contract-tests').fetchTaskRun(TASK, TASK_RUN).catch((caught: unknown) => caught);
          expect(error).toMatchObject({ status: 401, code: 'AUTH_FAILED', providerCode: 'HTTP_401' });
        }));
    });

    it('is refused with 403 when the API client lacks permission on the project', async () => {
      await pact.addInteraction()
        .given('the API client lacks permission on the project', { org_id: ORG, project_id: PROJECT })
        .uponReceiving('a request for a task run in a project the API client has no permission on')
        .withRequest('GET', `${project}/task/${TASK}/run/${TASK_RUN}`, (builder) => builder.headers(bearer()))
        .willRespondWith(403, (builder) => builder.jsonBody(detail('PERMISSION_CHECK_FAILED', `Permission check failed: the API client lacks the required permission on project ${PROJECT}.`)))
        .executeTest(settled(async (mock) => {
          const error = await client(mock.url).fetchTaskRun(TASK, TASK_RUN).catch((caught: unknown) => caught);
          expect(error).toMatchObject({ status: 403, code: 'AUTH_FAILED', providerCode: 'PERMISSION_CHECK_FAILED' });
        }));
    });

    it('is refused with 404 for a task run that does not exist', async () => {
      await pact.addInteraction()
        .given('no task run has the id', { task_run_id: MISSING_TASK_RUN })
        .uponReceiving('a request for a task run that does not exist')
        .withRequest('GET', `${project}/task/${TASK}/run/${MISSING_TASK_RUN}`, (builder) => builder.headers(bearer()))
        .willRespondWith(404, (builder) => builder.jsonBody(detail('RESOURCE_NOT_FOUND', 'Task run not found.')))
        .executeTest(settled(async (mock) => {
          const error = await client(mock.url).fetchTaskRun(TASK, MISSING_TASK_RUN).catch((caught: unknown) => caught);
          expect(error).toMatchObject({ status: 404, providerCode: 'RESOURCE_NOT_FOUND' });
        }));
    });

    it('is refused with 422 for a body that uses input_params instead of task_input', async () => {
      await pact.addInteraction()
        .given('a task exists in the project', { task_id: TASK })
        .uponReceiving('a request to run a task with the legacy input_params field')
        .withRequest('POST', `${project}/task/${TASK}/run`, (builder) => builder.headers(bearer()).jsonBody({ input_params: input }))
        .willRespondWith(422, (builder) => builder.jsonBody({ detail: eachLike({ loc: eachLike(string('body')), msg: string('Field required'), type: string('missing') }) }))
        .executeTest(settled(async (mock) => {
          const error = await client(mock.url).runTask(TASK, { input_params: input } as never).catch((caught: unknown) => caught);
          expect(error).toMatchObject({ status: 422, providerCode: 'VALIDATION_ERROR' });
        }));
    });
  });

  describe('runTaskAgent', () => {
    it('streams an agent run from its session to done', async () => {
      await pact.addInteraction()
        .given('a task agent exists in the project', { task_agent_id: AGENT })
        .uponReceiving('a request to run a task agent')
        .withRequest('POST', `${project}/task-agent/${AGENT}/run`, (builder) => builder.headers({ ...bearer(), Accept: 'text/event-stream' }).jsonBody({ message: 'Assess the churn risk of ticket 48213.' }))
        .willRespondWith(200, eventStream('done', DONE_STREAM) as never)
        .executeTest(settled(async (mock) => {
          const stream = await client(mock.url).runTaskAgent(AGENT, { message: 'Assess the churn risk of ticket 48213.' });
          expect(stream.outcome).toBe('done');
          expect(stream.runId).toBe(AGENT_RUNS.completed);
        }));
    });

    it('streams an agent run that ends with an error event', async () => {
      await pact.addInteraction()
        .given('the task agent fails its runs', { task_agent_id: FAILING_AGENT })
        .uponReceiving('a request to run a task agent whose run fails')
        .withRequest('POST', `${project}/task-agent/${FAILING_AGENT}/run`, (builder) => builder.headers({ ...bearer(), Accept: 'text/event-stream' }).jsonBody({ message: 'Extract the invoice totals.' }))
        .willRespondWith(200, eventStream('error', ERROR_STREAM) as never)
        .executeTest(settled(async (mock) => {
          const stream = await client(mock.url).runTaskAgent(FAILING_AGENT, { message: 'Extract the invoice totals.' });
          expect(stream.outcome).toBe('error');
        }));
    });
  });

  describe('getTaskAgentRun', () => {
    const states: Array<{ state: string; status: keyof typeof AGENT_RUNS; fields: Record<string, unknown>; terminal: boolean }> = [
      { state: 'a task agent run is running', status: 'running', fields: {}, terminal: false },
      { state: 'a task agent run is waiting for a human', status: 'waiting_for_human', fields: {}, terminal: false },
      { state: 'a task agent run completed', status: 'completed', fields: ended('2025-06-12T09:20:29.987Z', false), terminal: true },
      { state: 'a task agent run failed', status: 'failed', fields: { ...ended('2025-06-12T09:20:41.311Z', true), termination_reason: string('tool_failure') }, terminal: true },
    ];

    it.each(states)('reads an agent run when $state', async ({ state, status, fields, terminal }) => {
      await pact.addInteraction()
        .given(state, { task_agent_id: AGENT, run_id: AGENT_RUNS[status] })
        .uponReceiving(`a request for a task agent run that is ${status}`)
        .withRequest('GET', `${project}/task-agent/${AGENT}/run/${AGENT_RUNS[status]}`, (builder) => builder.headers(bearer()))
        .willRespondWith(200, (builder) => builder.jsonBody(agentRun(AGENT_RUNS[status], status, fields)))
        .executeTest(settled(async (mock) => {
          const rightbrain = client(mock.url);
          if (terminal) {
            const polled = await rightbrain.pollUntilTerminal(AGENT, AGENT_RUNS[status], { intervalMs: 1 });
            expect(polled.status).toBe(status);
            expect(polled.violations).toEqual([]);
          } else {
            expect((await rightbrain.getTaskAgentRun(AGENT, AGENT_RUNS[status])).status).toBe(status);
          }
        }));
    });

    it('lists the runs of a task agent', async () => {
      await pact.addInteraction()
        .given('a task agent run completed', { task_agent_id: AGENT, run_id: AGENT_RUNS.completed })
        .uponReceiving('a request for the completed runs of a task agent')
        .withRequest('GET', `${project}/task-agent/${AGENT}/run`, (builder) => builder.headers(bearer()).query({ status: 'completed' }))
        .willRespondWith(200, (builder) => builder.jsonBody({
          results: eachLike(agentRun(AGENT_RUNS.completed, 'completed', ended('2025-06-12T09:20:29.987Z', false))),
          pagination: { next_cursor: null, has_next: false, page_limit: integer(100) },
        }))
        .executeTest(settled(async (mock) => {
          expect((await client(mock.url).listTaskAgentRuns(AGENT, { status: 'completed' })).results[0]?.status).toBe('completed');
        }));
    });

    it('is refused with 404 for an agent run that does not exist', async () => {
      const missing = '0198c1ff-0000-7000-8000-000000000000';
      await pact.addInteraction()
        .given('no task agent run has the id', { run_id: missing })
        .uponReceiving('a request for a task agent run that does not exist')
        .withRequest('GET', `${project}/task-agent/${AGENT}/run/${missing}`, (builder) => builder.headers(bearer()))
        .willRespondWith(404, (builder) => builder.jsonBody(detail('RESOURCE_NOT_FOUND', 'Task agent run not found.')))
        .executeTest(settled(async (mock) => {
          const error = await client(mock.url).getTaskAgentRun(AGENT, missing).catch((caught: unknown) => caught);
          expect(error).toMatchObject({ status: 404, providerCode: 'RESOURCE_NOT_FOUND' });
        }));
    });
  });

  it('matches the pact checked in to contracts/pacts (run with -u to update it)', async () => {
    await expect(generated()).toMatchFileSnapshot(checkedIn);
  });
});
