import { describe, expect, it } from 'vitest';
import { parseEventStream } from './sse.ts';

describe('parseEventStream', () => {
  it('splits events on blank lines and joins multi-line data', () => {
    const text = 'data: {"a":1}\n\n: a comment\n\nevent: done\ndata: line one\ndata: line two\n\n';
    expect(parseEventStream(text)).toEqual([{ data: '{"a":1}' }, { event: 'done', data: 'line one\nline two' }]);
  });

  it('accepts CRLF line endings and a missing final blank line', () => {
    expect(parseEventStream('data:x\r\n\r\ndata: y')).toEqual([{ data: 'x' }, { data: 'y' }]);
  });
});
