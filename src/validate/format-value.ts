/** The JSON type of a value, telling integers from other numbers. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** A short rendering of a received value for a "Received: …" line (JSON, cut at `max` characters). */
export function formatValue(value: unknown, max = 80): string {
  if (value === undefined) return '(missing)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A list of documented values: strings bare, everything else as JSON (`queued, running, null`). */
export function formatList(values: readonly unknown[]): string {
  return values.map((value) => (typeof value === 'string' ? value : formatValue(value))).join(', ');
}

/** `a`, `a or b`, `a, b or c`. */
export function formatAlternatives(values: readonly string[]): string {
  if (values.length <= 1) return values[0] ?? '';
  return `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}
