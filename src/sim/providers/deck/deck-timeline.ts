import type { DeckRun } from './deck-run.ts';

/** The statuses a Deck run's schedule moves it through (the profile's lifecycle must list them). */
export const DECK_SIM_STATUSES = ['queued', 'running', 'interaction_required', 'review_required', 'canceling', 'completed', 'failed', 'canceled'] as const;
export type DeckStatus = (typeof DECK_SIM_STATUSES)[number];

/** Why a run carries an error. */
export type DeckRunError = 'interaction_timeout' | 'task_failed' | 'result_failure';

/** A run as it stands at one instant, computed from its schedule. */
export interface DeckView {
  status: DeckStatus;
  /** When the run entered `status` (its `updated_at`). */
  since: number;
  result: 'success' | 'failure' | 'unknown' | null;
  runtimeMs: number | null;
  hasOutput: boolean;
  error: DeckRunError | null;
  /** 1 for the first prompt, 2 after one wrong answer…; 0 when not waiting for input. */
  interactionRound: number;
  canceledAt: number | null;
  /** When execution started (for artifact timestamps); undefined while queued. */
  startedAt: number | undefined;
}

function queued(run: DeckRun): DeckView {
  return { status: 'queued', since: run.createdAt, result: null, runtimeMs: null, hasOutput: false, error: null, interactionRound: 0, canceledAt: null, startedAt: undefined };
}

function completed(since: number, startedAt: number, runtimeMs: number, result: DeckView['result'], hasOutput: boolean, error: DeckRunError | null): DeckView {
  return { status: 'completed', since, result, runtimeMs, hasOutput, error, interactionRound: 0, canceledAt: null, startedAt };
}

function running(since: number, startedAt: number): DeckView {
  return { status: 'running', since, result: null, runtimeMs: null, hasOutput: false, error: null, interactionRound: 0, canceledAt: null, startedAt };
}

/**
 * The state of a Deck run at `now` — a pure function of its schedule and recorded events, so reads are
 * exact under a virtual clock and nothing runs in the background.
 */
export function deckViewAt(run: DeckRun, now: number): DeckView {
  const cancelAt = cancelTime(run);
  if (cancelAt === undefined || now < cancelAt) return naturalView(run, now);
  const startedAt = run.createdAt + run.queuedMs;
  const end = cancelAt + run.cancelMs;
  if (run.scenario === 'stuck' || now < end) {
    return { status: 'canceling', since: cancelAt, result: null, runtimeMs: null, hasOutput: false, error: null, interactionRound: 0, canceledAt: null, startedAt: cancelAt >= startedAt ? startedAt : undefined };
  }
  return {
    status: 'canceled', since: end, result: null, runtimeMs: cancelAt >= startedAt ? end - startedAt : 0,
    hasOutput: false, error: null, interactionRound: 0, canceledAt: end, startedAt: cancelAt >= startedAt ? startedAt : undefined,
  };
}

/** When the run's schedule makes it reach a terminal status, or undefined if it depends on the client or never happens. */
export function deckTerminalAt(run: DeckRun): number | undefined {
  const cancelAt = cancelTime(run);
  if (cancelAt !== undefined) return run.scenario === 'stuck' ? undefined : cancelAt + run.cancelMs;
  const end = run.createdAt + run.queuedMs + run.runningMs;
  switch (run.scenario) {
    case 'stuck': case 'interaction': return undefined;
    case 'review': return end + run.tailMs;
    default: return end;
  }
}

function cancelTime(run: DeckRun): number | undefined {
  if (run.events === null) return undefined;
  for (const event of run.events) if (event.kind === 'cancel') return event.at;
  return undefined;
}

function naturalView(run: DeckRun, now: number): DeckView {
  const startedAt = run.createdAt + run.queuedMs;
  if (now < startedAt) return queued(run);
  if (run.scenario === 'stuck') return running(startedAt, startedAt);
  const end = startedAt + run.runningMs;
  if (now < end) return running(startedAt, startedAt);
  switch (run.scenario) {
    case 'interaction': return interactionView(run, now, startedAt, end);
    case 'review':
      if (now < end + run.tailMs) {
        return { status: 'review_required', since: end, result: null, runtimeMs: run.runningMs, hasOutput: true, error: null, interactionRound: 0, canceledAt: null, startedAt };
      }
      return completed(end + run.tailMs, startedAt, run.runningMs, 'success', true, null);
    case 'failed':
      return { status: 'failed', since: end, result: null, runtimeMs: run.runningMs, hasOutput: false, error: 'task_failed', interactionRound: 0, canceledAt: null, startedAt };
    case 'failure': return completed(end, startedAt, run.runningMs, 'failure', false, 'result_failure');
    case 'unknown': return completed(end, startedAt, run.runningMs, 'unknown', true, null);
    default: return completed(end, startedAt, run.runningMs, 'success', true, null);
  }
}

function interactionView(run: DeckRun, now: number, startedAt: number, promptAt: number): DeckView {
  let since = promptAt;
  let deadline = promptAt + run.windowMs;
  let round = 1;
  for (const event of run.events ?? []) {
    if (event.kind !== 'answer' || event.at > now) continue;
    if (event.wrong) {
      round++;
      since = event.at;
      deadline = event.at + run.windowMs;
      continue;
    }
    const finished = event.at + run.tailMs;
    if (now < finished) return running(event.at, startedAt);
    return { status: 'completed', since: finished, result: 'success', runtimeMs: finished - startedAt, hasOutput: true, error: null, interactionRound: 0, canceledAt: null, startedAt };
  }
  if (now >= deadline) {
    return { status: 'failed', since: deadline, result: null, runtimeMs: deadline - startedAt, hasOutput: false, error: 'interaction_timeout', interactionRound: 0, canceledAt: null, startedAt };
  }
  return { status: 'interaction_required', since, result: null, runtimeMs: null, hasOutput: false, error: null, interactionRound: round, canceledAt: null, startedAt };
}
