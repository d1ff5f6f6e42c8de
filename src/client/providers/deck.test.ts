import { afterEach, describe, expect, it } from 'vitest';
import { json, startFixtureServer, type FixtureServer, type Handler } from '../../../test/helpers/fixture-server.ts';
import { createDeckClient } from './deck.ts';
import { PollDeadlineError, ProviderError } from '../errors.ts';

let server: FixtureServer | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const run = (status: string, extra: Record<string, unknown> = {}) => ({
  id: 'trun_1', object: 'task_run', status, result: null, task_id: 'task_1', agent_id: 'agt_1', credential_id: null, session_id: null,
  source_id: null, runtime_ms: null, output: null, errors: [], interaction: null, created_at: '2025-06-03T14:22:08Z', updated_at: '2025-06-03T14:22:08Z', ...extra,
});
const mfa = { type: 'mfa', message: 'Enter the code', fields: [{ name: 'code', type: 'text', label: 'Code' }] };

describe('createDeckClient', () => {
  it('answers interaction_required through onInteraction and polls to completion', async () => {
    let answered = false;
    const polls = ['queued', 'running', 'interaction_required'];
    const handler: Handler = (request, response) => {
      if (request.method === 'POST' && request.url === '/v2/task-runs/trun_1/interaction') {
        answered = true;
        return json(200, run('running'))(request, response, 0);
      }
      const status = answered ? 'completed' : polls.shift() ?? 'interaction_required';
      const body = status === 'interaction_required' ? run(status, { interaction: mfa }) : run(status, status === 'completed' ? { result: 'success' } : {});
      return json(200, body)(request, response, 0);
    };
    server = await startFixtureServer(handler);
    const client = createDeckClient({ baseUrl: `${server.url}/v2`, token: 'sk_test_1234' });
    const prompts: unknown[] = [];
    const result = await client.pollUntilTerminal('trun_1', {
      intervalMs: 5, jitter: 0,
      onInteraction: (interaction) => { prompts.push(interaction); return { code: '493817' }; },
    });
    expect(result.status).toBe('completed');
    expect(result.run.result).toBe('success');
    expect(prompts).toEqual([mfa]);
    expect(server.received.find((request) => request.method === 'POST')?.body).toEqual({ input: { code: '493817' } });
    expect(result.observations.map((observation) => (observation.body as { status: string }).status))
      .toEqual(['queued', 'running', 'interaction_required', 'running', 'completed']);
    expect(result.violations).toEqual([]);
  });

  it('keeps polling when the run moved on before the answer arrived (409)', async () => {
    server = await startFixtureServer([
      json(200, run('interaction_required', { interaction: mfa })),
      json(409, { errors: [{ type: 'request', code: 'run_not_interactive', message: 'no longer waiting' }], request_id: 'req_1' }),
      json(200, run('failed', { errors: [{ type: 'interaction', code: 'interaction_timeout', message: 'too late' }] })),
    ]);
    const client = createDeckClient({ baseUrl: server.url });
    const result = await client.pollUntilTerminal('trun_1', { intervalMs: 5, jitter: 0, onInteraction: () => ({ code: '1' }) });
    expect(result.status).toBe('failed');
  });

  it('starts a run with an idempotency key and cancels it', async () => {
    server = await startFixtureServer([json(201, run('queued')), json(200, run('canceling'))]);
    const client = createDeckClient({ baseUrl: server.url });
    const created = await client.runTask('task_1', { input: { billing_period: '2025-05' } }, { idempotencyKey: 'key-1' });
    const canceling = await client.cancelTaskRun(created.id);
    expect(canceling.status).toBe('canceling');
    expect(server.received[0]?.headers['idempotency-key']).toBe('key-1');
    expect(server.received.map((request) => `${request.method} ${request.url}`)).toEqual(['POST /tasks/task_1/run', 'POST /task-runs/trun_1/cancel']);
  });

  it('surfaces the Deck error code of a failed call', async () => {
    server = await startFixtureServer(json(404, { errors: [{ type: 'request', code: 'resource_not_found', message: 'No task run' }], request_id: 'req_1' }));
    const error = (await createDeckClient({ baseUrl: server.url }).getTaskRun('trun_x').catch((caught: unknown) => caught)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.providerCode).toBe('request/resource_not_found');
  });

  it('gives up at the deadline on real sockets with the last state seen', async () => {
    server = await startFixtureServer(json(200, run('running')));
    const client = createDeckClient({ baseUrl: server.url });
    const started = Date.now();
    const error = (await client.pollUntilTerminal('trun_1', { intervalMs: 20, backoff: 1, deadlineMs: 200 }).catch((caught: unknown) => caught)) as PollDeadlineError;
    expect(error).toBeInstanceOf(PollDeadlineError);
    expect(error.lastStatus).toBe('running');
    expect((error.lastSeen as { id: string }).id).toBe('trun_1');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
