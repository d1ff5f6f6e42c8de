import { randomUUID } from 'node:crypto';
import { RunwardenError } from '../core/errors.ts';
import type { OperationCall } from '../core/profile/index.ts';
import type { Operation } from '../spec/index.ts';
import type { HttpRequest } from './http.ts';

/** Which of a run kind's calls a request is, for messages that point into the profile. */
export type Role = 'create' | 'poll' | 'cancel';

/** A run's id, and the path values it lives under: its create's params, then the call's. */
export interface OnRun {
  id: string;
  context: Readonly<Record<string, string>>;
}

const UUID = /\{uuid\}/g;
const PATH_PARAM = /\{([^}]+)\}/g;

/** The method, path, query, headers and body of one call of an operation; for a call on a run, its id fills the run id's path parameter. */
export function requestFor(operation: Operation, call: OperationCall & { runIdParam?: string }, run: OnRun | undefined, role: Role): HttpRequest {
  const params: Record<string, string> = { ...run?.context, ...call.params };
  if (run !== undefined) params[runIdParamOf(operation, call, run.context, role)] = run.id;
  const path = operation.pathTemplate.replace(PATH_PARAM, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) {
      throw new RunwardenError('USAGE', `${operation.operationId}: no value for the path parameter "${name}" of ${operation.pathTemplate}`, `Set ${role}.params.${name} in the profile, or pass it in the call's params.`);
    }
    return encodeURIComponent(value);
  });
  const body = call.body ?? defaultBody(operation);
  const idempotent = operation.method === 'get' || Object.keys(call.headers ?? {}).some((name) => name.toLowerCase() === 'idempotency-key');
  return {
    operationId: operation.operationId,
    method: operation.method.toUpperCase() as HttpRequest['method'],
    path,
    query: { ...call.query },
    headers: { ...call.headers },
    ...(body === undefined ? {} : { body }),
    idempotent,
  };
}

/**
 * The path parameter that takes the run id: the profile's `runIdParam`, else the only one the call's own params
 * leave open, else the only one the create's params leave open too (the same rule as the load layer's).
 */
function runIdParamOf(operation: Operation, call: OperationCall & { runIdParam?: string }, context: Readonly<Record<string, string>>, role: Role): string {
  const names = operation.parameters.path.map((parameter) => parameter.name);
  if (call.runIdParam !== undefined) {
    if (names.includes(call.runIdParam)) return call.runIdParam;
    throw new RunwardenError('USAGE', `${operation.operationId} (${role}): runIdParam "${call.runIdParam}" is no path parameter of ${operation.pathTemplate}`,
      `Set ${role}.runIdParam in the profile to one of: ${names.join(', ') || '(none)'}.`);
  }
  let open = names.filter((name) => call.params?.[name] === undefined);
  if (open.length > 1) open = open.filter((name) => context[name] === undefined);
  if (open.length === 1) return open[0]!;
  throw new RunwardenError('USAGE', `${operation.operationId} (${role}): cannot tell which path parameter takes the run id\nReceived: ${open.join(', ') || '(every one is given in params)'} in ${operation.pathTemplate}`,
    `Set ${role}.runIdParam in the profile (docs/config.md).`);
}

/** The spec's first JSON request example; `{}` for a required body without one; otherwise no body. */
function defaultBody(operation: Operation): unknown {
  const content = operation.requestBody?.content;
  if (content === undefined) return undefined;
  const json = Object.entries(content).find(([type]) => /[/+]json\b/i.test(type))?.[1];
  const example = json?.examples[0];
  if (example !== undefined) return example.value;
  return operation.requestBody?.required ? {} : undefined;
}

/** Documented 2xx statuses (`2XX` expands); every 2xx when the operation documents none. */
export function successStatuses(operation: Operation): number[] {
  const all = Array.from({ length: 100 }, (_, index) => 200 + index);
  const keys = Object.keys(operation.responses);
  if (keys.some((key) => key.toUpperCase() === '2XX')) return all;
  const documented = keys.filter((key) => /^2\d\d$/.test(key)).map(Number);
  return documented.length > 0 ? documented : all;
}

/** `{uuid}` becomes a fresh UUID in every string of the call (an idempotency key, a client reference). */
export function withUuids<T>(value: T): T {
  if (typeof value === 'string') return value.replace(UUID, () => randomUUID()) as T;
  if (Array.isArray(value)) return value.map(withUuids) as T;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withUuids(item)])) as T;
  return value;
}
