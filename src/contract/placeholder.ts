/**
 * Pacts never hold a real token. Consumer tests record this Authorization value (behind a `^Bearer \S+$` matcher);
 * the verifier swaps it for the real token on the way to the provider, and leaves any other value alone
 * (so a pact that sends a revoked key on purpose still gets its 401).
 */
export const PLACEHOLDER_AUTHORIZATION = 'Bearer <redacted>';

/** The Authorization value pacts use to provoke a 401: a syntactically valid key the provider never issued. */
export const REVOKED_AUTHORIZATION = 'Bearer revoked-key-for-contract-tests';

/** True when an Authorization header value is the pact placeholder that the verifier replaces. */
export function isPlaceholderAuthorization(value: string | undefined): boolean {
  return value === PLACEHOLDER_AUTHORIZATION;
}
