import type { Violation } from '../core/violation.ts';

/**
 * Whether a response finding only says the pact leaves something out: a documented required property, a required
 * header, or the whole body. A pact response is the minimum the consumer relies on, not the provider's whole answer
 * (Postel's law, as Pact and PactFlow read it), so outside `--strict` these are not breaks. A property the schema
 * does not allow, or a value of the wrong type, is still one: the provider would never send it.
 */
export function isOmission(violation: Violation): boolean {
  if (violation.where !== 'response') return false;
  if (violation.code === 'BODY_MISSING' || violation.code === 'HEADER_MISSING') return true;
  if (violation.code !== 'SCHEMA_MISMATCH') return false;
  // Ajv's required / dependentRequired findings point at the missing property and received nothing there.
  if (violation.received === undefined && violation.message.startsWith('Received: (missing)\n')) return true;
  // A pact object with fewer properties than minProperties is a subset too.
  return /\nDocumented: at least \d+ properties$/.test(violation.message);
}

/** The response findings left once omissions are allowed (see isOmission). */
export function consumerMinimum(violations: readonly Violation[]): Violation[] {
  return violations.filter((violation) => !isOmission(violation));
}
