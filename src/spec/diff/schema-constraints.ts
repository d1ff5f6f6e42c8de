import type { SchemaSite } from './schema-diff.ts';
import { isSchema, kebab, keyOf, levelFor, MAXIMA, MINIMA, whoBreaks, type EmitAt, type Schema } from './schema-terms.ts';

/** `enum`: a value removed tightens, a value added loosens (a WARN in responses: clients switch on it). */
export function compareEnums(base: Schema, revision: Schema, site: SchemaSite, emit: EmitAt): void {
  const before = Array.isArray(base.enum) ? base.enum.filter((value) => value !== null) : undefined;
  const after = Array.isArray(revision.enum) ? revision.enum.filter((value) => value !== null) : undefined;
  const { direction, label } = site;
  if (!before && after) {
    emit('enum-added', levelFor(direction, true), `${label} is now limited to ${after.map((value) => keyOf(value)).join(', ')}: ${whoBreaks(direction, true)}.`);
    return;
  }
  if (before && !after) {
    emit('enum-removed', levelFor(direction, false), `${label} is no longer limited to a list of values: ${whoBreaks(direction, false)}.`);
    return;
  }
  if (!before || !after) return;
  const afterKeys = new Set(after.map((value) => keyOf(value)));
  const beforeKeys = new Set(before.map((value) => keyOf(value)));
  for (const value of before.filter((value) => !afterKeys.has(keyOf(value)))) {
    emit('enum-value-removed', levelFor(direction, true), `${label} no longer allows ${keyOf(value)}: ${direction === 'request' ? 'clients sending it get 4xx' : 'no client breaks: it is no longer sent'}.`);
  }
  for (const value of after.filter((value) => !beforeKeys.has(keyOf(value)))) {
    // oasdiff: a new response enum value is WARN (a client that switches on it may not handle it).
    emit('enum-value-added', direction === 'request' ? 'info' : 'warning', `${label} may now be ${keyOf(value)}: ${direction === 'request' ? 'no client breaks' : 'clients that switch on it must handle the new value'}.`);
  }
}

/** `min*`/`max*` (and exclusive bounds): set or moved inwards is tighter, unset or moved outwards looser. */
export function compareBounds(base: Schema, revision: Schema, site: SchemaSite, emit: EmitAt): void {
  const { direction, label } = site;
  for (const [keywords, tighterWhen] of [[MAXIMA, (from: number, to: number) => to < from], [MINIMA, (from: number, to: number) => to > from]] as const) {
    for (const keyword of keywords) {
      const from = base[keyword];
      const to = revision[keyword];
      if (typeof from !== 'number' && typeof to !== 'number') continue;
      if (from === to) continue;
      let tighter: boolean;
      let id: string;
      if (typeof from !== 'number') [tighter, id] = [true, `${kebab(keyword)}-set`];
      else if (typeof to !== 'number') [tighter, id] = [false, `${kebab(keyword)}-unset`];
      else [tighter, id] = [tighterWhen(from, to), `${kebab(keyword)}-${to > from ? 'increased' : 'decreased'}`];
      emit(id, levelFor(direction, tighter), `${label} ${keyword} changed from ${String(from ?? 'none')} to ${String(to ?? 'none')}: ${whoBreaks(direction, tighter)}.`);
    }
  }
}

/** `multipleOf`, `uniqueItems` and `const`: set is tighter, unset looser; a changed value may be either. */
export function compareOtherConstraints(base: Schema, revision: Schema, site: SchemaSite, emit: EmitAt): void {
  const { direction, label } = site;
  const report = (id: string, tighter: boolean | undefined, what: string): void =>
    emit(id, tighter === undefined ? 'breaking' : levelFor(direction, tighter), `${label} ${what}: ${tighter === undefined ? 'values valid before may be invalid now, and the other way round' : whoBreaks(direction, tighter)}.`);
  const [from, to] = [base.multipleOf, revision.multipleOf];
  if (from !== to && (typeof from === 'number' || typeof to === 'number')) {
    if (typeof from !== 'number') report('multiple-of-set', true, `must now be a multiple of ${String(to)}`);
    else if (typeof to !== 'number') report('multiple-of-unset', false, `no longer needs to be a multiple of ${from}`);
    else report('multiple-of-changed', to % from === 0 ? true : from % to === 0 ? false : undefined, `multipleOf changed from ${from} to ${to}`);
  }
  if ((base.uniqueItems === true) !== (revision.uniqueItems === true)) {
    report(revision.uniqueItems === true ? 'unique-items-set' : 'unique-items-unset', revision.uniqueItems === true, revision.uniqueItems === true ? 'must now have unique items' : 'may now repeat items');
  }
  if (keyOf(base.const) !== keyOf(revision.const)) {
    if (base.const === undefined) report('const-set', true, `is now always ${keyOf(revision.const)}`);
    else if (revision.const === undefined) report('const-unset', false, `is no longer always ${keyOf(base.const)}`);
    else report('const-changed', undefined, `changed from always ${keyOf(base.const)} to always ${keyOf(revision.const)}`);
  }
}

/** A discriminator's property and its mapping: clients pick a variant by them. */
export function compareDiscriminator(base: Schema, revision: Schema, site: SchemaSite, emit: EmitAt): void {
  const before = isSchema(base.discriminator) ? base.discriminator : undefined;
  const after = isSchema(revision.discriminator) ? revision.discriminator : undefined;
  if (!before && !after) return;
  if (before?.propertyName !== after?.propertyName) {
    emit('discriminator-property-name-changed', 'breaking', `${site.label} discriminator changed from ${String(before?.propertyName ?? 'none')} to ${String(after?.propertyName ?? 'none')}: clients that pick a variant by it break.`);
  }
  const mapBefore = isSchema(before?.mapping) ? before.mapping : {};
  const mapAfter = isSchema(after?.mapping) ? after.mapping : {};
  for (const key of Object.keys(mapBefore).filter((key) => !(key in mapAfter))) {
    emit('discriminator-mapping-deleted', levelFor(site.direction, true), `${site.label} discriminator value ${key} was removed: ${whoBreaks(site.direction, true)}.`);
  }
  for (const key of Object.keys(mapAfter).filter((key) => !(key in mapBefore))) {
    emit('discriminator-mapping-added', site.direction === 'request' ? 'info' : 'warning', `${site.label} discriminator value ${key} was added: ${site.direction === 'request' ? 'no client breaks' : 'clients must handle the new variant'}.`);
  }
}

