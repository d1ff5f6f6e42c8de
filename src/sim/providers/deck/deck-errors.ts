import { json, type JsonReply } from '../../http/reply.ts';
import type { ProviderErrors } from '../provider.ts';

/** One Deck error item. */
export interface DeckErrorItem {
  type: string;
  code: string;
  message: string;
  field?: string;
}

/** A Deck error reply: `{"errors": [...], "request_id": "req_..."}`. */
export function deckError(status: number, item: DeckErrorItem, requestId: string, headers?: Record<string, string>): JsonReply {
  return json(status, { errors: [item], request_id: requestId }, headers);
}

/** Deck's error replies for the request pipeline. `requestId` draws a fresh `req_` id. */
export function deckErrors(requestId: () => string): ProviderErrors {
  return {
    unauthorized: (hasHeader) => deckError(401, {
      type: 'auth', code: 'auth_invalid',
      message: hasHeader ? 'The API key provided is invalid. Check the Authorization header.' : 'No API key provided. Send Authorization: Bearer <secret key>.',
    }, requestId()),
    notFound: (message) => deckError(404, { type: 'request', code: 'resource_not_found', message }, requestId()),
    payloadTooLarge: (limit) => deckError(413, {
      type: 'request', code: 'payload_too_large', message: `The request body exceeds the maximum allowed size of ${limit} bytes.`,
    }, requestId()),
    malformedJson: (message) => deckError(400, {
      type: 'request', code: 'input_invalid', field: 'body', message: `The request body is not valid JSON: ${message}`,
    }, requestId()),
    serverError: (status) => deckError(status, {
      type: 'api', code: 'api_error', message: 'An unexpected error occurred. Please retry, and contact support with the request_id if it persists.',
    }, requestId()),
    rateLimited: (message) => deckError(429, { type: 'rate_limit', code: 'rate_limit_exceeded', message }, requestId()),
  };
}
