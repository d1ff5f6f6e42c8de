import type { IncomingHttpHeaders } from 'node:http';
import type { JsonReply, Reply } from '../http/reply.ts';
import type { RunFate } from '../faults/fault-plan.ts';
import type { ProviderState } from '../states/provider-state.ts';

/** A request as a route handler sees it: routed, authenticated, body read and parsed. */
export interface SimRequest {
  operationId: string;
  method: string;
  /** The request target as received (path and query). */
  url: string;
  params: Record<string, string>;
  /** Query string without `?` ('' when absent). */
  search: string;
  /** Parsed query (lazily built on first call). */
  query(): URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; `undefined` when the request had none. */
  body: unknown;
  /** Clock time at which the handler runs. */
  now: number;
  /** The bearer token the request authenticated with (scopes idempotency keys and rate limits). */
  token: string;
  /** The `X-Runwarden-Scenario` header, which picks a run's scenario for testing (see docs/simulator.md). */
  scenario: string | undefined;
  /** Decides the run-level faults (stuck, fail, drop, backward) for a run this request creates; counted when called. */
  runFate(): RunFate;
  /**
   * Decides whether this answer, which carries a run's status, says a wrong one (an injected `wrongStatus` fault):
   * the value to write, or undefined. Counted when it fires; absent where no faults are injected (benchmarks).
   */
  wrongStatus?(): string | undefined;
}

/** One operation of a provider, compiled once at start-up. */
export interface SimRoute {
  operationId: string;
  method: 'GET' | 'POST';
  /** Relative to the provider's base path, in OpenAPI form: `/task-runs/{run_id}`. */
  path: string;
  /** `json`: a JSON body is read (within the size limit) and parsed; `none`: any body is ignored. */
  body: 'json' | 'none';
  /** Answers the request. May be async (synchronous providers wait on the clock). */
  handle(request: SimRequest): Reply | Promise<Reply>;
}

/** The error bodies a provider answers with outside its handlers, in its own documented shapes. */
export interface ProviderErrors {
  unauthorized(hasHeader: boolean): JsonReply;
  /** Unknown route (operationId undefined) or unknown resource. */
  notFound(message: string): JsonReply;
  payloadTooLarge(limitBytes: number): JsonReply;
  /** A body that is not JSON, or nested deeper than the depth limit (the provider's documented 400 or 422). */
  malformedJson(message: string): JsonReply;
  /** Injected server error (500, 502 or 503). */
  serverError(status: number): JsonReply;
  /** 429, from a rate limit or an injected burst. */
  rateLimited(message: string, retryAfterSeconds?: number): JsonReply;
}

/** A provider mounted at its base path: built by the generic engine from a profile (with its extension, if any). */
export interface SimProvider {
  /** The profile's name (what URLs, faults, rate limits and provider states are keyed by). */
  name: string;
  /** Where it is mounted, e.g. `/v2` (profile.basePath, else the spec's first server path; '' for the root). */
  basePath: string;
  routes: readonly SimRoute[];
  errors: ProviderErrors;
  /** Forgets every run, idempotency key and state-made change (admin reset, provider-state teardown). */
  reset(): void;
  /** Number of stored runs per run kind, keyed `<provider>.<kind>`. */
  sizes(): Record<string, number>;
  /** The provider states it can set up (Pact's provider-states endpoint, `sim.setState`); none when absent. */
  states?: readonly ProviderState[];
}
