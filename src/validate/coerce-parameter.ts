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

/**
 * Precomputes how a query, path or header parameter's strings become a value: numbers and booleans by the
 * schema's type; arrays from repeated parameters or a delimited string (`status=queued,running`).
 * Values that do not convert stay strings, so the schema reports them.
 */
export function createCoercer(parameter: Pick<Parameter, 'schema' | 'style'>): Coercer {
  const types = typesOf(parameter.schema);
  if (types[0] === 'array') {
    const item = scalar(typesOf((parameter.schema as Json).items));
    const delimiter = DELIMITERS[parameter.style] ?? ',';
    return (values) => {
      const parts = values.length === 1 ? values[0]!.split(delimiter) : values;
      return parts.map(item);
    };
  }
  const convert = scalar(types);
  return (values) => convert(values[0] ?? '');
}
