/** The value at a JSON pointer (`/a/b/0`, RFC 6901) in an untrusted body, or undefined. */
export function valueAtPointer(body: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return pointer === '' ? body : (body as Record<string, unknown> | null)?.[''];
  let value: unknown = body;
  for (const raw of pointer.slice(1).split('/')) {
    if (typeof value !== 'object' || value === null) return undefined;
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    value = Array.isArray(value) ? value[Number(token)] : (value as Record<string, unknown>)[token];
  }
  return value;
}

/** Writes `value` at a JSON pointer, creating objects on the way; for bodies the harness builds itself. */
export function setAtPointer(body: Record<string, unknown>, pointer: string, value: unknown): void {
  const tokens = pointer.slice(1).split('/').map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'));
  let target: Record<string, unknown> = body;
  for (const token of tokens.slice(0, -1)) {
    const next = target[token];
    if (typeof next !== 'object' || next === null) target[token] = {};
    target = target[token] as Record<string, unknown>;
  }
  target[tokens[tokens.length - 1]!] = value;
}
