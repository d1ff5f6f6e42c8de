import { MatchersV3 } from '@pact-foundation/pact';
import { PLACEHOLDER_AUTHORIZATION, REVOKED_AUTHORIZATION } from '../../src/contract/placeholder.ts';

const { regex } = MatchersV3;

/** RFC 3339 date-time with optional fractional seconds and a required offset (what Deck and re-factor send). */
export const RFC3339 = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$';
/** Rightbrain's `created`: ISO 8601 whose UTC offset is optional (real traffic omits it). */
export const ISO_LOCAL_OR_OFFSET = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})?$';
/**
 * Rightbrain's credit strings. The spec's pattern `^(?!^[-+.]*$)[+-]?0*\d*\.?\d*$` uses a look-ahead, which the
 * Pact verifier's (Rust) regex engine lacks; this is the same language without it: a sign, then digits with an
 * optional decimal point, at least one digit.
 */
export const CREDITS = '^[+-]?(\\d+\\.?\\d*|\\.\\d+)$';

/** An ISO date-time (Deck, re-factor). */
export const isoDateTime = (example: string) => regex(RFC3339, example);
/** A Rightbrain timestamp, offset optional. */
export const isoDateTimeMaybeLocal = (example: string) => regex(ISO_LOCAL_OR_OFFSET, example);
/** A Deck id: a documented prefix (`trun_`, `task_`, `req_`, …) then letters and digits. */
export const prefixedId = (prefix: string, example: string) => regex(`^${prefix}[A-Za-z0-9]+$`, example);
/** A Rightbrain credit amount such as `"0.49"`. */
export const credits = (example: string) => regex(CREDITS, example);

/** The Authorization header of an authenticated request: any bearer token; the pact records only the placeholder. */
export const bearer = () => ({ Authorization: regex('^Bearer \\S+$', PLACEHOLDER_AUTHORIZATION) });
/** The Authorization header of a request meant to be refused: a key the provider never issued. */
export const revokedBearer = () => ({ Authorization: REVOKED_AUTHORIZATION });
