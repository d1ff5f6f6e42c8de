import { dereferencedAt } from '../load-spec.ts';
import type { LoadedSpec } from '../loaded-spec.ts';
import { diffOperation, removalOf } from './operation-diff.ts';
import { indexOperations, type IndexedOperation } from './operation-index.ts';
import { childPointer } from './pointer.ts';
import { createDigester } from './schema-digest.ts';
import { resolvePointer } from '../json-pointer.ts';
import type { SpecChange } from './spec-change.ts';

type Json = Record<string, unknown>;

const records = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});

export interface DiffOptions {
  /** Today as `YYYY-MM-DD`, to tell a removal before its sunset from one after (injected so tests need no clock). */
  today?: string;
}

function serverUrls(spec: LoadedSpec): string[] {
  const servers = (spec.bundled.servers as unknown[] | undefined) ?? [];
  return servers.map((server) => String(records(server).url ?? ''));
}

function diffServers(base: LoadedSpec, revision: LoadedSpec, emit: (change: SpecChange) => void): void {
  if (base.basePath !== revision.basePath) {
    emit({ id: 'api-base-path-changed', level: 'breaking', base: '#/servers/0/url', revision: '#/servers/0/url', message: `The base path changed from ${base.basePath || '/'} to ${revision.basePath || '/'}: every client calling the old URLs gets 404.` });
  }
  const before = serverUrls(base);
  const after = serverUrls(revision);
  before.forEach((url, index) => {
    if (!after.includes(url)) emit({ id: 'api-server-removed', level: 'warning', base: `#/servers/${index}`, message: `The server ${url} was removed: clients configured with it must move.` });
  });
  after.forEach((url, index) => {
    if (!before.includes(url)) emit({ id: 'api-server-added', level: 'info', revision: `#/servers/${index}`, message: `The server ${url} was added.` });
  });
}

function diffSecuritySchemes(base: LoadedSpec, revision: LoadedSpec, emit: (change: SpecChange) => void): void {
  // Read at their pointer, so the rest of the document is not dereferenced.
  const before = records(dereferencedAt(base, '#/components/securitySchemes'));
  const after = records(dereferencedAt(revision, '#/components/securitySchemes'));
  for (const [name, scheme] of Object.entries(before)) {
    const at = childPointer('#/components/securitySchemes', name);
    const next = after[name];
    if (next === undefined) {
      emit({ id: 'api-security-component-removed', level: 'info', base: at, message: `The security scheme ${name} was removed (operations that used it are reported on their own).` });
      continue;
    }
    const [from, to] = [records(scheme), records(next)];
    for (const field of ['type', 'scheme', 'in', 'name'] as const) {
      if (from[field] !== to[field]) {
        emit({ id: `api-security-component-${field}-changed`, level: 'breaking', base: at, revision: at, message: `The security scheme ${name} ${field} changed from ${String(from[field] ?? 'none')} to ${String(to[field] ?? 'none')}: clients send credentials the old way and get 401.` });
      }
    }
  }
  for (const name of Object.keys(after).filter((name) => !(name in before))) {
    emit({ id: 'api-security-component-added', level: 'info', revision: childPointer('#/components/securitySchemes', name), message: `The security scheme ${name} was added.` });
  }
}

/** Sorts changes by operation (document-wide first), then by level (breaking first), keeping each group's order. */
export function orderChanges(changes: SpecChange[]): SpecChange[] {
  const rank = { breaking: 0, warning: 1, info: 2 } as const;
  return changes
    .map((change, index) => ({ change, index }))
    .sort((a, b) => (a.change.operation ?? '').localeCompare(b.change.operation ?? '') || rank[a.change.level] - rank[b.change.level] || a.index - b.index)
    .map(({ change }) => change);
}

/**
 * Every change from `base` to `revision`, each with a stable rule id and oasdiff's level for it. Both sides are compared
 * dereferenced, so a `$ref` is compared by what it points to: renaming a component changes nothing.
 */
export function diffSpecs(base: LoadedSpec, revision: LoadedSpec, options: DiffOptions = {}): SpecChange[] {
  const changes: SpecChange[] = [];
  const emit = (change: SpecChange): void => {
    changes.push(change);
  };
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  diffServers(base, revision, emit);
  diffSecuritySchemes(base, revision, emit);
  const before = indexOperations(base);
  const after = indexOperations(revision);
  const digests = { base: bundledDigester(base), revision: bundledDigester(revision) };
  for (const [key, operation] of before) {
    const next = after.get(key);
    if (!next) emit(removed(operation, today));
    else if (!unchanged(operation, next, digests)) diffOperation(operation, next, emit);
  }
  for (const [key, operation] of after) {
    if (!before.has(key)) emit({ id: 'endpoint-added', level: 'info', operation: operation.label, revision: operation.pointer, message: `${operation.label} was added: no client breaks.` });
  }
  return orderChanges(changes);
}

/** A digester over a spec's bundled document: `$ref`s digest as their targets, so nothing is dereferenced. */
function bundledDigester(spec: LoadedSpec): (value: unknown) => string | undefined {
  return createDigester((ref) => resolvePointer(spec.bundled, ref)?.value);
}

/**
 * Same operation, same path-level parameters, same security in effect, compared as bundled: nothing in it can have
 * changed, and it is never dereferenced. An operation that differs only in how it is written (a `$ref` inlined) is
 * diffed in full and yields no change.
 */
function unchanged(base: IndexedOperation, revision: IndexedOperation, digests: { base: (value: unknown) => string | undefined; revision: (value: unknown) => string | undefined }): boolean {
  const same = (a: unknown, b: unknown): boolean => {
    const digest = digests.base(a);
    return digest !== undefined && digest === digests.revision(b);
  };
  return base.path === revision.path && same(base.bundled, revision.bundled)
    && same(base.bundledPathParameters ?? null, revision.bundledPathParameters ?? null) && same(base.security ?? null, revision.security ?? null);
}

function removed(operation: IndexedOperation, today: string): SpecChange {
  const { id, level } = removalOf(operation, today);
  const why = level === 'breaking' ? 'every client calling it gets 404' : 'it was deprecated, so clients had notice';
  return { id, level, operation: operation.label, base: operation.pointer, message: `${operation.label} was removed: ${why}.` };
}
