/** Values visited per body: a shape is a cheap fingerprint, not a schema. */
const MAX_NODES = 64;

/**
 * Short identifier-like strings (`running`, `in_progress`, `Completed`) are kept in the shape, so a new enum value
 * makes a new shape; anything with a digit, a space or longer than 32 characters (ids, timestamps, prose) is `s`.
 */
const TOKEN = /^[A-Za-z][A-Za-z_-]{0,31}$/;

/**
 * A fingerprint of a parsed body: its keys in the order sent, value types, token-like strings, and the first item of
 * each array, over at most the first 64 values. Two bodies with the same fingerprint differ only in ids, numbers,
 * timestamps and text.
 */
export function bodyShape(body: unknown): string {
  let budget = MAX_NODES;
  const walk = (value: unknown): string => {
    if (--budget < 0) return '…';
    if (value === null) return 'z';
    switch (typeof value) {
      case 'string': return TOKEN.test(value) ? JSON.stringify(value) : 's';
      case 'number': return 'n';
      case 'boolean': return 'b';
      case 'object': break;
      default: return '?';
    }
    if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${walk(value[0])}]`;
    let out = '{';
    for (const key in value as Record<string, unknown>) {
      if (budget < 0) break;
      out += `${JSON.stringify(key)}:${walk((value as Record<string, unknown>)[key])},`;
    }
    return `${out}}`;
  };
  return walk(body);
}
