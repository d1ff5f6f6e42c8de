/** Stable codes for problems that stop the harness: bad input, misconfiguration, unusable I/O. */
export type ErrorCode =
  | 'USAGE'
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'YAML_INVALID'
  | 'JSON_INVALID'
  | 'SPEC_INVALID'
  | 'REF_BROKEN'
  | 'SCHEMA_UNCOMPILABLE'
  | 'OPERATION_UNKNOWN'
  | 'HAR_INVALID'
  | 'CONFIG_INVALID'
  | 'URL_INVALID'
  | 'HOST_UNREACHABLE'
  | 'AUTH_FAILED'
  | 'TIMEOUT'
  | 'REMOTE_REFUSED'
  | 'PACT_INVALID'
  | 'PROVIDER_UNKNOWN'
  | 'PROFILE_NOT_INFERRED'
  | 'STATE_HANDLER_FAILED'
  | 'SCENARIO_UNKNOWN'
  | 'REPORT_INVALID'
  | 'LIMIT_EXCEEDED'
  | 'OUTPUT_UNWRITABLE'
  | 'INTERNAL';

/**
 * An error the user can act on: `message` says what went wrong and where, `hint` how to fix it.
 * Thrown only for input the harness cannot go on with; findings are `Violation`s, never errors.
 */
export class RunwardenError extends Error {
  override readonly name = 'RunwardenError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** True for errors raised on purpose by runwarden (as opposed to bugs). */
export function isRunwardenError(error: unknown): error is RunwardenError {
  return error instanceof RunwardenError;
}

/** A one-line description of any thrown value, for messages that must never show a stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
