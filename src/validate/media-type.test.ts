import { describe, expect, it } from 'vitest';
import { isJsonMediaType, matchMediaType, mediaTypeOf } from './media-type.ts';

describe('media types', () => {
  it('drops parameters and case', () => {
    expect(mediaTypeOf('Application/JSON; charset=utf-8')).toBe('application/json');
  });

  it('matches exactly first, then type wildcards, then */*', () => {
    expect(matchMediaType('application/json; charset=utf-8', ['text/plain', 'application/json'])).toBe('application/json');
    expect(matchMediaType('text/csv', ['application/json', 'text/*'])).toBe('text/*');
    expect(matchMediaType('image/png', ['application/json', '*/*'])).toBe('*/*');
    expect(matchMediaType('text/html', ['application/json'])).toBeUndefined();
  });

  it('recognizes JSON media types, including +json suffixes', () => {
    expect(isJsonMediaType('application/problem+json')).toBe(true);
    expect(isJsonMediaType('text/event-stream')).toBe(false);
  });
});
