import { describe, expect, it } from 'vitest';
import { unicodeSafePattern } from './unicode-pattern.ts';

describe('unicodeSafePattern', () => {
  it('keeps a pattern that is valid with the unicode flag', () => {
    expect(unicodeSafePattern('^[a-z]+\\d{2,}$')).toEqual({ pattern: '^[a-z]+\\d{2,}$', how: 'as-is' });
  });

  it('rewrites identity escapes and lone braces into a pattern that means the same with the unicode flag', () => {
    for (const [pattern, rewritten, matching] of [
      ['^ch\\_[a-z]+$', '^ch_[a-z]+$', 'ch_abc'],
      ['^[\\w\\-\\.]+\\@x$', '^[\\w\\-\\.]+@x$', 'a-b.c@x'],
      ['^{[a-z]+}$', '^\\{[a-z]+\\}$', '{abc}'],
    ] as const) {
      expect(unicodeSafePattern(pattern)).toEqual({ pattern: rewritten, how: 'rewritten' });
      expect(new RegExp(pattern).test(matching)).toBe(true);
      expect(new RegExp(rewritten, 'u').test(matching)).toBe(true);
    }
  });

  it('gives up on a pattern that is invalid either way', () => {
    expect(unicodeSafePattern('(unclosed')).toBeUndefined();
  });
});
