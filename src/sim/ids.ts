const UUID_PATTERN = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/** True for a UUID in 8-4-4-4-12 hex form (any version, either case, optional `urn:uuid:`), as Ajv's `format: uuid` checks. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
