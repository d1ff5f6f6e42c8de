/** Words task-run APIs use for their states, by role. Matched on normalized names (`TIMED_OUT`, `timedOut` → `timed_out`). */
export const SUCCESS_WORDS = new Set(['succeeded', 'success', 'successful', 'completed', 'complete', 'done', 'finished', 'ok', 'passed', 'fulfilled', 'resolved']);
export const FAILURE_WORDS = new Set([
  'failed', 'failure', 'error', 'errored', 'canceled', 'cancelled', 'expired', 'timed_out', 'timeout', 'timedout', 'rejected',
  'aborted', 'terminated', 'killed', 'crashed', 'dead', 'stopped', 'declined', 'lost',
]);
/** States a run is in before any work starts; a run never goes back to one. */
export const QUEUED_WORDS = new Set([
  'queued', 'pending', 'starting', 'created', 'submitted', 'accepted', 'new', 'scheduled', 'enqueued', 'received', 'initializing',
  'initialising', 'initialized', 'requested', 'not_started', 'in_queue', 'waiting_to_start',
]);
/** Initial only when it is the first state the enum lists: `waiting` also names a pause mid-run. */
export const WEAK_QUEUED_WORDS = new Set(['waiting']);
/** A run being cancelled, before it ends. */
export const CANCELING_WORDS = new Set(['canceling', 'cancelling', 'cancel_requested', 'cancellation_requested', 'stopping', 'aborting', 'terminating']);
export const CANCELED_WORDS = new Set(['canceled', 'cancelled', 'aborted', 'stopped', 'terminated']);
/** A run paused until its caller answers something (an MFA code, a review): a load run cannot. */
export const PAUSE_PATTERN = /(_required$|^requires_|^awaiting|^waiting_for|^paused$|^on_hold$|^needs_|^blocked$)/;

/** `TIMED_OUT`, `timedOut`, `timed-out` → `timed_out`. */
export function normalizeState(state: string): string {
  return state.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/[\s.-]+/g, '_');
}

/**
 * Normalized names with a prefix every state shares removed (`JOB_STATE_SUCCEEDED` → `succeeded`), so the
 * word lists match; keyed by the state as the API spells it.
 */
export function comparableNames(states: readonly string[]): Map<string, string> {
  const normalized = states.map(normalizeState);
  let prefix = '';
  if (normalized.length > 1) {
    const first = normalized[0]!;
    for (let index = first.indexOf('_'); index !== -1; index = first.indexOf('_', index + 1)) {
      const candidate = first.slice(0, index + 1);
      if (normalized.every((name) => name.startsWith(candidate) && name.length > candidate.length)) prefix = candidate;
    }
  }
  return new Map(states.map((state, index) => [state, normalized[index]!.slice(prefix.length)]));
}
