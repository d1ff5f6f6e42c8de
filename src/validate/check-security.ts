import type { Violation } from '../core/violation.ts';
import { dereferencedAt } from '../spec/load-spec.ts';
import type { LoadedSpec, Operation } from '../spec/loaded-spec.ts';
import { headerValue, type HeaderMap } from './headers.ts';

/** A security scheme as OpenAPI documents it (the fields this check reads). */
interface SecurityScheme {
  type?: string;
  scheme?: string;
  in?: string;
  name?: string;
}

/** What a request offers as credentials: its headers and query. */
export interface RequestCredentials {
  headers: HeaderMap | undefined;
  search: URLSearchParams;
}

/** The spec's `components.securitySchemes` by name ({} when there are none), dereferenced without the whole document. */
export function securitySchemesOf(spec: LoadedSpec): Record<string, SecurityScheme> {
  const schemes = dereferencedAt(spec, '#/components/securitySchemes');
  return typeof schemes === 'object' && schemes !== null ? schemes as Record<string, SecurityScheme> : {};
}

/** Names of the query parameters that carry an API key for this operation: credentials, not parameters. */
export function credentialQueryNames(operation: Operation, schemes: Record<string, SecurityScheme>): Set<string> {
  const names = new Set<string>();
  for (const requirement of operation.security) {
    for (const name of Object.keys(requirement)) {
      const scheme = schemes[name];
      if (scheme?.type === 'apiKey' && scheme.in === 'query' && scheme.name) names.add(scheme.name);
    }
  }
  return names;
}

/** The `Authorization` scheme word a scheme expects (`Bearer`, `Basic`, …); undefined when it is not an HTTP header one. */
function authorizationWord(scheme: SecurityScheme): string | undefined {
  return scheme.type === 'http' ? scheme.scheme ?? 'bearer' : undefined;
}

function cookieNames(headers: HeaderMap | undefined): Set<string> {
  const cookie = headerValue(headers, 'cookie') ?? '';
  return new Set(cookie.split(';').map((pair) => pair.split('=')[0]!.trim()).filter((name) => name !== ''));
}

/** Whether the request carries what one scheme asks for. Schemes the document does not define cannot be checked here. */
function satisfies(scheme: SecurityScheme | undefined, request: RequestCredentials): boolean {
  // OAuth 2 and OpenID Connect tokens may travel in a header, the query or a body, as the provider chooses: like
  // PactFlow's comparators, runwarden cannot tell a missing one from one sent elsewhere, so they pass.
  if (scheme === undefined || scheme.type === 'mutualTLS' || scheme.type === 'oauth2' || scheme.type === 'openIdConnect') return true;
  if (scheme.type === 'apiKey') {
    if (!scheme.name) return true;
    if (scheme.in === 'header') return headerValue(request.headers, scheme.name.toLowerCase()) !== undefined;
    if (scheme.in === 'query') return request.search.has(scheme.name);
    if (scheme.in === 'cookie') return cookieNames(request.headers).has(scheme.name);
    return true;
  }
  const word = authorizationWord(scheme);
  if (word === undefined) return true;
  const authorization = headerValue(request.headers, 'authorization');
  return authorization !== undefined && authorization.trim().toLowerCase().startsWith(`${word.toLowerCase()} `);
}

/** `Authorization: Bearer`, `header X-Api-Key`, `query api_key`, `cookie session`: what a scheme asks for, no values. */
function describeScheme(name: string, scheme: SecurityScheme | undefined): string {
  if (scheme?.type === 'apiKey') return `${scheme.in ?? 'header'} ${scheme.name ?? '?'} (${name})`;
  const word = scheme ? authorizationWord(scheme) : undefined;
  return word === undefined ? name : `Authorization: ${word[0]!.toUpperCase()}${word.slice(1)} … (${name})`;
}

/** What credentials the request carries, without their values (secrets never appear in findings). */
function describeReceived(request: RequestCredentials, schemes: Record<string, SecurityScheme>): string {
  const seen: string[] = [];
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization !== undefined) seen.push(`Authorization: ${authorization.trim().split(/\s+/)[0] ?? ''} …`);
  const cookies = cookieNames(request.headers);
  for (const scheme of Object.values(schemes)) {
    if (scheme.type !== 'apiKey' || !scheme.name) continue;
    if (scheme.in === 'header' && scheme.name.toLowerCase() !== 'authorization' && headerValue(request.headers, scheme.name.toLowerCase()) !== undefined) seen.push(`header ${scheme.name}`);
    if (scheme.in === 'query' && request.search.has(scheme.name)) seen.push(`query ${scheme.name}`);
    if (scheme.in === 'cookie' && cookies.has(scheme.name)) seen.push(`cookie ${scheme.name}`);
  }
  return seen.length === 0 ? 'no credentials' : [...new Set(seen)].join(', ');
}

/**
 * SECURITY_UNSATISFIED when the request meets none of its operation's security requirements (alternatives, each
 * a set of schemes that must all be present): a missing `Authorization`, the wrong scheme word, or an API key absent
 * from the header, query or cookie the spec names. Only presence and scheme are checked, never a credential's value.
 */
export function checkSecurity(operation: Operation, schemes: Record<string, SecurityScheme>, request: RequestCredentials): Violation[] {
  const requirements = operation.security;
  if (requirements.length === 0) return [];
  const met = requirements.some((requirement) => Object.keys(requirement).every((name) => satisfies(schemes[name], request)));
  if (met) return [];
  const documented = requirements.map((requirement) => Object.keys(requirement).map((name) => describeScheme(name, schemes[name])).join(' and '));
  return [{
    operationId: operation.operationId, where: 'request', part: 'header', code: 'SECURITY_UNSATISFIED',
    message: `Received: ${describeReceived(request, schemes)}\nDocumented: ${documented.join(' or ')}`,
    documented, specLocation: operation.specLocation,
  }];
}
