import { describe, expect, it } from 'vitest';
import { runLoad } from './engine.ts';
import { fakeRunApis, requestLine } from './fake-run-api.fixture.ts';
import { fakeScenario } from './fake-scenario.fixture.ts';

const fakeApi = fakeRunApis();

// The request timeout outlasts the run timeout, so an unanswered poll sent before the deadline fails after it.
const oneRun = { model: { kind: 'closed', connections: 1 }, durationMs: 3_000, maxRuns: 1, requestTimeoutMs: 800, drainMs: 3_000 } as const;

describe('the lost-run verdict at a run\'s deadline', () => {
  it('looks once more when the last poll got no answer before the deadline: a run that had ended is completed, not lost', async () => {
    // The first poll is never answered (a stalled machine): it times out past the run's 500 ms deadline.
    const api = await fakeApi({ hangPolls: 1, pollsToFinish: 1 });
    const result = await runLoad({ scenario: fakeScenario(oneRun, { runTimeoutMs: 500 }), targets: { fake: api.url } });
    expect(api.requests.map(requestLine)).toEqual(['POST create', 'GET poll', 'GET poll']);
    expect(result.endpoints.getTaskRun).toMatchObject({ timeouts: 1, statusCounts: { 200: 1 } });
    expect(result.runs).toMatchObject({ completed: 1, lost: 0, lostIds: [] });
  });

  it('loses a run the look past its deadline does not see ended, after that one poll', async () => {
    const api = await fakeApi({ hangPolls: 2 });
    const result = await runLoad({ scenario: fakeScenario(oneRun, { runTimeoutMs: 500 }), targets: { fake: api.url } });
    // The poll before the deadline and the one past it both go unanswered: two polls, then the verdict.
    expect(api.requests.map(requestLine)).toEqual(['POST create', 'GET poll', 'GET poll']);
    expect(result.endpoints.getTaskRun).toMatchObject({ timeouts: 2 });
    expect(result.runs).toMatchObject({ completed: 0, lost: 1 });
  });
});
