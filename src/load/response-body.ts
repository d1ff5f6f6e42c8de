import type { RunIdLocation } from './scenario.ts';

/** Parses a JSON body; anything else (an event stream, HTML, broken JSON) stays the raw string. */
export function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The run id a create response names, read from the JSON body or from the data of its server-sent events. */
export function runIdOf(location: RunIdLocation, text: string, parsed: unknown): string | undefined {
  if (location.stream !== 'sse') return stringAt(parsed, location.field);
  for (const line of text.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const id = stringAt(parseBody(line.slice(5).trim()), location.field);
    if (id !== undefined) return id;
  }
  return undefined;
}

/** Reads a string (or number) at a dotted path, e.g. `metadata.run_id`. */
export function stringAt(value: unknown, path: string): string | undefined {
  let current = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  if (typeof current === 'number') return String(current);
  return typeof current === 'string' && current !== '' ? current : undefined;
}

/** Header names lower-cased and repeated headers joined, as validators expect. */
export function normalizeHeaders(headers: Record<string, string | string[]>): Record<string, string> {
  const normalized: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) normalized[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return normalized;
}
