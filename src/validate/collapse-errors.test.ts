import { describe, expect, it } from 'vitest';
import { collapseErrors } from './collapse-errors.ts';
import { createAjv } from './create-ajv.ts';

function errorsOf(schema: object, data: unknown) {
  const validate = createAjv('3.1').compile(schema);
  expect(validate(data)).toBe(false);
  return collapseErrors(validate.errors ?? []);
}

describe('collapseErrors', () => {
  it('merges branches that only disagree on type into one type error', () => {
    expect(errorsOf({ oneOf: [{ type: 'string' }, { type: 'integer' }] }, true)).toEqual([
      expect.objectContaining({ keyword: 'type', instancePath: '', params: { type: ['string', 'integer'] } }),
    ]);
  });

  it('keeps the errors of the branch closest to matching', () => {
    const schema = {
      anyOf: [
        { type: 'object', required: ['kind', 'a'], properties: { kind: { const: 'a' }, a: { type: 'string' } } },
        { type: 'object', required: ['kind', 'b'], properties: { kind: { const: 'b' }, b: { type: 'string' } } },
      ],
    };
    expect(errorsOf(schema, { kind: 'b', b: 1 })).toEqual([expect.objectContaining({ keyword: 'type', instancePath: '/b' })]);
  });

  it('collapses nested combinators innermost first', () => {
    const schema = { type: 'object', properties: { x: { oneOf: [{ type: 'null' }, { type: 'object', properties: { y: { anyOf: [{ type: 'string' }, { type: 'number' }] } } }] } } };
    expect(errorsOf(schema, { x: { y: false } })).toEqual([expect.objectContaining({ instancePath: '/x/y', params: { type: ['string', 'number'] } })]);
  });

  it('keeps a oneOf error when more than one branch matched', () => {
    expect(errorsOf({ oneOf: [{ type: 'number' }, { type: 'integer' }] }, 3)).toEqual([expect.objectContaining({ keyword: 'oneOf' })]);
  });
});
