import { RunwardenError } from '../core/errors.ts';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The shortest duration a timer can honour: below 1 ms, Node rounds up and the run would not be what was asked. */
export const MIN_DURATION_MS = 1;
/**
 * The longest: 24 h. Timers overflow past 2^31 − 1 ms (~24.8 days) and fire after 1 ms, so `1000h` used to report a
 * 1 ms run as normal; a day is far above any load test and well below the overflow.
 */
export const MAX_DURATION_MS = 24 * 3_600_000;
const RANGE = `from ${MIN_DURATION_MS}ms to ${MAX_DURATION_MS / 3_600_000}h`;

/** Parses `500ms`, `10s`, `2m`, `1h` (or a bare number of seconds) into milliseconds, from 1 ms to 24 h. */
export function parseDuration(text: string, what = 'duration'): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const value = match ? Number(match[1]) * UNITS[match[2] ?? 's']! : Number.NaN;
  if (!(value >= MIN_DURATION_MS && value <= MAX_DURATION_MS)) {
    const outOfRange = Number.isFinite(value) && match !== null;
    throw new RunwardenError('USAGE', `invalid ${what}${outOfRange ? `: out of range` : ''}\nReceived: ${text}\nExpected: a number with a unit, ${RANGE}: 500ms, 10s, 2m, 1h`);
  }
  return value;
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;

/**
 * A scenario document's duration (`500ms`, `10s`) in milliseconds, at most 24 h. A malformed one is reported to
 * `problem` at `at` (a JSON pointer) and counts as 0, so every problem of a document is found in one pass.
 */
export function durationMs(text: unknown, at: string, problem: (at: string, text: string) => void, allowZero = false): number {
  const match = typeof text === 'string' ? DURATION.exec(text) : null;
  const value = match ? Number(match[1]) * UNITS[match[2]!]! : Number.NaN;
  if ((value >= MIN_DURATION_MS || (allowZero && value === 0)) && value <= MAX_DURATION_MS) return value;
  if (value > MAX_DURATION_MS || (value > 0 && value < MIN_DURATION_MS)) {
    problem(at, `${JSON.stringify(text)} is out of range: a duration is ${allowZero ? '0 or ' : ''}${RANGE}`);
    return 0;
  }
  problem(at, `${JSON.stringify(text)} is no ${allowZero ? '' : 'positive '}duration: write a number with a unit, e.g. 500ms, 10s, 2m`);
  return 0;
}
