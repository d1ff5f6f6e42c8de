import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, lineColumnOf } from './json-syntax-error.ts';

describe('findJsonSyntaxError', () => {
  it('accepts valid JSON', () => {
    expect(findJsonSyntaxError('{"a": [1, -2.5e3, true, null, "x\\u0041"]}')).toBeUndefined();
  });

  it('locates a missing value', () => {
    expect(findJsonSyntaxError('{"a": }')).toEqual({ offset: 6, reason: 'unexpected character "}", expected a value' });
  });

  it('locates the end of a truncated document', () => {
    expect(findJsonSyntaxError('{"a": 1')).toMatchObject({ offset: 7, reason: expect.stringContaining('end of input') });
  });

  it('rejects trailing text after the value', () => {
    expect(findJsonSyntaxError('{} x')).toMatchObject({ offset: 3 });
  });

  it('turns an offset into a one-based line and column', () => {
    expect(lineColumnOf('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
