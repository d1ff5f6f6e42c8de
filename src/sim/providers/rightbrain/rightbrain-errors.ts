import { json, type JsonReply } from '../../http/reply.ts';
import type { ProviderErrors } from '../provider.ts';

/** One FastAPI/Pydantic validation failure. */
export interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
}

/** An application error: `{"detail": {"reason", "message"}}`. */
export function detailError(status: number, reason: string, message: string, headers?: Record<string, string>): JsonReply {
  return json(status, { detail: { reason, message } }, headers);
}

/** A FastAPI 422: `{"detail": [{loc, msg, type, ...}]}`. */
export function validationError(issues: ValidationIssue[]): JsonReply {
  return json(422, { detail: issues });
}

/** 400 for a path id that is not a UUID. */
export function malformedId(value: string, name: string): JsonReply {
  return detailError(400, 'MALFORMED_RESOURCE_IDENTIFIER', `Malformed resource identifier: '${value}' is not a valid UUID (${name})`);
}

/** 403 for a project the API client lacks permission on. */
export function permissionDenied(projectId: string): JsonReply {
  return detailError(403, 'PERMISSION_CHECK_FAILED', `Permission check failed: the API client lacks the required permission on project ${projectId}.`);
}

/** 404 in the `RESOURCE_NOT_FOUND` shape. */
export function notFound(message: string): JsonReply {
  return detailError(404, 'RESOURCE_NOT_FOUND', message);
}

/** Rightbrain's error replies for the request pipeline (the 401 comes from the gateway, in its own envelope). */
export const rightbrainErrors: ProviderErrors = {
  unauthorized: (hasHeader) => json(401, { error: { code: 401, message: hasHeader ? 'Invalid bearer token' : 'Missing bearer token' } }),
  notFound,
  payloadTooLarge: () => detailError(413, 'PAYLOAD_TOO_LARGE', 'Request body exceeds the maximum allowed size.'),
  malformedJson: (message) => validationError([{ type: 'json_invalid', loc: ['body', 0], msg: `JSON decode error: ${message}`, ctx: { error: message } }]),
  serverError: (status) => detailError(status, 'INTERNAL_ERROR', 'An unexpected error occurred. Please try again later.'),
  rateLimited: (message) => detailError(429, 'RATE_LIMITED', message),
};
