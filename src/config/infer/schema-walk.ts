import type { SchemaObject } from '../../spec/index.ts';

type Json = Record<string, unknown>;

/** How deep inference looks into a response body: `/job/state` is depth 2. Bounds every walk (schemas may be cyclic). */
export const MAX_DEPTH = 3;

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** The schema and every `allOf` member in it, recursively: the schemas a value of this schema must satisfy at once. */
export function familyOf(schema: SchemaObject | undefined, seen = new Set<unknown>()): Json[] {
  const object = asObject(schema);
  if (!object || seen.has(object)) return [];
  seen.add(object);
  const members = Array.isArray(object.allOf) ? object.allOf : [];
  return [object, ...members.flatMap((member) => familyOf(member as SchemaObject, seen))];
}

/**
 * True when two (dereferenced) schemas are the same object or one is built from the other with `allOf`
 * (`TaskRunResponse: allOf: [TaskRun, …]`). Siblings that merely share a base are not the same.
 */
export function sameSchema(a: SchemaObject | undefined, b: SchemaObject | undefined): boolean {
  if (!a || !b) return false;
  return a === b || familyOf(a).includes(b as Json) || familyOf(b).includes(a as Json);
}

/**
 * The properties a value of the schema may have: its own, its `allOf` members', and the union of its
 * `oneOf`/`anyOf` branches' (a branch's property is still a place a field can be).
 */
export function propertiesOf(schema: SchemaObject | undefined): Map<string, SchemaObject> {
  const properties = new Map<string, SchemaObject>();
  for (const member of familyOf(schema)) {
    const branches = [member, ...[member.oneOf, member.anyOf].flatMap((list) => (Array.isArray(list) ? list : []))];
    for (const branch of branches) {
      for (const [name, property] of Object.entries(asObject(asObject(branch)?.properties) ?? {})) {
        if (!properties.has(name)) properties.set(name, property as SchemaObject);
      }
    }
  }
  return properties;
}

/** The string values a schema allows when it is an enumeration (`enum`, or `oneOf` of `const`s); [] otherwise. */
export function enumValues(schema: SchemaObject | undefined): string[] {
  for (const member of familyOf(schema)) {
    if (Array.isArray(member.enum)) return member.enum.filter((value): value is string => typeof value === 'string');
    const branches = Array.isArray(member.oneOf) ? member.oneOf : Array.isArray(member.anyOf) ? member.anyOf : [];
    const consts = branches.map((branch) => asObject(branch)?.const).filter((value): value is string => typeof value === 'string');
    if (consts.length > 1) return consts;
  }
  return [];
}

/** True when the schema admits a value of `type` (`type: [string, 'null']` admits string). */
export function admitsType(schema: SchemaObject | undefined, type: string): boolean {
  return familyOf(schema).some((member) => member.type === type || (Array.isArray(member.type) && member.type.includes(type)));
}

/** One property somewhere in an object schema, with its JSON pointer from the body's root. */
export interface PropertyAt {
  name: string;
  pointer: string;
  depth: number;
  schema: SchemaObject;
  /** The pointer of the object that holds it ('' for the root). */
  parent: string;
}

/** Every property of an object schema down to MAX_DEPTH, breadth first, never through arrays. */
export function walkProperties(schema: SchemaObject | undefined): PropertyAt[] {
  const found: PropertyAt[] = [];
  const seen = new Set<unknown>();
  let level: Array<{ schema: SchemaObject | undefined; pointer: string }> = [{ schema, pointer: '' }];
  for (let depth = 1; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const holder of level) {
      if (!holder.schema || seen.has(holder.schema)) continue;
      seen.add(holder.schema);
      for (const [name, property] of propertiesOf(holder.schema)) {
        const pointer = `${holder.pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        found.push({ name, pointer, depth, schema: property, parent: holder.pointer });
        if (propertiesOf(property).size > 0) next.push({ schema: property, pointer });
      }
    }
    level = next;
  }
  return found;
}

/** The schema's own `example`/`examples`/`default`, first found: a value the spec's author wrote down. */
export function exampleOf(schema: SchemaObject | undefined): unknown {
  for (const member of familyOf(schema)) {
    if (member.example !== undefined) return member.example;
    if (Array.isArray(member.examples) && member.examples.length > 0) return member.examples[0];
    if (member.default !== undefined) return member.default;
  }
  return undefined;
}

/** True for a string that holds a date-time: `format: date-time`, or a pattern that starts like one. */
export function isDateTime(schema: SchemaObject | undefined): boolean {
  return familyOf(schema).some((member) => member.format === 'date-time'
    || (typeof member.pattern === 'string' && /\\d\{4\}-\\d\{2\}-\\d\{2\}/.test(member.pattern)));
}
