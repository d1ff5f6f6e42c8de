import { childPointer } from './json-pointer.ts';

type Json = Record<string, unknown>;

/** A `$ref` that leaves the document: to another file, or remote (a URL). */
export interface ExternalRef {
  ref: string;
  remote: boolean;
  /** Pointer to the `$ref` member. */
  location: string;
  holder: Json;
}

/** Keyword remote `$ref`s are parked under while a bundler that must not fetch them runs. */
const PARKED = 'x-runwarden-remote-ref';

/** JSON `"$ref": "x"` whose value does not start with `#` (a key ending in `/$ref`, as OData paths do, is not one). */
const JSON_EXTERNAL_REF = /"\$ref"\s*:\s*"(?!#)/;
/** YAML `$ref: x` (quoted or not, block or flow) whose value does not start with `#`. */
const YAML_EXTERNAL_REF = /(?:^|[\s{,])["']?\$ref["']?\s*:\s+(?!["']?#)\S/m;

/** True when the text may hold a `$ref` that leaves the document (false means it certainly does not). */
export function mayHaveExternalRefs(text: string): boolean {
  return JSON_EXTERNAL_REF.test(text) || YAML_EXTERNAL_REF.test(text);
}

/** Every `$ref` in the document that does not start with `#`, in document order. */
export function externalRefs(root: unknown): ExternalRef[] {
  const found: ExternalRef[] = [];
  // Each entry knows its parent and key, so a pointer is only built for the refs found.
  interface Entry { node: unknown; parent: Entry | undefined; key: string }
  const pointerOf = (entry: Entry): string => {
    const keys: string[] = [];
    for (let at: Entry | undefined = entry; at?.parent; at = at.parent) keys.push(at.key);
    return childPointer('#', ...keys.reverse());
  };
  const stack: Entry[] = [{ node: root, parent: undefined, key: '' }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const object = entry.node as Json;
    if (typeof object.$ref === 'string' && !object.$ref.startsWith('#')) {
      found.push({ ref: object.$ref, remote: /^[a-z][a-z\d+.-]*:/i.test(object.$ref), location: childPointer(pointerOf(entry), '$ref'), holder: object });
    }
    const keys = Object.keys(object);
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index]!;
      const value = object[key];
      if (key !== 'example' && key !== 'examples' && typeof value === 'object' && value !== null) stack.push({ node: value, parent: entry, key });
    }
  }
  return found;
}

/** Hides remote `$ref`s from a bundler (so it neither fetches nor fails on them). */
export function parkRemoteRefs(refs: readonly ExternalRef[]): void {
  for (const { holder, remote } of refs) {
    if (!remote) continue;
    holder[PARKED] = holder.$ref;
    delete holder.$ref;
  }
}

/** Puts parked remote `$ref`s back, wherever the bundler left the objects that hold them. */
export function restoreRemoteRefs(root: unknown): void {
  const stack: unknown[] = [root];
  const seen = new Set<object>();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const object = node as Json;
    if (typeof object[PARKED] === 'string') {
      object.$ref = object[PARKED];
      delete object[PARKED];
    }
    for (const value of Object.values(object)) if (typeof value === 'object' && value !== null) stack.push(value);
  }
}
