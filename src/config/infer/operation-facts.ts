import { valueAtPointer } from '../../core/profile/index.ts';
import type { LoadedSpec, MediaType, Operation, ResponseSpec, SchemaObject } from '../../spec/index.ts';

/** An operation's documented 2xx statuses, most telling for a create first: 202, 201, 200, then the rest. */
export function successStatuses(operation: Operation): string[] {
  const rank = (status: string): number => ['202', '201', '200'].indexOf(status) === -1 ? 3 : ['202', '201', '200'].indexOf(status);
  return Object.keys(operation.responses).filter((status) => /^2(\d\d|XX)$/.test(status)).sort((a, b) => rank(a) - rank(b));
}

/** The JSON media type of a response or request body (`application/json`, `…+json`), if any. */
export function jsonMedia(content: Record<string, MediaType> | undefined): MediaType | undefined {
  const entry = Object.entries(content ?? {}).find(([type]) => type === 'application/json' || /\+json$/.test(type))
    ?? Object.entries(content ?? {}).find(([type]) => type === '*/*');
  return entry?.[1];
}

/** The JSON schema a response carries, if any. */
export function jsonSchemaOf(response: ResponseSpec | undefined): SchemaObject | undefined {
  return jsonMedia(response?.content)?.schema;
}

/** The `text/event-stream` media type of a response (a create that streams its run), if any. */
export function eventStreamOf(response: ResponseSpec | undefined): MediaType | undefined {
  return response?.content['text/event-stream'];
}

/** The documented `Location` header of a response, by its spelling in the spec. */
export function locationHeaderOf(response: ResponseSpec | undefined): string | undefined {
  return Object.keys(response?.headers ?? {}).find((name) => name.toLowerCase() === 'location');
}

/** The operation's success response whose schema the poll's run is read from: 200, else the first 2xx. */
export function readResponseOf(operation: Operation): { status: string; response: ResponseSpec } | undefined {
  const status = ['200', '2XX', ...successStatuses(operation)].find((candidate) => operation.responses[candidate] !== undefined);
  return status === undefined ? undefined : { status, response: operation.responses[status]! };
}

/** A path template's segments with every parameter as `{}`: `/runs/{id}` → `['runs', '{}']`. */
export function segmentsOf(pathTemplate: string): string[] {
  return pathTemplate.split('/').filter((segment) => segment !== '').map((segment) => segment.replace(/\{[^}]+\}/g, '{}'));
}

/** The path parameters of a template in the order they appear, with the index of the segment each is in. */
export function pathParams(pathTemplate: string): Array<{ name: string; segment: number }> {
  return pathTemplate.split('/').filter((segment) => segment !== '')
    .flatMap((segment, index) => [...segment.matchAll(/\{([^}]+)\}/g)].map((match) => ({ name: match[1]!, segment: index })));
}

/** The operationIds a response's OpenAPI `links` point to (read from the document: the index keeps no links). */
export function linkedOperationIds(spec: LoadedSpec, response: ResponseSpec): string[] {
  const raw = valueAtPointer(spec.document, response.specLocation.replace(/^#/, '')) as { links?: Record<string, { operationId?: unknown; operationRef?: unknown }> } | undefined;
  return Object.values(raw?.links ?? {}).flatMap((link) => {
    if (typeof link?.operationId === 'string') return [link.operationId];
    if (typeof link?.operationRef === 'string') return spec.operations.filter((operation) => link.operationRef === operation.specLocation).map((operation) => operation.operationId);
    return [];
  });
}

/** `POST /jobs (submitJob)`: how messages name an operation. */
export function describeOperation(operation: Operation): string {
  return `${operation.method.toUpperCase()} ${operation.pathTemplate} (${operation.operationId})`;
}

/** A plural path noun made singular, roughly (`task-runs` → `task-run`, `entries` → `entry`): for names, never for matching wire values. */
export function singular(noun: string): string {
  if (/ies$/.test(noun)) return `${noun.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(noun)) return noun;
  if (/(xes|ches|shes|sses|uses)$/.test(noun)) return noun.slice(0, -2);
  return noun.replace(/s$/, '');
}
