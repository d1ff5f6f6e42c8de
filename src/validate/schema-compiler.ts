import type { ErrorObject, ValidateFunction } from 'ajv';
import { RunwardenError } from '../core/errors.ts';
import { childPointer, pointerOf, resolvePointer, tokensOf } from '../spec/json-pointer.ts';
import type { LoadedSpec } from '../spec/loaded-spec.ts';
import { displayPath } from '../spec/read-source.ts';
import type { SpecWarning, SpecWarnings } from '../spec/spec-warning.ts';
import { createAjv } from './create-ajv.ts';
import type { Direction } from './convert-schema.ts';
import { createSchemaRegistry, type Registration } from './schema-registry.ts';

/** A compiled validator and where its schema lives in the spec. */
export interface CompiledSchema {
  validate: ValidateFunction;
  /** Canonical pointer of the schema (a shared component's own location when the schema is only a `$ref` to it). */
  location: string;
}

/**
 * Compiles the schemas of one spec with one Ajv instance. Each schema a `$ref` names is converted and registered
 * with Ajv once per direction, the first time something that uses it is compiled, and compiled functions are shared
 * through Ajv's registry: the cost of a compile is what it reaches, never the whole document.
 */
export interface SchemaCompiler {
  /**
   * Compiles the schema at `location` (a pointer that may pass through `$ref`s) for a direction, or returns it
   * compiled. `owner` names what the schema belongs to in the SCHEMA_UNCOMPILABLE message, e.g.
   * `getTaskRun 200 application/json`; a schema that cannot compile fails the same way every time it is asked for.
   * By default every schema it reaches through `$ref`s compiles now too, and a failure there fails it; with
   * `reachable: false` those compile when validation first reaches them, and one that cannot compile throws
   * SCHEMA_UNCOMPILABLE from the validate function then (what `validate` of one body on a large spec wants).
   */
  compile(location: string, direction: Direction, owner: string, options?: { reachable?: boolean }): CompiledSchema;
  /** The spec pointer of the schema keyword an Ajv error's `schemaPath` names, read relative to the compiled schema. */
  specLocationOf(compiled: CompiledSchema, schemaPath: string): string;
  /** The spec pointer of the keyword an Ajv error comes from, inside a shared schema where it is one. */
  locationOfError(compiled: CompiledSchema, error: ErrorObject): string;
  /**
   * Ajv errors with what Ajv's `verbose` option would have added (`data` at the instance path of `root`, and the
   * `schema` and `parentSchema` of the keyword), read back from the paths so that compiled code stays lean.
   */
  enrich(errors: readonly ErrorObject[], root: unknown): ErrorObject[];
  /** How many errors one branch of a compiled `oneOf`/`anyOf` reports for `data` (to tell branches' errors apart). */
  branchErrorCount(branch: unknown, data: unknown): number;
  /** The spec pointers of every schema converted so far, with their direction (`response #/components/schemas/Run`). */
  convertedSchemas(): string[];
  /** The converted schemas registered with Ajv so far, by id (which their `$ref`s use): to compile them elsewhere. */
  registeredSchemas(): Array<{ id: string; schema: Record<string, unknown> }>;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The JSON text of a converted schema, which identifies it exactly; undefined when JSON cannot tell it apart from
 * another (YAML's `.inf` and `.nan` both print as `null`), so such a schema is compiled on its own.
 */
function shapeOf(schema: unknown): string | undefined {
  let exact = true;
  const text = JSON.stringify(schema, (_key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) exact = false;
    return value;
  });
  return exact ? text : undefined;
}

/** The value at an Ajv instance path (`/items/0/id`) of the validated data. */
function valueAt(root: unknown, instancePath: string): unknown {
  let node = root;
  for (const token of tokensOf(instancePath)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Json)[token];
  }
  return node;
}

/** Codes reported once per document (with the first place), not once per schema: they are usually everywhere. */
const ONCE_PER_DOCUMENT = new Set(['NULLABLE_IN_3_1']);

/** Creates the compiler for a spec. Nothing compiles until a schema is asked for. */
export function createSchemaCompiler(spec: Pick<LoadedSpec, 'bundled' | 'version' | 'path'> & { warnings?: SpecWarnings }): SchemaCompiler {
  const ajv = createAjv(spec.version);
  const root = spec.bundled;
  const compiled = new Map<string, CompiledSchema>();
  /** Keys of the compiled schemas whose every reachable schema has compiled too. */
  const completed = new Set<string>();
  const failed = new Map<string, RunwardenError>();
  /** Validators by the JSON of their converted schema: the same schema at several locations is compiled once. */
  const byShape = new Map<string, ValidateFunction>();
  /** The location each shared validator was compiled for, so errors found through another location are rebased. */
  const rootOf = new WeakMap<ValidateFunction, string>();
  const locations = new WeakMap<object, string>();
  const branchValidators = new Map<unknown, ValidateFunction>();
  const reported = new Set<string>();

  const warn = (warning: SpecWarning): void => {
    if (!spec.warnings) return;
    const key = warning.code === 'FORMAT_UNKNOWN' ? `${warning.code} ${warning.message}` : ONCE_PER_DOCUMENT.has(warning.code) ? warning.code : undefined;
    if (key !== undefined) {
      if (reported.has(key)) return;
      reported.add(key);
    }
    spec.warnings.add(warning);
  };

  const registry = createSchemaRegistry(ajv, { root, version: spec.version, specPath: spec.path, warn, located: (converted, location) => locations.set(converted, location) });

  /** The schema at `location` and its canonical pointer, following `$ref`s on the way and a bare `$ref` at the end. */
  function locate(location: string): { value: unknown; canonical: string } | undefined {
    const tokens = tokensOf(location);
    const last = tokens.pop();
    if (last === undefined) return { value: root, canonical: '#' };
    const parent = resolvePointer(root, pointerOf(tokens), { followRefs: true });
    if (!parent || !isObject(parent.value) && !Array.isArray(parent.value)) return undefined;
    const value = (parent.value as Json)[last];
    if (value === undefined) return undefined;
    const here = childPointer(parent.canonical, last);
    const bareRef = isObject(value) && typeof value.$ref === 'string' && value.$ref.startsWith('#')
      && (spec.version === '3.0' || Object.keys(value).every((key) => key === '$ref' || key === 'description' || key === 'summary'));
    return bareRef ? resolvePointer(root, here, { followRefs: true }) ?? { value, canonical: here } : { value, canonical: here };
  }

  /** The compiled function of the schema at a canonical pointer (shared with any schema of the same shape). */
  function compileAt(registration: Registration): ValidateFunction {
    const shape = shapeOf(registry.convert(registration));
    const same = shape === undefined ? undefined : byShape.get(shape);
    if (same) return same;
    const validate = registry.functionOf(registration);
    if (shape !== undefined) byShape.set(shape, validate);
    rootOf.set(validate, registration.location);
    return validate;
  }

  /** The registered schema an error's schema path starts in, and the pointer within it. */
  const split = (schemaPath: string): { registration: Registration | undefined; pointer: string } => {
    const hash = schemaPath.indexOf('#');
    return { registration: hash > 0 ? registry.byId(schemaPath.slice(0, hash)) : undefined, pointer: schemaPath.slice(hash + 1) };
  };

  /** The converted schema node at an error's schema path (a keyword's value, or with `parent` its schema object). */
  const schemaAt = (schemaPath: string, parent: boolean): unknown => {
    const { registration, pointer } = split(schemaPath);
    if (!registration) return undefined;
    const tokens = tokensOf(pointer);
    if (parent) tokens.pop();
    let node: unknown = registration.schema;
    for (const token of tokens) {
      if (typeof node !== 'object' || node === null) return undefined;
      node = (node as Json)[token];
    }
    return node;
  };

  const specLocationOf = (schema: CompiledSchema, schemaPath: string): string => {
    const { registration, pointer } = split(schemaPath);
    return `${registration?.location ?? schema.location}${pointer}`;
  };

  return {
    compile(location, direction, owner, options = {}) {
      const found = locate(location);
      const key = `${direction} ${found?.canonical ?? location}`;
      const known = failed.get(key);
      if (known) throw known;
      const fail = (reason: string): never => {
        const error = new RunwardenError(
          'SCHEMA_UNCOMPILABLE',
          `${displayPath(spec.path)}: ${owner}: the schema at ${location} cannot be compiled: ${reason}`,
          'Fix the schema so that it is valid JSON Schema for the document\'s OpenAPI version; other operations are not affected.',
        );
        compiled.delete(key);
        failed.set(key, error);
        throw error;
      };
      let result = compiled.get(key);
      if (!result) {
        if (!found) return fail('it does not exist');
        try {
          const registration = registry.reserve(direction, found.canonical);
          result = { validate: compileAt(registration), location: found.canonical };
        } catch (error) {
          return fail((error as Error).message);
        }
        compiled.set(key, result);
      }
      if (options.reachable !== false && !completed.has(key)) {
        try {
          registry.completeFrom(registry.reserve(direction, result.location));
        } catch (error) {
          return fail((error as Error).message);
        }
        completed.add(key);
      }
      return result;
    },
    specLocationOf,
    locationOfError(schema, error) {
      const parent = error.parentSchema ?? schemaAt(error.schemaPath, true);
      let base = isObject(parent) ? locations.get(parent) : undefined;
      const tail = error.schemaPath.slice(error.schemaPath.lastIndexOf('/'));
      if (base === undefined) {
        const fallback = specLocationOf(schema, error.schemaPath);
        base = fallback.slice(0, fallback.length - tail.length);
      }
      // A validator shared by identical schemas at several places reports the first place: rebase onto this one.
      const own = rootOf.get(schema.validate);
      if (own !== undefined && own !== schema.location && (base === own || base.startsWith(`${own}/`))) base = `${schema.location}${base.slice(own.length)}`;
      return `${base}${tail}`;
    },
    enrich(errors, root) {
      return errors.map((error) => ({
        ...error,
        data: valueAt(root, error.instancePath),
        schema: error.schema ?? schemaAt(error.schemaPath, false),
        parentSchema: (error.parentSchema ?? schemaAt(error.schemaPath, true)) as ErrorObject['parentSchema'],
      }));
    },
    branchErrorCount(branch, data) {
      let validate = branchValidators.get(branch);
      if (!validate) {
        validate = ajv.compile(branch as Json);
        branchValidators.set(branch, validate);
      }
      return validate(data) ? 0 : validate.errors?.length ?? 0;
    },
    convertedSchemas: () => [...registry.entries()].filter(([, registration]) => registration.schema !== undefined).map(([key]) => key),
    registeredSchemas: () => [...registry.entries()].flatMap(([, { id, schema }]) => (schema ? [{ id, schema }] : [])),
  };
}
