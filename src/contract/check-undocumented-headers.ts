import type { Violation } from '../core/violation.ts';
import type { Operation } from '../spec/index.ts';

/** Headers HTTP itself defines for every response: a spec need not document them (OpenAPI forbids Content-Type). */
const STANDARD = new Set([
  'content-type', 'content-length', 'content-encoding', 'content-language', 'date', 'connection', 'keep-alive', 'transfer-encoding',
  'cache-control', 'expires', 'pragma', 'etag', 'last-modified', 'vary', 'server', 'age', 'via', 'access-control-allow-origin',
  'access-control-allow-credentials', 'access-control-allow-headers', 'access-control-allow-methods', 'access-control-expose-headers',
]);

/**
 * `--strict` only: PROPERTY_UNDOCUMENTED for each header a pact response expects that the documented response does
 * not list. By default such a header is not a break (PactFlow warns at most): providers send many headers no
 * spec documents.
 */
export function undocumentedResponseHeaders(operation: Operation, status: number, headers: Record<string, string[]>): Violation[] {
  const documented = operation.responses[String(status)] ?? operation.responses[`${Math.floor(status / 100)}XX`] ?? operation.responses.default;
  if (documented === undefined) return [];
  const names = Object.keys(documented.headers);
  const known = new Set(names.map((name) => name.toLowerCase()));
  return Object.keys(headers).filter((name) => !STANDARD.has(name.toLowerCase()) && !known.has(name.toLowerCase())).map((name) => ({
    operationId: operation.operationId, where: 'response', part: 'header', code: 'PROPERTY_UNDOCUMENTED', pointer: name,
    message: `Received: header "${name}"\nDocumented: ${names.length > 0 ? names.join(', ') : 'no response headers'} (others are allowed, but strict mode reports them)`,
    received: name, documented: names, specLocation: documented.specLocation,
  }));
}
