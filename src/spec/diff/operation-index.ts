import { dereferencedAt } from '../load-spec.ts';
import type { LoadedSpec } from '../loaded-spec.ts';
import { childPointer } from './pointer.ts';

type Json = Record<string, unknown>;

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** A parameter as the diff compares it, with its pointer in the document. */
export type IndexedParameter = { parameter: Json; pointer: string };

/**
 * One operation of a spec, keyed so that a renamed path parameter is the same operation. `bundled` is the operation
 * with its `$ref`s kept, which is enough to tell that it did not change; `operation` and `parameters` are
 * dereferenced on first use, so only the operations that changed are ever dereferenced.
 */
export interface IndexedOperation {
  /** `GET /task-runs/{}`: method and path with parameter names blanked. */
  key: string;
  /** `GET /task-runs/{run_id}` as written. */
  label: string;
  method: string;
  path: string;
  pointer: string;
  /** The operation object as bundled (`$ref`s kept). */
  bundled: Json;
  /** The path item's own `parameters`, as bundled. */
  bundledPathParameters: unknown;
  /** Security in effect: the operation's, else the document's (plain data, no `$ref`s). */
  security: unknown[] | undefined;
  /** The dereferenced operation. */
  readonly operation: Json;
  /** Path-level and operation-level parameters merged (the operation's win), dereferenced, keyed by `in:name`. */
  readonly parameters: Map<string, IndexedParameter>;
}

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The shape of a path for matching: `/runs/{run_id}` and `/runs/{id}` are the same route. */
export function pathShape(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

function mergedParameters(path: string, lists: ReadonlyArray<readonly [unknown, string]>): Map<string, IndexedParameter> {
  const parameters = new Map<string, IndexedParameter>();
  for (const [list, at] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((parameter, position) => {
      if (!isJson(parameter) || typeof parameter.name !== 'string') return;
      // Header names are case-insensitive; path parameters match by position in the path, not by name.
      const name = parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
      const key = parameter.in === 'path' ? `path:${[...path.matchAll(/\{([^}]*)\}/g)].findIndex((match) => match[1] === parameter.name)}` : `${String(parameter.in)}:${name}`;
      parameters.set(key, { parameter, pointer: `${at}/${position}` });
    });
  }
  return parameters;
}

/** Every operation of a loaded spec, by key, read from the bundled document. */
export function indexOperations(spec: LoadedSpec): Map<string, IndexedOperation> {
  const document = spec.bundled as unknown as Json;
  const paths = isJson(document.paths) ? document.paths : {};
  const index = new Map<string, IndexedOperation>();
  for (const [path, written] of Object.entries(paths)) {
    const itemPointer = childPointer('#/paths', path);
    // A path item that is itself a `$ref` (3.1) is read dereferenced.
    const item = isJson(written) && typeof written.$ref === 'string' ? dereferencedAt(spec, itemPointer) : written;
    if (!isJson(item)) continue;
    for (const method of METHODS) {
      const bundled = item[method];
      if (!isJson(bundled)) continue;
      const pointer = `${itemPointer}/${method}`;
      let operation: Json | undefined;
      let parameters: Map<string, IndexedParameter> | undefined;
      const key = `${method.toUpperCase()} ${pathShape(path)}`;
      index.set(key, {
        key, label: `${method.toUpperCase()} ${path}`, method, path, pointer, bundled, bundledPathParameters: item.parameters,
        security: Array.isArray(bundled.security) ? bundled.security : Array.isArray(document.security) ? document.security : undefined,
        get operation() {
          return (operation ??= (isJson(dereferencedAt(spec, pointer)) ? dereferencedAt(spec, pointer) : bundled) as Json);
        },
        get parameters() {
          return (parameters ??= mergedParameters(path, [[dereferencedAt(spec, `${itemPointer}/parameters`), `${itemPointer}/parameters`], [this.operation.parameters, `${pointer}/parameters`]]));
        },
      });
    }
  }
  return index;
}
