import { describe, expect, it } from 'vitest';
import { slotBody } from './slotted-body.ts';

describe('slotted bodies', () => {
  it('serialize once and put each value in its hole, in text order, leaving the body itself unchanged', () => {
    const body = { data: { run: { id: 'x', state: 'done' } }, meta: { at: 'y', note: 'keeps "quotes" and \u0000 text' } };
    const slotted = slotBody(body, ['/data/run/id', '/meta/at']);
    const text = slotted.render(['"run_1"', '"2025-06-03T12:00:00.000Z"']);
    expect(JSON.parse(text)).toEqual({ data: { run: { id: 'run_1', state: 'done' } }, meta: { at: '2025-06-03T12:00:00.000Z', note: 'keeps "quotes" and \u0000 text' } });
    expect(body.data.run.id).toBe('x');
    expect(slotted.has(0) && slotted.has(1)).toBe(true);
  });

  it('make no hole for an undefined pointer, and create the field a pointer names when the body lacks it', () => {
    const slotted = slotBody({ a: 1 }, [undefined, '/b/c']);
    expect(slotted.has(0)).toBe(false);
    expect(JSON.parse(slotted.render(['ignored', '42']))).toEqual({ a: 1, b: { c: 42 } });
  });
});
