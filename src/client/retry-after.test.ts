import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after.ts';

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(' 0.5 ')).toBe(500);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    const now = Date.parse('2025-06-03T14:22:08Z');
    expect(parseRetryAfter('Tue, 03 Jun 2025 14:22:11 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Tue, 03 Jun 2025 14:22:00 GMT', now)).toBe(0);
  });

  it('returns undefined for an absent or unreadable header', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
