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

  it('reads parameters other than charset as part of the type: version=1 is not version=2', () => {
    const versions = ['application/json;version=1.0.0', 'application/json; version="2.0.0"'];
    expect(matchMediaType('application/json; version=2.0.0', versions)).toBe('application/json; version="2.0.0"');
    expect(matchMediaType('application/json;version=1.0.0;charset=UTF-8', versions)).toBe('application/json;version=1.0.0');
    expect(matchMediaType('application/json;version=3.0.0', versions)).toBeUndefined();
    // No parameters: the first documented type of that type; extra parameters that contradict nothing are fine.
    expect(matchMediaType('application/json', versions)).toBe('application/json;version=1.0.0');
    expect(matchMediaType('application/json; version=1.0.0', ['application/json'])).toBe('application/json');
    expect(matchMediaType('application/json; charset=UTF-8', ['application/json;charset=utf-8'])).toBe('application/json;charset=utf-8');
  });

  it('recognizes JSON media types, including +json suffixes', () => {
    expect(isJsonMediaType('application/problem+json')).toBe(true);
    expect(isJsonMediaType('text/event-stream')).toBe(false);
  });
});
