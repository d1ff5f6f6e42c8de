import { describe, expect, it } from 'vitest';
import { digestOf, sameContent } from './schema-digest.ts';

describe('digestOf', () => {
  it('gives equal content the same digest whatever the key order, and different content a different one', () => {
    expect(sameContent({ type: 'string', enum: ['a', 'b'] }, { enum: ['a', 'b'], type: 'string' })).toBe(true);
    expect(sameContent({ type: 'string', enum: ['a', 'b'] }, { type: 'string', enum: ['b', 'a'] })).toBe(false);
    expect(sameContent({ a: { b: 1 } }, { a: { b: '1' } })).toBe(false);
  });

  it('gives no digest to a value inside a cycle, so it is walked rather than skipped', () => {
    const node: Record<string, unknown> = { type: 'object' };
    node.child = node;
    const copy: Record<string, unknown> = { type: 'object' };
    copy.child = copy;
    expect(digestOf(node)).toBeUndefined();
    expect(sameContent(node, copy)).toBe(false);
    expect(sameContent({ leaf: { type: 'string' }, loop: node }, { leaf: { type: 'string' }, loop: copy })).toBe(false);
  });
});
