import { RunwardenError } from '../core/errors.ts';
import type { Observation } from '../core/lifecycle/check.ts';
import type { Violation } from '../core/violation.ts';

/** Statuses after which the same request may succeed if sent again later. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * A provider answered an operation with a status other than the documented success.
 * Carries the status and the provider's error body (already redacted) so callers can branch on the provider's code.
 */
export class ProviderError extends RunwardenError {
  constructor(
    readonly provider: string,
    readonly operationId: string,
    readonly status: number,
    readonly body: unknown,
    /** The provider's stable error code, e.g. `request/resource_not_found` (Deck) or `RESOURCE_NOT_FOUND`. */
    readonly providerCode: string | undefined,
    message: string,
    /** From a `Retry-After` header, when the provider sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(
      status === 401 || status === 403 ? 'AUTH_FAILED' : 'REMOTE_REFUSED',
      message,
      status === 401 || status === 403
        ? `Check the ${provider} token: pass it to the client or name its environment variable (e.g. --token-env).`
        : RETRYABLE_STATUSES.has(status) ? 'The provider is busy or unavailable; retry later or raise the retry budget.' : undefined,
    );
  }

  /** True when sending the same request later may succeed (429, 502, 503, 504). */
  get retryable(): boolean {
    return RETRYABLE_STATUSES.has(this.status);
  }
}

/** A poller gave up at its deadline. Carries the last state it saw, so callers can report where the run was stuck. */
export class PollDeadlineError<T = unknown> extends RunwardenError {
  constructor(
    message: string,
    /** The last run body the poller received, or undefined when no poll succeeded. */
    readonly lastSeen: T | undefined,
    /** The status of `lastSeen`, when it had one. */
    readonly lastStatus: string | undefined,
    readonly observations: readonly Observation[],
    readonly violations: readonly Violation[],
  ) {
    super('TIMEOUT', message, 'Raise the deadline (deadlineMs), or find out why the run stays in its last status.');
  }
}

/** True for a poller's deadline error. */
export function isPollDeadlineError(error: unknown): error is PollDeadlineError {
  return error instanceof PollDeadlineError;
}
