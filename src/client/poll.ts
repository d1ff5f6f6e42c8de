import { checkLifecycle, type Observation } from '../core/lifecycle/check.ts';
import { isTerminal, type Lifecycle } from '../core/lifecycle/lifecycle.ts';
import type { Violation } from '../core/violation.ts';
import { backoffDelay } from './backoff.ts';
import { PollDeadlineError, ProviderError } from './errors.ts';
import { sleep as realSleep, type Sleep } from './sleep.ts';

/** How a caller paces a poll loop. Every field is optional; defaults suit a run that takes seconds to minutes. */
export interface PollOptions {
  /** Delay before the second poll (ms). Default 1000. */
  intervalMs?: number;
  /** Multiplier applied to the delay after each poll (1 = fixed interval). Default 1.5. */
  backoff?: number;
  /** Upper bound on one delay before jitter (ms). Default 30 000. */
  maxIntervalMs?: number;
  /** 0..1, the fraction of each delay that is randomised. Default 0.2. */
  jitter?: number;
  /** Give up this many ms after polling starts, with a PollDeadlineError carrying the last state seen. Default 600 000. */
  deadlineMs?: number;
  signal?: AbortSignal;
}

export const DEFAULT_POLL = { intervalMs: 1_000, backoff: 1.5, maxIntervalMs: 30_000, jitter: 0.2, deadlineMs: 600_000 } as const;

/** What a provider client tells the generic poller about its runs. */
export interface PollTarget<T> {
  lifecycle: Lifecycle;
  /** The operation that reads the run (names lifecycle findings). */
  operationId: string;
  /** A human name for the run in messages, e.g. `deck run trun_123`. */
  label: string;
  /** Reads the run once. */
  fetch(signal?: AbortSignal): Promise<T>;
  /** A run already in hand (e.g. the create response): observed first, without a request. */
  initial?: T;
  /**
   * Called after every non-terminal observation; may act on the run (answer an interaction) and return the
   * provider's newer view of it, which is then observed immediately without waiting.
   */
  onObserved?(run: T, status: string | undefined, signal?: AbortSignal): Promise<T | undefined>;
  /** Injected for tests. */
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
}

/** The outcome of a poll loop that reached a terminal status. */
export interface PollResult<T> {
  run: T;
  status: string;
  /** Every view of the run, in order, with when it was seen. */
  observations: Observation[];
  /** Lifecycle findings over the observations (illegal transitions, terminal changes, timestamps out of order). */
  violations: Violation[];
  /** Requests made (the `initial` run does not count). */
  polls: number;
  elapsedMs: number;
}

/**
 * Polls a run until its status is terminal in its lifecycle, backing off exponentially with jitter.
 * A 429/502/503/504 that outlasts the HTTP retries skips one poll (honouring Retry-After) instead of failing.
 * At the deadline it throws PollDeadlineError with the last state seen; an abort rejects with the signal's reason.
 */
export async function pollUntilTerminal<T>(target: PollTarget<T>, options: PollOptions = {}): Promise<PollResult<T>> {
  const settings = { ...DEFAULT_POLL, ...definedOnly(options) };
  const now = target.now ?? Date.now;
  const sleep = target.sleep ?? realSleep;
  const policy = { initialMs: settings.intervalMs, factor: settings.backoff, maxMs: settings.maxIntervalMs, jitter: settings.jitter };
  const started = now();
  const deadline = started + settings.deadlineMs;
  const observations: Observation[] = [];
  let polls = 0;
  let last: T | undefined;
  let next: T | undefined = target.initial;

  for (let waits = 0; ; ) {
    let run = next;
    next = undefined;
    let waitAtLeast = 0;
    if (run === undefined) {
      try {
        polls += 1;
        run = await target.fetch(options.signal);
      } catch (error) {
        if (!(error instanceof ProviderError && error.retryable)) throw error;
        waitAtLeast = error.retryAfterMs ?? 0;
      }
    }
    if (run !== undefined) {
      last = run;
      observations.push({ body: run, observedAt: now() });
      const status = target.lifecycle.statusOf(run);
      if (status !== undefined && isTerminal(target.lifecycle, status)) {
        return { run, status, observations, violations: check(target, observations), polls, elapsedMs: now() - started };
      }
      next = await target.onObserved?.(run, status, options.signal);
    }
    const remaining = deadline - now();
    if (remaining <= 0) throw deadlineError(target, settings.deadlineMs, last, observations, polls);
    if (next !== undefined) continue;
    await sleep(Math.min(remaining, Math.max(waitAtLeast, backoffDelay(waits, policy, target.random))), options.signal);
    waits += 1;
  }
}

function check<T>(target: PollTarget<T>, observations: Observation[]): Violation[] {
  return checkLifecycle(target.lifecycle, target.operationId, observations);
}

function deadlineError<T>(target: PollTarget<T>, deadlineMs: number, last: T | undefined, observations: Observation[], polls: number): PollDeadlineError<T> {
  const status = last === undefined ? undefined : target.lifecycle.statusOf(last);
  const seen = last === undefined ? 'no successful poll' : `status ${status ?? '(none)'}`;
  return new PollDeadlineError<T>(
    `${target.label} did not reach a terminal status within ${deadlineMs} ms\nLast seen: ${seen} after ${polls} polls\nTerminal: ${target.lifecycle.terminal.join(', ')}`,
    last, status, observations, check(target, observations),
  );
}

function definedOnly(options: PollOptions): Partial<typeof DEFAULT_POLL> {
  const { signal: _signal, ...rest } = options;
  return Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
}
