import type { Operation } from '../spec/index.ts';
import type { HttpMethod, RequestTemplate } from './scenario.ts';

/** The values a call sends, merged from the profile and the scenario (the scenario's win). */
export interface CallValues {
  params: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string>>;
  headers: Readonly<Record<string, string>>;
  /** undefined: the spec's request example, else `{}` when the spec requires a body. */
  body?: unknown;
}

/** Collects what is wrong, at a place in the scenario, so every problem is reported together. */
export type Problems = (at: string, text: string) => void;

const METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The names of a path template's parameters, in order: `/runs/{run_id}` → `['run_id']`. */
export function pathParameters(operation: Operation): string[] {
  return [...operation.pathTemplate.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
}

/**
 * A spec operation as a request template: method and path from the spec, path parameters filled in now (the run
 * id's as `{runId}`), query, headers and body as given, the body defaulting to the spec's request example.
 */
export function templateFor(operation: Operation, values: CallValues, runIdParam: string | undefined, problem: Problems, at: string): RequestTemplate {
  const method = operation.method.toUpperCase();
  if (!METHODS.includes(method)) problem(at, `${operation.operationId} is ${method}, which a load flow cannot send (${METHODS.join(', ')})`);
  const missing: string[] = [];
  const path = operation.pathTemplate.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    if (name === runIdParam) return '{runId}';
    const value = values.params[name];
    if (value === undefined) {
      missing.push(name);
      return `{${name}}`;
    }
    return encodePathValue(value);
  });
  if (missing.length > 0) problem(at, `${operation.operationId} (${method} ${operation.pathTemplate}) needs path parameter${missing.length > 1 ? 's' : ''} ${missing.map((name) => `"${name}"`).join(', ')}: add ${missing.length > 1 ? 'them' : 'it'} to params`);
  const required = operation.parameters.query.filter((parameter) => parameter.required && values.query[parameter.name] === undefined).map((parameter) => parameter.name);
  if (required.length > 0) problem(at, `${operation.operationId} requires query parameter${required.length > 1 ? 's' : ''} ${required.map((name) => `"${name}"`).join(', ')}: add ${required.length > 1 ? 'them' : 'it'} to query`);
  const body = values.body ?? defaultBody(operation);
  return {
    operationId: operation.operationId,
    method: method as HttpMethod,
    path,
    ...(Object.keys(values.query).length > 0 ? { query: values.query } : {}),
    ...(Object.keys(values.headers).length > 0 ? { headers: values.headers } : {}),
    ...(body === undefined ? {} : { body }),
  };
}

/**
 * The path parameter a poll (or any call on an existing run) puts the run id in: the one named, else the path's
 * only parameter the call's own params do not give, else the only one the create's params do not give either
 * (`/org/{org_id}/runs/{run_id}` after a create that named `org_id`).
 */
export function runIdParameter(operation: Operation, own: Readonly<Record<string, string>>, context: Readonly<Record<string, string>>, named: string | undefined, problem: Problems, at: string): string | undefined {
  const names = pathParameters(operation);
  if (named !== undefined) {
    if (names.includes(named)) return named;
    problem(`${at}/runIdParam`, `runIdParam "${named}" is no path parameter of ${operation.operationId} (${operation.pathTemplate})`);
    return undefined;
  }
  let candidates = names.filter((name) => own[name] === undefined);
  if (candidates.length > 1) candidates = candidates.filter((name) => context[name] === undefined);
  if (candidates.length === 1) return candidates[0];
  problem(at, `cannot tell which path parameter of ${operation.operationId} (${operation.pathTemplate}) takes the run id${candidates.length > 1 ? ` (it could be ${candidates.join(' or ')})` : ': every one is given in params'}: set runIdParam`);
  return undefined;
}

/** The first example of the operation's JSON request body, else `{}` when a body is required. */
function defaultBody(operation: Operation): unknown {
  const requestBody = operation.requestBody;
  if (requestBody === undefined) return undefined;
  const json = Object.entries(requestBody.content).find(([type]) => /json/i.test(type))?.[1];
  const example = json?.examples[0];
  if (example !== undefined) return example.value;
  return requestBody.required ? {} : undefined;
}

/** Percent-encodes a path value but keeps `{uuid}`, which becomes a fresh UUID per request. */
function encodePathValue(value: string): string {
  return value.split('{uuid}').map(encodeURIComponent).join('{uuid}');
}
