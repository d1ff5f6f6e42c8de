import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Violation } from '../core/violation.ts';
import { runLoad } from './engine.ts';
import { startFakeRunApi, type FakeRunApi, type FakeRunApiOptions } from './fake-run-api.fixture.ts';
import { fakeScenario } from './fake-scenario.fixture.ts';
import { decodeHistogram } from './histogram.ts';

const servers: Array<Pick<FakeRunApi, 'close'>> = [];
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
    const result = await runLoad({ scenario: fakeScenario({ maxRuns: 3, durationMs: 5_000 }), targets: { fake: api.url } });
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
      targets: { fake: api.url },
    });
    expect(api.dropped.length).toBeGreaterThan(0);
    expect([...result.runs.lostIds].sort()).toEqual([...api.dropped].sort());
    expect(result.runs.lost).toBe(api.dropped.length);
    expect(result.runs.completed).toBe(result.runs.created - api.dropped.length);
    expect(result.passed).toBe(true);
    const breached = await runLoad({
      scenario: fakeScenario({ model: { kind: 'open', rate: 20 }, durationMs: 200, drainMs: 1_000, thresholds: { maxLostRuns: 0 } }, { runTimeoutMs: 300, poll: slowPoll }),
      targets: { fake: api.url },
    });
    expect(breached.runs.lost).toBeGreaterThan(0);
    expect(breached.gates).toContainEqual(expect.objectContaining({ name: 'lost runs', pass: false }));
    expect(breached.passed).toBe(false);
  });

  it('fails the p50 gate of an endpoint the server answers slower than its limit, and passes a limit above it', async () => {
    const slow = await fakeApi({ delayMs: 40 });
    // The server never answers sooner than 40 ms, so a 20 ms limit must fail; the request timeout bounds every sample.
    // A median (not a p99) so the run has enough samples to judge it (see samplesNeeded in gates.ts).
    const thresholds = { endpoints: { getTaskRun: { p50Ms: 20 }, runTask: { p50Ms: 10_000 } } };
    const result = await runLoad({ scenario: fakeScenario({ model: { kind: 'closed', connections: 4 }, durationMs: 1_000, thresholds }), targets: { fake: slow.url } });
    expect(result.passed).toBe(false);
    const poll = result.gates.find((gate) => gate.name === 'getTaskRun p50')!;
    expect(poll).toMatchObject({ verdict: 'fail', pass: false, threshold: 20 });
    expect(poll.measured).toBeGreaterThanOrEqual(40);
    expect(result.gates.find((gate) => gate.name === 'runTask p50')).toMatchObject({ pass: true });
  });

  it('fails the error-rate gate when the server answers 500, and counts the refused creates', async () => {
    const api = await fakeApi({ forceStatus: 500 });
    const result = await runLoad({ scenario: fakeScenario({ durationMs: 300, thresholds: { maxErrorRate: 0.01 } }), targets: { fake: api.url } });
    expect(result.requests.errorRate).toBe(1);
    expect(result.requests.statusCounts['500']).toBe(result.requests.responses);
    expect(result.runs.createFailed).toBe(result.requests.responses);
    expect(result.gates).toEqual([expect.objectContaining({ name: 'error rate', measured: 1, pass: false })]);
  });

  it('keeps the open model\'s arrivals when responses are slow: every create arrives before the first answer is released', async () => {
    // The server answers nothing until all 20 creates have arrived: an engine that waited for answers would stall
    // at its first create, and only the safety release (which fails the order check) would end the stall.
    const api = await heldAnswersApi(20);
    const result = await runLoad({
      scenario: fakeScenario({ model: { kind: 'open', rate: 40 }, durationMs: 10_000, maxRuns: 20, drainMs: 20_000 }, { poll: slowPoll }),
      targets: { fake: api.url },
    });
    expect(result.generator.arrivals).toBe(20);
    expect(api.events.slice(0, 20)).toEqual(Array.from({ length: 20 }, () => 'create'));
    expect(api.releasedBy).toBe('all-creates');
    expect(result.runs).toMatchObject({ created: 20, completed: 20, lost: 0 });
  }, 60_000);

  it('records one sample per response (nothing invented), never below what the server took, in both models', async () => {
    const models = [{ kind: 'closed', connections: 4 }, { kind: 'open', rate: 40 }] as const;
    for (const model of models) {
      const api = await fakeApi({ delayMs: 50, pollsToFinish: 2 });
      const result = await runLoad({ scenario: fakeScenario({ model, durationMs: 600 }, { poll: slowPoll }), targets: { fake: api.url } });
      for (const endpoint of Object.values(result.endpoints)) {
        expect(decodeHistogram(endpoint.histogram).totalCount).toBe(endpoint.responses);
      }
      expect(result.requests.responses).toBe(api.served.length);
      for (const endpoint of [result.endpoints.getTaskRun!, result.endpoints.runTask!]) {
        expect(endpoint.responses).toBeGreaterThan(0);
        // Latency runs from each request's due time, so it can only be longer than the 50 ms the server waited.
        expect(endpoint.latencyMs.p50).toBeGreaterThanOrEqual(50);
      }
    }
  });

  it('answers interactions when the flow says so, then polls the run to completion', async () => {
    const api = await fakeApi({ pollsToFinish: 4, interactionAfterPolls: 2 });
    const result = await runLoad({ scenario: fakeScenario({ maxRuns: 4, durationMs: 3_000 }), targets: { fake: api.url } });
    expect(result.runs.completed).toBe(4);
    expect(result.endpoints.submitInteractionInput!.responses).toBe(4);
    const unanswered = await runLoad({ scenario: fakeScenario({ maxRuns: 1, durationMs: 3_000, drainMs: 300 }, { interact: undefined, runTimeoutMs: 200, poll: slowPoll }), targets: { fake: api.url } });
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
    const every = await runLoad({ scenario: fakeScenario({ maxRuns: 4, durationMs: 3_000, thresholds: { maxViolations: 0 } }), targets: { fake: api.url }, validate, validateEvery: 1 });
    expect(seen).toHaveLength(every.requests.responses);
    expect(seen[0]).toMatchObject({ operationId: 'runTask', status: 201, contentType: 'application/json', body: expect.objectContaining({ status: 'queued' }) });
    expect(every.violations).toMatchObject({ contract: 20, total: 20, sampledResponses: 24, validateEvery: 1 });
    expect(every.violations.byCode['getTaskRun SCHEMA_MISMATCH']).toBe(20);
    expect(every.gates).toContainEqual(expect.objectContaining({ name: 'violations', measured: 20, pass: false }));
    seen.length = 0;
    const sampled = await runLoad({ scenario: fakeScenario({ maxRuns: 4, durationMs: 3_000 }), targets: { fake: api.url }, validate, validateEvery: 4 });
    expect(seen).toHaveLength(Math.floor(sampled.requests.responses / 4));
  });

  it('flags lifecycle violations a run commits between polls', async () => {
    const api = await fakeApi({ pollsToFinish: 4, regress: true });
    const result = await runLoad({ scenario: fakeScenario({ maxRuns: 2, durationMs: 3_000 }), targets: { fake: api.url } });
    expect(result.violations.lifecycle).toBeGreaterThanOrEqual(2);
    expect(result.violations.byCode['getTaskRun ILLEGAL_TRANSITION']).toBe(2);
    expect(result.violations.examples[0]).toMatchObject({ where: 'lifecycle', code: 'ILLEGAL_TRANSITION' });
  });

  it('times out requests that get no answer and loses their runs', async () => {
    const api = await fakeApi({ hang: (index) => index === 0 });
    const result = await runLoad({
      scenario: fakeScenario({ maxRuns: 1, durationMs: 2_000, requestTimeoutMs: 150, drainMs: 2_000 }, { runTimeoutMs: 400 }),
      targets: { fake: api.url },
    });
    // How many time out before the run's deadline depends on the sweeper's pace: at least one, and the run is lost.
    expect(result.endpoints.getTaskRun!.timeouts).toBeGreaterThanOrEqual(1);
    expect(result.runs.lost).toBe(1);
    expect(result.requests.errors).toBe(result.requests.timeouts);
  });

  it('stops traffic at once when aborted and still returns the partial result', async () => {
    const api = await fakeApi({ pollsToFinish: 1_000_000 });
    const controller = new AbortController();
    let sentBeforeAbort = 0;
    // Abort once the server has seen 20 requests (a count, not a time, so a busy machine only makes it later).
    const watcher = setInterval(() => {
      if (api.requests.length < 20) return;
      clearInterval(watcher);
      sentBeforeAbort = api.requests.length;
      controller.abort();
    }, 5);
    const result = await runLoad({ scenario: fakeScenario({ durationMs: 60_000 }), targets: { fake: api.url }, signal: controller.signal });
    clearInterval(watcher);
    expect(result).toMatchObject({ aborted: true, stopReason: 'aborted' });
    // Two connections, one request each in flight: of the first 20 requests at least 18 were answered.
    expect(result.requests.responses).toBeGreaterThanOrEqual(18);
    // After the abort at most the requests already on their way arrive: one per connection.
    expect(api.requests.length - sentBeforeAbort).toBeLessThanOrEqual(2);
    expect(result.runs.inFlight).toBe(2);
    expect(result.runs.inFlightIds.every((id) => id.startsWith('trun_'))).toBe(true);
  });

  it('rejects an invalid override before any traffic', async () => {
    const api = await fakeApi();
    await expect(runLoad({ scenario: fakeScenario(), targets: { fake: api.url }, model: { kind: 'open', rate: -1 } })).rejects.toThrow(/model.rate/);
    expect(api.creates).toHaveLength(0);
  });
});

/**
 * A run API that holds every response until `creates` creates have arrived (or a safety bound passes, so a
 * broken engine fails instead of hanging), then answers: create → queued, poll → completed. Records arrival order.
 */
async function heldAnswersApi(creates: number): Promise<{ url: string; events: Array<'create' | 'poll' | 'release'>; releasedBy: 'all-creates' | 'safety' | undefined }> {
  const state: { events: Array<'create' | 'poll' | 'release'>; releasedBy: 'all-creates' | 'safety' | undefined } = { events: [], releasedBy: undefined };
  const held: Array<() => void> = [];
  let count = 0;
  const release = (by: 'all-creates' | 'safety'): void => {
    if (state.releasedBy !== undefined) return;
    state.releasedBy = by;
    state.events.push('release');
    for (const answer of held.splice(0)) answer();
  };
  const safety = setTimeout(() => release('safety'), 15_000);
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const isCreate = request.method === 'POST';
      state.events.push(isCreate ? 'create' : 'poll');
      const id = isCreate ? `trun_${count++}` : decodeURIComponent((request.url ?? '').split('/').pop() ?? '');
      const answer = (): void => {
        response.writeHead(isCreate ? 201 : 200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id, status: isCreate ? 'queued' : 'completed' }));
      };
      if (state.releasedBy === undefined) held.push(answer);
      else answer();
      if (count === creates) release('all-creates');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: () => new Promise((resolve) => { clearTimeout(safety); server.closeAllConnections(); server.close(() => resolve()); }) });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`, get events() { return state.events; }, get releasedBy() { return state.releasedBy; } };
}
