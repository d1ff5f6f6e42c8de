import { RunwardenError } from '../core/errors.ts';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses `500ms`, `10s`, `2m`, `1h` (or a bare number of seconds) into milliseconds. */
export function parseDuration(text: string, what = 'duration'): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const value = match ? Number(match[1]) * UNITS[match[2] ?? 's']! : Number.NaN;
  if (!(value > 0)) {
    throw new RunwardenError('USAGE', `invalid ${what}\nReceived: ${text}\nExpected: a positive number with a unit: 500ms, 10s, 2m, 1h`);
  }
  return value;
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;

/**
 * A scenario document's duration (`500ms`, `10s`) in milliseconds. A malformed one is reported to `problem` at `at`
 * (a JSON pointer) and counts as 0, so every problem of a document is found in one pass.
 */
export function durationMs(text: unknown, at: string, problem: (at: string, text: string) => void, allowZero = false): number {
  const match = typeof text === 'string' ? DURATION.exec(text) : null;
  const value = match ? Number(match[1]) * UNITS[match[2]!]! : Number.NaN;
  if (value > 0 || (allowZero && value === 0)) return value;
  problem(at, `${JSON.stringify(text)} is no ${allowZero ? '' : 'positive '}duration: write a number with a unit, e.g. 500ms, 10s, 2m`);
  return 0;
}
