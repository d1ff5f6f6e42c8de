import { describe, expect, it } from 'vitest';
import { runLoad } from './engine.ts';
import { fakeRunApis, requestLine } from './fake-run-api.fixture.ts';
import { fakeScenario } from './fake-scenario.fixture.ts';

const fakeApi = fakeRunApis();

const oneClient = { model: { kind: 'closed', connections: 1 }, durationMs: 10_000 } as const;

describe('the closed model and a create refused with 429', () => {
  it('waits the create\'s Retry-After before the client\'s next create, which the API then accepts', async () => {
    // The API refuses any create that comes back sooner than Retry-After (0.3 s) after its last refusal.
    const api = await fakeApi({ createRetryAfterSeconds: 0.3, pollsToFinish: 1 });
    const result = await runLoad({ scenario: fakeScenario({ ...oneClient, maxRuns: 3 }), targets: { fake: api.url } });
    // Refused once, then two runs created and polled to their end; a client that did not wait is refused every time.
    expect(api.requests.map(requestLine)).toEqual(['POST create', 'POST create', 'GET poll', 'POST create', 'GET poll']);
    expect(api.rateLimited).toBe(1);
    expect(result.runs).toMatchObject({ createFailed: 1, created: 2, completed: 2, lost: 0 });
    expect(result.endpoints.runTask!.statusCounts).toEqual({ 201: 2, 429: 1 });
  });

  it('bounds the wait by the test: a Retry-After longer than what is left ends the run with nothing more sent', async () => {
    const api = await fakeApi({ createRetryAfterSeconds: 120 });
    const result = await runLoad({ scenario: fakeScenario({ ...oneClient, durationMs: 200, drainMs: 200 }), targets: { fake: api.url } });
    expect(api.requests.map(requestLine)).toEqual(['POST create']);
    expect(result).toMatchObject({ stopReason: 'duration', runs: { createFailed: 1, created: 0, inFlight: 0 } });
  });
});
