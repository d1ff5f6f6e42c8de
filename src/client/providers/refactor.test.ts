import { afterEach, describe, expect, it } from 'vitest';
import { json, startFixtureServer, type FixtureServer } from '../../../test/helpers/fixture-server.ts';
import { createRefactorClient } from './refactor.ts';

let server: FixtureServer | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const run = (status: string, extra: Record<string, unknown> = {}) => ({
  id: '07e6e27e-14b9-4d2b-9363-d126ee792529', account_id: 'acc_1', status, created_at: '2025-06-03T14:02:11.482Z',
  runnable_id: '3810af67-38c6-4183-a744-0be370b5311e', ...extra,
});

describe('createRefactorClient', () => {
  it('runs asynchronously (202) and polls the run to a terminal status', async () => {
    server = await startFixtureServer([json(202, { id: run('running').id }), json(200, run('running')), json(200, run('waiting')), json(200, run('completed', { completed_at: '2025-06-03T14:02:20Z' }))]);
    const client = createRefactorClient({ baseUrl: `${server.url}/v1` });
    const reference = await client.runAsync('3810af67-38c6-4183-a744-0be370b5311e', { timeout_seconds: 120 });
    const result = await client.pollUntilTerminal(reference, { intervalMs: 5, jitter: 0 });
    expect(result.status).toBe('completed');
    expect(result.polls).toBe(3);
    expect(server.received[0]?.url).toBe('/v1/runnable/3810af67-38c6-4183-a744-0be370b5311e/runs?mode=async');
  });

  it('runs synchronously (200) and returns the finished run', async () => {
    server = await startFixtureServer(json(200, run('timeout', { result: { error: { code: 'TIMEOUT', message: 'too slow' } } })));
    const client = createRefactorClient({ baseUrl: server.url });
    const finished = await client.runSync('3810af67-38c6-4183-a744-0be370b5311e');
    expect(finished.status).toBe('timeout');
    expect(server.received[0]?.url).toContain('mode=sync');
    const polled = await client.pollUntilTerminal(finished);
    expect(polled.polls).toBe(0);
  });

  it('surfaces error.code of a failed call', async () => {
    server = await startFixtureServer(json(429, { error: { code: 'RATE_LIMIT_EXCEEDED', message: 'slow down' } }, { 'retry-after': '120' }));
    const error = await createRefactorClient({ baseUrl: server.url }).getRunState('r1').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 429, providerCode: 'RATE_LIMIT_EXCEEDED', retryAfterMs: 120_000 });
  });
});
