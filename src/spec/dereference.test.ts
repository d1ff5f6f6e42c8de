import { describe, expect, it } from 'vitest';
import { createDereferencer } from './dereference.ts';

describe('createDereferencer', () => {
  const root = {
    components: {
      schemas: {
        Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' }, tag: { $ref: '#/components/schemas/Tag' } } },
        Tag: { type: 'string' },
        Alias: { $ref: '#/components/schemas/Tag' },
        Described: { $ref: '#/components/schemas/Tag', description: 'a tag' },
        Broken: { $ref: '#/components/schemas/Nope' },
      },
    },
  };

  it('replaces refs by one shared copy of their target, cycles included, without touching the source', () => {
    const deref = createDereferencer(root);
    const node = deref.at('#/components/schemas/Node') as { properties: { next: unknown; tag: unknown } };
    expect(node.properties.next).toBe(node);
    expect(node.properties.tag).toBe(deref.at('#/components/schemas/Alias'));
    expect(root.components.schemas.Node.properties.next).toEqual({ $ref: '#/components/schemas/Node' });
  });

  it('merges a ref with its siblings and keeps a ref that does not resolve', () => {
    const deref = createDereferencer(root);
    expect(deref.at('#/components/schemas/Described')).toEqual({ type: 'string', description: 'a tag' });
    expect(deref.at('#/components/schemas/Broken')).toEqual({ $ref: '#/components/schemas/Nope' });
  });

  it('copies a chain of thousands of schemas without overflowing the stack', () => {
    const schemas: Record<string, unknown> = {};
    for (let index = 0; index < 20_000; index++) schemas[`S${index}`] = { properties: { next: { $ref: `#/components/schemas/S${index + 1}` } } };
    schemas.S20000 = { type: 'null' };
    const deref = createDereferencer({ components: { schemas } });
    let node = deref.at('#/components/schemas/S0') as { properties?: { next: unknown }; type?: string };
    for (let index = 0; index < 20_000; index++) node = node.properties!.next as typeof node;
    expect(node).toEqual({ type: 'null' });
  });
});
