import { describe, expect, it } from 'vitest';
import { createCoercer } from './coerce-parameter.ts';

const coerce = (schema: object, values: string[], style = 'form') => createCoercer({ schema, style })(values);

describe('createCoercer', () => {
  it('turns numeric strings into numbers for integer and number schemas', () => {
    expect(coerce({ type: 'integer' }, ['42'])).toBe(42);
    expect(coerce({ type: 'number' }, ['-2.5'])).toBe(-2.5);
    expect(coerce({ type: 'integer' }, ['4x'])).toBe('4x');
  });

  it('turns true and false into booleans, leaving anything else a string', () => {
    expect(coerce({ type: 'boolean' }, ['true'])).toBe(true);
    expect(coerce({ type: 'boolean' }, ['false'])).toBe(false);
    expect(coerce({ type: 'boolean' }, ['yes'])).toBe('yes');
  });

  it('reads arrays from repeated values or a delimited string, coercing items', () => {
    expect(coerce({ type: 'array', items: { type: 'integer' } }, ['1', '2'])).toEqual([1, 2]);
    expect(coerce({ type: 'array', items: { type: 'string' } }, ['a,b'])).toEqual(['a', 'b']);
    expect(coerce({ type: 'array', items: { type: 'string' } }, ['a|b'], 'pipeDelimited')).toEqual(['a', 'b']);
  });

  it('tries each type of a type list in order', () => {
    expect(coerce({ type: ['integer', 'null'] }, ['null'])).toBeNull();
    expect(coerce({ type: ['integer', 'null'] }, ['7'])).toBe(7);
  });

  it('uses the first typed branch of a combinator', () => {
    expect(coerce({ anyOf: [{ type: 'null' }, { type: 'integer' }] }, ['5'])).toBe(5);
  });

  it('builds nested objects from nested deepObject keys, each leaf coerced by its property', () => {
    const person = { type: 'object', properties: { id: { type: 'number' }, address: { type: 'object', properties: { city: { type: 'string' }, postcode: { type: 'integer' } } } } };
    expect(coerce(person, ['id=1', 'address][city=Melbourne', 'address][postcode=3000'], 'deepObject')).toEqual({ id: 1, address: { city: 'Melbourne', postcode: 3000 } });
  });

  it('reads a simple, non-exploded object written in its exploded form as well', () => {
    const object = { type: 'object', properties: { string: { type: 'string' }, number: { type: 'number' } } };
    expect(coerce(object, ['string,abc,number,1'], 'simple')).toEqual({ string: 'abc', number: 1 });
    expect(coerce(object, ['string=abc,number=1'], 'simple')).toEqual({ string: 'abc', number: 1 });
  });
});
