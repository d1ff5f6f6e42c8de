import { createRequire } from 'node:module';
import type { KeywordCxt, ValidateFunction } from 'ajv';
import type { AnyAjv } from './create-ajv.ts';

// Required, not imported, as create-ajv.ts loads Ajv (see there).
const require = createRequire(import.meta.url);
const { _ } = require('ajv') as typeof import('ajv');
const { callRef } = require('ajv/dist/vocabularies/core/ref.js') as typeof import('ajv/dist/vocabularies/core/ref.js');

/**
 * What compiled code calls for a lazily compiled reference: `validate` starts as a stub that compiles the target on
 * its first call and then puts the compiled function in its place, so later calls cost one property read.
 */
export interface LazyTarget {
  validate: ValidateFunction | ((data: unknown, context?: ValidationContext) => boolean);
}

/** What compiled code passes a referenced schema's function: instance path, parent data, root data. */
export type ValidationContext = Parameters<ValidateFunction>[1];

/**
 * Replaces Ajv's `$ref` keyword so that a reference `targetOf` knows compiles to a call through its LazyTarget,
 * instead of Ajv compiling every schema the reference reaches before the first validation (on Stripe, a customer
 * reaches 489 of 775 component schemas). Errors pass through unchanged, as Ajv's own `$ref` passes them: each keeps
 * the schema path of the schema that raised it. Any other `$ref` keeps Ajv's own code.
 */
export function useLazyRefs(ajv: AnyAjv, targetOf: (ref: string) => LazyTarget | undefined): void {
  const original = ajv.RULES.all.$ref;
  if (typeof original !== 'object' || !('code' in original.definition) || original.definition.code === undefined) {
    throw new Error('this Ajv version has no code-generating $ref keyword to replace');
  }
  const ajvRef = original.definition.code;
  ajv.removeKeyword('$ref');
  ajv.addKeyword({
    keyword: '$ref',
    schemaType: 'string',
    code(cxt: KeywordCxt, ruleType?: string) {
      const target = targetOf(cxt.schema as string);
      if (target === undefined) return ajvRef(cxt, ruleType);
      const holder = cxt.gen.scopeValue('wrapper', { ref: target });
      // No SchemaEnv: Ajv reads what the target evaluated (unevaluatedProperties) from the function at run time.
      callRef(cxt, _`${holder}.validate`, undefined, false);
    },
  });
}
