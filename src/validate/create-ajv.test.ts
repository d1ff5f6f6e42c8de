import { describe, expect, it } from 'vitest';
import { createAjv } from './create-ajv.ts';

describe('createAjv', () => {
  it.each(['3.0', '3.1'] as const)('rejects a schema that breaks the %s meta-schema with Ajv\'s own message', (version) => {
    expect(() => createAjv(version).compile({ type: 'object', properties: { a: { minimum: 'x' } } }))
      .toThrow('schema is invalid: data/properties/a/minimum must be number');
  });

  it('keeps each instance\'s meta-schema errors to itself, though the meta-schema is compiled once', () => {
    const first = createAjv('3.1');
    const second = createAjv('3.1');
    expect(first.validateSchema({ type: 12 })).toBe(false);
    expect(second.validateSchema({ type: 'string' })).toBe(true);
    expect(first.errors?.[0]).toMatchObject({ instancePath: '/type' });
    expect(second.errors).toBeNull();
  });

  it('compiles validators that still honour formats after a shared meta-schema check', () => {
    const validate = createAjv('3.1').compile({ type: 'string', format: 'uuid' });
    expect(validate('0c6f8f9e-4d0b-4f7e-9a51-3b2f1d7e8a44')).toBe(true);
    expect(validate('nope')).toBe(false);
  });
});
