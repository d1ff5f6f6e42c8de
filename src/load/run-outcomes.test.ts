import { describe, expect, it } from 'vitest';
import { runLoad } from './engine.ts';
import { fakeRunApis, type FakeRunApi } from './fake-run-api.fixture.ts';
import { fakeScenario } from './fake-scenario.fixture.ts';

const fakeApi = fakeRunApis();

const once = { model: { kind: 'closed', connections: 1 }, durationMs: 10_000 } as const;

describe('run outcomes under load', () => {
  it('honours a 429\'s Retry-After: the poll waits that long, sends nothing in between, and the run is not lost', async () => {
    // The server answers 429 again to any poll that comes back before Retry-After (1 s) has passed.
    const api = await fakeApi({ retryAfterSeconds: 1, pollsToFinish: 1 });
    const result = await runLoad({ scenario: fakeScenario({ ...once, maxRuns: 2 }), targets: { fake: api.url } });
    expect(api.rateLimited).toBe(2);
    expect(result.runs).toMatchObject({ created: 2, completed: 2, lost: 0 });
    expect(result.endpoints.getTaskRun!.statusCounts).toEqual({ 200: 2, 429: 2 });
  });

  it('bounds the wait by the run timeout: a Retry-After past the deadline loses the run at its deadline, not later', async () => {
    const api = await fakeApi({ retryAfterSeconds: 120, pollsToFinish: 1 });
    const result = await runLoad({ scenario: fakeScenario({ ...once, maxRuns: 1, drainMs: 5_000 }, { runTimeoutMs: 300 }), targets: { fake: api.url } });
    // One 429, one last poll at the deadline (refused again), then the run is lost; nothing waited the 120 s.
    expect(api.gets).toBe(2);
    expect(result.runs).toMatchObject({ created: 1, lost: 1, completed: 0 });
  });

  it('reports a synchronous create whose answer is not terminal as a finding naming the run, then polls it to its end', async () => {
    const api = await fakeApi({ pollsToFinish: 2 });
    const result = await runLoad({ scenario: fakeScenario({ ...once, maxRuns: 2, thresholds: { maxViolations: 0 } }, { sync: true }), targets: { fake: api.url } });
    expect(result.runs).toMatchObject({ created: 2, completed: 2, lost: 0, unfinished: 0 });
    expect(result.violations.byCode['runTask SYNC_NOT_TERMINAL']).toBe(2);
    const finding = result.violations.examples.find((violation) => violation.code === 'SYNC_NOT_TERMINAL')!;
    expect(finding).toMatchObject({ operationId: 'runTask', where: 'lifecycle', received: 'queued' });
    expect(finding.message).toMatch(/^sync answer not terminal: run trun_\w+\nReceived: queued\nDocumented: completed, failed, canceled/);
    expect(result.gates).toContainEqual(expect.objectContaining({ name: 'violations', measured: 2, pass: false }));
  });

  it('counts a non-terminal synchronous answer with nothing to poll it as unfinished, not lost', async () => {
    const api = await fakeApi();
    const result = await runLoad({ scenario: fakeScenario({ ...once, maxRuns: 3, thresholds: { maxLostRuns: 0 } }, { sync: true, poll: undefined }), targets: { fake: api.url } });
    expect(result.runs).toMatchObject({ created: 3, unfinished: 3, lost: 0, completed: 0 });
    expect(result.violations.byCode['runTask SYNC_NOT_TERMINAL']).toBe(3);
    expect(api.gets).toBe(0);
    expect(result.gates).toContainEqual(expect.objectContaining({ name: 'lost runs', pass: true }));
  });

  it('takes a terminal synchronous answer as the run\'s end, with no finding and no poll', async () => {
    const api = await fakeApi({ createStatus: 'completed' });
    const result = await runLoad({ scenario: fakeScenario({ ...once, maxRuns: 3 }, { sync: true }), targets: { fake: api.url } });
    expect(result.runs).toMatchObject({ created: 3, completed: 3 });
    expect(result.violations.total).toBe(0);
    expect(api.gets).toBe(0);
  });

  it('gates the share of runs that end in a failure state over the runs that ended', async () => {
    const api = await fakeApi({ pollsToFinish: 1, fail: (index) => index % 4 === 0 });
    const strict = await runLoad({ scenario: fakeScenario({ ...once, maxRuns: 8, thresholds: { maxFailedRunRate: 0.1 } }), targets: { fake: api.url } });
    expect(strict.runs).toMatchObject({ completed: 6, failed: 2 });
    expect(strict.gates).toEqual([expect.objectContaining({ name: 'failed run rate', measured: 0.25, unit: 'ratio', pass: false })]);
    const lenient = await runLoad({ scenario: fakeScenario({ ...once, maxRuns: 8, thresholds: { maxFailedRunRate: 0.25 } }), targets: { fake: api.url } });
    expect(lenient.passed).toBe(true);
  });

  it('authenticates every request as the flow\'s auth scheme says: bearer, API-key header or query parameter', async () => {
    const api = await fakeApi({ pollsToFinish: 1 });
    const schemes = [
      { auth: { type: 'bearer' } as const, sees: (request: FakeRunApi['requests'][number]) => request.headers.authorization === 'Bearer tok-1' },
      { auth: { type: 'header', name: 'X-Api-Key' } as const, sees: (request: FakeRunApi['requests'][number]) => request.headers['x-api-key'] === 'tok-1' && request.headers.authorization === undefined },
      { auth: { type: 'query', name: 'api_key' } as const, sees: (request: FakeRunApi['requests'][number]) => request.url.endsWith('?api_key=tok-1') && request.headers.authorization === undefined },
    ];
    for (const { auth, sees } of schemes) {
      api.requests.length = 0;
      const result = await runLoad({ scenario: fakeScenario({ ...once, maxRuns: 2 }, { auth }), targets: { fake: api.url }, tokens: { fake: 'tok-1' } });
      expect(result.runs.completed, auth.type).toBe(2);
      expect(api.requests.length, auth.type).toBe(4);
      expect(api.requests.every(sees), auth.type).toBe(true);
    }
  });
});
