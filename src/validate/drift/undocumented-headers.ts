import type { ResponseSpec } from '../../spec/loaded-spec.ts';

/**
 * Headers HTTP, proxies and CDNs add to any response: a spec need not document them (OpenAPI forbids documenting
 * Content-Type), so they are never drift.
 */
const TRANSPORT = new Set([
  'content-type', 'content-length', 'content-encoding', 'content-language', 'date', 'connection', 'keep-alive', 'transfer-encoding',
  'cache-control', 'expires', 'pragma', 'etag', 'last-modified', 'vary', 'server', 'age', 'via', 'alt-svc',
  'access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-headers', 'access-control-allow-methods',
  'access-control-expose-headers', 'access-control-max-age', 'strict-transport-security', 'x-content-type-options', 'x-frame-options',
  'x-xss-protection', 'referrer-policy', 'content-security-policy', 'permissions-policy', 'report-to', 'nel', 'set-cookie',
]);

/** The received header names (lower case) a documented response does not list, transport headers aside. */
export function undocumentedHeaders(documented: ResponseSpec, received: Readonly<Record<string, string>>): string[] {
  const known = new Set(Object.keys(documented.headers).map((name) => name.toLowerCase()));
  return Object.keys(received).map((name) => name.toLowerCase()).filter((name) => !TRANSPORT.has(name) && !known.has(name));
}
