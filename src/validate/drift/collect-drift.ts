import type { Violation } from '../../core/violation.ts';
import { escapeToken, resolvePointer, tokensOf } from '../../spec/json-pointer.ts';
import type { Operation, ResponseSpec } from '../../spec/loaded-spec.ts';
import { validateHar } from '../har.ts';
import { mediaTypeOf } from '../media-type.ts';
import type { Validator } from '../validator.ts';
import { DRIFT_KINDS, type DriftExample, type DriftFinding, type DriftKind } from './drift-finding.ts';
import { undocumentedHeaders } from './undocumented-headers.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** HAR headers as one lower-cased map (repeated headers joined), as the validator reads them. */
function headerMap(list: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of Array.isArray(list) ? list : []) {
    if (!isObject(header) || typeof header.name !== 'string' || typeof header.value !== 'string') continue;
    const name = header.name.toLowerCase();
    headers[name] = headers[name] === undefined ? header.value : `${headers[name]}, ${header.value}`;
  }
  return headers;
}

/** A HAR body's JSON value, or its text when it is not JSON; undefined when there is none. */
function bodyValue(part: unknown): unknown {
  if (!isObject(part) || typeof part.text !== 'string' || part.text === '') return undefined;
  const text = part.encoding === 'base64' ? Buffer.from(part.text, 'base64').toString('utf8') : part.text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Array indices become `*`, so the same property in every item of an array is one finding. */
const shapeOf = (pointer: string): string => tokensOf(pointer).map((token) => `/${/^\d+$/.test(token) ? '*' : escapeToken(token)}`).join('');

/** Path segments that look like ids (digits, at least 6 characters, or a UUID) become `{id}` for undocumented routes. */
const routeShapeOf = (route: string): string => route.replace(/\/([^/?]+)/g, (segment, token: string) => (/^(?=.*\d)[\w-]{6,}$/.test(token) ? '/{id}' : segment));

const isAccepted = (status: number): boolean => status >= 200 && status < 400;

function documentedResponse(operation: Operation, status: number): ResponseSpec | undefined {
  return operation.responses[String(status)] ?? operation.responses[`${Math.floor(status / 100)}XX`] ?? operation.responses.default;
}

/**
 * Collects every undocumented operation, status, media type, response header, query parameter, body property and
 * enum value in recorded traffic, counted, with the first example of each. It runs the strict validator over each
 * HAR (the same checks as `runwarden validate --har --strict`) and reads its findings; request-side drift counts only
 * when the provider accepted the request (2xx/3xx), since a rejected request documents the client, not the API.
 */
export class DriftCollector {
  /** Exchanges checked against the spec (entries outside the base path, or without a response, are not). */
  exchanges = 0;
  skipped = 0;
  /** Entries left out by `addHar`'s `include` (e.g. another provider's, in a load run's samples). */
  excluded = 0;
  /** Findings that are spec violations rather than additions (a wrong type, a missing required property). */
  readonly violations = new Map<string, number>();
  private readonly found = new Map<string, DriftFinding>();
  private readonly byId: Map<string, Operation>;

  /** `validator` must be strict (`createValidator(spec, { strict: true })`): only strict mode reports undeclared properties. */
  constructor(private readonly validator: Validator) {
    this.byId = new Map(validator.spec.operations.map((operation) => [operation.operationId, operation]));
  }

  /**
   * Adds one parsed HAR document; throws HAR_INVALID as `validateHar` does. With `include`, only the entries it
   * accepts are collected (the others are counted in `excluded`); entry numbers stay those of the file.
   */
  addHar(har: unknown, file: string, include?: (entry: unknown) => boolean): void {
    const results = validateHar(this.validator, har, file);
    const entries = (har as { log: { entries: unknown[] } }).log.entries;
    for (const result of results) {
      if (include !== undefined && !include(entries[result.index])) {
        this.excluded++;
        continue;
      }
      if (result.skipped !== undefined) {
        this.skipped++;
        continue;
      }
      this.exchanges++;
      const entry = entries[result.index] as Json;
      const operation = result.operationId === undefined ? undefined : this.byId.get(result.operationId);
      const context = { file, index: result.index, status: result.status, entry, operation };
      for (const violation of result.violations) this.classify(violation, context);
      if (operation) this.headers(operation, context, result.violations);
    }
  }

  /** Every finding, by operation, then kind, then name. */
  findings(): DriftFinding[] {
    return [...this.found.values()].sort((a, b) => a.operation.localeCompare(b.operation)
      || DRIFT_KINDS.indexOf(a.kind) - DRIFT_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name) || (a.status ?? 0) - (b.status ?? 0));
  }

  private record(kind: DriftKind, finding: Omit<DriftFinding, 'kind' | 'count' | 'first'>, first: () => DriftExample): void {
    const key = [kind, finding.operation, finding.where, finding.status ?? '', finding.name].join('\u0000');
    const known = this.found.get(key);
    if (known) known.count++;
    else this.found.set(key, { kind, ...finding, count: 1, first: first() });
  }

  private classify(violation: Violation, context: EntryContext): void {
    const { file, index, status, entry, operation } = context;
    const label = operation ? `${operation.method.toUpperCase()} ${operation.pathTemplate}` : violation.operationId;
    const request = violation.where === 'request';
    if (request && !isAccepted(status)) return;
    const body = (): unknown => bodyValue(request ? (entry.request as Json).postData : (entry.response as Json).content);
    const example = (value: unknown, mediaType?: string): DriftExample => ({ har: file, entry: index, value, ...(mediaType ? { mediaType } : {}) });
    const onStatus = request ? {} : { status };
    switch (violation.code) {
      case 'ROUTE_UNKNOWN': {
        const [method, ...rest] = violation.operationId.split(' ');
        const basePath = this.validator.spec.basePath;
        const pathname = rest.join(' ');
        const route = `${method} ${routeShapeOf(basePath !== '' && pathname.startsWith(basePath) ? pathname.slice(basePath.length) || '/' : pathname)}`;
        const response = bodyValue((entry.response as Json).content);
        this.record('operation', { operation: route, where: 'request', status, name: route, specLocation: '#/paths' }, () => example(response));
        return;
      }
      case 'STATUS_UNDOCUMENTED':
        this.record('status', { operation: label, where: 'response', status, name: String(status), specLocation: violation.specLocation ?? '#/paths' },
          () => example(body(), this.mediaTypeOf(entry, false)));
        return;
      case 'CONTENT_TYPE_UNDOCUMENTED': {
        const mediaType = typeof violation.received === 'string' ? mediaTypeOf(violation.received) : '(none)';
        this.record('content-type', { operation: label, where: violation.where === 'request' ? 'request' : 'response', ...onStatus, name: mediaType, specLocation: violation.specLocation ?? '#/paths' },
          () => example(body(), mediaType));
        return;
      }
      case 'PROPERTY_UNDOCUMENTED': {
        if (violation.part === 'query') {
          const name = violation.pointer ?? String(violation.received);
          this.record('query-parameter', { operation: label, where: 'request', name, specLocation: violation.specLocation ?? '#/paths' },
            () => example(new URL(String((entry.request as Json).url), 'http://runwarden.invalid').searchParams.get(name)));
          return;
        }
        if (violation.part !== 'body') break;
        const pointer = violation.pointer ?? '';
        this.record('property', { operation: label, where: request ? 'request' : 'response', ...onStatus, name: shapeOf(pointer), specLocation: violation.specLocation ?? '#/paths' },
          () => example(resolvePointer(body(), pointer)?.value));
        return;
      }
      case 'SCHEMA_MISMATCH':
      case 'PARAMETER_INVALID': {
        const closed = violation.specLocation?.match(/^(.*)\/(additionalProperties|unevaluatedProperties)$/);
        if (closed && violation.part === 'body' && violation.pointer !== undefined) {
          // A closed schema the provider sent (or accepted) an extra property for: the property is drift.
          const pointer = violation.pointer;
          this.record('property', { operation: label, where: request ? 'request' : 'response', ...onStatus, name: shapeOf(pointer), specLocation: closed[1]! },
            () => example(resolvePointer(body(), pointer)?.value));
          return;
        }
        if (violation.specLocation?.endsWith('/enum')) {
          const where = violation.part === 'body' ? shapeOf(violation.pointer ?? '') : `${violation.part} ${violation.pointer ?? ''}`;
          this.record('enum-value', { operation: label, where: request ? 'request' : 'response', ...onStatus, name: `${where} = ${JSON.stringify(violation.received)}`, specLocation: violation.specLocation },
            () => example(violation.received));
          return;
        }
        break;
      }
      default:
        break;
    }
    this.violations.set(violation.code, (this.violations.get(violation.code) ?? 0) + 1);
  }

  /** Response headers the documented response does not list (not checked when the status itself is undocumented). */
  private headers(operation: Operation, context: EntryContext, violations: readonly Violation[]): void {
    if (violations.some((violation) => violation.code === 'STATUS_UNDOCUMENTED')) return;
    const documented = documentedResponse(operation, context.status);
    if (!documented) return;
    const received = headerMap((context.entry.response as Json).headers);
    for (const name of undocumentedHeaders(documented, received)) {
      this.record('header', { operation: `${operation.method.toUpperCase()} ${operation.pathTemplate}`, where: 'response', status: context.status, name, specLocation: documented.specLocation },
        () => ({ har: context.file, entry: context.index, value: received[name] }));
    }
  }

  private mediaTypeOf(entry: Json, request: boolean): string | undefined {
    const part = request ? (entry.request as Json).postData : (entry.response as Json).content;
    const mime = isObject(part) && typeof part.mimeType === 'string' && part.mimeType !== '' ? part.mimeType : headerMap((request ? entry.request as Json : entry.response as Json).headers)['content-type'];
    return mime ? mediaTypeOf(mime) : undefined;
  }
}

interface EntryContext {
  file: string;
  index: number;
  status: number;
  entry: Json;
  operation: Operation | undefined;
}
