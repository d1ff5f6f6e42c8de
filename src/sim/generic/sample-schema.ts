type Json = Record<string, unknown>;

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const SCHEMA_SINGLES = new Set([
  'items', 'additionalProperties', 'additionalItems', 'contains', 'propertyNames', 'not', 'if', 'then', 'else',
  'unevaluatedProperties', 'unevaluatedItems',
]);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items']);
/** OpenAPI-only keywords and annotations the generator has no use for. */
const DROPPED = new Set(['nullable', 'discriminator', 'xml', 'externalDocs', 'example', '$schema', '$id']);
/** Follows at most this many `$ref`s in a row (a reference to a reference...). */
const MAX_HOPS = 32;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const unescape = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** The node at a spec pointer (`#/paths/~1jobs/get/...`), following internal `$ref`s on the way and at the end. */
export function nodeAt(root: Json, pointer: string): unknown {
  let node: unknown = root;
  const tokens = pointer.replace(/^#/, '').split('/').slice(1).map(unescape);
  for (const token of tokens) {
    node = follow(root, node);
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Json)[token];
  }
  return follow(root, node);
}

function follow(root: Json, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < MAX_HOPS && isObject(current) && typeof current.$ref === 'string' && current.$ref.startsWith('#'); hops++) {
    const keys = Object.keys(current).filter((key) => key !== '$ref' && key !== 'description' && key !== 'summary');
    if (keys.length > 0) return current;
    current = nodeAt(root, current.$ref);
  }
  return current;
}

/**
 * A JSON Schema 2020-12 copy of the OpenAPI schema at `pointer`, for the generator: 3.0's `nullable` and boolean
 * `exclusiveMinimum`/`exclusiveMaximum` rewritten, OpenAPI-only keywords dropped, and every internal `$ref` it
 * reaches moved under `$defs` (so cycles stay references, bounded by the generator's depth limits).
 */
export function sampleSchemaAt(root: Json, version: '3.0' | '3.1', pointer: string): Json | undefined {
  const target = nodeAt(root, pointer);
  if (!isObject(target) && typeof target !== 'boolean') return undefined;
  const keys = new Map<string, string>();
  const queue: string[] = [];
  const refKey = (ref: string) => {
    let key = keys.get(ref);
    if (key === undefined) {
      key = `s${keys.size}`;
      keys.set(ref, key);
      queue.push(ref);
    }
    return key;
  };
  const convert = (schema: unknown): unknown => convertSchema(schema, version, refKey);
  const top = convert(target) as Json | boolean;
  const defs: Json = {};
  for (let index = 0; index < queue.length; index++) {
    const ref = queue[index]!;
    defs[keys.get(ref)!] = convert(nodeAt(root, ref) ?? {});
  }
  const schema: Json = typeof top === 'boolean' ? { allOf: [top] } : top;
  return queue.length === 0 ? schema : { ...schema, $defs: { ...(schema.$defs as Json | undefined), ...defs } };
}

function convertSchema(schema: unknown, version: '3.0' | '3.1', refKey: (ref: string) => string): unknown {
  if (!isObject(schema)) return schema;
  const convert = (sub: unknown) => convertSchema(sub, version, refKey);
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#')) {
    const reference = { $ref: `#/$defs/${refKey(schema.$ref)}` };
    if (version === '3.0') return schema.nullable === true ? { anyOf: [reference, { type: 'null' }] } : reference;
    const { $ref: _ref, ...rest } = schema;
    const siblings = Object.keys(rest).filter((key) => !DROPPED.has(key) && key !== 'description' && key !== 'summary');
    return siblings.length === 0 ? reference : { allOf: [convert(rest), reference] };
  }
  let out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key)) continue;
    if (SCHEMA_MAPS.has(key) && isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convert(sub)]));
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(convert);
    else if (SCHEMA_SINGLES.has(key) && (isObject(value) || typeof value === 'boolean')) out[key] = convert(value);
    else out[key] = value;
  }
  if (version === '3.0') out = convert30(schema, out);
  return out;
}

/** 3.0's `nullable` as a type (or an `anyOf` with null), its boolean exclusive bounds as numbers. */
function convert30(source: Json, out: Json): Json {
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof source[exclusive] !== 'boolean') continue;
    delete out[exclusive];
    if (source[exclusive] === true && typeof source[bound] === 'number') {
      out[exclusive] = source[bound];
      delete out[bound];
    }
  }
  if (source.nullable !== true) return out;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] };
  if (Array.isArray(out.type)) return out.type.includes('null') ? out : { ...out, type: [...out.type, 'null'] };
  return { anyOf: [out, { type: 'null' }] };
}
