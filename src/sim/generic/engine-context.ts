import type { Operation } from '../../spec/index.ts';
import type { JsonReply } from '../http/reply.ts';
import type { IdempotencyStore } from '../limits/idempotency.ts';
import type { SimRequest } from '../providers/provider.ts';
import type { Scheduler } from '../scheduler.ts';
import type { ErrorReplies } from './error-replies.ts';
import { invalidRequestMessage, type RequestCheck } from './request-check.ts';

/** What every route of one generic provider shares; built once by `createGenericSim`. */
export interface EngineContext {
  readonly errors: ErrorReplies;
  readonly checkRequest: RequestCheck;
  readonly idempotency: IdempotencyStore;
  readonly scheduler: Scheduler;
  readonly syncMaxWaitMs: number;
  /** Outcomes by path parameter value (`scenarios.<provider>`, plus those provider states pin until a reset), for creates. */
  readonly scenarios: Map<string, string>;
  /** An extension's words for outcomes (`success` → `completed`), for `X-Runwarden-Scenario` and pinned scenarios. */
  readonly scenarioNames: ReadonlyMap<string, string>;
  /** Path parameter values answered with 404 (`unknownIds.<provider>`, plus those provider states add until a reset). */
  readonly unknownIds: Set<string>;
}

/** The 404 for a request naming an unknown id in its path (`unknownIds.<provider>`), or undefined. */
export function rejectUnknown(context: EngineContext, operation: Operation, request: SimRequest): JsonReply | undefined {
  if (context.unknownIds.size === 0) return undefined;
  for (const [name, value] of Object.entries(request.params)) {
    if (context.unknownIds.has(value)) return context.errors.reply(operation, 404, `No ${name} ${value} was found.`);
  }
  return undefined;
}

/** The 400/422 reply for a request that does not conform to its operation, or undefined when it does. */
export function rejectInvalid(context: EngineContext, operation: Operation, request: SimRequest): JsonReply | undefined {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  const violations = context.checkRequest(request);
  if (violations.length === 0) return undefined;
  return context.errors.reply(operation, context.errors.invalidStatus(operation, violations.every((violation) => violation.part === 'body')), invalidRequestMessage(violations));
}

/**
 * The 400/422 reply for a read whose parameters do not conform (a run id of the wrong shape), or undefined. Reads
 * are checked only once their run is not found: a found run's id was valid, and the hot path stays free of checks.
 */
export function rejectMalformed(context: EngineContext, operation: Operation, request: SimRequest): JsonReply | undefined {
  const violations = context.checkRequest(request);
  if (violations.length === 0) return undefined;
  return context.errors.reply(operation, context.errors.invalidStatus(operation), invalidRequestMessage(violations));
}
