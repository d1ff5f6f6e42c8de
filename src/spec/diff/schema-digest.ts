import { createHash } from 'node:crypto';

/** A digest of a value's content, or undefined when it reaches a cycle (its content then depends on where one enters it). */
type Digest = string | undefined;

const digests = new WeakMap<object, Digest>();
const IN_PROGRESS = Symbol('in progress');
const active = new WeakSet<object>();

const hash = (text: string): string => createHash('sha1').update(text).digest('base64');

/**
 * The content digest of a dereferenced JSON value, keys in any order, computed once per object and remembered: two
 * equal schemas from two documents have the same digest, so a diff skips them without walking them. Values inside
 * a cycle get no digest and are compared by walking.
 */
export function digestOf(value: unknown): Digest {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'undefined';
  if (digests.has(value)) return digests.get(value);
  if (active.has(value)) return undefined;
  active.add(value);
  let text: string | typeof IN_PROGRESS = Array.isArray(value) ? '[' : '{';
  if (Array.isArray(value)) {
    for (const item of value) {
      const digest = digestOf(item);
      if (digest === undefined) { text = IN_PROGRESS; break; }
      text += `${digest},`;
    }
  } else {
    for (const key of Object.keys(value).sort()) {
      const digest = digestOf((value as Record<string, unknown>)[key]);
      if (digest === undefined) { text = IN_PROGRESS; break; }
      text += `${JSON.stringify(key)}:${digest},`;
    }
  }
  active.delete(value);
  const digest = text === IN_PROGRESS ? undefined : hash(text);
  digests.set(value, digest);
  return digest;
}

/** True when both values are known to have the same content (false when either is in a cycle: walk them). */
export function sameContent(a: unknown, b: unknown): boolean {
  const digest = digestOf(a);
  return digest !== undefined && digest === digestOf(b);
}
