import type { LoadedSpec } from '../loaded-spec.ts';
import { childPointer } from './pointer.ts';

type Json = Record<string, unknown>;

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One operation of a dereferenced document, keyed so that a renamed path parameter is the same operation. */
export interface IndexedOperation {
  /** `GET /task-runs/{}`: method and path with parameter names blanked. */
  key: string;
  /** `GET /task-runs/{run_id}` as written. */
  label: string;
  method: string;
  path: string;
  operation: Json;
  /** Path-level and operation-level parameters merged (the operation's win), keyed by `in:name`. */
  parameters: Map<string, { parameter: Json; pointer: string }>;
  security: unknown[] | undefined;
  pointer: string;
}

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The shape of a path for matching: `/runs/{run_id}` and `/runs/{id}` are the same route. */
export function pathShape(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

/** Every operation of a loaded spec's dereferenced document, by key. */
export function indexOperations(spec: LoadedSpec): Map<string, IndexedOperation> {
  const document = spec.document as unknown as Json;
  const paths = isJson(document.paths) ? document.paths : {};
  const index = new Map<string, IndexedOperation>();
  for (const [path, item] of Object.entries(paths)) {
    if (!isJson(item)) continue;
    const itemPointer = childPointer('#/paths', path);
    for (const method of METHODS) {
      const operation = item[method];
      if (!isJson(operation)) continue;
      const pointer = `${itemPointer}/${method}`;
      const parameters = new Map<string, { parameter: Json; pointer: string }>();
      for (const [list, at] of [[item.parameters, `${itemPointer}/parameters`], [operation.parameters, `${pointer}/parameters`]] as const) {
        if (!Array.isArray(list)) continue;
        list.forEach((parameter, position) => {
          if (!isJson(parameter) || typeof parameter.name !== 'string') return;
          // Header names are case-insensitive; path parameters match by position in the path, not by name.
          const name = parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
          const key = parameter.in === 'path' ? `path:${[...path.matchAll(/\{([^}]*)\}/g)].findIndex((match) => match[1] === parameter.name)}` : `${String(parameter.in)}:${name}`;
          parameters.set(key, { parameter, pointer: `${at}/${position}` });
        });
      }
      const security = Array.isArray(operation.security) ? operation.security : Array.isArray(document.security) ? document.security : undefined;
      const key = `${method.toUpperCase()} ${pathShape(path)}`;
      index.set(key, { key, label: `${method.toUpperCase()} ${path}`, method, path, operation, parameters, security, pointer });
    }
  }
  return index;
}
