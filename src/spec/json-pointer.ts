/** Escapes one reference token for a JSON pointer (`/` → `~1`, `~` → `~0`). */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Unescapes one JSON pointer reference token. */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Builds a URI-fragment JSON pointer (`#/paths/~1runs/get`) from reference tokens. */
export function pointerOf(tokens: readonly (string | number)[]): string {
  return `#${tokens.map((token) => `/${escapeToken(token)}`).join('')}`;
}

/** Appends tokens to a pointer; works for both `#/a` and `/a` forms. */
export function childPointer(pointer: string, ...tokens: (string | number)[]): string {
  return `${pointer}${tokens.map((token) => `/${escapeToken(token)}`).join('')}`;
}

/** Splits a pointer (`#/a/b`, `/a/b` or `#`) into unescaped reference tokens. */
export function tokensOf(pointer: string): string[] {
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (body === '') return [];
  return body.slice(1).split('/').map((token) => unescapeToken(decodeURIComponentSafe(token)));
}

function decodeURIComponentSafe(token: string): string {
  if (!token.includes('%')) return token;
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

function isRefObject(value: unknown): value is { $ref: string } {
  return typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';
}

/**
 * The value at `pointer` in `root`, or undefined. With `followRefs`, internal `$ref`s met on the way
 * (and at the end) are followed, so `#/paths/~1x/get/responses/404/content` works through a shared response.
 * Returns the canonical pointer of the value as well.
 */
export function resolvePointer(
  root: unknown,
  pointer: string,
  options: { followRefs?: boolean } = {},
): { value: unknown; canonical: string } | undefined {
  let value: unknown = root;
  let canonical: string[] = [];
  const seen = new Set<string>();
  const follow = (): boolean => {
    while (options.followRefs && isRefObject(value) && value.$ref.startsWith('#')) {
      if (seen.has(value.$ref)) return false;
      seen.add(value.$ref);
      const target = resolvePointer(root, value.$ref);
      if (!target) return false;
      value = target.value;
      canonical = tokensOf(value === root ? '#' : target.canonical);
    }
    return true;
  };
  for (const token of tokensOf(pointer)) {
    if (!follow()) return undefined;
    if (typeof value !== 'object' || value === null) return undefined;
    const next: unknown = Array.isArray(value) ? value[Number(token)] : (value as Record<string, unknown>)[token];
    if (next === undefined) return undefined;
    value = next;
    canonical.push(token);
  }
  if (!follow()) return undefined;
  return { value, canonical: pointerOf(canonical) };
}
