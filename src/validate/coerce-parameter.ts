import type { Parameter } from '../spec/loaded-spec.ts';

/** Turns the raw string values of a parameter into the JSON value its schema describes. */
export type Coercer = (values: readonly string[]) => unknown;

type Json = Record<string, unknown>;

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The schema's types (`type`, or the first typed branch of allOf/oneOf/anyOf). */
function typesOf(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const object = schema as Json;
  if (typeof object.type === 'string') return [object.type];
  if (Array.isArray(object.type)) return object.type.map(String);
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const branches = object[key];
    if (Array.isArray(branches)) {
      for (const branch of branches) {
        const types = typesOf(branch);
        if (types.length > 0 && !(types.length === 1 && types[0] === 'null')) return types;
      }
    }
  }
  if (Array.isArray(object.enum) && object.enum.length > 0) return [...new Set(object.enum.map((value) => (typeof value === 'number' ? 'number' : typeof value)))];
  return [];
}

function scalar(types: readonly string[]): (raw: string) => unknown {
  return (raw) => {
    for (const type of types) {
      if (type === 'integer' && INTEGER.test(raw)) return Number(raw);
      if (type === 'number' && NUMBER.test(raw)) return Number(raw);
      if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
      if (type === 'null' && raw === 'null') return null;
      if (type === 'string') return raw;
    }
    return raw;
  };
}

const DELIMITERS: Record<string, string> = { form: ',', simple: ',', pipeDelimited: '|', spaceDelimited: ' ' };

/** Strips a path parameter's label (`.a.b`) or matrix (`;id=5`, `;id=a;id=b`) prefix; other styles pass through. */
function unprefixed(style: string, name: string | undefined, raw: string): { text: string; delimiter?: string } {
  if (style === 'label' && raw.startsWith('.')) return { text: raw.slice(1), delimiter: ',' };
  if (style === 'matrix' && raw.startsWith(';')) {
    const prefix = `;${name ?? ''}=`;
    const parts = raw.split(';').slice(1).map((part) => (part.startsWith(`${name ?? ''}=`) ? part.slice((name ?? '').length + 1) : part));
    return raw.startsWith(prefix) || name === undefined ? { text: parts.join(','), delimiter: ',' } : { text: raw };
  }
  return { text: raw };
}

/** Whether an object's properties arrive as `key=value` pairs (deepObject, exploded form and simple) or as `k,v,k,v`. */
const pairsOf = (style: string, explode: boolean): boolean => style === 'deepObject' || explode;

/**
 * Precomputes how a query, path or header parameter's strings become a value: numbers and booleans by the
 * schema's type; arrays from repeated parameters or a delimited string (`status=queued,running`); objects from
 * `key=value` pairs (deepObject `filter[role]=admin` and exploded styles, collected by queryValues) or from
 * `role,admin,age,5`; label (`.5`) and matrix (`;id=5`) path values without their prefix.
 * Values that do not convert stay strings, so the schema reports them.
 */
export function createCoercer(parameter: Pick<Parameter, 'schema' | 'style'> & Partial<Pick<Parameter, 'explode' | 'name'>>): Coercer {
  const types = typesOf(parameter.schema);
  const { style } = parameter;
  const explode = parameter.explode ?? style === 'form';
  const strip = (values: readonly string[]): { values: readonly string[]; delimiter?: string } => {
    if (values.length !== 1 || (style !== 'label' && style !== 'matrix')) return { values };
    const { text, delimiter } = unprefixed(style, parameter.name, values[0]!);
    return { values: [text], delimiter };
  };
  if (types[0] === 'array') {
    const item = scalar(typesOf((parameter.schema as Json).items));
    return (raw) => {
      const { values, delimiter } = strip(raw);
      const split = style === 'label' && explode ? '.' : delimiter ?? DELIMITERS[style] ?? ',';
      const parts = values.length === 1 ? values[0]!.split(split) : values;
      return parts.map(item);
    };
  }
  if (types[0] === 'object') {
    const properties = ((parameter.schema as Json).properties ?? {}) as Record<string, unknown>;
    const convert = (key: string, value: string): unknown => scalar(typesOf(properties[key]))(value);
    return (raw) => {
      const { values } = strip(raw);
      const object: Record<string, unknown> = {};
      // Consumers often write a non-exploded object in its exploded form (`role=admin,age=5`): read either.
      const text = values[0] ?? '';
      const keyValued = values.length === 1 && style === 'simple' && text !== '' && text.split(',').every((part) => part.includes('='));
      if (pairsOf(style, explode) || keyValued) {
        const pairs = values.length === 1 && style === 'simple' ? text.split(',') : values;
        for (const pair of pairs) {
          const equals = pair.indexOf('=');
          if (equals === -1) return raw.length === 1 ? raw[0] : [...raw];
          const key = pair.slice(0, equals);
          // A nested deepObject key (`filter[address][city]=x` arrives as `address][city=x`) builds nested objects.
          if (style === 'deepObject' && key.includes('][')) setNested(object, key.split(']['), pair.slice(equals + 1), parameter.schema);
          else object[key] = convert(key, pair.slice(equals + 1));
        }
        return object;
      }
      const parts = text.split(DELIMITERS[style] ?? ',');
      if (parts.length % 2 !== 0) return values[0];
      for (let index = 0; index < parts.length; index += 2) object[parts[index]!] = convert(parts[index]!, parts[index + 1]!);
      return object;
    };
  }
  const convert = scalar(types);
  return (raw) => convert(strip(raw).values[0] ?? '');
}

/** Sets `object[a][b]… = value`, the leaf converted by the nested property's type in `schema`. */
function setNested(object: Record<string, unknown>, keys: readonly string[], value: string, schema: unknown): void {
  let target = object;
  let at = schema;
  for (const [index, key] of keys.entries()) {
    at = ((at as Json | undefined)?.properties as Record<string, unknown> | undefined)?.[key];
    if (index === keys.length - 1) {
      target[key] = scalar(typesOf(at))(value);
      return;
    }
    const next = target[key];
    target = (target[key] = typeof next === 'object' && next !== null ? next : {}) as Record<string, unknown>;
  }
}
