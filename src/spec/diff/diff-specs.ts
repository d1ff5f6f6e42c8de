import type { LoadedSpec } from '../loaded-spec.ts';
import { diffOperation, removalOf } from './operation-diff.ts';
import { indexOperations, type IndexedOperation } from './operation-index.ts';
import { childPointer } from './pointer.ts';
import { sameContent } from './schema-digest.ts';
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
  const before = records(records(records(base.document).components).securitySchemes);
  const after = records(records(records(revision.document).components).securitySchemes);
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
  for (const [key, operation] of before) {
    const next = after.get(key);
    if (!next) emit(removed(operation, today));
    else if (!unchanged(operation, next)) diffOperation(operation, next, emit);
  }
  for (const [key, operation] of after) {
    if (!before.has(key)) emit({ id: 'endpoint-added', level: 'info', operation: operation.label, revision: operation.pointer, message: `${operation.label} was added: no client breaks.` });
  }
  return orderChanges(changes);
}

/** Same operation object, same merged parameters, same security in effect: nothing in it can have changed. */
function unchanged(base: IndexedOperation, revision: IndexedOperation): boolean {
  const parameters = (entry: IndexedOperation): unknown[] => [...entry.parameters.entries()].map(([key, { parameter }]) => [key, parameter]);
  return base.path === revision.path && sameContent(base.operation, revision.operation)
    && sameContent(parameters(base), parameters(revision)) && sameContent(base.security ?? null, revision.security ?? null);
}

function removed(operation: IndexedOperation, today: string): SpecChange {
  const { id, level } = removalOf(operation, today);
  const why = level === 'breaking' ? 'every client calling it gets 404' : 'it was deprecated, so clients had notice';
  return { id, level, operation: operation.label, base: operation.pointer, message: `${operation.label} was removed: ${why}.` };
}
