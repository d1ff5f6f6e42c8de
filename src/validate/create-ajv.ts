import { createRequire } from 'node:module';
import type { Ajv, Options } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';

/**
 * Ajv and ajv-formats are CommonJS: required, not imported, their files load without a round trip each through the
 * ESM loader (and its hooks, under tsx), in about half the CPU time (57 vs 108 ms measured for Ajv, its 2020 class
 * and ajv-formats). Ajv2020 loads only for a 3.1 document.
 */
const require = createRequire(import.meta.url);
const ajvModule = require('ajv') as typeof import('ajv');
const formats = require('ajv-formats') as typeof import('ajv-formats').default;
const ajv2020 = (): typeof import('ajv/dist/2020.js') => require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');

/** Either Ajv class: draft-07 (OpenAPI 3.0) or 2020-12 (OpenAPI 3.1). */
export type AnyAjv = Ajv | Ajv2020;

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/** OpenAPI's own formats (ajv-formats covers the JSON Schema ones, `byte`, `binary` and `password`). */
function addOpenApiFormats(ajv: AnyAjv): void {
  ajv.addFormat('int32', { type: 'number', validate: (value: number) => Number.isInteger(value) && value >= INT32.min && value <= INT32.max });
  ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isInteger(value) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
}

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Ajv compiles `pattern` with the unicode flag, as JSON Schema says. A pattern that is only valid without it (written
 * for another engine, and not rewritable: see unicode-pattern.ts, which warns about it) is compiled without it rather
 * than failing its schema; a pattern invalid either way still fails.
 */
const lenientRegExp = Object.assign((pattern: string, flags: string): RegExp => {
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    if (!flags.includes('u')) throw error;
    return new RegExp(pattern, flags.replace('u', ''));
  }
}, { code: 'new RegExp' });

function newAjv(version: '3.0' | '3.1', messages: boolean): AnyAjv {
  const options: Options = {
    allErrors: true,
    // Not verbose: each error site carrying its schema and data made compiled code about 40% slower to build.
    // Findings get both back from the error's schema path and instance path (schema-compiler.ts `enrich`).
    verbose: false,
    // Findings write their own messages (ajv-findings.ts): not generating Ajv's makes the compiled code of a spec's
    // schemas smaller and about twice as fast to build (bench/specs). The meta-schema checker keeps them, for
    // SCHEMA_UNCOMPILABLE's reason.
    messages,
    strict: false,
    discriminator: true,
    logger: silent,
    // Every referenced schema compiles once, to a function its users call: inlining small ones copied their code
    // into every place that uses them, which made compiling Stripe's spec about a third slower.
    inlineRefs: false,
    // Ajv's pass that prunes unused names from generated code was about a third of the compile time of the bundled
    // specs; V8 drops the same dead assignments, and validation measured no slower without it (bench/validate).
    code: { optimize: false, regExp: lenientRegExp },
  };
  const ajv = version === '3.1' ? new (ajv2020().Ajv2020)(options) : new ajvModule.Ajv(options);
  formats(ajv);
  addOpenApiFormats(ajv);
  return ajv;
}

/**
 * One identically configured Ajv per draft, used only to check schemas against the draft's meta-schema. Each Ajv
 * compiles its meta-schema on first use, and the 2020-12 one (vocabularies, `$dynamicRef`s) takes about as long
 * as all of a spec's own schemas (~15 ms): shared, that is paid once per process instead of once per spec.
 */
const metaCheckers = new Map<'3.0' | '3.1', AnyAjv>();

/**
 * An Ajv instance for one spec: draft 2020-12 for OpenAPI 3.1, draft-07 (after conversion) for 3.0.
 * All errors and their data are kept so that findings can be precise; unknown keywords (`example`, `xml`,
 * vendor extensions) and unknown custom formats are ignored rather than fatal. Every schema is still checked
 * against the meta-schema, at the same point and with the same error, by the shared checker.
 */
export function createAjv(version: '3.0' | '3.1'): AnyAjv {
  const ajv = newAjv(version, false);
  let checker = metaCheckers.get(version);
  if (checker === undefined) {
    checker = newAjv(version, true);
    metaCheckers.set(version, checker);
  }
  const shared = checker;
  ajv.validateSchema = (schema, throwOrLogError) => {
    const valid = shared.validateSchema(schema, throwOrLogError);
    ajv.errors = shared.errors;
    return valid;
  };
  return ajv;
}
