import { setAtPointer } from '../../core/profile/index.ts';
import type { Operation } from '../../spec/index.ts';
import { json, type JsonReply } from '../http/reply.ts';
import type { ProviderErrors } from '../providers/provider.ts';
import { hashString } from '../random.ts';
import { RequestIdDraws, requestIdSlots, type RequestIdField } from './request-ids.ts';
import { documentedResponse, documents, jsonMediaOf } from './spec-operations.ts';
import { summarize, type TemplateTools } from './template-tools.ts';

/** An operation that answers `status` with a minimal body: the spec documents no JSON shape for it anywhere. */
export interface MinimalBody {
  operationId: string;
  status: number;
}

/** A documented error body, with the field our message goes into. */
interface ErrorShape {
  body: unknown;
  messagePointer: string | undefined;
  headers: Record<string, string>;
  /** Fields that identify the request (`request_id`): drawn afresh for every reply. */
  requestIds: RequestIdField[];
}

/** Fields an error's human-readable message goes into, by preference. */
const MESSAGE_KEYS = ['message', 'detail', 'error_description', 'description', 'title', 'msg', 'error'];
const SAMPLE_MESSAGE = 'A sample message from the runwarden simulator.';
const MINIMAL_CODES: Record<number, string> = {
  400: 'invalid_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 413: 'payload_too_large',
  422: 'unprocessable_entity', 429: 'rate_limited',
};

/**
 * Error replies in the spec's documented shapes: an operation's own for the status, else the first shape the spec
 * documents for that status elsewhere, else a minimal `{"error": {"code", "message"}}`. Shapes are prepared once.
 */
export class ErrorReplies {
  private readonly own = new Map<string, ErrorShape | null>();
  private readonly spec = new Map<number, ErrorShape | null>();
  private readonly requestIds: RequestIdDraws;

  constructor(
    private readonly tools: TemplateTools,
    private readonly operations: readonly Operation[],
  ) {
    this.requestIds = new RequestIdDraws(tools.seed ^ hashString('error replies'));
  }

  /** Starts the request-id draws over (a simulator reset): the same requests then get the same ids again. */
  reset(): void {
    this.requestIds.reset();
  }

  /** The reply for error `status` (an operation's, or the provider's when `operation` is undefined). */
  reply(operation: Operation | undefined, status: number, message: string, headers?: Record<string, string>): JsonReply {
    const shape = this.shapeFor(operation, status);
    if (shape === undefined) return json(status, { error: { code: MINIMAL_CODES[status] ?? (status >= 500 ? 'server_error' : 'error'), message } }, headers);
    const body = structuredClone(shape.body);
    if (shape.messagePointer !== undefined) setAtPointer(body as Record<string, unknown>, shape.messagePointer, message);
    if (shape.requestIds.length > 0) {
      const drawn = this.requestIds.next(shape.requestIds);
      shape.requestIds.forEach(({ pointer }, index) => setAtPointer(body as Record<string, unknown>, pointer, drawn[index]!));
    }
    return json(status, body, headers ? { ...shape.headers, ...headers } : shape.headers);
  }

  /** True when `reply` would answer with the minimal body. */
  isMinimal(operation: Operation | undefined, status: number): boolean {
    return this.shapeFor(operation, status) === undefined;
  }

  /**
   * How the API answers an invalid request: 400, or 422 where the operation (else the spec) documents only that,
   * or where it documents both and the body is what is wrong (the FastAPI split: 400 for ids, 422 for bodies).
   */
  invalidStatus(operation?: Operation, bodyIsWrong = false): number {
    if (bodyIsWrong && (operation ? documents(operation, 422) : this.operations.some((candidate) => documents(candidate, 422)))) return 422;
    if (operation && documents(operation, 400)) return 400;
    if (operation && documents(operation, 422)) return 422;
    if (this.operations.some((candidate) => documents(candidate, 400))) return 400;
    return this.operations.some((candidate) => documents(candidate, 422)) ? 422 : 400;
  }

  /** The provider-wide replies the request pipeline sends (auth, unknown routes, limits, faults). */
  providerErrors(): ProviderErrors {
    return {
      unauthorized: (hasHeader) => this.reply(undefined, 401, hasHeader ? 'The credentials are not valid.' : 'No credentials were sent.'),
      notFound: (message) => this.reply(undefined, 404, message),
      payloadTooLarge: (limit) => this.reply(undefined, 413, `The request body exceeds the limit of ${limit} bytes.`),
      malformedJson: (message) => this.reply(undefined, this.invalidStatus(undefined, true), `The request body is not valid JSON: ${message}`),
      serverError: (status) => this.reply(undefined, status, 'An internal error occurred (simulated). Retry the request.'),
      rateLimited: (message, retryAfter) => this.reply(undefined, 429, message, retryAfter === undefined ? undefined : { 'retry-after': String(retryAfter) }),
    };
  }

  private shapeFor(operation: Operation | undefined, status: number): ErrorShape | undefined {
    return (operation && this.ownShape(operation, status)) ?? this.specShape(status) ?? (status > 500 ? this.specShape(500) : undefined);
  }

  /** The operation's own documented shape for the status (exact, range or `default`). */
  private ownShape(operation: Operation, status: number): ErrorShape | undefined {
    const key = `${operation.operationId} ${status}`;
    if (!this.own.has(key)) this.own.set(key, this.build(operation, status) ?? null);
    return this.own.get(key) ?? undefined;
  }

  /** The first shape any operation documents for the status: exact codes first, then ranges, then `default`. */
  private specShape(status: number): ErrorShape | undefined {
    if (!this.spec.has(status)) {
      const lenders = [String(status), `${Math.floor(status / 100)}XX`, 'default']
        .map((key) => this.operations.find((operation) => operation.responses[key] !== undefined && jsonMediaOf(operation.responses[key]!.content)));
      const lender = lenders.find((operation) => operation !== undefined);
      this.spec.set(status, (lender && this.ownShape(lender, status)) ?? null);
    }
    return this.spec.get(status) ?? undefined;
  }

  /** Prepares a documented error body: the first candidate that conforms with a message in it. */
  private build(operation: Operation, status: number): ErrorShape | undefined {
    const found = documentedResponse(operation, status);
    if (!found || (found.key === 'default' && status < 400)) return undefined;
    const media = jsonMediaOf(found.response.content);
    if (!media) return undefined;
    const owner = `${operation.operationId} ${found.key}`;
    const headers = this.tools.headersOf(found.response, owner, media.type);
    let fallback: ErrorShape | undefined;
    let problem = '';
    for (const candidate of this.tools.candidates(owner, media.media).all()) {
      const messagePointer = messagePointerOf(candidate);
      const requestIds = requestIdSlots(candidate, new Set(), this.tools.sampleRng);
      const untouched = structuredClone(candidate);
      if (messagePointer !== undefined) setAtPointer(candidate as Record<string, unknown>, messagePointer, SAMPLE_MESSAGE);
      const violations = this.tools.check(operation.operationId, status, candidate, headers);
      if (violations.length === 0) return { body: candidate, messagePointer, headers, requestIds };
      // A message field with an enum or a length limit keeps the documented text.
      if (messagePointer !== undefined && this.tools.check(operation.operationId, status, untouched, headers).length === 0) {
        return { body: untouched, messagePointer: undefined, headers, requestIds };
      }
      if (fallback === undefined) {
        fallback = { body: candidate, messagePointer, headers, requestIds };
        problem = summarize(violations);
      }
    }
    if (fallback) this.tools.note(`${operation.operationId} ${status}: no error body conforms to the spec: ${problem}`);
    return fallback;
  }
}

/** The pointer of the body's message field: the preferred key found nearest the top, holding a string. */
function messagePointerOf(body: unknown): string | undefined {
  for (const key of MESSAGE_KEYS) {
    let level: Array<{ value: unknown; pointer: string }> = [{ value: body, pointer: '' }];
    for (let depth = 0; depth < 4 && level.length > 0; depth++) {
      const next: typeof level = [];
      for (const { value, pointer } of level) {
        if (typeof value !== 'object' || value === null) continue;
        const entries = Array.isArray(value) ? value.slice(0, 1).map((item, index) => [String(index), item] as const) : Object.entries(value);
        for (const [name, child] of entries) {
          const childPointer = `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
          if (name === key && typeof child === 'string') return childPointer;
          next.push({ value: child, pointer: childPointer });
        }
      }
      level = next;
    }
  }
  return undefined;
}
