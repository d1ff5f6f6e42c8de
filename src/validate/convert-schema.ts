import { childPointer, resolvePointer, tokensOf } from '../spec/json-pointer.ts';
import type { SpecWarning } from '../spec/spec-warning.ts';
import { unicodeSafePattern } from './unicode-pattern.ts';

/** Which way a message travels: `readOnly` properties are not required in requests, `writeOnly` ones not in responses. */
export type Direction = 'request' | 'response';

/** What a conversion needs from its spec; one per spec and direction. */
export interface ConvertContext {
  /** The bundled document: every `$ref` that resolves is internal (`#/...`). */
  root: Record<string, unknown>;
  version: '3.0' | '3.1';
  direction: Direction;
  /**
   * The Ajv id under which the schema at an internal `$ref` is registered (converted once, on first use, so a
   * schema used in a thousand places is one compiled function). Throws when the target cannot be converted.
   */
  registerRef(ref: string): string;
  /** Called with every converted schema object and the spec pointer of the schema it was converted from. */
  located?(converted: Record<string, unknown>, location: string): void;
  /** A flaw worked around during conversion. */
  warn?(warning: SpecWarning): void;
  /** Whether Ajv checks a `format` (unknown formats are annotations, reported once). */
  knownFormat?(format: string): boolean;
}

type Json = Record<string, unknown>;

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_SINGLES = [
  'additionalProperties', 'additionalItems', 'contains', 'propertyNames', 'not', 'if', 'then', 'else',
  'unevaluatedProperties', 'unevaluatedItems', 'contentSchema',
];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Keywords that only annotate (or that this conversion replaces), dropped from what Ajv compiles. */
const DROPPED = new Set(['example', 'xml', 'externalDocs', 'discriminator', 'nullable', '$schema', '$id']);
const ANNOTATIONS = new Set([
  'description', 'summary', 'title', 'example', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'default',
  'externalDocs', 'xml', '$comment',
]);

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isRef = (value: unknown): value is { $ref: string } => isObject(value) && typeof value.$ref === 'string';

/** Follows `$ref`s (internal) until a schema that is not a bare reference. */
export function derefSchema(schema: unknown, root: Json): unknown {
  let current = schema;
  for (let hops = 0; hops < 32 && isObject(current) && typeof current.$ref === 'string'; hops++) {
    const target = resolvePointer(root, current.$ref)?.value;
    if (target === undefined) return current;
    current = target;
  }
  return current;
}

/** True when the schema (or a `$ref` sibling, or its target) sets `flag` (readOnly / writeOnly). */
function hasFlag(schema: unknown, flag: 'readOnly' | 'writeOnly', root: Json): boolean {
  if (isObject(schema) && schema[flag] === true) return true;
  const target = derefSchema(schema, root);
  return isObject(target) && target[flag] === true;
}

/** The discriminator values a `oneOf` branch answers to: explicit mapping, its own const/enum, else its component name. */
function tagValues(branch: unknown, propertyName: string, mapping: Record<string, string>, root: Json): string[] | undefined {
  const ref = isRef(branch) ? branch.$ref : undefined;
  if (ref !== undefined) {
    const name = tokensOf(ref).at(-1);
    const mapped = Object.entries(mapping)
      .filter(([, target]) => {
        const normalized = target.includes('#') ? target.slice(target.indexOf('#')) : `#/components/schemas/${target}`;
        return normalized === ref || tokensOf(normalized).at(-1) === name;
      })
      .map(([value]) => value);
    if (mapped.length > 0) return mapped;
  }
  const property = derefSchema((derefSchema(branch, root) as Json | undefined)?.properties, root);
  const declared = isObject(property) ? derefSchema(property[propertyName], root) : undefined;
  if (isObject(declared)) {
    if (typeof declared.const === 'string') return [declared.const];
    if (Array.isArray(declared.enum) && declared.enum.every((value) => typeof value === 'string')) return declared.enum as string[];
  }
  if (ref?.startsWith('#/components/schemas/')) return [tokensOf(ref).at(-1)!];
  return undefined;
}

/**
 * Rewrites `oneOf`/`anyOf` + `discriminator` into the shape Ajv's `discriminator` option supports (each branch
 * declares the tag's values; no `mapping`), so a body is checked against the one branch its tag selects. Each
 * branch stays a reference, wrapped with the tag's values. Leaves a plain `oneOf` when the values cannot be worked
 * out or clash.
 */
function applyDiscriminator(source: Json, out: Json, location: string, context: ConvertContext): void {
  const discriminator = source.discriminator;
  const listKey = Array.isArray(source.oneOf) ? 'oneOf' : Array.isArray(source.anyOf) ? 'anyOf' : undefined;
  if (!isObject(discriminator) || typeof discriminator.propertyName !== 'string' || !listKey) return;
  const tag = discriminator.propertyName;
  const mapping = isObject(discriminator.mapping) ? (discriminator.mapping as Record<string, string>) : {};
  const values = (source[listKey] as unknown[]).map((branch) => tagValues(branch, tag, mapping, context.root));
  const all = values.flatMap((list) => list ?? []);
  if (values.some((list) => !list || list.length === 0) || new Set(all).size !== all.length) return;
  const branches = out[listKey] as unknown[];
  delete out[listKey];
  out.oneOf = branches.map((branch, index) => {
    const wrapped: Json = { allOf: [branch], properties: { [tag]: { enum: values[index] } }, required: [tag] };
    context.located?.(wrapped, childPointer(location, listKey, index));
    return wrapped;
  });
  out.discriminator = { propertyName: tag };
}

/** The Ajv form of a `$ref`: a reference to the target's registered schema, with OpenAPI's rules for siblings. */
function convertRef(schema: Json, context: ConvertContext, location: string): unknown {
  const ref = schema.$ref as string;
  if (!ref.startsWith('#')) throw new Error(`$ref "${ref}" at ${location} leaves the document and is not followed`);
  const reference: Json = { $ref: context.registerRef(ref) };
  context.located?.(reference, location);
  const siblings = Object.keys(schema).filter((key) => key !== '$ref');
  if (context.version === '3.0') {
    // 3.0 ignores a $ref's siblings; `nullable: true` next to one is honoured, as most tools do.
    return schema.nullable === true ? located({ anyOf: [reference, { type: 'null' }] }, location, context) : reference;
  }
  if (siblings.every((key) => ANNOTATIONS.has(key) || key.startsWith('x-'))) return reference;
  const { $ref: _ref, ...rest } = schema;
  const converted = toAjvSchema(rest, context, location) as Json;
  return located({ ...converted, allOf: [...((converted.allOf as unknown[] | undefined) ?? []), reference] }, location, context);
}

function located(schema: Json, location: string, context: ConvertContext): Json {
  context.located?.(schema, location);
  return schema;
}

/** Makes a converted schema also accept null: OpenAPI 3.0's `nullable: true`. */
function nullable(out: Json): Json {
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  if (Array.isArray(out.type)) {
    if (!out.type.includes('null')) out.type = [...out.type, 'null'];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/** Converts 3.0-only keywords: boolean `exclusiveMinimum`/`exclusiveMaximum`. */
function convertExclusiveBounds(source: Json, out: Json): void {
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof source[exclusive] === 'boolean') {
      delete out[exclusive];
      if (source[exclusive] === true && typeof source[bound] === 'number') {
        out[exclusive] = source[bound];
        delete out[bound];
      }
    }
  }
}

/** Values that are the same JSON, once each, in order. */
function unique(values: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value) ?? String(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * `enum` as Ajv can compile it: `$ref`s inside resolved to their values (what @apidevtools/json-schema-ref-parser
 * did), duplicates dropped, an empty list dropped (it would allow nothing). Each fix is a warning.
 */
function convertEnum(values: unknown[], location: string, context: ConvertContext): unknown[] | undefined {
  const here = childPointer(location, 'enum');
  if (values.length === 0) {
    context.warn?.({ code: 'ENUM_EMPTY', location: here, message: 'an empty `enum` allows no value at all: runwarden ignores it' });
    return undefined;
  }
  let list = values;
  if (list.some(isRef)) {
    const resolved = list.map((value) => (isRef(value) && value.$ref.startsWith('#') ? resolvePointer(context.root, value.$ref)?.value : value));
    if (resolved.some((value, index) => value === undefined || isRef(value) && list[index] !== value)) {
      context.warn?.({ code: 'ENUM_REF', location: here, message: '`enum` holds a `$ref` that does not resolve to a value: runwarden ignores this `enum`' });
      return undefined;
    }
    context.warn?.({ code: 'ENUM_REF', location: here, message: '`enum` holds a `$ref` (enum values are data, not references): its target is used as the value' });
    list = resolved;
  }
  const distinct = unique(list);
  if (distinct.length < list.length) {
    context.warn?.({ code: 'ENUM_DUPLICATE', location: here, message: `\`enum\` lists a value more than once: ${list.length - distinct.length} duplicate${list.length - distinct.length === 1 ? '' : 's'} ignored` });
  }
  return distinct;
}

/** `pattern` as Ajv compiles it (with the `u` flag), rewritten where the spec's engine allowed more. */
function convertPattern(pattern: string, where: string, context: ConvertContext): string {
  const safe = unicodeSafePattern(pattern);
  if (safe === undefined || safe.how === 'as-is') return pattern;
  context.warn?.({
    code: 'PATTERN_NOT_UNICODE', location: where,
    message: safe.how === 'rewritten'
      ? `the pattern ${JSON.stringify(pattern)} is not a valid JSON Schema (ECMA-262, unicode) regular expression: checked as ${JSON.stringify(safe.pattern)}, which means the same`
      : `the pattern ${JSON.stringify(pattern)} is only valid without the unicode flag: checked that way`,
  });
  return safe.pattern;
}

/** Copies the schema keywords of `schema`, converting each subschema; fixes flaws (with warnings) on the way. */
function convertKeywords(schema: Json, context: ConvertContext, location: string): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key)) continue;
    const here = childPointer(location, key);
    if (SCHEMA_MAPS.includes(key) && isObject(value)) {
      const map: Json = {};
      for (const [name, sub] of Object.entries(value)) {
        const target = key === 'patternProperties' ? convertPattern(name, childPointer(here, name), context) : name;
        map[target] = toAjvSchema(sub, context, childPointer(here, name));
      }
      out[key] = map;
    } else if ((SCHEMA_SINGLES.includes(key) || key === 'items') && (isObject(value) || typeof value === 'boolean')) {
      out[key] = toAjvSchema(value, context, here);
    } else if ((SCHEMA_LISTS.includes(key) || key === 'items') && Array.isArray(value)) {
      out[key] = value.map((sub, index) => toAjvSchema(sub, context, childPointer(here, index)));
    } else if (key === 'enum' && Array.isArray(value)) {
      const values = convertEnum(value, location, context);
      if (values !== undefined) out.enum = values;
    } else if (key === 'pattern' && typeof value === 'string') {
      out.pattern = convertPattern(value, here, context);
    } else {
      out[key] = value;
    }
  }
  if (typeof schema.format === 'string' && context.knownFormat && !context.knownFormat(schema.format)) {
    context.warn?.({ code: 'FORMAT_UNKNOWN', location: childPointer(location, 'format'), message: `format "${schema.format}" is not one runwarden knows: values are not checked against it` });
  }
  return out;
}

/** `required` without duplicates, and without readOnly (requests) or writeOnly (responses) properties. */
function convertRequired(schema: Json, out: Json, context: ConvertContext, location: string): void {
  if (!Array.isArray(schema.required)) return;
  const names = unique(schema.required);
  if (names.length < schema.required.length) {
    context.warn?.({ code: 'REQUIRED_DUPLICATE', location: childPointer(location, 'required'), message: '`required` names a property more than once: the duplicates are ignored' });
  }
  const properties = isObject(schema.properties) ? schema.properties : undefined;
  const flag = context.direction === 'request' ? 'readOnly' : 'writeOnly';
  out.required = properties ? names.filter((name) => !hasFlag(properties[name as string], flag, context.root)) : names;
}

/**
 * A copy of an OpenAPI schema that Ajv compiles with the meaning OpenAPI gives it: internal `$ref`s kept as
 * references to registered schemas (each converted once, cycles included), 3.0 keywords converted, discriminators
 * made explicit, `required` adjusted for readOnly/writeOnly in the given direction, and the flaws of real specs
 * (duplicate `required`/`enum` entries, an empty `enum`, non-unicode patterns, 3.0's `nullable` in a 3.1
 * document) fixed with a warning. `location` is the schema's spec pointer. The source is never mutated.
 */
export function toAjvSchema(schema: unknown, context: ConvertContext, location = '#'): unknown {
  if (!isObject(schema)) return schema;
  if (typeof schema.$ref === 'string') return convertRef(schema, context, location);
  let out = convertKeywords(schema, context, location);
  convertRequired(schema, out, context, location);
  applyDiscriminator(schema, out, location, context);
  if (context.version === '3.0') convertExclusiveBounds(schema, out);
  context.located?.(out, location);
  if (schema.nullable === true) {
    if (context.version === '3.1') {
      context.warn?.({ code: 'NULLABLE_IN_3_1', location: childPointer(location, 'nullable'), message: '`nullable` is OpenAPI 3.0 (3.1 writes `type: [..., "null"]`): honoured as 3.0 does' });
    }
    out = located(nullable(out), location, context);
  }
  return out;
}
