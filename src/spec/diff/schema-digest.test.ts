import { describe, expect, it } from 'vitest';
import { createDigester, digestOf, sameContent } from './schema-digest.ts';

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

  it('digests a bundled $ref as what it points to, so two documents compare without being dereferenced', () => {
    const documentA = { components: { schemas: { Thing: { type: 'object', properties: { id: { type: 'string' } } } } }, body: { $ref: '#/components/schemas/Thing' } };
    const documentB = { components: { schemas: { Widget: { type: 'object', properties: { id: { type: 'string' } } } } }, body: { $ref: '#/components/schemas/Widget' } };
    const documentC = { components: { schemas: { Thing: { type: 'object', properties: { id: { type: 'integer' } } } } }, body: { $ref: '#/components/schemas/Thing' } };
    const resolver = (document: Record<string, any>) => (ref: string): unknown => ref.slice(2).split('/').reduce((node, token) => node?.[token], document);
    const [a, b, c] = [documentA, documentB, documentC].map((document) => createDigester(resolver(document)));
    expect(a!(documentA.body)).toBe(b!(documentB.body));
    expect(a!(documentA.body)).not.toBe(c!(documentC.body));
    // A $ref with a sibling is not its bare target, and without a resolver a $ref is only a string.
    expect(a!({ $ref: '#/components/schemas/Thing', description: 'x' })).not.toBe(a!(documentA.body));
    expect(digestOf(documentA.body)).not.toBe(digestOf(documentB.body));
  });
});

