import { valueAtPointer } from '../../core/profile/index.ts';
import type { SchemaObject } from '../../spec/index.ts';
import type { Confidence } from './profile-draft.ts';
import { admitsType, enumValues, walkProperties, type PropertyAt } from './schema-walk.ts';
import { comparableNames, FAILURE_WORDS, SUCCESS_WORDS } from './state-words.ts';

/** Where a run's state is read from. */
export type StatusField =
  /** An enumeration (or a string whose values the spec's examples and description show). */
  | { kind: 'enum'; pointer: string; states: string[]; confidence: Confidence; reason: string }
  /** No state at all, only whether it failed: `is_error: true`. The run is finished when it exists. */
  | { kind: 'outcome'; pointer: string; map: Record<string, string>; confidence: Confidence; reason: string };

const STATUS_NAME = /^(status|state|phase)$/i;
const STATUS_LIKE = /(status|state|phase)/i;
const FAILED_FLAG = /^(is_?error|error|errored|is_?failed|failed|has_?error|has_?failed)$/i;
const SUCCEEDED_FLAG = /^(is_?success|success|succeeded|is_?ok|ok)$/i;

function nameScore(property: PropertyAt, values: readonly string[]): number {
  if (STATUS_NAME.test(property.name)) return 3;
  if (STATUS_LIKE.test(property.name)) return 2;
  const names = comparableNames(values);
  return [...names.values()].some((name) => SUCCESS_WORDS.has(name) || FAILURE_WORDS.has(name)) ? 1 : 0;
}

/**
 * The field a poll's run carries its state in: an enum property, preferring the names status/state/phase and
 * shallow ones; else a status-named string whose values the examples and description give; else a boolean
 * error flag. `examples` are the poll response's examples, `description` words help a string without an enum.
 */
export function findStatusField(runSchema: SchemaObject | undefined, examples: readonly unknown[]): StatusField | undefined {
  const properties = walkProperties(runSchema);
  const enums = properties.map((property) => ({ property, values: enumValues(property.schema) }))
    .filter(({ property, values }) => values.length >= 2 && nameScore(property, values) > 0)
    .sort((a, b) => nameScore(b.property, b.values) - nameScore(a.property, a.values) || a.property.depth - b.property.depth);
  const best = enums[0];
  if (best) {
    const score = nameScore(best.property, best.values);
    const confidence: Confidence = score === 3 ? 'high' : score === 2 ? 'medium' : 'low';
    const why = score === 1 ? 'an enum whose values read like run states' : `the enum property "${best.property.name}"`;
    return { kind: 'enum', pointer: best.property.pointer, states: best.values, confidence, reason: `${why} of the poll response${best.property.depth > 1 ? ', nested' : ''}` };
  }
  const open = properties.filter((property) => STATUS_NAME.test(property.name) && admitsType(property.schema, 'string')).sort((a, b) => a.depth - b.depth)[0];
  if (open) {
    const states = statesFromExamples(open, examples);
    if (states.length > 0) {
      return { kind: 'enum', pointer: open.pointer, states, confidence: 'low', reason: `"${open.name}" is a string without an enum: its states are taken from the spec's examples and description` };
    }
  }
  const flag = properties.filter((property) => admitsType(property.schema, 'boolean') && (FAILED_FLAG.test(property.name) || SUCCEEDED_FLAG.test(property.name)))
    .sort((a, b) => a.depth - b.depth)[0];
  if (flag) {
    const failed = FAILED_FLAG.test(flag.name);
    return {
      kind: 'outcome', pointer: flag.pointer, confidence: 'medium',
      map: failed ? { false: 'completed', true: 'error' } : { true: 'completed', false: 'error' },
      reason: `the run has no status field; the boolean "${flag.name}" tells success from failure, so a run is finished when it exists`,
    };
  }
  return undefined;
}

/** Values of the field in the response examples, then state words its description mentions, in that order. */
function statesFromExamples(property: PropertyAt, examples: readonly unknown[]): string[] {
  const seen = examples.map((example) => valueAtPointer(example, property.pointer)).filter((value): value is string => typeof value === 'string');
  const description = typeof (property.schema as { description?: unknown }).description === 'string' ? (property.schema as { description: string }).description : '';
  const mentioned = [...description.matchAll(/[`'"]?([A-Za-z][A-Za-z_-]{1,30})[`'"]?/g)].map((match) => match[1]!)
    .filter((word) => [...comparableNames([word]).values()].some((name) => SUCCESS_WORDS.has(name) || FAILURE_WORDS.has(name) || /^(queued|pending|starting|running|processing|in_progress)$/.test(name)));
  return [...new Set([...seen, ...mentioned])];
}
