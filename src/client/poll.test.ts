import { describe, expect, it } from 'vitest';
import { bundledProfile } from '../config/index.ts';
import { PollDeadlineError, ProviderError } from './errors.ts';
import { pollUntilTerminal, type PollTarget } from './poll.ts';

/** A fake clock: sleeping advances it, so deadlines are reached without waiting. */
function fakeClock() {
  let time = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      time += ms;
    },
  };
}

/** A target whose fetch returns the scripted bodies in order (the last one repeats). */
function scripted<T>(bodies: (T | Error)[], extra: Partial<PollTarget<T>> = {}) {
  const clock = fakeClock();
  let calls = 0;
  const target: PollTarget<T> = {
    lifecycle: refactorLifecycle, operationId: 'getRunState', label: 'refactor run r1',
    fetch: async () => {
      const next = bodies[Math.min(calls, bodies.length - 1)]!;
      calls += 1;
      if (next instanceof Error) throw next;
      return next;
    },
    now: clock.now, sleep: clock.sleep, random: () => 0,
    ...extra,
  };
  return { target, clock, calls: () => calls };
}

const run = (status: string, extra: Record<string, unknown> = {}) => ({ id: 'r1', status, created_at: '2025-06-03T12:00:00Z', ...extra });

const deckLifecycle = bundledProfile('deck').runs[0]!.lifecycle;
const refactorLifecycle = bundledProfile('refactor').runs[0]!.lifecycle;

describe('pollUntilTerminal', () => {
  it('polls until a terminal status and records every observation', async () => {
    const { target, calls } = scripted([run('running'), run('waiting'), run('running'), run('completed', { completed_at: '2025-06-03T12:00:09Z' })]);
    const result = await pollUntilTerminal(target, { intervalMs: 100, backoff: 2, jitter: 0 });
    expect(result.status).toBe('completed');
    expect(result.polls).toBe(4);
    expect(calls()).toBe(4);
    expect(result.observations.map((observation) => (observation.body as { status: string }).status)).toEqual(['running', 'waiting', 'running', 'completed']);
    expect(result.violations).toEqual([]);
  });

  it('backs off exponentially between polls, capped by maxIntervalMs', async () => {
    const { target, clock } = scripted([run('running'), run('running'), run('running'), run('running'), run('timeout')]);
    await pollUntilTerminal(target, { intervalMs: 100, backoff: 2, maxIntervalMs: 500, jitter: 0 });
    expect(clock.sleeps).toEqual([100, 200, 400, 500]);
  });

  it('keeps jittered delays within [interval × (1 − jitter), interval]', async () => {
    const draws = [0, 1, 0.5];
    const { target, clock } = scripted([run('running'), run('running'), run('running'), run('failed')], { random: () => draws.shift() ?? 0 });
    await pollUntilTerminal(target, { intervalMs: 1000, backoff: 1, jitter: 0.4 });
    expect(clock.sleeps).toEqual([1000, 600, 800]);
  });

  it('observes an initial run without a request and stops at once if it is terminal', async () => {
    const { target, calls } = scripted([run('running')], { initial: run('cancelled') });
    const result = await pollUntilTerminal(target);
    expect(result.status).toBe('cancelled');
    expect(result.polls).toBe(0);
    expect(calls()).toBe(0);
  });

  it('gives up at the deadline with an error that carries the last state seen', async () => {
    const { target, clock } = scripted([run('running'), run('waiting', { state: { step: 3 } })]);
    const error = (await pollUntilTerminal(target, { intervalMs: 400, backoff: 1, jitter: 0, deadlineMs: 1_000 }).catch((caught: unknown) => caught)) as PollDeadlineError;
    expect(error).toBeInstanceOf(PollDeadlineError);
    expect(error.code).toBe('TIMEOUT');
    expect(error.lastStatus).toBe('waiting');
    expect(error.lastSeen).toEqual(run('waiting', { state: { step: 3 } }));
    expect(error.message).toContain('refactor run r1 did not reach a terminal status within 1000 ms');
    expect(error.message).toContain('Last seen: status waiting after 4 polls');
    expect(error.message).toContain('Terminal: completed, failed, cancelled, timeout');
    expect(error.observations).toHaveLength(4);
    // The last wait is shortened so the final poll happens at the deadline, not after it.
    expect(clock.sleeps).toEqual([400, 400, 200]);
  });

  it('says when no poll succeeded before the deadline', async () => {
    const busy = new ProviderError('refactor', 'getRunState', 503, {}, 'INTERNAL_ERROR', 'busy');
    const { target } = scripted<ReturnType<typeof run>>([busy]);
    const error = (await pollUntilTerminal(target, { intervalMs: 100, deadlineMs: 300, jitter: 0 }).catch((caught: unknown) => caught)) as PollDeadlineError;
    expect(error.lastSeen).toBeUndefined();
    expect(error.message).toContain('Last seen: no successful poll');
  });

  it('skips a poll on a retryable provider error, waiting at least its Retry-After', async () => {
    const limited = new ProviderError('refactor', 'getRunState', 429, {}, 'RATE_LIMIT_EXCEEDED', 'slow down', 5_000);
    const { target, clock } = scripted([run('running'), limited, run('completed')]);
    const result = await pollUntilTerminal(target, { intervalMs: 100, backoff: 1, jitter: 0 });
    expect(result.status).toBe('completed');
    expect(clock.sleeps).toEqual([100, 5_000]);
  });

  it('rethrows a provider error that retrying cannot fix', async () => {
    const missing = new ProviderError('refactor', 'getRunState', 404, {}, 'RESOURCE_NOT_FOUND', 'not found');
    const { target } = scripted([run('running'), missing]);
    await expect(pollUntilTerminal(target, { jitter: 0 })).rejects.toBe(missing);
  });

  it('rejects with the abort reason when the signal aborts', async () => {
    const controller = new AbortController();
    const { target } = scripted([run('running')], {
      sleep: async (_ms, signal) => { controller.abort(); throw signal?.reason; },
    });
    await expect(pollUntilTerminal(target, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reports an illegal transition it observed (Deck canceling → running)', async () => {
    const deck = (status: string) => ({ id: 'trun_1', status, created_at: '2025-06-03T12:00:00Z' });
    const { target } = scripted([deck('running'), deck('canceling'), deck('running'), deck('canceled')], { lifecycle: deckLifecycle, operationId: 'getTaskRun' });
    const result = await pollUntilTerminal(target, { jitter: 0 });
    expect(result.violations).toMatchObject([{ code: 'ILLEGAL_TRANSITION', operationId: 'getTaskRun', pointer: '/observations/2/status' }]);
  });

  it('reports timestamps out of order on the terminal observation', async () => {
    const { target } = scripted([run('completed', { created_at: '2025-06-03T12:00:10Z', completed_at: '2025-06-03T12:00:01Z' })]);
    const result = await pollUntilTerminal(target);
    expect(result.violations).toMatchObject([{ code: 'TIMESTAMPS_OUT_OF_ORDER' }]);
  });

  it('observes the run an onObserved hook returns without waiting', async () => {
    const { target, clock } = scripted([run('waiting'), run('completed')], {
      onObserved: async (body) => (body.status === 'waiting' ? run('running') : undefined),
    });
    const result = await pollUntilTerminal(target, { intervalMs: 100, jitter: 0 });
    expect(result.observations.map((observation) => (observation.body as { status: string }).status)).toEqual(['waiting', 'running', 'completed']);
    expect(clock.sleeps).toEqual([100]);
  });
});
