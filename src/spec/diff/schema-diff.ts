import { childPointer } from './pointer.ts';
import { compareBounds, compareDiscriminator, compareEnums, compareOtherConstraints } from './schema-constraints.ts';
import { digestOf, sameContent } from './schema-digest.ts';
import { covers, isSchema, kebab, keyOf, levelFor, typesOf, whoBreaks, type Direction, type Schema } from './schema-terms.ts';
import type { ChangeLevel, SpecChange } from './spec-change.ts';

export type { Direction } from './schema-terms.ts';

/** Where a schema sits, for rule ids and messages. */
export interface SchemaSite {
  direction: Direction;
  /** Rule id prefix at this schema: `request-parameter`, `request-body`, `response-header`, `response-body`… */
  subject: string;
  /** Rule id prefix for the properties under it: `request-property` or `response-property`. */
  propertySubject: string;
  /** Human name, e.g. "query parameter `limit`" or "the 200 response body". */
  label: string;
  operation?: string;
}

/** Guards against schemas that refer to themselves (dereferenced, they are cycles) and very deep nesting. */
interface Walk {
  seen: WeakMap<object, WeakSet<object>>;
  emit(change: SpecChange): void;
}

const MAX_DEPTH = 48;

/** Compares one pair of schemas (already dereferenced), reporting every change with its direction's level. */
export function diffSchemas(base: unknown, revision: unknown, basePointer: string, revisionPointer: string, site: SchemaSite, emit: (change: SpecChange) => void): void {
  // Labels read mid-sentence ("property `a` in …"); a message starts with a capital.
  const capitalised = (change: SpecChange): void => emit({ ...change, message: change.message.charAt(0).toUpperCase() + change.message.slice(1) });
  compare(base, revision, basePointer, revisionPointer, site, { seen: new WeakMap(), emit: capitalised }, 0);
}

function compare(base: unknown, revision: unknown, bp: string, rp: string, site: SchemaSite, walk: Walk, depth: number): void {
  if (!isSchema(base) || !isSchema(revision) || depth > MAX_DEPTH || sameContent(base, revision)) return;
  const pairs = walk.seen.get(base) ?? new WeakSet<object>();
  if (pairs.has(revision)) return;
  pairs.add(revision);
  walk.seen.set(base, pairs);
  const { direction, subject, label, operation } = site;
  const emit = (id: string, level: ChangeLevel, message: string): void => walk.emit({ id: `${subject}-${id}`, level, ...(operation ? { operation } : {}), base: bp, revision: rp, message });

  // A property the client never sends (readOnly) or never receives (writeOnly) cannot break it in that direction.
  const unseen = direction === 'request' ? base.readOnly === true && revision.readOnly === true : base.writeOnly === true && revision.writeOnly === true;
  if (unseen) return;

  const before = typesOf(base);
  const after = typesOf(revision);
  if (before.types && after.types && keyOf([...before.types].sort()) !== keyOf([...after.types].sort())) {
    const wider = covers(after.types, before.types);
    const narrower = covers(before.types, after.types);
    const generalised = direction === 'request' ? wider : narrower;
    emit(generalised ? 'type-generalized' : 'type-changed', generalised ? 'info' : 'breaking',
      `${label} changed type from ${[...before.types].join('|')} to ${[...after.types].join('|')}: ${generalised ? 'no client breaks' : direction === 'request' ? 'clients sending the old type get 4xx' : 'clients parsing the old type fail'}.`);
  } else if (!before.types && after.types) {
    emit('type-added', levelFor(direction, true), `${label} now has type ${[...after.types].join('|')}: ${whoBreaks(direction, true)}.`);
  } else if (before.types && !after.types) {
    emit('type-removed', levelFor(direction, false), `${label} no longer has a type: ${whoBreaks(direction, false)}.`);
  }
  if (before.nullable !== after.nullable) {
    emit(after.nullable ? 'became-nullable' : 'became-not-nullable', levelFor(direction, !after.nullable),
      `${label} ${after.nullable ? 'may now be null' : 'may no longer be null'}: ${whoBreaks(direction, !after.nullable)}.`);
  }
  if (base.format !== revision.format) {
    const id = base.format === undefined ? 'format-added' : revision.format === undefined ? 'format-removed' : 'format-changed';
    const level: ChangeLevel = id === 'format-changed' ? 'breaking' : levelFor(direction, id === 'format-added');
    emit(id, level, `${label} format changed from ${String(base.format ?? 'none')} to ${String(revision.format ?? 'none')}: ${id === 'format-changed' ? 'clients relying on the old format break' : whoBreaks(direction, id === 'format-added')}.`);
  }
  compareEnums(base, revision, site, emit);
  compareBounds(base, revision, site, emit);
  compareOtherConstraints(base, revision, site, emit);
  if (base.pattern !== revision.pattern) {
    const id = base.pattern === undefined ? 'pattern-added' : revision.pattern === undefined ? 'pattern-removed' : 'pattern-changed';
    // As oasdiff: a pattern set tightens and a pattern dropped loosens; a changed one is WARN, since whether the new
    // pattern accepts every old value cannot be decided.
    const level: ChangeLevel = id === 'pattern-changed' ? 'warning' : levelFor(direction, id === 'pattern-added');
    emit(id, level, `${label} pattern changed from ${String(base.pattern ?? 'none')} to ${String(revision.pattern ?? 'none')}: values valid before may ${direction === 'request' ? 'be rejected' : 'no longer match what clients expect'}.`);
  }
  if (keyOf(base.default) !== keyOf(revision.default)) {
    emit('default-value-changed', direction === 'request' ? 'warning' : 'info', `${label} default changed from ${keyOf(base.default)} to ${keyOf(revision.default)}: clients that omit it get different behaviour.`);
  }
  if (base.deprecated !== true && revision.deprecated === true) emit('deprecated', 'info', `${label} is deprecated.`);
  if (base.readOnly !== revision.readOnly && revision.readOnly === true && direction === 'request') emit('became-read-only', 'warning', `${label} became readOnly: what clients send in it is ignored.`);
  if (base.writeOnly !== revision.writeOnly && revision.writeOnly === true && direction === 'response') emit('became-write-only', 'warning', `${label} became writeOnly: clients no longer receive it.`);
  compareDiscriminator(base, revision, site, emit);
  compareObject(base, revision, bp, rp, site, walk, depth);
  if (isSchema(base.items) && isSchema(revision.items)) compare(base.items, revision.items, `${bp}/items`, `${rp}/items`, { ...site, label: `${label} items` }, walk, depth + 1);
  for (const keyword of ['oneOf', 'anyOf', 'allOf'] as const) compareComposition(keyword, base, revision, bp, rp, site, walk, depth);
}

function compareObject(base: Schema, revision: Schema, bp: string, rp: string, site: SchemaSite, walk: Walk, depth: number): void {
  const { direction, operation, propertySubject } = site;
  const before = isSchema(base.properties) ? base.properties : {};
  const after = isSchema(revision.properties) ? revision.properties : {};
  const requiredBefore = new Set(Array.isArray(base.required) ? base.required.map(String) : []);
  const requiredAfter = new Set(Array.isArray(revision.required) ? revision.required.map(String) : []);
  const emit = (id: string, level: ChangeLevel, message: string, pointers: { base?: string; revision?: string }): void =>
    walk.emit({ id: `${propertySubject}-${id}`, level, ...(operation ? { operation } : {}), ...pointers, message });
  const where = (name: string): string => `\`${name}\` in ${site.label}`;
  const hidden = (schema: unknown): boolean => isSchema(schema) && (direction === 'request' ? schema.readOnly === true : schema.writeOnly === true);
  for (const name of Object.keys(before)) {
    const bpp = childPointer(`${bp}/properties`, name);
    if (!(name in after)) {
      if (hidden(before[name])) continue;
      if (direction === 'request') emit('removed', 'warning', `Property ${where(name)} was removed: clients that still send it may be rejected or ignored.`, { base: bpp });
      else if (requiredBefore.has(name)) emit('required-removed', 'breaking', `Required property ${where(name)} was removed: clients that read it break.`, { base: bpp });
      else emit('optional-removed', 'warning', `Optional property ${where(name)} was removed: clients that read it lose it.`, { base: bpp });
      continue;
    }
    const rpp = childPointer(`${rp}/properties`, name);
    if (!hidden(after[name])) {
      const was = requiredBefore.has(name);
      const is = requiredAfter.has(name);
      if (!was && is) {
        emit('became-required', direction === 'request' ? 'breaking' : 'info', `Property ${where(name)} became required: ${direction === 'request' ? 'clients that omit it get 4xx' : 'no client breaks'}.`, { base: bpp, revision: rpp });
      } else if (was && !is) {
        emit('became-optional', direction === 'request' ? 'info' : 'breaking', `Property ${where(name)} became optional: ${direction === 'request' ? 'no client breaks' : 'clients that expect it may not get it'}.`, { base: bpp, revision: rpp });
      }
    }
    compare(before[name], after[name], bpp, rpp, { ...site, subject: propertySubject, label: `property ${where(name)}` }, walk, depth + 1);
  }
  for (const name of Object.keys(after).filter((name) => !(name in before))) {
    const rpp = childPointer(`${rp}/properties`, name);
    if (hidden(after[name])) continue;
    if (direction === 'request') {
      if (requiredAfter.has(name)) walk.emit({ id: `new-required-${propertySubject}`, level: 'breaking', ...(operation ? { operation } : {}), revision: rpp, message: `New required property ${where(name)}: clients that do not send it get 4xx.` });
      else walk.emit({ id: `new-optional-${propertySubject}`, level: 'info', ...(operation ? { operation } : {}), revision: rpp, message: `New optional property ${where(name)}: no client breaks.` });
    } else {
      emit(requiredAfter.has(name) ? 'required-added' : 'optional-added', 'info', `New property ${where(name)}: no client breaks (clients must ignore properties they do not know).`, { revision: rpp });
    }
  }
  const closedBefore = base.additionalProperties === false;
  const closedAfter = revision.additionalProperties === false;
  if (!closedBefore && closedAfter) {
    walk.emit({ id: `${site.subject}-additional-properties-disallowed`, level: levelFor(direction, true), ...(operation ? { operation } : {}), base: bp, revision: rp, message: `${site.label} no longer allows properties it does not declare: ${whoBreaks(direction, true)}.` });
  } else if (closedBefore && !closedAfter) {
    walk.emit({ id: `${site.subject}-additional-properties-allowed`, level: levelFor(direction, false, 'warning'), ...(operation ? { operation } : {}), base: bp, revision: rp, message: `${site.label} now allows properties it does not declare: ${whoBreaks(direction, false)}.` });
  }
  if (isSchema(base.additionalProperties) && isSchema(revision.additionalProperties)) {
    compare(base.additionalProperties, revision.additionalProperties, `${bp}/additionalProperties`, `${rp}/additionalProperties`, { ...site, label: `${site.label} additional properties` }, walk, depth + 1);
  }
}

/** Subschemas are matched by what they say (a renamed `$ref` target is the same subschema), then by position. */
function compareComposition(keyword: 'oneOf' | 'anyOf' | 'allOf', base: Schema, revision: Schema, bp: string, rp: string, site: SchemaSite, walk: Walk, depth: number): void {
  const before = Array.isArray(base[keyword]) ? (base[keyword] as unknown[]) : [];
  const after = Array.isArray(revision[keyword]) ? (revision[keyword] as unknown[]) : [];
  if (before.length === 0 && after.length === 0) return;
  const keysAfter = after.map((schema, index) => digestOf(schema) ?? `after ${index}`);
  const keysBefore = before.map((schema, index) => digestOf(schema) ?? `before ${index}`);
  const removed = before.map((_, index) => index).filter((index) => !keysAfter.includes(keysBefore[index]!));
  const added = after.map((_, index) => index).filter((index) => !keysBefore.includes(keysAfter[index]!));
  const { direction, label, operation, subject } = site;
  const emit = (id: string, level: ChangeLevel, message: string, pointers: { base?: string; revision?: string }): void =>
    walk.emit({ id: `${subject}-${kebab(keyword)}-${id}`, level, ...(operation ? { operation } : {}), ...pointers, message });
  // Same count, changed in place: compare them one to one rather than as a removal plus an addition.
  if (removed.length === added.length) {
    removed.forEach((from, index) => compare(before[from], after[added[index]!], `${bp}/${keyword}/${from}`, `${rp}/${keyword}/${added[index]!}`, { ...site, label: `${label} ${keyword}[${added[index]!}]` }, walk, depth + 1));
    return;
  }
  // allOf adds constraints (tighter); oneOf/anyOf add alternatives (looser).
  for (const index of removed) {
    const tighter = keyword !== 'allOf';
    emit('removed', levelFor(direction, tighter), `${label} lost ${keyword}[${index}]: ${whoBreaks(direction, tighter)}.`, { base: `${bp}/${keyword}/${index}` });
  }
  for (const index of added) {
    const tighter = keyword === 'allOf';
    // As oasdiff: a new allOf part in a request is WARN, since whether it narrows anything the other parts allowed is not known.
    const level = keyword === 'allOf' && direction === 'request' ? 'warning' : levelFor(direction, tighter);
    emit('added', level, `${label} gained ${keyword}[${index}]: ${whoBreaks(direction, tighter)}.`, { revision: `${rp}/${keyword}/${index}` });
  }
}
