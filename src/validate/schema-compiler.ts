import type { ValidateFunction } from 'ajv';
import { RunwardenError } from '../core/errors.ts';
import { childPointer, pointerOf, resolvePointer, tokensOf } from '../spec/json-pointer.ts';
import type { LoadedSpec } from '../spec/loaded-spec.ts';
import { displayPath } from '../spec/read-source.ts';
import { createAjv } from './create-ajv.ts';
import { toAjvSchema, type ConvertContext, type Direction } from './convert-schema.ts';

/** A compiled validator and where its schema lives in the spec. */
export interface CompiledSchema {
  validate: ValidateFunction;
  /** Canonical pointer of the schema (a shared component's own location when the schema is only a `$ref` to it). */
  location: string;
}

/** Compiles the schemas of one spec with one Ajv instance, each (location, direction) once. */
export interface SchemaCompiler {
  /**
   * Compiles the schema at `location` (a pointer that may pass through `$ref`s) for a direction.
   * `owner` names what the schema belongs to in the SCHEMA_UNCOMPILABLE message, e.g. `getTaskRun 200 application/json`.
   */
  compile(location: string, direction: Direction, owner: string): CompiledSchema;
  /** The spec pointer of the schema keyword an Ajv error's `schemaPath` names. */
  specLocationOf(compiled: CompiledSchema, schemaPath: string): string;
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

/** Creates the compiler for a spec. Compiling happens here, at start-up; validation never compiles. */
export function createSchemaCompiler(spec: Pick<LoadedSpec, 'bundled' | 'version' | 'path'>): SchemaCompiler {
  const ajv = createAjv(spec.version);
  const root = spec.bundled;
  const cache = new Map<string, CompiledSchema>();
  /** Validators by the JSON of their converted schema: the same schema at several locations is compiled once. */
  const byShape = new Map<string, ValidateFunction>();
  const cyclicIds = new Map<string, string>();
  const pointerOfId = new Map<string, string>();

  const contexts: Record<Direction, ConvertContext> = {
    request: makeContext('request'),
    response: makeContext('response'),
  };

  function makeContext(direction: Direction): ConvertContext {
    const context: ConvertContext = {
      root,
      version: spec.version,
      direction,
      registerCyclic(ref) {
        const key = `${direction} ${ref}`;
        let id = cyclicIds.get(key);
        if (id === undefined) {
          id = `https://runwarden.invalid/schemas/${cyclicIds.size + 1}`;
          cyclicIds.set(key, id);
          pointerOfId.set(id, ref);
          const target = resolvePointer(root, ref)?.value;
          ajv.addSchema(toAjvSchema(target, context, [ref]) as Json, id);
        }
        return id;
      },
    };
    return context;
  }

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
    return bareRef ? resolvePointer(root, here, { followRefs: true }) : { value, canonical: here };
  }

  return {
    compile(location, direction, owner) {
      const found = locate(location);
      const fail = (reason: string): never => {
        throw new RunwardenError(
          'SCHEMA_UNCOMPILABLE',
          `${displayPath(spec.path)}: ${owner}: the schema at ${location} cannot be compiled: ${reason}`,
          'Fix the schema so that it is valid JSON Schema for the document\'s OpenAPI version.',
        );
      };
      if (!found) return fail('it does not exist');
      const key = `${direction} ${found.canonical}`;
      const cached = cache.get(key);
      if (cached) return cached;
      let validate: ValidateFunction;
      try {
        const converted = toAjvSchema(found.value, contexts[direction], [found.canonical]);
        const shape = shapeOf(converted);
        const same = shape === undefined ? undefined : byShape.get(shape);
        if (same) {
          validate = same;
        } else {
          validate = ajv.compile(converted as Json);
          if (shape !== undefined) byShape.set(shape, validate);
        }
      } catch (error) {
        return fail((error as Error).message);
      }
      const compiled = { validate, location: found.canonical };
      cache.set(key, compiled);
      return compiled;
    },
    specLocationOf(compiled, schemaPath) {
      const hash = schemaPath.indexOf('#');
      const base = hash <= 0 ? compiled.location : pointerOfId.get(schemaPath.slice(0, hash)) ?? compiled.location;
      return `${base}${schemaPath.slice(hash + 1)}`;
    },
  };
}
