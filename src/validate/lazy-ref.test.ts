import { describe, expect, it } from 'vitest';
import { createAjv } from './create-ajv.ts';
import { useLazyRefs, type LazyTarget, type ValidationContext } from './lazy-ref.ts';

describe('useLazyRefs', () => {
  it('calls a known reference through its holder, only when data reaches it, with the instance path', () => {
    const ajv = createAjv('3.1');
    let compiles = 0;
    const amount = ajv.compile({ type: 'integer' });
    const holder: LazyTarget = {
      validate: (data: unknown, context?: ValidationContext) => {
        compiles++;
        holder.validate = amount;
        return amount(data, context);
      },
    };
    useLazyRefs(ajv, (ref) => (ref === 'lazy:amount' ? holder : undefined));
    const charge = ajv.compile({ type: 'object', properties: { amount: { $ref: 'lazy:amount' } } });
    expect(charge({})).toBe(true);
    expect(compiles).toBe(0);
    expect(charge({ amount: 'one' })).toBe(false);
    expect(charge.errors).toEqual([expect.objectContaining({ instancePath: '/amount', keyword: 'type' })]);
    expect(charge({ amount: 2 })).toBe(true);
    expect(compiles).toBe(1);
  });

  it('leaves any other $ref to Ajv', () => {
    const ajv = createAjv('3.1');
    useLazyRefs(ajv, () => undefined);
    const validate = ajv.compile({ $defs: { id: { type: 'string' } }, properties: { id: { $ref: '#/$defs/id' } } });
    expect(validate({ id: 'a' })).toBe(true);
    expect(validate({ id: 1 })).toBe(false);
  });
});
