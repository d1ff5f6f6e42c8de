import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/fixtures/fixture-path.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { toAjvSchema, type ConvertContext } from './convert-schema.ts';
import { createValidator, type Validator } from './validator.ts';

const PET = { id: 7, name: 'Rex', nickname: null, weight: 12.5, owner: { kind: 'person', name: 'Ada' } };

function context(root: Record<string, unknown>, overrides: Partial<ConvertContext> = {}): ConvertContext {
  return { root, version: '3.0', direction: 'response', registerRef: (ref: string) => `id:${ref}`, ...overrides };
}

describe('toAjvSchema', () => {
  it('turns 3.0 nullable into a type list, adding null to an enum', () => {
    expect(toAjvSchema({ type: 'string', enum: ['a'], nullable: true }, context({}))).toEqual({ type: ['string', 'null'], enum: ['a', null] });
  });

  it('wraps a nullable schema without a type in anyOf with null', () => {
    expect(toAjvSchema({ allOf: [{ type: 'object' }], nullable: true }, context({}))).toEqual({ anyOf: [{ allOf: [{ type: 'object' }] }, { type: 'null' }] });
  });

  it('converts boolean exclusiveMinimum and drops example', () => {
    expect(toAjvSchema({ type: 'number', minimum: 0, exclusiveMinimum: true, example: 3 }, context({}))).toEqual({ type: 'number', exclusiveMinimum: 0 });
  });

  it('keeps internal refs as references to registered schemas, however often and however deep they are used', () => {
    const root = { components: { schemas: { Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } } } } };
    const registered: string[] = [];
    const registerRef = (ref: string): string => {
      registered.push(ref);
      return `id:${ref}`;
    };
    const schema = { type: 'array', items: { $ref: '#/components/schemas/Node' }, contains: { $ref: '#/components/schemas/Node' } };
    expect(toAjvSchema(schema, context(root, { version: '3.1', registerRef }))).toEqual({
      type: 'array', items: { $ref: 'id:#/components/schemas/Node' }, contains: { $ref: 'id:#/components/schemas/Node' },
    });
    expect(registered).toEqual(['#/components/schemas/Node', '#/components/schemas/Node']);
  });

  it('fixes the flaws of real specs with a warning each: duplicate required and enum entries, an empty enum, a non-unicode pattern', () => {
    const warnings: string[] = [];
    const converted = toAjvSchema({
      type: 'object', required: ['id', 'id'],
      properties: { id: { type: 'string', pattern: '^[a-z\\_]+$' }, kind: { enum: ['a', 'a', 'b'] }, never: { type: 'string', enum: [] } },
    }, context({}, { warn: (warning) => warnings.push(`${warning.code} ${warning.location}`) }));
    expect(converted).toEqual({
      type: 'object', required: ['id'],
      properties: { id: { type: 'string', pattern: '^[a-z_]+$' }, kind: { enum: ['a', 'b'] }, never: { type: 'string' } },
    });
    expect(warnings).toEqual([
      'PATTERN_NOT_UNICODE #/properties/id/pattern', 'ENUM_DUPLICATE #/properties/kind/enum', 'ENUM_EMPTY #/properties/never/enum', 'REQUIRED_DUPLICATE #/required',
    ]);
  });

  it('rewrites a pattern only valid without the unicode flag into one that means the same with it', () => {
    const warnings: string[] = [];
    const converted = toAjvSchema({ type: 'string', pattern: '^\\_[a-z]+\\@x{$' }, context({}, { warn: (warning) => warnings.push(warning.code) })) as { pattern: string };
    expect(converted.pattern).toBe('^_[a-z]+@x\\{$');
    expect(new RegExp(converted.pattern, 'u').test('_abc@x{')).toBe(true);
    expect(warnings).toEqual(['PATTERN_NOT_UNICODE']);
  });

  it('honours 3.0 nullable in a 3.1 document, with a warning', () => {
    const warnings: string[] = [];
    expect(toAjvSchema({ type: 'string', nullable: true }, context({}, { version: '3.1', warn: (warning) => warnings.push(warning.code) }))).toEqual({ type: ['string', 'null'] });
    expect(warnings).toEqual(['NULLABLE_IN_3_1']);
  });

  it('drops readOnly properties from required in requests and writeOnly ones in responses', () => {
    const schema = { type: 'object', required: ['id', 'password', 'name'], properties: { id: { readOnly: true }, password: { writeOnly: true }, name: {} } };
    expect(toAjvSchema(schema, context({}, { direction: 'request' }))).toMatchObject({ required: ['password', 'name'] });
    expect(toAjvSchema(schema, context({}, { direction: 'response' }))).toMatchObject({ required: ['id', 'name'] });
  });

  it('never mutates the source schema', () => {
    const schema = { type: 'string', nullable: true, example: 'x' };
    toAjvSchema(schema, context({}));
    expect(schema).toEqual({ type: 'string', nullable: true, example: 'x' });
  });
});

describe('OpenAPI 3.0 semantics through the validator', () => {
  let validator: Validator;
  const response = (body: unknown) => validator.validateResponse('getPet', { status: 200, body });

  beforeAll(async () => {
    validator = createValidator(await loadSpec(fixturePath('specs/legacy-3.0.yaml')));
  });

  it('accepts null for nullable properties, including a nullable enum and a nullable allOf', () => {
    expect(response({ ...PET, tag: null, keeper: null })).toEqual([]);
    expect(response({ ...PET, tag: 'good', keeper: { kind: 'person', name: 'Bo' } })).toEqual([]);
  });

  it('reports null for a property that is not nullable', () => {
    expect(response({ ...PET, name: null })).toEqual([expect.objectContaining({ pointer: '/name', message: 'Received: null\nDocumented: string (not nullable)' })]);
  });

  it('honours boolean exclusiveMinimum', () => {
    expect(response({ ...PET, weight: 0 })).toEqual([expect.objectContaining({ pointer: '/weight', message: 'Received: 0\nDocumented: > 0' })]);
  });

  it('does not require readOnly properties in requests, nor writeOnly ones in responses', () => {
    const create = (body: unknown) => validator.validateRequest({ method: 'POST', url: '/api/v1/pets', headers: { 'content-type': 'application/json' }, body }).violations;
    const { id: _id, ...withoutId } = PET;
    expect(create({ ...withoutId, password: 's3cret' })).toEqual([]);
    expect(create(withoutId)).toEqual([expect.objectContaining({ pointer: '/password' })]);
    expect(validator.validateResponse('createPet', { status: 201, body: PET })).toEqual([]);
    expect(validator.validateResponse('createPet', { status: 201, body: withoutId })).toEqual([expect.objectContaining({ pointer: '/id' })]);
  });

  it('dispatches on the discriminator, with explicit and implicit mappings', () => {
    expect(response({ ...PET, owner: { kind: 'Shelter', address: '1 Main St' } })).toEqual([]);
    expect(response({ ...PET, owner: { kind: 'person' } })).toEqual([expect.objectContaining({ pointer: '/owner/name', message: 'Received: (missing)\nDocumented: required property "name"' })]);
    expect(response({ ...PET, owner: { kind: 'robot' } })).toEqual([expect.objectContaining({ pointer: '/owner/kind', message: 'Received: "robot"\nDocumented: "kind" one of person, Shelter' })]);
  });

  it('checks OpenAPI formats such as int32', () => {
    expect(validator.validateRequest({ method: 'GET', url: '/api/v1/pets/2147483648' }).violations).toEqual([
      expect.objectContaining({ part: 'path', pointer: 'pet_id', message: 'Received: 2147483648\nDocumented: a number in format int32' }),
    ]);
  });
});
