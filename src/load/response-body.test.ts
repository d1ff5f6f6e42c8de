import { describe, expect, it } from 'vitest';
import { normalizeHeaders, parseBody, runIdOf } from './response-body.ts';

describe('response bodies', () => {
  it('parses JSON and keeps anything else as text', () => {
    expect(parseBody('{"a":1}')).toEqual({ a: 1 });
    expect(parseBody('data: x\n\n')).toBe('data: x\n\n');
    expect(parseBody('')).toBeUndefined();
  });

  it('finds a run id at a dotted path in JSON, or in the data of server-sent events', () => {
    expect(runIdOf({ field: 'id' }, '', { id: 'trun_1' })).toBe('trun_1');
    expect(runIdOf({ field: 'id' }, '', { id: '' })).toBeUndefined();
    const stream = 'data: {"event_type": "session_id", "metadata": {"session_id": "s"}}\n\ndata: {"event_type": "done", "metadata": {"session_id": "s", "run_id": "r-9"}}\n\n';
    expect(runIdOf({ field: 'metadata.run_id', stream: 'sse' }, stream, stream)).toBe('r-9');
  });

  it('lower-cases header names for validators', () => {
    expect(normalizeHeaders({ 'Content-Type': 'application/json', 'Set-Cookie': ['a', 'b'] })).toEqual({ 'content-type': 'application/json', 'set-cookie': 'a, b' });
  });
});
