import { afterEach, describe, expect, it } from 'vitest';
import { runLoad } from './engine.ts';
import { startFakeRunApi, type FakeRunApi } from './fake-run-api.fixture.ts';
import { fakeFlow } from './fake-scenario.fixture.ts';
import { defineScenario } from './scenario.ts';

let api: FakeRunApi | undefined;
afterEach(async () => api?.close());

describe('read flows and mixes', () => {
  it('seeds runs before traffic (not counted), then only reads them', async () => {
    api = await startFakeRunApi();
    const flow = fakeFlow();
    const scenario = defineScenario({
      name: 'hot-read', description: 'reads', model: { kind: 'closed', connections: 2 }, durationMs: 10_000, maxRuns: 60,
      flows: [{ kind: 'read', name: 'read', provider: 'fake', seed: { create: flow.create, count: 5 }, read: flow.poll! }],
    });
    const result = await runLoad({ scenario, targets: { fake: api.url } });
    expect(api.creates).toHaveLength(5);
    expect(result.endpoints.runTask).toBeUndefined();
    expect(result.endpoints.getTaskRun!.responses).toBe(60);
    // Reads go round the seeded runs in turn.
    const read = new Set(api.requests.filter((request) => request.method === 'GET').map((request) => request.url));
    expect(read.size).toBe(5);
    expect(result.runs.created).toBe(0);
  });

  it('fails before traffic when seeding creates nothing', async () => {
    api = await startFakeRunApi({ forceStatus: 500 });
    const flow = fakeFlow();
    const scenario = defineScenario({
      name: 'hot-read', description: 'reads', model: { kind: 'closed', connections: 2 }, durationMs: 300,
      flows: [{ kind: 'read', name: 'read', provider: 'fake', seed: { create: flow.create, count: 2 }, read: flow.poll! }],
    });
    await expect(runLoad({ scenario, targets: { fake: api.url } })).rejects.toMatchObject({ code: 'HOST_UNREACHABLE', message: expect.stringMatching(/seeding created no runs/) });
    expect(api.gets).toBe(0);
  });

  it('mixes flows by weight and names endpoints shared by two providers provider.operationId', async () => {
    api = await startFakeRunApi({ pollsToFinish: 1 });
    const scenario = defineScenario({
      name: 'mix', description: 'mix', model: { kind: 'open', rate: 100 }, durationMs: 10_000, maxRuns: 40,
      flows: [fakeFlow({ name: 'a', provider: 'alpha', weight: 3 }), fakeFlow({ name: 'b', provider: 'beta', weight: 1 })],
    });
    const result = await runLoad({ scenario, targets: { alpha: api.url, beta: api.url } });
    expect(Object.keys(result.endpoints).sort()).toEqual(['alpha.getTaskRun', 'alpha.runTask', 'alpha.submitInteractionInput', 'beta.getTaskRun', 'beta.runTask', 'beta.submitInteractionInput']);
    expect(result.endpoints['alpha.runTask']!.sent).toBe(30);
    expect(result.endpoints['beta.runTask']!.sent).toBe(10);
  });

  it('fetches a synchronous run at least minPolls times, and loses a sync run that came back unfinished', async () => {
    api = await startFakeRunApi({ pollsToFinish: 1 });
    const sync = fakeFlow({ poll: { operationId: 'getTaskRun', method: 'GET', path: '/task-runs/{runId}', intervalMs: 0, minPolls: 1 } });
    const result = await runLoad({ scenario: defineScenario({ name: 's', description: 's', model: { kind: 'closed', connections: 1 }, durationMs: 2_000, maxRuns: 2, flows: [sync] }), targets: { fake: api.url } });
    expect(result.runs.completed).toBe(2);
    const noPoll = fakeFlow({ poll: undefined });
    const lost = await runLoad({ scenario: defineScenario({ name: 's', description: 's', model: { kind: 'closed', connections: 1 }, durationMs: 2_000, maxRuns: 1, flows: [noPoll] }), targets: { fake: api.url } });
    expect(lost.runs.lost).toBe(1);
  });
});
