import type { Violation } from '../core/violation.ts';

type Tolerated = (violation: Violation) => boolean;

const REQUEST = (parts: ReadonlyArray<Violation['part']>): Tolerated => (violation) => violation.where === 'request' && parts.includes(violation.part) && violation.code !== 'ROUTE_UNKNOWN' && violation.code !== 'SECURITY_UNSATISFIED';
const SECURITY: Tolerated = (violation) => violation.code === 'SECURITY_UNSATISFIED';

/**
 * Which request findings an interaction expecting an error status sends on purpose, to pin the provider's rejection:
 * a 400 or 422 may break any parameter or the body (not its media type: that is what 415 means, as the peers read it), a 413 the body, a 415 the content type, any 4xx or 5xx the
 * credentials, a 404 the path parameters (an id of the wrong shape is not found either), a 406 the
 * `Accept` header. The request must still
 * reach a documented route; 405 is handled where routes are matched. Credentials are checked only where a success
 * is expected, as PactFlow does: a consumer pinning a 404 or a 429 seldom writes the token into the pact.
 */
const TOLERATED_BY_STATUS: Readonly<Record<number, Tolerated>> = {
  400: REQUEST(['path', 'query', 'header', 'body']),
  422: REQUEST(['path', 'query', 'header', 'body']),
  413: REQUEST(['body']),
  415: REQUEST(['content-type', 'body']),
  404: REQUEST(['path']),
  406: REQUEST(['header']),
};

/** The request findings that remain a break for an interaction that expects `status`. */
export function unexpectedRequestFindings(status: number, violations: readonly Violation[]): Violation[] {
  const byStatus = TOLERATED_BY_STATUS[status];
  const tolerated: Tolerated = (violation) => (status >= 400 && SECURITY(violation)) || byStatus?.(violation) === true;
  return violations.filter((violation) => !tolerated(violation));
}
