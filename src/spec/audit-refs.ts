import { childPointer, resolvePointer } from './json-pointer.ts';
import type { LoadedSpec } from './loaded-spec.ts';

/**
 * Adds a REF_BROKEN warning for every internal `$ref` of the document that does not resolve, used or not: what
 * `spec check` reports. Validation finds the ones it meets on its own, so `validate` never pays for this walk.
 */
export function auditRefs(spec: LoadedSpec): void {
  const resolves = new Map<string, boolean>();
  const stack: Array<[unknown, string]> = [[spec.bundled, '#']];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, location] = next;
    if (typeof node !== 'object' || node === null) continue;
    const object = node as Record<string, unknown>;
    const ref = object.$ref;
    if (typeof ref === 'string' && ref.startsWith('#')) {
      let ok = resolves.get(ref);
      if (ok === undefined) resolves.set(ref, (ok = resolvePointer(spec.bundled, ref) !== undefined));
      if (!ok) spec.warnings.add({ code: 'REF_BROKEN', location: childPointer(location, '$ref'), message: `$ref "${ref}" does not resolve: what it names is not checked` });
    }
    for (const [key, value] of Object.entries(object)) {
      if (key !== 'example' && key !== 'examples' && typeof value === 'object' && value !== null) stack.push([value, childPointer(location, key)]);
    }
  }
}
