import type { Operation, Parameter, SchemaObject } from '../../spec/index.ts';
import { jsonMedia, pathParams } from './operation-facts.ts';
import type { Confidence } from './profile-draft.ts';
import { enumValues, exampleOf, familyOf, propertiesOf } from './schema-walk.ts';

/** The value of a parameter a profile sends, and whether the user must replace it. */
export interface ValueGuess {
  value: string;
  /** Where it came from: `example`, `enum`, or `placeholder` (the user must replace it). */
  source: 'example' | 'enum' | 'placeholder' | 'fresh';
}

/** A uuid placeholder still matches `format: uuid`, so a simulated run works before the user edits it. */
const UUID_PLACEHOLDER = '00000000-0000-4000-8000-000000000000';
const HEADERS_RUNWARDEN_SETS = new Set(['authorization', 'content-type', 'accept', 'content-length']);

/** An example of the parameter, its schema's, an enum value (`async` when offered), or a placeholder. */
export function parameterValue(parameter: Parameter): ValueGuess {
  const example = parameter.examples[0]?.value ?? exampleOf(parameter.schema);
  if (example !== undefined && example !== null && typeof example !== 'object') return { value: String(example), source: 'example' };
  const values = enumValues(parameter.schema);
  // An API with a sync and an async mode is tested here for its runs: async creates them.
  if (values.length > 0) return { value: values.includes('async') ? 'async' : values[0]!, source: 'enum' };
  const uuid = familyOf(parameter.schema).some((member) => member.format === 'uuid');
  return { value: uuid ? UUID_PLACEHOLDER : `replace-me-${parameter.name}`, source: 'placeholder' };
}

/** What the create sends besides the body: every path parameter, required query and header parameters, idempotency keys. */
export function createValues(create: Operation): { params: Record<string, ValueGuess>; query: Record<string, ValueGuess>; headers: Record<string, ValueGuess> } {
  // The path's own parameters, declared or not: an undeclared one still needs a value.
  const params = Object.fromEntries(pathParams(create.pathTemplate).map(({ name }) => {
    const declared = create.parameters.path.find((parameter) => parameter.name === name);
    return [name, declared ? parameterValue(declared) : { value: `replace-me-${name}`, source: 'placeholder' as const }];
  }));
  const query = Object.fromEntries(create.parameters.query.filter((parameter) => parameter.required).map((parameter) => [parameter.name, parameterValue(parameter)]));
  const headers = Object.fromEntries(create.parameters.header.flatMap((parameter): Array<[string, ValueGuess]> => {
    if (HEADERS_RUNWARDEN_SETS.has(parameter.name.toLowerCase())) return [];
    // A fresh key per run: a fixed one would make every create after the first a replay.
    if (/idempotency/i.test(parameter.name)) return [[parameter.name, { value: '{uuid}', source: 'fresh' }]];
    return parameter.required ? [[parameter.name, parameterValue(parameter)]] : [];
  }));
  return { params, query, headers };
}

/** The create's JSON body: the spec's first request example, else one built from the schema's required fields. */
export function createBody(create: Operation): { body?: unknown; confidence: Confidence; reason: string } | undefined {
  const media = jsonMedia(create.requestBody?.content);
  if (!media) return undefined;
  const example = media.examples[0];
  if (example) return { body: example.value, confidence: 'high', reason: `the spec's request example "${example.name}"` };
  const built = media.schema ? bodyFromSchema(media.schema, 0) : undefined;
  if (built !== undefined) return { body: built, confidence: 'low', reason: "no request example: built from the schema's required fields" };
  return create.requestBody?.required ? { body: {}, confidence: 'low', reason: 'no request example or schema: an empty object' } : undefined;
}

/** A minimal value for a schema: examples and defaults where written, required properties only, bounded depth. */
function bodyFromSchema(schema: SchemaObject, depth: number): unknown {
  const example = exampleOf(schema);
  if (example !== undefined) return example;
  const values = enumValues(schema);
  if (values.length > 0) return values[0];
  const types = familyOf(schema).flatMap((member) => (Array.isArray(member.type) ? member.type : member.type ? [member.type] : []));
  if (types.includes('object') || propertiesOf(schema).size > 0) {
    if (depth >= 4) return {};
    const required = new Set(familyOf(schema).flatMap((member) => (Array.isArray(member.required) ? member.required as string[] : [])));
    return Object.fromEntries([...propertiesOf(schema)].filter(([name]) => required.has(name)).map(([name, property]) => [name, bodyFromSchema(property, depth + 1)]));
  }
  if (types.includes('array')) return [];
  if (types.includes('integer') || types.includes('number')) return 1;
  if (types.includes('boolean')) return false;
  if (types.includes('string')) return 'replace-me';
  return null;
}
