/** Every kind of fault the simulator can inject. */
export const FAULT_KINDS = [
  'error', 'latency', 'slow_first_byte', 'reset', 'rate_limit_burst', 'stuck', 'fail', 'drop', 'wrong_status', 'backward',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Statuses an injected server error may use. */
export const FAULT_ERROR_STATUSES = [500, 502, 503] as const;

/** The status an injected `wrongStatus` answers with unless the rule names one. */
export const DEFAULT_WRONG_STATUS = 'runwarden_wrong_status';

/**
 * One fault rule: which requests it matches (provider, operationIds) and, per fault kind, how often it fires.
 * Rates are probabilities per matching request (per created run for `stuck`, `fail`, `drop` and `backward`).
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
  /**
   * An answer that carries a run's status (create, poll, cancel) says `value` instead, a status its lifecycle does
   * not have (default DEFAULT_WRONG_STATUS): a client's lifecycle check must report it.
   */
  wrongStatus?: { rate: number; value?: string };
  /**
   * The created run moves back once: from its last working state to an earlier one the lifecycle cannot reach from
   * there (an illegal transition), then on as planned. A run with no such state reads back its state before the end
   * after it ended (a terminal status that changes), then ends again.
   */
  backward?: { rate: number };
}
