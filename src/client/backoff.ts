/** Exponential backoff with jitter. `jitter` is the fraction of each delay that is randomised (0 = none, 1 = full). */
export interface BackoffPolicy {
  /** Delay before the first retry or second poll. */
  initialMs: number;
  /** Multiplier applied per attempt (1 = constant interval). */
  factor: number;
  /** Upper bound on any single delay, before jitter. */
  maxMs: number;
  /** 0..1: each delay is drawn uniformly from [delay × (1 − jitter), delay]. */
  jitter: number;
}

/** Returns the delay before attempt `attempt` (0-based): min(maxMs, initialMs × factor^attempt), jittered downwards. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(base * (1 - jitter * random()));
}
