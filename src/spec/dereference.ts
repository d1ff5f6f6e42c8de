import { pointerOf, resolvePointer, tokensOf } from './json-pointer.ts';

type Json = Record<string, unknown>;

/** A dereferenced view of a document with its `$ref`s kept: each part is copied the first time it is asked for. */
export interface Dereferencer {
  /** `node` (a part of the document) with every internal `$ref` under it replaced by its target. */
  valueOf(node: unknown): unknown;
  /** The dereferenced value at a pointer (which may pass through `$ref`s), or undefined. */
  at(pointer: string): unknown;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

const MAX_HOPS = 32;

/**
 * Dereferences lazily and without recursion (a chain of thousands of schemas cannot overflow the stack). Every
 * target is copied once, so a schema used in many places is one object, and one that refers to itself becomes a
 * cycle, as `@apidevtools/json-schema-ref-parser` does. A `$ref` with siblings becomes the target's keywords with
 * the siblings over them; a `$ref` that does not resolve internally (broken, remote) is kept as it is.
 */
export function createDereferencer(root: Json): Dereferencer {
  const copies = new WeakMap<object, unknown>();
  const targets = new Map<string, unknown>();
  const merged = new WeakMap<object, Json>();

  const targetOf = (ref: string): unknown => {
    if (!targets.has(ref)) targets.set(ref, resolvePointer(root, ref)?.value);
    return targets.get(ref);
  };

  /** The source a node stands for: itself, the end of its chain of bare `$ref`s, or a merge of target and siblings. */
  function sourceOf(node: Json): Json {
    let current: Json = node;
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      const ref = current.$ref;
      if (typeof ref !== 'string' || !ref.startsWith('#') || Array.isArray(current)) return current;
      const target = targetOf(ref);
      if (!isObject(target)) return current;
      if (Object.keys(current).length > 1) {
        let mix = merged.get(current);
        if (!mix) {
          const { $ref: _ref, ...siblings } = current;
          mix = { ...(sourceOf(target) as Json), ...siblings };
          merged.set(current, mix);
        }
        return mix;
      }
      current = target;
    }
    return current;
  }

  function valueOf(node: unknown): unknown {
    if (!isObject(node)) return node;
    const pending: Array<[Json, Json]> = [];
    const copyOf = (value: Json): unknown => {
      const source = sourceOf(value);
      const known = copies.get(source);
      if (known !== undefined) return known;
      const copy: Json = Array.isArray(source) ? ([] as unknown as Json) : {};
      copies.set(source, copy);
      pending.push([source, copy]);
      return copy;
    };
    const result = copyOf(node);
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const [source, copy] = next;
      for (const key of Object.keys(source)) {
        const value = source[key];
        copy[key] = isObject(value) ? copyOf(value) : value;
      }
    }
    return result;
  }

  return {
    valueOf,
    at(pointer) {
      // `$ref`s on the way are followed; the value itself is dereferenced as a whole, siblings included.
      const tokens = tokensOf(pointer);
      const last = tokens.pop();
      if (last === undefined) return valueOf(root);
      const parent = resolvePointer(root, pointerOf(tokens), { followRefs: true })?.value;
      if (!isObject(parent)) return undefined;
      const value = (parent as Json)[last];
      return value === undefined ? undefined : valueOf(value);
    },
  };
}
