import type { ValidateFunction } from 'ajv';
import { RunwardenError } from '../core/errors.ts';
import { resolvePointer } from '../spec/json-pointer.ts';
import { displayPath } from '../spec/read-source.ts';
import type { SpecWarning } from '../spec/spec-warning.ts';
import type { AnyAjv } from './create-ajv.ts';
import { toAjvSchema, type ConvertContext, type Direction } from './convert-schema.ts';
import { useLazyRefs, type LazyTarget, type ValidationContext } from './lazy-ref.ts';

type Json = Record<string, unknown>;

/**
 * A schema of the document as Ajv knows it, by id. It is converted, registered with Ajv and compiled the first time
 * validation reaches it, or when a caller asks for everything a schema reaches (`completeFrom`).
 */
export interface Registration {
  id: string;
  direction: Direction;
  /** Canonical spec pointer of the schema. */
  location: string;
  /** The schema in the bundled document. */
  source: unknown;
  /** The converted schema Ajv holds under `id`, once converted. */
  schema?: Json;
  /** The registrations its converted schema refers to (known once converted). */
  refs: Set<Registration>;
  validate?: ValidateFunction;
  /** What compiled code calls for a reference to this schema. */
  holder?: LazyTarget;
  /** Set when everything this schema reaches has compiled. */
  complete?: boolean;
  /** Why it cannot convert or compile, once it could not. */
  failure?: Error;
}

/** The registrations of one spec's schemas with one Ajv instance, per direction. */
export interface SchemaRegistry {
  /** The registration of the schema at an internal pointer (an id; nothing converted yet); throws for a broken `$ref`. */
  reserve(direction: Direction, ref: string): Registration;
  /** Converts and registers a schema with Ajv, once; throws (every time) why it cannot. */
  convert(registration: Registration): Json;
  /** A schema's compiled function (what it refers to compiles when first called); throws why it cannot compile. */
  functionOf(registration: Registration): ValidateFunction;
  /** Compiles everything a schema reaches (cycles included); throws the first reason one cannot compile. */
  completeFrom(start: Registration): void;
  byId(id: string): Registration | undefined;
  /** Every registration, keyed `direction pointer`, in the order they were reserved. */
  entries(): IterableIterator<[string, Registration]>;
}

/** What the registry needs besides Ajv: the document and where conversion reports to. */
export interface RegistryOptions {
  root: Json;
  version: '3.0' | '3.1';
  specPath: string;
  warn: (warning: SpecWarning) => void;
  located: (converted: Json, location: string) => void;
}

/** Creates the registry and makes `ajv` compile each of its `$ref`s lazily (see lazy-ref.ts). */
export function createSchemaRegistry(ajv: AnyAjv, options: RegistryOptions): SchemaRegistry {
  const { root } = options;
  const registrations = new Map<string, Registration>();
  const byId = new Map<string, Registration>();
  /** Ajv's registry, where each registered schema's environment names the schema path its errors start with. */
  const envs = (ajv as unknown as { schemas: Record<string, { schemaPath?: string } | undefined> }).schemas;
  /** The registration being converted: the references met are what it reaches. */
  let converting: Registration | undefined;

  const contextOf = (direction: Direction): ConvertContext => ({
    root,
    version: options.version,
    direction,
    registerRef: (ref) => {
      const target = reserve(direction, ref);
      converting?.refs.add(target);
      return target.id;
    },
    located: options.located,
    warn: options.warn,
    knownFormat: (format) => ajv.formats[format] !== undefined,
  });
  const contexts: Record<Direction, ConvertContext> = { request: contextOf('request'), response: contextOf('response') };

  function reserve(direction: Direction, ref: string): Registration {
    const key = `${direction} ${ref}`;
    const known = registrations.get(key);
    if (known) return known;
    const target = resolvePointer(root, ref, { followRefs: false });
    if (target === undefined) {
      options.warn({ code: 'REF_BROKEN', location: ref, message: `$ref "${ref}" does not resolve: the operations that use it cannot be validated` });
      throw new Error(`$ref "${ref}" does not resolve`);
    }
    const registration: Registration = {
      id: `https://runwarden.invalid/${direction}/${registrations.size + 1}`, direction, location: target.canonical, source: target.value, refs: new Set(),
    };
    registrations.set(key, registration);
    byId.set(registration.id, registration);
    return registration;
  }

  function convert(registration: Registration): Json {
    if (registration.failure) throw registration.failure;
    if (registration.schema) return registration.schema;
    const outer = converting;
    converting = registration;
    try {
      const converted = toAjvSchema(registration.source, contexts[registration.direction], registration.location) as Json;
      ajv.addSchema(converted, registration.id);
      registration.schema = converted;
      // Errors raised by this schema's compiled function then say whose they are: `<id>#/properties/x/type`.
      const env = envs[registration.id];
      if (env) env.schemaPath = `${registration.id}#`;
      return converted;
    } catch (error) {
      const message = (error as Error).message;
      // Name the schema that is invalid: it is often one the compiled schema only refers to.
      registration.failure = message.startsWith('schema is invalid') ? new Error(`the schema at ${registration.location} ${message.slice('schema '.length)}`) : error as Error;
      throw registration.failure;
    } finally {
      converting = outer;
    }
  }

  function functionOf(registration: Registration): ValidateFunction {
    if (registration.validate) return registration.validate;
    convert(registration);
    let validate: ValidateFunction | undefined;
    try {
      validate = ajv.getSchema(registration.id);
    } catch (error) {
      registration.failure = error as Error;
    }
    if (!validate) throw (registration.failure ??= new Error(`the schema at ${registration.location} was not registered`));
    registration.validate = validate;
    if (registration.holder) registration.holder.validate = validate;
    return validate;
  }

  /** The reason a schema that `start` reaches cannot compile, naming it when it is not `start` itself. */
  const reasonOf = (registration: Registration, start: Registration, error: unknown): string => {
    const message = (error as Error).message;
    return registration === start || message.includes(registration.location) ? message : `the schema at ${registration.location} (which it uses) ${message}`;
  };

  /** What compiled code calls for a reference: compiles the target on first call (a failure is SCHEMA_UNCOMPILABLE). */
  function holderOf(id: string): LazyTarget | undefined {
    const registration = byId.get(id);
    if (!registration) return undefined;
    if (registration.holder) return registration.holder;
    const holder: LazyTarget = {
      validate: (data: unknown, context?: ValidationContext) => {
        let validate: ValidateFunction;
        try {
          validate = functionOf(registration);
        } catch (error) {
          throw new RunwardenError(
            'SCHEMA_UNCOMPILABLE',
            `${displayPath(options.specPath)}: the schema at ${registration.location} cannot be compiled: ${reasonOf(registration, registration, error)}`,
            'Fix the schema so that it is valid JSON Schema for the document\'s OpenAPI version; operations that do not use it are not affected.',
          );
        }
        return validate(data, context);
      },
    };
    if (registration.validate) holder.validate = registration.validate;
    registration.holder = holder;
    return holder;
  }

  function completeFrom(start: Registration): void {
    const seen = new Set<Registration>([start]);
    convert(start);
    const pending = [...start.refs];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (seen.has(next) || next.complete) continue;
      seen.add(next);
      try {
        functionOf(next);
      } catch (error) {
        throw new Error(reasonOf(next, start, error));
      }
      pending.push(...next.refs);
    }
    // A root whose function is shared with a schema of the same shape may itself stay uncompiled.
    for (const registration of seen) if (registration !== start || registration.validate) registration.complete = true;
  }

  useLazyRefs(ajv, holderOf);
  return { reserve, convert, functionOf, completeFrom, byId: (id) => byId.get(id), entries: () => registrations.entries() };
}
