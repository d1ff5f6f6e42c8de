import { describe, expect, it } from 'vitest';
import { createSchemaCompiler } from '../../validate/index.ts';
import { sampleSchemaAt } from './sample-schema.ts';
import { createSchemaSampler } from './schema-sampler.ts';

const components30 = {
  Node: {
    type: 'object', required: ['name'], additionalProperties: false,
    properties: { name: { type: 'string', minLength: 1 }, children: { type: 'array', maxItems: 2, items: { $ref: '#/components/schemas/Node' } } },
  },
  Thing: {
    type: 'object', required: ['when', 'kind', 'parent', 'score'], additionalProperties: false,
    properties: {
      when: { type: 'string', format: 'date-time', nullable: true },
      kind: { type: 'string', enum: ['a', 'b'], nullable: true },
      parent: { nullable: true, allOf: [{ $ref: '#/components/schemas/Node' }] },
      score: { type: 'number', minimum: 0, maximum: 1, exclusiveMaximum: true },
      blob: { type: 'string', format: 'byte' },
      code: { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' },
    },
  },
};
const document30 = { openapi: '3.0.3', components: { schemas: components30 } };

describe('schemas rewritten for the generator', () => {
  it('turn 3.0 nullable and boolean exclusive bounds into JSON Schema, and move references under $defs', () => {
    const schema = sampleSchemaAt(document30, '3.0', '#/components/schemas/Thing')!;
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(properties.when).toEqual({ type: ['string', 'null'], format: 'date-time' });
    expect(properties.kind).toEqual({ type: ['string', 'null'], enum: ['a', 'b', null] });
    expect(properties.parent).toEqual({ anyOf: [{ allOf: [{ $ref: '#/$defs/s0' }] }, { type: 'null' }] });
    expect(properties.score).toEqual({ type: 'number', minimum: 0, exclusiveMaximum: 1 });
    expect(Object.keys(schema.$defs as object)).toEqual(['s0']);
  });

  it('give samples that the spec\'s own compiled validators accept, cycles included, the same for the same seed', () => {
    const sampler = createSchemaSampler({ bundled: document30, version: '3.0' });
    const compiler = createSchemaCompiler({ bundled: document30, version: '3.0', path: 'inline.yaml' });
    const thing = compiler.compile('#/components/schemas/Thing', 'response', 'Thing');
    for (let seed = 0; seed < 30; seed++) {
      const sample = sampler.sample('#/components/schemas/Thing', seed, true);
      expect(thing.validate(sample), JSON.stringify(thing.validate.errors)).toBe(true);
    }
    expect(sampler.sample('#/components/schemas/Node', 5, true)).toEqual(sampler.sample('#/components/schemas/Node', 5, true));
    expect(sampler.shapeOf('#/components/schemas/Node')).toBe(JSON.stringify(sampleSchemaAt(document30, '3.0', '#/components/schemas/Node')));
  });
});
