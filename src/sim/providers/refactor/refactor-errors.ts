import { json, type JsonReply } from '../../http/reply.ts';
import type { ProviderErrors } from '../provider.ts';

/** The run error codes re-factor documents, reused as HTTP error codes (docs/DECISIONS.md). */
export type RefactorErrorCode =
  | 'INTERNAL_ERROR' | 'INVALID_INPUT' | 'RESOURCE_NOT_FOUND' | 'TIMEOUT' | 'RATE_LIMIT_EXCEEDED' | 'AUTHORIZATION_ERROR';

/** A re-factor error reply: `{"error": {"code", "message"}}`. */
export function refactorError(status: number, code: RefactorErrorCode, message: string, headers?: Record<string, string>): JsonReply {
  return json(status, { error: { code, message } }, headers);
}

/** re-factor's error replies for the request pipeline. */
export const refactorErrors: ProviderErrors = {
  unauthorized: (hasHeader) => refactorError(401, 'AUTHORIZATION_ERROR',
    hasHeader ? 'The bearer token is invalid or has expired.' : 'Missing Authorization header. Expected \'Bearer <token>\'.'),
  notFound: (message) => refactorError(404, 'RESOURCE_NOT_FOUND', message),
  payloadTooLarge: (limit) => refactorError(413, 'INVALID_INPUT', `Request body exceeds the maximum allowed size of ${limit} bytes; upload large files as resources and reference them by id.`),
  malformedJson: (message) => refactorError(400, 'INVALID_INPUT', `Request body is not valid JSON: ${message}`),
  serverError: (status) => refactorError(status, 'INTERNAL_ERROR', 'An unexpected error occurred in the system. Retry the request later.'),
  rateLimited: (message) => refactorError(429, 'RATE_LIMIT_EXCEEDED', message),
};
