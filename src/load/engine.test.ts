import { afterEach, describe, expect, it } from 'vitest';
import type { Violation } from '../core/violation.ts';
import { runLoad } from './engine.ts';
import { startFakeRunApi, type FakeRunApi, type FakeRunApiOptions } from './fake-run-api.fixture.ts';
import { fakeScenario } from './fake-scenario.fixture.ts';
import { decodeHistogram } from './histogram.ts';

const servers: FakeRunApi[] = [];
async function fakeApi(options: FakeRunApiOptions = {}): Promise<FakeRunApi> {
  const api = await startFakeRunApi(options);
  servers.push(api);
  return api;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const slowPoll = { operationId: 'getTaskRun', method: 'GET', path: '/task-runs/{runId}', intervalMs: 20 } as const;

describe('runLoad', () => {
  it('polls a run until it is terminal, however many polls that takes (no slot limit)', async () => {
    const api = await fakeApi({ pollsToFinish: 50 });
    const result = await runLoad({ scenario: fakeScenario({ maxRuns: 3, durationMs: 5_000 }), targets: { deck: api.url } });
    expect(result.stopReason).toBe('max-runs');
    expect(result.runs).toMatchObject({ created: 3, completed: 3, lost: 0, failed: 0, inFlight: 0 });
    expect(result.runs.polls.perRun).toMatchObject({ count: 3, p50: 50, max: 50 });
    expect(result.runs.polls.total).toBe(150);
    // queued → running and running → completed are news; the 48 polls in between are wasted.
    expect(result.runs.polls.wasted).toBe(3 * 48);
    expect(result.endpoints.getTaskRun!.responses).toBe(150);
    // The per-second timeline accounts for every response and every run.
    const sum = (key: 'requests' | 'runsCreated' | 'runsCompleted'): number => result.timeline.reduce((total, bucket) => total + bucket[key], 0);
    expect(sum('requests')).toBe(3 + 150);
    expect(sum('runsCreated')).toBe(3);
    expect(sum('runsCompleted')).toBe(3);
  });

  it('lists runs the server drops as lost, by id, and stops polling them at their deadline', async () => {
    const api = await fakeApi({ pollsToFinish: 2, drop: (index) => index % 3 === 1 });
    const result = await runLoad({
      scenario: fakeScenario({ model: { kind: 'open', rate: 20 }, durationMs: 600, drainMs: 2_000 }, { runTimeoutMs: 400, poll: slowPoll }),
      targets: { deck: api.url },
    });
    expect(api.dropped.length).toBeGreaterThan(0);
    expect([...result.runs.lostIds].sort()).toEqual([...api.dropped].sort());
    expect(result.runs.lost).toBe(api.dropped.length);
    expect(result.runs.completed).toBe(result.runs.created - api.dropped.length);
    expect(result.passed).toBe(true);
    const breached = await runLoad({
      scenario: fakeScenario({ model: { kind: 'open', rate: 20 }, durationMs: 200, drainMs: 1_000, thresholds: { maxLostRuns: 0 } }, { runTimeoutMs: 300, poll: slowPoll }),
      targets: { deck: api.url },
    });
    expect(breached.runs.lost).toBeGreaterThan(0);
    expect(breached.gates).toContainEqual(expect.objectContaining({ name: 'lost runs', pass: false }));
    expect(breached.passed).toBe(false);
  });

  it('fails the p99 gate against a slowed server and passes it against a fast one', async () => {
    const slow = await fakeApi({ delayMs: 40 });
    const thresholds = { endpoints: { getTaskRun: { p99Ms: 20 } }, p99Ms: 20 };
    const failing = await runLoad({ scenario: fakeScenario({ durationMs: 400, thresholds }), targets: { deck: slow.url } });
    expect(failing.passed).toBe(false);
    expect(failing.gates.find((gate) => gate.name === 'getTaskRun p99')).toMatchObject({ pass: false, threshold: 20 });
    expect(failing.gates.find((gate) => gate.name === 'getTaskRun p99')!.measured).toBeGreaterThan(40);
    const fast = await fakeApi();
    const passing = await runLoad({ scenario: fakeScenario({ durationMs: 400, thresholds }), targets: { deck: fast.url } });
    expect(passing.gates.find((gate) => gate.name === 'getTaskRun p99')).toMatchObject({ pass: true });
  });

  it('fails the error-rate gate when the server answers 500, and counts the refused creates', async () => {
    const api = await fakeApi({ forceStatus: 500 });
    const result = await runLoad({ scenario: fakeScenario({ durationMs: 300, thresholds: { maxErrorRate: 0.01 } }), targets: { deck: api.url } });
    expect(result.requests.errorRate).toBe(1);
    expect(result.requests.statusCounts['500']).toBe(result.requests.responses);
    expect(result.runs.createFailed).toBe(result.requests.responses);
    expect(result.gates).toEqual([expect.objectContaining({ name: 'error rate', measured: 1, pass: false })]);
  });

  it('keeps the open model\'s arrival rate when responses are slow: polls never hold back arrivals', async () => {
    const api = await fakeApi({ delayMs: 250, pollsToFinish: 4 });
    const rate = 40, durationMs = 1_500;
    const result = await runLoad({ scenario: fakeScenario({ model: { kind: 'open', rate }, durationMs, drainMs: 3_000 }, { poll: slowPoll }), targets: { deck: api.url } });
    expect(result.generator.arrivals).toBe(rate * durationMs / 1000);
    expect(api.creates).toHaveLength(60);
    // Evenly paced: arrivals 25 ms apart, not bursts at the start of each second.
    const gaps = api.creates.slice(1).map((at, i) => at - api.creates[i]!);
    const sorted = [...gaps].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThan(20);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(30);
    // Server-side timestamps carry the test machine's jitter: bound the 90th percentile, not the maximum.
    expect(sorted[Math.floor(sorted.length * 0.9)]).toBeLessThan(40);
    expect(result.runs.completed).toBe(60);
    expect(result.generator.lagMs.p50).toBeLessThan(5);
  });

  it('records one sample per response (nothing invented) and reads a fixed 50 ms server as what it served, in both models', async () => {
    const models = [{ kind: 'closed', connections: 4 }, { kind: 'open', rate: 40 }] as const;
    for (const model of models) {
      const api = await fakeApi({ delayMs: 50, pollsToFinish: 2 });
      const result = await runLoad({ scenario: fakeScenario({ model, durationMs: 1_000 }, { poll: slowPoll }), targets: { deck: api.url } });
      for (const endpoint of Object.values(result.endpoints)) {
        expect(decodeHistogram(endpoint.histogram).totalCount).toBe(endpoint.responses);
      }
      expect(result.requests.responses).toBe(api.served.length);
      // The server's own setTimeout(50) runs late on a busy machine: compare with the delay it really applied.
      const served = [...api.served].sort((a, b) => a - b)[Math.floor(api.served.length / 2)]!;
      expect(served).toBeGreaterThanOrEqual(50);
      for (const endpoint of [result.endpoints.getTaskRun!, result.endpoints.runTask!]) {
        expect(endpoint.responses).toBeGreaterThan(20);
        expect(endpoint.latencyMs.p50).toBeGreaterThanOrEqual(50);
        expect(Math.abs(endpoint.latencyMs.p50 - served) / served).toBeLessThan(0.05);
      }
    }
  });

  it('records loopback latency below a millisecond instead of rounding it to 0 ms', async () => {
    const api = await fakeApi({ pollsToFinish: 20 });
    const result = await runLoad({ scenario: fakeScenario({ durationMs: 300 }), targets: { deck: api.url } });
    const p50 = result.endpoints.getTaskRun!.latencyMs.p50;
    expect(p50).toBeGreaterThan(0);
    expect(p50).toBeLessThan(5);
    expect(Number.isInteger(p50)).toBe(false);
  });

  it('answers interactions when the flow says so, then polls the run to completion', async () => {
    const api = await fakeApi({ pollsToFinish: 4, interactionAfterPolls: 2 });
    const result = await runLoad({ scenario: fakeScenario({ maxRuns: 4, durationMs: 3_000 }), targets: { deck: api.url } });
    expect(result.runs.completed).toBe(4);
    expect(result.endpoints.submitInteractionInput!.responses).toBe(4);
    const unanswered = await runLoad({ scenario: fakeScenario({ maxRuns: 1, durationMs: 3_000, drainMs: 300 }, { interact: undefined, runTimeoutMs: 200, poll: slowPoll }), targets: { deck: api.url } });
    expect(unanswered.endpoints.submitInteractionInput).toBeUndefined();
    expect(unanswered.runs.lost).toBe(1);
  });

  it('samples responses for contract validation, 1 in N, and counts what the validator finds', async () => {
    const api = await fakeApi({ pollsToFinish: 5 });
    const seen: { operationId: string; status: number; body: unknown; contentType: string | undefined }[] = [];
    const violation: Violation = { operationId: 'getTaskRun', where: 'response', part: 'body', code: 'SCHEMA_MISMATCH', message: 'Received: x\nDocumented: y' };
    const validate = (operationId: string, response: { status: number; headers: Record<string, string>; body: unknown }): Violation[] => {
      seen.push({ operationId, status: response.status, body: response.body, contentType: response.headers['content-type'] });
      return operationId === 'getTaskRun' ? [violation] : [];
    };
    const every = await runLoad({ scenario: fakeScenario({ maxRuns: 4, durationMs: 3_000, thresholds: { maxViolations: 0 } }), targets: { deck: api.url }, validate, validateEvery: 1 });
    expect(seen).toHaveLength(every.requests.responses);
    expect(seen[0]).toMatchObject({ operationId: 'runTask', status: 201, contentType: 'application/json', body: expect.objectContaining({ status: 'queued' }) });
    expect(every.violations).toMatchObject({ contract: 20, total: 20, sampledResponses: 24, validateEvery: 1 });
    expect(every.violations.byCode['getTaskRun SCHEMA_MISMATCH']).toBe(20);
    expect(every.gates).toContainEqual(expect.objectContaining({ name: 'violations', measured: 20, pass: false }));
    seen.length = 0;
    const sampled = await runLoad({ scenario: fakeScenario({ maxRuns: 4, durationMs: 3_000 }), targets: { deck: api.url }, validate, validateEvery: 4 });
    expect(seen).toHaveLength(Math.floor(sampled.requests.responses / 4));
  });

  it('flags lifecycle violations a run commits between polls', async () => {
    const api = await fakeApi({ pollsToFinish: 4, regress: true });
    const result = await runLoad({ scenario: fakeScenario({ maxRuns: 2, durationMs: 3_000 }), targets: { deck: api.url } });
    expect(result.violations.lifecycle).toBeGreaterThanOrEqual(2);
    expect(result.violations.byCode['getTaskRun ILLEGAL_TRANSITION']).toBe(2);
    expect(result.violations.examples[0]).toMatchObject({ where: 'lifecycle', code: 'ILLEGAL_TRANSITION' });
  });

  it('times out requests that get no answer and loses their runs', async () => {
    const api = await fakeApi({ hang: (index) => index === 0 });
    const result = await runLoad({
      scenario: fakeScenario({ maxRuns: 1, durationMs: 2_000, requestTimeoutMs: 150, drainMs: 2_000 }, { runTimeoutMs: 400 }),
      targets: { deck: api.url },
    });
    expect(result.endpoints.getTaskRun!.timeouts).toBeGreaterThanOrEqual(2);
    expect(result.runs.lost).toBe(1);
    expect(result.requests.errors).toBe(result.requests.timeouts);
  });

  it('stops traffic at once when aborted and still returns the partial result', async () => {
    const api = await fakeApi({ pollsToFinish: 1_000_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = performance.now();
    const result = await runLoad({ scenario: fakeScenario({ durationMs: 10_000 }), targets: { deck: api.url }, signal: controller.signal });
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(result).toMatchObject({ aborted: true, stopReason: 'aborted' });
    expect(result.requests.responses).toBeGreaterThan(10);
    expect(result.runs.inFlight).toBe(2);
    expect(result.runs.inFlightIds.every((id) => id.startsWith('trun_'))).toBe(true);
  });

  it('rejects an invalid override before any traffic', async () => {
    const api = await fakeApi();
    await expect(runLoad({ scenario: fakeScenario(), targets: { deck: api.url }, model: { kind: 'open', rate: -1 } })).rejects.toThrow(/model.rate/);
    expect(api.creates).toHaveLength(0);
  });
});
