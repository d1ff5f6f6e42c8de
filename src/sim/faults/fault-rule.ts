/** Every kind of fault the simulator can inject. */
export const FAULT_KINDS = [
  'error', 'latency', 'slow_first_byte', 'reset', 'rate_limit_burst', 'stuck', 'fail', 'drop',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Statuses an injected server error may use. */
export const FAULT_ERROR_STATUSES = [500, 502, 503] as const;

/**
 * One fault rule: which requests it matches (provider, operationIds) and, per fault kind, how often it fires.
 * Rates are probabilities per matching request (per created run for `stuck`, `fail` and `drop`).
 */
export interface FaultRule {
  /** Only this provider; every provider when absent. */
  provider?: string;
  /** Only these operationIds; every operation when absent. */
  operations?: string[];
  /** Answer with a server error in the provider's error shape. */
  error?: { rate: number; statuses?: number[] };
  /** Wait before handling (a log-normal draw; multiplied by the time scale). */
  latency?: { rate: number; medianMs: number; p99Ms: number };
  /** Handle at once but hold the first byte of the response for `ms`. */
  slowFirstByte?: { rate: number; ms: number };
  /** Destroy the connection without answering. */
  reset?: { rate: number };
  /** Start a burst of 429s with `Retry-After` lasting `durationMs` for every matching request. */
  rateLimitBurst?: { rate: number; durationMs: number; retryAfterSeconds: number };
  /** The created run never reaches a terminal status. */
  stuck?: { rate: number };
  /** The created run fails. */
  fail?: { rate: number };
  /** The created run vanishes `afterMs` after creation (404 from then on), for lost-run detection. */
  drop?: { rate: number; afterMs: number };
}
