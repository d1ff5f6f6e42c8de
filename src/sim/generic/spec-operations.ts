import { RunwardenError } from '../../core/errors.ts';
import type { RunCall } from '../../core/profile/index.ts';
import { closestNames, type MediaType, type Operation, type ResponseSpec } from '../../spec/index.ts';

/** A documented response found for a status: the exact code, else its range (`4XX`), else `default`. */
export interface FoundResponse {
  key: string;
  response: ResponseSpec;
}

/** The operation a profile names, or OPERATION_UNKNOWN saying where the profile names it and what the spec has. */
export function requireOperation(operations: ReadonlyMap<string, Operation>, operationId: string, where: string): Operation {
  const operation = operations.get(operationId);
  if (operation) return operation;
  const known = [...operations.keys()];
  const nearest = closestNames(operationId, known);
  throw new RunwardenError('OPERATION_UNKNOWN', `${where}: the spec has no operation "${operationId}"`,
    `${nearest.length > 0 ? `Did you mean ${nearest.join(', ')}? ` : ''}Operations in the spec: ${known.join(', ')}.`);
}

export function documentedResponse(operation: Operation, status: number): FoundResponse | undefined {
  for (const key of [String(status), `${Math.floor(status / 100)}XX`, 'default']) {
    const response = operation.responses[key];
    if (response) return { key, response };
  }
  return undefined;
}

/** The status an operation answers with when it succeeds: its first documented 2xx (200 when only `2XX` is). */
export function successStatus(operation: Operation): number {
  const codes = Object.keys(operation.responses).filter((key) => /^2\d\d$/.test(key));
  return codes.length > 0 ? Number(codes[0]) : 200;
}

/** True when the operation documents exactly this status. */
export function documents(operation: Operation, status: number): boolean {
  return operation.responses[String(status)] !== undefined;
}

/** The JSON media type of a content map (`application/json`, `*+json`, or a wildcard), if any. */
export function jsonMediaOf(content: Readonly<Record<string, MediaType>>): { type: string; media: MediaType } | undefined {
  const types = Object.keys(content);
  const json = types.find((type) => type === 'application/json') ?? types.find((type) => /[/+]json\b/.test(type))
    ?? types.find((type) => type === '*/*' || type === 'application/*');
  return json === undefined ? undefined : { type: json.includes('*') ? 'application/json' : json, media: content[json]! };
}

/**
 * The path parameter that takes the run id: the call's `runIdParam`, else the path's only parameter the call's
 * params do not give, else the only one the create's params do not give either (the load layer's rule).
 */
export function runIdParamOf(operation: Operation, call: RunCall, createParams: Readonly<Record<string, string>>, where: string): string {
  const names = operation.parameters.path.map((parameter) => parameter.name);
  if (call.runIdParam !== undefined) {
    if (names.includes(call.runIdParam)) return call.runIdParam;
    throw new RunwardenError('CONFIG_INVALID', `${where}: runIdParam "${call.runIdParam}" is no path parameter of ${operation.operationId} (${operation.pathTemplate})`,
      `Path parameters: ${names.join(', ') || '(none)'}.`);
  }
  let open = names.filter((name) => call.params?.[name] === undefined);
  if (open.length > 1) open = open.filter((name) => createParams[name] === undefined);
  if (open.length === 1) return open[0]!;
  throw new RunwardenError('CONFIG_INVALID', `${where}: cannot tell which path parameter of ${operation.operationId} (${operation.pathTemplate}) takes the run id`,
    open.length === 0 ? 'Every path parameter is given in params: check the operation.' : `Set runIdParam to one of ${open.join(', ')}.`);
}

/** The status a create answers with: an asynchronous one prefers 202, then 201; a `sync` one its first 2xx. */
export function createStatus(operation: Operation, sync: boolean): number {
  if (!sync) for (const status of [202, 201]) if (operation.responses[String(status)]) return status;
  return successStatus(operation);
}

/** True when the operation documents a request header of this (lower-case) name. */
export function hasHeaderParameter(operation: Operation, lowerName: string): boolean {
  return operation.parameters.header.some((parameter) => parameter.name.toLowerCase() === lowerName);
}

/** True when the operation takes a JSON request body. */
export function takesJsonBody(operation: Operation): boolean {
  return operation.requestBody !== undefined && jsonMediaOf(operation.requestBody.content) !== undefined;
}
