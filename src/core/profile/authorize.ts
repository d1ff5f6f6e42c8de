import type { AuthScheme } from './profile.ts';

/** What a request carries to authenticate: headers to add and query parameters to add. */
export interface Credentials {
  headers: Record<string, string>;
  query: Record<string, string>;
}

/** The credentials for a token under a profile's auth scheme; none without a token or with `type: none`. */
export function credentialsFor(auth: AuthScheme, token: string | undefined): Credentials {
  if (token === undefined || auth.type === 'none') return { headers: {}, query: {} };
  if (auth.type === 'bearer') return { headers: { authorization: `Bearer ${token}` }, query: {} };
  if (auth.type === 'header') return { headers: { [auth.name.toLowerCase()]: token }, query: {} };
  return { headers: {}, query: { [auth.name]: token } };
}

/** Header and query names that carry secrets under a scheme, for redaction in logs, reports and pacts. */
export function secretNames(auth: AuthScheme): { headers: string[]; query: string[] } {
  if (auth.type === 'header') return { headers: ['authorization', auth.name.toLowerCase()], query: [] };
  if (auth.type === 'query') return { headers: ['authorization'], query: [auth.name] };
  return { headers: ['authorization'], query: [] };
}
