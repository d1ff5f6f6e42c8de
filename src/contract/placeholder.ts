/**
 * Pacts never hold a real secret. Consumer tests record a placeholder where the credential goes; the verifier
 * swaps it for the real one on the way to the provider (where the profile's `auth` says), and leaves any other
 * value alone, so a pact that sends a revoked key on purpose still gets its 401.
 */
export const PLACEHOLDER_SECRET = '<redacted>';

/** The placeholder as a bearer Authorization header (behind a `^Bearer \S+$` matcher in the consumer tests). */
export const PLACEHOLDER_AUTHORIZATION = `Bearer ${PLACEHOLDER_SECRET}`;

/** The Authorization value pacts use to provoke a 401: a syntactically valid key the provider never issued. */
export const REVOKED_AUTHORIZATION = 'Bearer revoked-key-for-contract-tests';

/** True when a header or query value is a pact placeholder that the verifier replaces. */
export function isPlaceholder(value: string | undefined): boolean {
  return value === PLACEHOLDER_SECRET || value === PLACEHOLDER_AUTHORIZATION;
}
