/** A digest of a value's content, or undefined when it reaches a cycle (its content then depends on where one enters it). */
type Digest = string | undefined;

/**
 * Every distinct canonical text gets a short id, shared by both documents of a diff: an object's text is its children's
 * ids, so texts stay short and equal content gets equal ids without hashing (a SHA-1 per object was a third of the
 * diff's time on a 13 MB spec). The table lives as long as the process; a diff of GitHub's spec adds ~40 MB to it.
 */
const ids = new Map<string, string>();

function intern(text: string): string {
  let id = ids.get(text);
  if (id === undefined) {
    id = ids.size.toString(36);
    ids.set(text, id);
  }
  return id;
}

/** Gives the value a `$ref` points to in its document, or undefined when it does not resolve there. */
export type RefResolver = (ref: string) => unknown;

/**
 * A digest function over the values of one document. Without `resolve`, values are taken as they are (a
 * dereferenced document). With it, an object with a local `$ref` digests as what it points to (plus any sibling
 * keys), so the bundled forms of two documents compare by content without being dereferenced. Each digester
 * remembers the digest of every object it has seen; ids are shared by all digesters of the process.
 */
export function createDigester(resolve?: RefResolver): (value: unknown) => Digest {
  const digests = new WeakMap<object, Digest>();
  const active = new WeakSet<object>();
  // A large document repeats the same few thousand `$ref`s tens of thousands of times: resolve each once.
  const targets = new Map<string, unknown>();
  const targetOf = (ref: string): unknown => {
    if (!targets.has(ref)) targets.set(ref, resolve!(ref));
    return targets.get(ref);
  };
  function digestOf(value: unknown): Digest {
    if (typeof value !== 'object' || value === null) return intern(`=${JSON.stringify(value) ?? 'undefined'}`);
    if (digests.has(value)) return digests.get(value);
    if (active.has(value)) return undefined;
    const ref = resolve && !Array.isArray(value) ? (value as Record<string, unknown>).$ref : undefined;
    const target = typeof ref === 'string' && ref.startsWith('#') ? targetOf(ref) : undefined;
    if (target !== undefined && Object.keys(value).length === 1) {
      // A bare `$ref` is its target.
      active.add(value);
      const digest = digestOf(target);
      active.delete(value);
      digests.set(value, digest);
      return digest;
    }
    active.add(value);
    let text: string | undefined = Array.isArray(value) ? '[' : '{';
    if (target !== undefined) {
      const digest = digestOf(target);
      text = digest === undefined ? undefined : `${text}$ref→${digest},`;
    }
    if (text !== undefined && Array.isArray(value)) {
      for (const item of value) {
        const digest = digestOf(item);
        if (digest === undefined) { text = undefined; break; }
        text += `${digest},`;
      }
    } else if (text !== undefined) {
      for (const key of Object.keys(value).sort()) {
        if (target !== undefined && key === '$ref') continue;
        const digest = digestOf((value as Record<string, unknown>)[key]);
        if (digest === undefined) { text = undefined; break; }
        text += `${JSON.stringify(key)}:${digest},`;
      }
    }
    active.delete(value);
    const digest = text === undefined ? undefined : intern(text);
    digests.set(value, digest);
    return digest;
  }
  return digestOf;
}

/**
 * The content digest of a dereferenced JSON value, keys in any order, computed once per object and remembered: two
 * equal schemas from two documents have the same digest, so a diff skips them without walking them. Values inside
 * a cycle get no digest and are compared by walking.
 */
export const digestOf = createDigester();

/** True when both values are known to have the same content (false when either is in a cycle: walk them). */
export function sameContent(a: unknown, b: unknown): boolean {
  const digest = digestOf(a);
  return digest !== undefined && digest === digestOf(b);
}
