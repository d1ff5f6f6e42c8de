import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { credentialsFor, type AuthScheme } from '../core/profile/index.ts';
import { isPlaceholder } from './placeholder.ts';

/** A request on its way from the Pact verifier to the provider: path with query, and headers. */
export interface OutgoingRequest {
  /** Path and query, e.g. `/jobs/job-1?api_key=%3Credacted%3E`. */
  url: string;
  headers: OutgoingHttpHeaders;
}

/**
 * Replaces a pact's placeholder credentials with the real ones. Every header or query value that is the
 * placeholder is removed; if there was one, the request was meant to be authenticated, so the token goes where
 * the profile's `auth` says (bearer header, API-key header or query parameter). A request without a placeholder
 * (none at all, or a deliberately revoked key) is sent as recorded.
 */
export function swapCredentials(url: string, headers: IncomingHttpHeaders, auth: AuthScheme, token: string | undefined): OutgoingRequest {
  const kept: OutgoingHttpHeaders = {};
  let found = false;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (typeof value === 'string' && isPlaceholder(value)) found = true;
    else kept[name] = value;
  }
  const queryAt = url.indexOf('?');
  const search = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1));
  const placeholders = [...search.entries()].filter(([, value]) => isPlaceholder(value)).map(([name]) => name);
  if (!found && placeholders.length === 0) return { url, headers: kept };
  for (const name of placeholders) search.delete(name);
  const credentials = credentialsFor(auth, token);
  for (const [name, value] of Object.entries(credentials.headers)) kept[name] = value;
  for (const [name, value] of Object.entries(credentials.query)) search.set(name, value);
  const query = search.toString();
  const pathOnly = queryAt === -1 ? url : url.slice(0, queryAt);
  return { url: query === '' ? pathOnly : `${pathOnly}?${query}`, headers: kept };
}
