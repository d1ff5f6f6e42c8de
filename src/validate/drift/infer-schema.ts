type Json = Record<string, unknown>;

/** Nesting a suggested schema stops at: a reviewer completes the rest. */
const MAX_DEPTH = 4;

/** A starting schema for a value seen in traffic: its type, and for objects and arrays their members', a few levels deep. */
export function inferSchema(value: unknown, depth = 0): Json {
  if (value === null) return { nullable: true };
  if (Array.isArray(value)) return depth >= MAX_DEPTH || value.length === 0 ? { type: 'array' } : { type: 'array', items: inferSchema(value[0], depth + 1) };
  switch (typeof value) {
    case 'string': return { type: 'string' };
    case 'boolean': return { type: 'boolean' };
    case 'number': return { type: Number.isInteger(value) ? 'integer' : 'number' };
    case 'object': {
      if (depth >= MAX_DEPTH) return { type: 'object' };
      const properties = Object.fromEntries(Object.entries(value as Json).map(([key, member]) => [key, inferSchema(member, depth + 1)]));
      return Object.keys(properties).length === 0 ? { type: 'object' } : { type: 'object', properties };
    }
    default: return {};
  }
}
