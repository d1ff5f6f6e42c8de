import { describe, expect, it } from 'vitest';
import type { Parameter } from '../spec/loaded-spec.ts';
import { createCoercer } from './coerce-parameter.ts';
import { queryValues } from './query-values.ts';

const FILTER = { type: 'object', properties: { role: { type: 'string' }, age: { type: 'integer' } } };

function parameter(name: string, schema: object, style: string, explode: boolean): Parameter {
  return { name, schema, style, explode, required: false, schemaLocation: '#', examples: [], specLocation: '#' };
}

/** The value a query string gives a parameter, read and coerced as OpenAPI lays out its style. */
function read(query: string, documented: Parameter): { value: unknown; names: string[] } {
  const { values, names } = queryValues(documented, new URLSearchParams(query));
  return { value: values.length === 0 ? undefined : createCoercer(documented)(values), names };
}

describe('query parameter styles (OpenAPI 3 style/explode)', () => {
  it('reads a deepObject from name[key]=value pairs, coercing each property', () => {
    expect(read('filter[role]=admin&filter[age]=5&other=1', parameter('filter', FILTER, 'deepObject', true))).toEqual({ value: { role: 'admin', age: 5 }, names: ['filter[role]', 'filter[age]'] });
  });

  it('reads an exploded form object from its properties as parameters of their own', () => {
    expect(read('role=admin&age=5', parameter('filter', FILTER, 'form', true))).toEqual({ value: { role: 'admin', age: 5 }, names: ['role', 'age'] });
  });

  it('reads a form object that is not exploded from key,value,key,value', () => {
    expect(read('filter=role,admin,age,5', parameter('filter', FILTER, 'form', false))).toEqual({ value: { role: 'admin', age: 5 }, names: ['filter'] });
    expect(read('filter=role,admin,age', parameter('filter', FILTER, 'form', false)).value).toBe('role,admin,age');
  });

  it('reads arrays from repeated values, commas, pipes and spaces', () => {
    const ids = { type: 'array', items: { type: 'integer' } };
    expect(read('id=1&id=2', parameter('id', ids, 'form', true)).value).toEqual([1, 2]);
    expect(read('id=1,2', parameter('id', ids, 'form', false)).value).toEqual([1, 2]);
    expect(read('id=1|2', parameter('id', ids, 'pipeDelimited', false)).value).toEqual([1, 2]);
    expect(read('id=1%202', parameter('id', ids, 'spaceDelimited', false)).value).toEqual([1, 2]);
  });
});

describe('path and header styles', () => {
  it('strips label and matrix prefixes', () => {
    expect(createCoercer(parameter('id', { type: 'integer' }, 'label', false))(['.5'])).toBe(5);
    expect(createCoercer(parameter('id', { type: 'integer' }, 'matrix', false))([';id=5'])).toBe(5);
    expect(createCoercer(parameter('id', { type: 'array', items: { type: 'integer' } }, 'label', true))(['.1.2'])).toEqual([1, 2]);
    expect(createCoercer(parameter('id', { type: 'array', items: { type: 'integer' } }, 'matrix', true))([';id=1;id=2'])).toEqual([1, 2]);
  });

  it('reads an exploded simple object (a header) from key=value pairs', () => {
    expect(createCoercer(parameter('X-Filter', FILTER, 'simple', true))(['role=admin,age=5'])).toEqual({ role: 'admin', age: 5 });
    expect(createCoercer(parameter('X-Filter', FILTER, 'simple', false))(['role,admin,age,5'])).toEqual({ role: 'admin', age: 5 });
  });
});
