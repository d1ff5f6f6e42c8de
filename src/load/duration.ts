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
