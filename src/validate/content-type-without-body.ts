import type { Violation } from '../core/violation.ts';
import type { Operation } from '../spec/loaded-spec.ts';
import { isEmptyBody } from './check-body.ts';
import { formatList } from './format-value.ts';
import { matchMediaType } from './media-type.ts';

/**
 * CONTENT_TYPE_UNDOCUMENTED for a request that names a Content-Type but sends no body, when its operation takes a
 * request body but not of that media type: what a recorded interaction (a pact, a HAR entry) says it sends is a type
 * the provider does not document. An operation that takes no body at all ignores the header (a client that sets
 * `Content-Type: application/json` on every request, GETs included, breaks nothing), as the peers read it. Not part of `validateRequest`: a server (the simulator) must not refuse a request for
 * a header it can ignore; the contract cross-check and `validate --har` call it.
 */
export function contentTypeWithoutBody(operation: Operation, contentType: string | undefined, body: unknown): Violation[] {
  if (contentType === undefined || contentType.trim() === '' || !isEmptyBody(body)) return [];
  const documented = Object.keys(operation.requestBody?.content ?? {});
  if (documented.length === 0 || matchMediaType(contentType, documented) !== undefined) return [];
  return [{
    operationId: operation.operationId, where: 'request', part: 'content-type', code: 'CONTENT_TYPE_UNDOCUMENTED',
    specLocation: operation.requestBody?.specLocation ?? operation.specLocation,
    message: `Received: Content-Type ${contentType} (without a body)\nDocumented: ${formatList(documented)}`,
    received: contentType, documented,
  }];
}
