import type { Exchange, RetryPolicy } from './http.ts';
import type { Sleep } from './sleep.ts';

/** Options every provider client takes. Only `baseUrl` is required. */
export interface ClientOptions {
  /** The API base URL, as in the spec's `servers[0].url` (e.g. `https://api.deck.co/v2`, or the simulator's URL). */
  baseUrl: string;
  /** Bearer token from the caller (the CLI reads it from the variable named by --token-env). Never logged. */
  token?: string;
  /** Per-request timeout (ms). Default 30 000. */
  timeoutMs?: number;
  /** Retries of 429s, and of 502/503/504 and connection resets for idempotent calls. */
  retry?: Partial<RetryPolicy>;
  /** Called after every attempt, with no headers and so no token. */
  onExchange?: (exchange: Exchange) => void;
  /** Injected for tests. */
  fetch?: typeof fetch;
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
}

/** Options of one call. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Encodes one path segment. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
