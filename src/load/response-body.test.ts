import { describe, expect, it } from 'vitest';
import { normalizeHeaders, parseBody, runIdOf } from './response-body.ts';

describe('response bodies', () => {
  it('parses JSON and keeps anything else as text', () => {
    expect(parseBody('{"a":1}')).toEqual({ a: 1 });
    expect(parseBody('data: x\n\n')).toBe('data: x\n\n');
    expect(parseBody('')).toBeUndefined();
  });

  it('finds a run id at a JSON pointer in the body', () => {
    expect(runIdOf({ from: 'body', pointer: '/id' }, '', { id: 'trun_1' })).toBe('trun_1');
    expect(runIdOf({ from: 'body', pointer: '/data/run/id' }, '', { data: { run: { id: 42 } } })).toBe('42');
    expect(runIdOf({ from: 'body', pointer: '/id' }, '', { id: '' })).toBeUndefined();
  });

  it('takes the last path segment of a URL-valued header, or the header itself', () => {
    expect(runIdOf({ from: 'header', name: 'Location' }, '', undefined, { location: '/api/jobs/j%2017' })).toBe('j 17');
    expect(runIdOf({ from: 'header', name: 'Location' }, '', undefined, { Location: 'http://127.0.0.1:9/api/jobs/j-2/' })).toBe('j-2');
    expect(runIdOf({ from: 'header', name: 'X-Run-Id' }, '', undefined, { 'x-run-id': 'r-3' })).toBe('r-3');
    expect(runIdOf({ from: 'header', name: 'Location' }, '', undefined, {})).toBeUndefined();
  });

  it('reads the id from server-sent events: the last event that has it, or the named event', () => {
    const stream = 'data: {"event_type": "session_id", "metadata": {"session_id": "s", "run_id": "early"}}\n\nevent: done\ndata: {"metadata": {"run_id": "r-9"}}\n\ndata: {"other": 1}\n\n';
    expect(runIdOf({ from: 'sse', pointer: '/metadata/run_id' }, stream, stream)).toBe('r-9');
    expect(runIdOf({ from: 'sse', pointer: '/metadata/run_id', event: 'done' }, stream, stream)).toBe('r-9');
    expect(runIdOf({ from: 'sse', pointer: '/metadata/run_id', event: 'nope' }, stream, stream)).toBeUndefined();
  });

  it('lower-cases header names for validators', () => {
    expect(normalizeHeaders({ 'Content-Type': 'application/json', 'Set-Cookie': ['a', 'b'] })).toEqual({ 'content-type': 'application/json', 'set-cookie': 'a, b' });
  });
});
