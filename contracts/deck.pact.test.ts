import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { createDeckClient } from '../src/client/providers/deck.ts';
import { ProviderError } from '../src/client/errors.ts';
import { CONSUMER_TEST_TOKEN, consumerPact, settled } from './support/consumer.ts';
import { bearer, isoDateTime, prefixedId, revokedBearer } from './support/matchers.ts';

const { eachLike, integer, like, string, regex, boolean } = MatchersV3;
const { pact, generated, checkedIn } = consumerPact('deck');

/** Ids the provider states create; each interaction uses its own run so states never collide. */
const TASK = 'task_8mQ2vX4nR7pL1zK6';
const RUNS = {
  queued: 'trun_2Xk9QmB7aL4pR8sT',
  running: 'trun_7Gd3Hs9Kp2Wq5Lx1',
  interaction: 'trun_9Pz4Nc6Vb1Mr8Ty3',
  review: 'trun_4Jw7Qe2Xr9Ks5Dn6',
  success: 'trun_8Lq5Tb3Wz7Hm2Fc9',
  failure: 'trun_3Vn6Yd8Rk1Pg4Js2',
  failed: 'trun_6Mc2Kx9Bq5Zt7Wa4',
  canceled: 'trun_5Fh8Ld4Ns2Xv6Qp7',
  missing: 'trun_0Zz0Zz0Zz0Zz0Zz0',
} as const;

const client = (baseUrl: string, token = CONSUMER_TEST_TOKEN) => createDeckClient({ baseUrl, token, retry: { maxAttempts: 1 } });

/** One Deck error item, as every error envelope and a failed run's `errors` hold it. */
const errorItem = (type: string, code: string, message: string) => ({ type: string(type), code: string(code), message: string(message) });
const errorEnvelope = (type: string, code: string, message: string) => ({ errors: eachLike(errorItem(type, code, message)), request_id: prefixedId('req_', 'req_4Vb8Nz2Xq6Lm9Tc1') });

/** A task run as Deck returns it on its own: every required field, matched by type or pattern. */
function taskRun(id: string, status: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: prefixedId('trun_', id),
    object: 'task_run',
    status,
    result: null,
    task_id: prefixedId('task_', TASK),
    credential_id: null,
    session_id: prefixedId('sess_', 'sess_3Rf8Kd2Nq6Ty9Bj4'),
    agent_id: prefixedId('agt_', 'agt_5TnW3cY8hJ2dF9sB'),
    source_id: null,
    runtime_ms: null,
    output: null,
    errors: [],
    interaction: null,
    canceled_at: null,
    created_at: isoDateTime('2025-06-03T14:22:08.000Z'),
    updated_at: isoDateTime('2025-06-03T14:22:09.000Z'),
    request_id: prefixedId('req_', 'req_9Mv3Lq7Zs2Bc5Xh8'),
    ...fields,
  };
}

const finished = { runtime_ms: integer(48213), output: like({}) };
const interaction = {
  type: regex('^(mfa|security_question|account_selection)$', 'mfa'),
  message: string('Enter the 6-digit code sent by text message to the phone number ending in 4821.'),
  fields: eachLike({ name: string('code'), type: string('text'), label: string('Verification code') }),
};

describe('Deck task runs (consumer: runwarden)', () => {
  describe('runTask', () => {
    it('starts a run that is queued', async () => {
      await pact.addInteraction()
        .given('a task exists', { task_id: TASK })
        .uponReceiving('a request to run a task')
        .withRequest('POST', `/tasks/${TASK}/run`, (builder) => builder
          .headers({ ...bearer(), 'Idempotency-Key': string('0c6f8f9e-4d0b-4f7e-9a51-3b2f1d7e8a44') })
          .jsonBody({ input: { billing_period: '2025-05' } }))
        .willRespondWith(201, (builder) => builder.jsonBody(taskRun(RUNS.queued, 'queued')))
        .executeTest(settled(async (mock) => {
          const run = await client(mock.url).runTask(TASK, { input: { billing_period: '2025-05' } }, { idempotencyKey: '0c6f8f9e-4d0b-4f7e-9a51-3b2f1d7e8a44' });
          expect(run.status).toBe('queued');
          expect(run.id).toMatch(/^trun_/);
        }));
    });

    it('is refused with 400 when the body has a field Deck does not know', async () => {
      await pact.addInteraction()
        .given('a task exists', { task_id: TASK })
        .uponReceiving('a request to run a task with a misspelt input field')
        .withRequest('POST', `/tasks/${TASK}/run`, (builder) => builder.headers(bearer()).jsonBody({ inputs: { billing_period: '2025-05' } }))
        .willRespondWith(400, (builder) => builder.jsonBody(errorEnvelope('request', 'input_invalid', 'Unknown field inputs.')))
        .executeTest(settled(async (mock) => {
          const error = await client(mock.url).runTask(TASK, { inputs: { billing_period: '2025-05' } } as never).catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(ProviderError);
          expect(error).toMatchObject({ status: 400 });
        }));
    });
  });

  describe('getTaskRun', () => {
    const states: Array<{ state: string; key: keyof typeof RUNS; status: string; fields?: Record<string, unknown>; terminal: boolean }> = [
      { state: 'a task run is queued', key: 'queued', status: 'queued', terminal: false },
      { state: 'a task run is running', key: 'running', status: 'running', terminal: false },
      { state: 'a task run is waiting for interaction input', key: 'interaction', status: 'interaction_required', fields: { interaction }, terminal: false },
      { state: 'a task run is waiting for review', key: 'review', status: 'review_required', fields: { runtime_ms: integer(51877), output: like({}) }, terminal: false },
      { state: 'a task run completed successfully', key: 'success', status: 'completed', fields: { ...finished, result: 'success' }, terminal: true },
      { state: 'a task run completed with a failure result', key: 'failure', status: 'completed', fields: { runtime_ms: integer(22764), result: 'failure', errors: eachLike(errorItem('source', 'source_not_available', 'The source showed a scheduled-maintenance page.')) }, terminal: true },
      { state: 'a task run failed', key: 'failed', status: 'failed', fields: { runtime_ms: integer(612044), errors: eachLike(errorItem('task', 'timeout', 'The task run exceeded its timeout of 1800 seconds.')) }, terminal: true },
      { state: 'a task run was canceled', key: 'canceled', status: 'canceled', fields: { runtime_ms: integer(8421), created_at: isoDateTime('2025-06-03T11:47:12.000Z'), canceled_at: isoDateTime('2025-06-03T11:47:26.000Z') }, terminal: true },
    ];

    it.each(states)('reads a run when $state', async ({ state, key, status, fields, terminal }) => {
      await pact.addInteraction()
        .given(state, { run_id: RUNS[key] })
        .uponReceiving(`a request for a task run that is ${status}${key === 'failure' ? ' with a failure result' : ''}`)
        .withRequest('GET', `/task-runs/${RUNS[key]}`, (builder) => builder.headers(bearer()))
        .willRespondWith(200, (builder) => builder.jsonBody(taskRun(RUNS[key], status, fields)))
        .executeTest(settled(async (mock) => {
          const deck = client(mock.url);
          if (terminal) {
            const polled = await deck.pollUntilTerminal(RUNS[key], { intervalMs: 1 });
            expect(polled.status).toBe(status);
            expect(polled.violations).toEqual([]);
          } else {
            const run = await deck.getTaskRun(RUNS[key]);
            expect(run.status).toBe(status);
            if (status === 'interaction_required') expect(run.interaction?.fields[0]?.name).toBeTypeOf('string');
          }
        }));
    });

    it('reads the input, storage and artifacts sections when asked to include them', async () => {
      await pact.addInteraction()
        .given('a task run completed successfully', { run_id: RUNS.success, input: { billing_period: '2025-05' } })
        .uponReceiving('a request for a completed task run with its input, storage and artifacts')
        .withRequest('GET', `/task-runs/${RUNS.success}`, (builder) => builder.headers(bearer()).query({ include: 'input,storage,artifacts' }))
        .willRespondWith(200, (builder) => builder.jsonBody(taskRun(RUNS.success, 'completed', {
          ...finished,
          result: 'success',
          input: like({ billing_period: '2025-05' }),
          storage: eachLike({
            id: prefixedId('stor_', 'stor_6Kp3Wn8Qx2Lz5Rd9'), object: string('storage'), file_name: string('INV-2025-05-10482.pdf'),
            file_type: string('application/pdf'), file_size: integer(184332), created_at: isoDateTime('2025-06-03T13:06:24.000Z'),
          }),
          artifacts: { screenshots: eachLike({
            file_name: string('step-04-billing-history.png'), file_type: string('image/png'), file_size: integer(241877),
            created_at: isoDateTime('2025-06-03T13:06:11.000Z'), url: regex('^https://\\S+$', 'https://storage.deck.co/artifacts/trun_8Lq5Tb3Wz7Hm2Fc9/step-04.png'),
          }) },
        })))
        .executeTest(settled(async (mock) => {
          const run = await client(mock.url).getTaskRun(RUNS.success, { include: ['input', 'storage', 'artifacts'] });
          expect(run.storage?.[0]?.file_size).toBeTypeOf('number');
          expect(run.artifacts?.screenshots.length).toBeGreaterThan(0);
        }));
    });

    it('is refused with 401 for a key Deck never issued', async () => {
      await pact.addInteraction()
        .uponReceiving('a request for a task run with a revoked key')
        .withRequest('GET', `/task-runs/${RUNS.running}`, (builder) => builder.headers(revokedBearer()))
        .willRespondWith(401, (builder) => builder.jsonBody(errorEnvelope('auth', 'auth_invalid', 'The API key provided is invalid.')))
        .executeTest(settled(async (mock) => {
          const error = await client(mock.url, 'revoked-key-for-contract-tests').getTaskRun(RUNS.running).catch((caught: unknown) => caught);
          expect(error).toMatchObject({ status: 401, code: 'AUTH_FAILED', providerCode: 'auth/auth_invalid' });
        }));
    });

    it('is refused with 404 for a run that does not exist', async () => {
      await pact.addInteraction()
        .given('no task run has the id', { run_id: RUNS.missing })
        .uponReceiving('a request for a task run that does not exist')
        .withRequest('GET', `/task-runs/${RUNS.missing}`, (builder) => builder.headers(bearer()))
        .willRespondWith(404, (builder) => builder.jsonBody(errorEnvelope('request', 'resource_not_found', 'No task run with this id exists.')))
        .executeTest(settled(async (mock) => {
          const error = await client(mock.url).getTaskRun(RUNS.missing).catch((caught: unknown) => caught);
          expect(error).toMatchObject({ status: 404, providerCode: 'request/resource_not_found' });
        }));
    });

    it('is refused with 400 for an include section Deck does not know', async () => {
      await pact.addInteraction()
        .given('a task run completed successfully', { run_id: RUNS.success })
        .uponReceiving('a request for a task run including the retired screenshots section')
        .withRequest('GET', `/task-runs/${RUNS.success}`, (builder) => builder.headers(bearer()).query({ include: 'screenshots' }))
        .willRespondWith(400, (builder) => builder.jsonBody(errorEnvelope('request', 'input_invalid', 'include may only contain: input, storage, artifacts.')))
        .executeTest(settled(async (mock) => {
          const error = await client(mock.url).getTaskRun(RUNS.success, { include: ['screenshots' as never] }).catch((caught: unknown) => caught);
          expect(error).toMatchObject({ status: 400, providerCode: 'request/input_invalid' });
        }));
    });
  });

  describe('listTaskRuns', () => {
    it('lists the organization\'s runs', async () => {
      await pact.addInteraction()
        .given('a task run completed successfully', { run_id: RUNS.success })
        .uponReceiving('a request for the first page of completed task runs')
        .withRequest('GET', '/task-runs', (builder) => builder.headers(bearer()).query({ limit: '100', status: 'completed' }))
        .willRespondWith(200, (builder) => builder.jsonBody({
          data: eachLike((({ request_id: _requestId, ...row }) => row)(taskRun(RUNS.success, 'completed', { ...finished, result: 'success' }))),
          has_more: boolean(false),
          next_cursor: null,
          request_id: prefixedId('req_', 'req_5Nw2Jx8Ck4Tr6Ym1'),
        }))
        .executeTest(settled(async (mock) => {
          const page = await client(mock.url).listTaskRuns({ limit: 100, status: ['completed'] });
          expect(page.data[0]?.status).toBe('completed');
          expect(page.has_more).toBe(false);
        }));
    });

    it('is refused with 429 when the organization is over its rate limit', async () => {
      await pact.addInteraction()
        .given('the organization is over its rate limit')
        .uponReceiving('a request for task runs over the rate limit')
        .withRequest('GET', '/task-runs', (builder) => builder.headers(bearer()))
        .willRespondWith(429, (builder) => builder.jsonBody(errorEnvelope('rate_limit', 'rate_limit_exceeded', 'Too many requests.')))
        .executeTest(settled(async (mock) => {
          const error = (await client(mock.url).listTaskRuns().catch((caught: unknown) => caught)) as ProviderError;
          expect(error).toMatchObject({ status: 429, providerCode: 'rate_limit/rate_limit_exceeded' });
          expect(error.retryable).toBe(true);
        }));
    });
  });

  describe('submitInteractionInput', () => {
    it('answers the prompt of a run waiting for input, which resumes running', async () => {
      await pact.addInteraction()
        .given('a task run is waiting for interaction input', { run_id: RUNS.interaction, interaction: 'mfa' })
        .uponReceiving('an answer to the MFA prompt of a task run')
        .withRequest('POST', `/task-runs/${RUNS.interaction}/interaction`, (builder) => builder.headers(bearer()).jsonBody({ input: { code: '493817' } }))
        .willRespondWith(200, (builder) => builder.jsonBody(taskRun(RUNS.interaction, 'running')))
        .executeTest(settled(async (mock) => {
          const run = await client(mock.url).submitInteractionInput(RUNS.interaction, { code: '493817' });
          expect(run.status).toBe('running');
        }));
    });
  });

  describe('cancelTaskRun', () => {
    it('cancels a running run, which becomes canceling', async () => {
      await pact.addInteraction()
        .given('a task run is running', { run_id: RUNS.running })
        .uponReceiving('a request to cancel a running task run')
        .withRequest('POST', `/task-runs/${RUNS.running}/cancel`, (builder) => builder.headers(bearer()))
        .willRespondWith(200, (builder) => builder.jsonBody(taskRun(RUNS.running, 'canceling')))
        .executeTest(settled(async (mock) => {
          const run = await client(mock.url).cancelTaskRun(RUNS.running);
          expect(run.status).toBe('canceling');
        }));
    });

    it('is refused with 409 for a run that already completed', async () => {
      await pact.addInteraction()
        .given('a task run completed successfully', { run_id: RUNS.success })
        .uponReceiving('a request to cancel a completed task run')
        .withRequest('POST', `/task-runs/${RUNS.success}/cancel`, (builder) => builder.headers(bearer()))
        .willRespondWith(409, (builder) => builder.jsonBody(errorEnvelope('request', 'run_not_interactive', 'Task run is completed and can no longer be canceled.')))
        .executeTest(settled(async (mock) => {
          const error = await client(mock.url).cancelTaskRun(RUNS.success).catch((caught: unknown) => caught);
          expect(error).toMatchObject({ status: 409, providerCode: 'request/run_not_interactive' });
        }));
    });
  });

  it('matches the pact checked in to contracts/pacts (run with -u to update it)', async () => {
    await expect(generated()).toMatchFileSnapshot(checkedIn);
  });
});
