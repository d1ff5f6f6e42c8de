import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { createRefactorClient } from '../src/client/providers/refactor.ts';
import { CONSUMER_TEST_TOKEN, consumerPact, settled } from './support/consumer.ts';
import { bearer, isoDateTime, revokedBearer } from './support/matchers.ts';

const { uuid, eachLike, integer, decimal, like, string, regex } = MatchersV3;
const { pact, generated, checkedIn } = consumerPact('refactor');

/** Runnables and runs the provider states create. The sync runnable always completes (state "a runnable exists"). */
const RUNNABLE = '3810af67-38c6-4183-a744-0be370b5311e';
const SYNC_RUNNABLE = '3810af67-38c6-4183-a744-0be370b5311f';
const MISSING_RUNNABLE = '0de7e856-04bb-4c07-bbb6-0f169623ca8f';
const RUNS = {
  running: '07e6e27e-14b9-4d2b-9363-d126ee792529',
  waiting: '8d322568-2a87-49e8-aaf7-6c49bd5d830b',
  completed: 'aee11b2f-386b-4d0e-a4c0-ba9ac00ccd43',
  failed: 'd01571c1-f1fa-48ea-aaf3-f28a6beaed99',
  timeout: '738c6ea4-dfe2-4cac-853e-94a00128f4aa',
  cancelled: '1fc8e014-967e-4105-9e1b-07aabb286898',
  missing: '5fd25682-1a25-4e23-996d-83e8ee25b267',
} as const;
const ERROR_CODES = '^(INTERNAL_ERROR|INVALID_INPUT|RESOURCE_NOT_FOUND|TIMEOUT|RATE_LIMIT_EXCEEDED|AUTHORIZATION_ERROR)$';

const client = (baseUrl: string, token = CONSUMER_TEST_TOKEN) => createRefactorClient({ baseUrl, token, retry: { maxAttempts: 1 } });
const httpError = (code: string, message: string) => ({ error: { code, message: string(message) } });

/** The fields every run carries (the spec's required ones) plus its status-dependent timestamps. */
function run(id: string, status: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: uuid(id),
    account_id: string('acc_01HGK2V8N5XJVB8Q2Z3R4Y5T6M'),
    status,
    created_at: isoDateTime('2025-06-03T12:15:40.031Z'),
    runnable_id: uuid(RUNNABLE),
    completed_at: null,
    failed_at: null,
    ...fields,
  };
}

const usage = eachLike({ provider: string('openai'), model: string('gpt-4o-mini-2024-07-18'), prompt_tokens: integer(1842), cached_tokens: integer(1024), completion_tokens: integer(96) });
const totals = { total_input_tokens: integer(4152), total_cached_tokens: integer(1024), total_output_tokens: integer(508) };
const completed = (id: string) => run(id, 'completed', {
  completed_at: isoDateTime('2025-06-03T12:15:52.774Z'),
  ...totals,
  total_token_cost_usd: decimal(0.0133671),
  result: { id: string('4951edd1-7b83-4b6e-a3fc-5e0a56fbad0e'), outputs: like({}), usage, error: null },
});

describe('re-factor runs (consumer: runwarden)', () => {
  describe('getRunState', () => {
    const states: Array<{ state: string; key: keyof typeof RUNS; status: string; fields: Record<string, unknown>; terminal: boolean }> = [
      { state: 'a run is running', key: 'running', status: 'running', fields: { state: like({}) }, terminal: false },
      { state: 'a run is waiting for user input', key: 'waiting', status: 'waiting', fields: { state: like({ awaiting_input: like({ name: 'approval', prompt: 'Approve the proposed action of step 2?' }) }) }, terminal: false },
      { state: 'a run completed', key: 'completed', status: 'completed', fields: (({ id: _id, status: _status, ...rest }) => rest)(completed(RUNS.completed)), terminal: true },
      { state: 'a run failed', key: 'failed', status: 'failed', terminal: true, fields: {
        completed_at: isoDateTime('2025-06-03T12:15:46.310Z'), failed_at: isoDateTime('2025-06-03T12:15:46.310Z'),
        result: like({ error: { code: regex(ERROR_CODES, 'RESOURCE_NOT_FOUND'), message: string('A resource bound to the run was not found.') } }),
      } },
      { state: 'a run timed out', key: 'timeout', status: 'timeout', terminal: true, fields: {
        completed_at: isoDateTime('2025-06-03T12:17:40.530Z'),
        result: like({ error: { code: 'TIMEOUT', message: string('Run exceeded its timeout of 2 seconds.') } }),
      } },
      { state: 'a run was cancelled', key: 'cancelled', status: 'cancelled', terminal: true, fields: { completed_at: isoDateTime('2025-06-03T12:15:58.662Z'), result: null } },
    ];

    it.each(states)('reads a run when $state', async ({ state, key, status, fields, terminal }) => {
      await pact.addInteraction()
        .given(state, { id: RUNS[key] })
        .uponReceiving(`a request for the state of a run that is ${status}`)
        .withRequest('GET', `/run/${RUNS[key]}`, (builder) => builder.headers(bearer()))
        .willRespondWith(200, (builder) => builder.jsonBody(run(RUNS[key], status, fields)))
        .executeTest(settled(async (mock) => {
          const refactor = client(mock.url);
          if (terminal) {
            const polled = await refactor.pollUntilTerminal(RUNS[key], { intervalMs: 1 });
            expect(polled.status).toBe(status);
            expect(polled.violations).toEqual([]);
          } else {
            expect((await refactor.getRunState(RUNS[key])).status).toBe(status);
          }
        }));
    });

    it('is refused with 401 for a token re-factor never issued', async () => {
      await pact.addInteraction()
        .uponReceiving('a request for the state of a run with a revoked token')
        .withRequest('GET', `/run/${RUNS.running}`, (builder) => builder.headers(revokedBearer()))
        .willRespondWith(401, (builder) => builder.jsonBody(httpError('AUTHORIZATION_ERROR', 'The bearer token is invalid or has expired.')))
        .executeTest(settled(async (mock) => {
          const error = await client(mock.url, 'revoked-key-for-contract-tests').getRunState(RUNS.running).catch((caught: unknown) => caught);
          expect(error).toMatchObject({ status: 401, code: 'AUTH_FAILED', providerCode: 'AUTHORIZATION_ERROR' });
        }));
    });

    it('is refused with 404 for a run that does not exist', async () => {
      await pact.addInteraction()
        .given('no run has the id', { id: RUNS.missing })
        .uponReceiving('a request for the state of a run that does not exist')
        .withRequest('GET', `/run/${RUNS.missing}`, (builder) => builder.headers(bearer()))
        .willRespondWith(404, (builder) => builder.jsonBody(httpError('RESOURCE_NOT_FOUND', `Run ${RUNS.missing} not found.`)))
        .executeTest(settled(async (mock) => {
          const error = await client(mock.url).getRunState(RUNS.missing).catch((caught: unknown) => caught);
          expect(error).toMatchObject({ status: 404, providerCode: 'RESOURCE_NOT_FOUND' });
        }));
    });

    it('is refused with 400 for a run id that is not a UUID', async () => {
      await pact.addInteraction()
        .uponReceiving('a request for the state of a run whose id is not a UUID')
        .withRequest('GET', '/run/run_8d3f21', (builder) => builder.headers(bearer()))
        .willRespondWith(400, (builder) => builder.jsonBody(httpError('INVALID_INPUT', "Path parameter 'id' must be a UUID, got 'run_8d3f21'.")))
        .executeTest(settled(async (mock) => {
          const error = await client(mock.url).getRunState('run_8d3f21').catch((caught: unknown) => caught);
          expect(error).toMatchObject({ status: 400, providerCode: 'INVALID_INPUT' });
        }));
    });
  });

  describe('runRunnable', () => {
    const body = { resources: [{ name: 'ticket', resource: { id: '819a7555-8a42-4ec2-8bd0-11b4ce259b71' } }], timeout_seconds: 120, telemetry_strategy: 'default' as const };

    it('starts a run asynchronously and gets its id at once (mode=async, 202)', async () => {
      await pact.addInteraction()
        .given('a runnable exists', { id: RUNNABLE })
        .uponReceiving('a request to run a runnable asynchronously')
        .withRequest('POST', `/runnable/${RUNNABLE}/runs`, (builder) => builder.headers(bearer()).query({ mode: 'async' }).jsonBody(body))
        .willRespondWith(202, (builder) => builder.jsonBody({ id: uuid(RUNS.running) }))
        .executeTest(settled(async (mock) => {
          const reference = await client(mock.url).runAsync(RUNNABLE, body);
          expect(reference.id).toMatch(/^[0-9a-f-]{36}$/);
        }));
    });

    it('runs a runnable synchronously and gets the finished run (mode=sync, 200)', async () => {
      await pact.addInteraction()
        .given('a runnable exists', { id: SYNC_RUNNABLE })
        .uponReceiving('a request to run a runnable synchronously')
        .withRequest('POST', `/runnable/${SYNC_RUNNABLE}/runs`, (builder) => builder.headers(bearer()).query({ mode: 'sync' }).jsonBody({ timeout_seconds: 60 }))
        .willRespondWith(200, (builder) => builder.jsonBody({ ...completed(RUNS.completed), runnable_id: uuid(SYNC_RUNNABLE) }))
        .executeTest(settled(async (mock) => {
          const finished = await client(mock.url).runSync(SYNC_RUNNABLE, { timeout_seconds: 60 });
          expect(finished.status).toBe('completed');
          expect((await client(mock.url).pollUntilTerminal(finished)).polls).toBe(0);
        }));
    });

    it('is refused with 400 for a telemetry strategy re-factor does not know', async () => {
      await pact.addInteraction()
        .given('a runnable exists', { id: RUNNABLE })
        .uponReceiving('a request to run a runnable with an unknown telemetry strategy')
        .withRequest('POST', `/runnable/${RUNNABLE}/runs`, (builder) => builder.headers(bearer()).query({ mode: 'async' }).jsonBody({ telemetry_strategy: 'always' }))
        .willRespondWith(400, (builder) => builder.jsonBody(httpError('INVALID_INPUT', "Body field 'telemetry_strategy' must be one of: disable, default, force; got 'always'.")))
        .executeTest(settled(async (mock) => {
          const error = await client(mock.url).runAsync(RUNNABLE, { telemetry_strategy: 'always' as never }).catch((caught: unknown) => caught);
          expect(error).toMatchObject({ status: 400, providerCode: 'INVALID_INPUT' });
        }));
    });

    it('is refused with 404 for a runnable that does not exist', async () => {
      await pact.addInteraction()
        .given('no runnable has the id', { id: MISSING_RUNNABLE })
        .uponReceiving('a request to run a runnable that does not exist')
        .withRequest('POST', `/runnable/${MISSING_RUNNABLE}/runs`, (builder) => builder.headers(bearer()).query({ mode: 'async' }).jsonBody({}))
        .willRespondWith(404, (builder) => builder.jsonBody(httpError('RESOURCE_NOT_FOUND', `Runnable ${MISSING_RUNNABLE} not found.`)))
        .executeTest(settled(async (mock) => {
          const error = await client(mock.url).runAsync(MISSING_RUNNABLE).catch((caught: unknown) => caught);
          expect(error).toMatchObject({ status: 404, providerCode: 'RESOURCE_NOT_FOUND' });
        }));
    });

    it('is refused with 429 when the account is over its rate limit', async () => {
      await pact.addInteraction()
        .given('the account is over its rate limit')
        .uponReceiving('a request to run a runnable over the rate limit')
        .withRequest('POST', `/runnable/${RUNNABLE}/runs`, (builder) => builder.headers(bearer()).query({ mode: 'async' }).jsonBody({}))
        .willRespondWith(429, (builder) => builder.jsonBody(httpError('RATE_LIMIT_EXCEEDED', 'Too many requests in a short period. Slow down and retry.')))
        .executeTest(settled(async (mock) => {
          const error = await client(mock.url).runAsync(RUNNABLE).catch((caught: unknown) => caught);
          expect(error).toMatchObject({ status: 429, providerCode: 'RATE_LIMIT_EXCEEDED', retryable: true });
        }));
    });
  });

  it('matches the pact checked in to contracts/pacts (run with -u to update it)', async () => {
    await expect(generated()).toMatchFileSnapshot(checkedIn);
  });
});
