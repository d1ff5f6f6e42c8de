import type { ChangeLevel } from './spec-change.ts';

/** A schema object of a dereferenced document. */
export type Schema = Record<string, unknown>;

/** Which way the data flows: what a client sends may only get looser, what it receives only tighter. */
export type Direction = 'request' | 'response';

/** Reports one change at the schema being compared: rule id suffix, level, sentence. */
export type EmitAt = (id: string, level: ChangeLevel, message: string) => void;

export const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The level of a change that tightens (`tighter`) or loosens the data, by direction. */
export function levelFor(direction: Direction, tighter: boolean, loosenedResponse: ChangeLevel = 'breaking'): ChangeLevel {
  if (direction === 'request') return tighter ? 'breaking' : 'info';
  return tighter ? 'info' : loosenedResponse;
}

/** Who a tightening or loosening hurts, in one clause. */
export function whoBreaks(direction: Direction, tighter: boolean): string {
  if (direction === 'request') return tighter ? 'clients sending values the base allowed get 4xx' : 'no client breaks: requests may only get looser';
  return tighter ? 'no client breaks: responses may only get tighter' : 'clients that parse the response may meet values they never had to handle';
}

/** Types a schema allows, without null; 3.0 `nullable` and 3.1 type arrays read alike. */
export function typesOf(schema: Schema): { types: Set<string> | undefined; nullable: boolean } {
  const raw = schema.type;
  const list = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : undefined;
  const nullable = schema.nullable === true || (list?.includes('null') ?? false) || (Array.isArray(schema.enum) && schema.enum.includes(null));
  const types = list?.filter((type) => type !== 'null');
  // `integer` is a kind of `number`: widening one to the other is a generalisation, not a new type.
  return { types: types && types.length > 0 ? new Set(types) : undefined, nullable };
}

export function covers(wide: Set<string>, narrow: Set<string>): boolean {
  return [...narrow].every((type) => wide.has(type) || (type === 'integer' && wide.has('number')));
}

/** A stable text for a schema value (enum members, defaults), bounded in depth so cycles stop. */
export function keyOf(value: unknown, depth = 0): string {
  if (depth > 8 || typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map((item) => keyOf(item, depth + 1)).join(',')}]`;
  return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${keyOf((value as Schema)[key], depth + 1)}`).join(',')}}`;
}

export const MAXIMA = ['maxLength', 'maximum', 'maxItems', 'maxProperties', 'exclusiveMaximum'] as const;
export const MINIMA = ['minLength', 'minimum', 'minItems', 'minProperties', 'exclusiveMinimum'] as const;
export const kebab = (name: string): string => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

