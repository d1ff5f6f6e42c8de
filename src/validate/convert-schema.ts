import { resolvePointer, tokensOf } from '../spec/json-pointer.ts';

/** Which way a message travels: `readOnly` properties are not required in requests, `writeOnly` ones not in responses. */
export type Direction = 'request' | 'response';

/** What a conversion needs from its spec; one per spec and direction. */
export interface ConvertContext {
  /** The bundled document: every `$ref` is internal (`#/...`). */
  root: Record<string, unknown>;
  version: '3.0' | '3.1';
  direction: Direction;
  /** The Ajv id of a schema that refers to itself, registered (converted) on first use. */
  registerCyclic(ref: string): string;
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
  const ref = isObject(branch) && typeof branch.$ref === 'string' ? branch.$ref : undefined;
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
 * declares the tag's values; no `mapping`), so a body is checked against the one branch its tag selects.
 * Leaves a plain `oneOf` when the values cannot be worked out or clash.
 */
function applyDiscriminator(source: Json, out: Json, root: Json): void {
  const discriminator = source.discriminator;
  const listKey = Array.isArray(source.oneOf) ? 'oneOf' : Array.isArray(source.anyOf) ? 'anyOf' : undefined;
  if (!isObject(discriminator) || typeof discriminator.propertyName !== 'string' || !listKey) return;
  const tag = discriminator.propertyName;
  const mapping = isObject(discriminator.mapping) ? (discriminator.mapping as Record<string, string>) : {};
  const values = (source[listKey] as unknown[]).map((branch) => tagValues(branch, tag, mapping, root));
  const all = values.flatMap((list) => list ?? []);
  if (values.some((list) => !list || list.length === 0) || new Set(all).size !== all.length) return;
  const branches = out[listKey] as unknown[];
  delete out[listKey];
  // Branches are fresh copies: declare the tag's values on each in place, so error paths keep the spec's shape.
  out.oneOf = branches.map((branch, index) => {
    const object = isObject(branch) ? branch : { allOf: [branch] };
    const properties = isObject(object.properties) ? object.properties : {};
    const declared = isObject(properties[tag]) ? properties[tag] : {};
    const required = Array.isArray(object.required) ? object.required : [];
    return {
      ...object,
      properties: { ...properties, [tag]: { ...declared, enum: values[index] } },
      required: required.includes(tag) ? required : [...required, tag],
    };
  });
  out.discriminator = { propertyName: tag };
}

function convertRef(schema: Json, context: ConvertContext, stack: readonly string[]): unknown {
  const ref = schema.$ref as string;
  let inlined: unknown;
  if (!ref.startsWith('#')) {
    inlined = { $ref: ref };
  } else if (stack.includes(ref)) {
    inlined = { $ref: context.registerCyclic(ref) };
  } else {
    const target = resolvePointer(context.root, ref);
    inlined = target === undefined ? { $ref: ref } : toAjvSchema(target.value, context, [...stack, ref]);
  }
  const siblings = Object.keys(schema).filter((key) => key !== '$ref');
  if (context.version === '3.0') {
    // 3.0 ignores a $ref's siblings; `nullable: true` next to one is honoured, as most tools do.
    return schema.nullable === true ? { anyOf: [inlined, { type: 'null' }] } : inlined;
  }
  if (siblings.every((key) => ANNOTATIONS.has(key) || key.startsWith('x-'))) return inlined;
  const { $ref: _ref, ...rest } = schema;
  const converted = toAjvSchema(rest, context, stack) as Json;
  return { ...converted, allOf: [...((converted.allOf as unknown[] | undefined) ?? []), inlined] };
}

/** Converts 3.0-only keywords: `nullable`, boolean `exclusiveMinimum`/`exclusiveMaximum`. */
function convert30(source: Json, out: Json): Json {
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof source[exclusive] === 'boolean') {
      delete out[exclusive];
      if (source[exclusive] === true && typeof source[bound] === 'number') {
        out[exclusive] = source[bound];
        delete out[bound];
      }
    }
  }
  if (source.nullable !== true) return out;
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

/**
 * A copy of an OpenAPI schema that Ajv compiles with the meaning OpenAPI gives it: internal `$ref`s inlined
 * (self-references registered separately), 3.0 keywords converted, discriminators made explicit and
 * `required` adjusted for readOnly/writeOnly in the given direction. The source is never mutated.
 */
export function toAjvSchema(schema: unknown, context: ConvertContext, stack: readonly string[] = []): unknown {
  if (!isObject(schema)) return schema;
  if (typeof schema.$ref === 'string') return convertRef(schema, context, stack);
  let out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key)) continue;
    if (SCHEMA_MAPS.includes(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, toAjvSchema(sub, context, stack)]));
    } else if ((SCHEMA_SINGLES.includes(key) || key === 'items') && (isObject(value) || typeof value === 'boolean')) {
      out[key] = toAjvSchema(value, context, stack);
    } else if ((SCHEMA_LISTS.includes(key) || key === 'items') && Array.isArray(value)) {
      out[key] = value.map((sub) => toAjvSchema(sub, context, stack));
    } else {
      out[key] = value;
    }
  }
  if (Array.isArray(schema.required) && isObject(schema.properties)) {
    const flag = context.direction === 'request' ? 'readOnly' : 'writeOnly';
    const properties = schema.properties;
    out.required = schema.required.filter((name) => !hasFlag(properties[name as string], flag, context.root));
  }
  applyDiscriminator(schema, out, context.root);
  if (context.version === '3.0') out = convert30(schema, out);
  return out;
}
