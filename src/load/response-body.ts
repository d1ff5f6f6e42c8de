import { parseEventStream } from '../client/sse.ts';
import { idValue, runIdInAnswer, valueAtPointer, type RunIdSource } from '../core/profile/index.ts';

/** Parses a JSON body; anything else (an event stream, HTML, broken JSON) stays the raw string. */
export function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The run id a create's answer names: at a JSON pointer in the body, in a header (a URL's last path segment, e.g.
 * `Location: /jobs/j-1`), or at a pointer in a server-sent event's data (the named event's, else the last that has it).
 */
export function runIdOf(source: RunIdSource, text: string, parsed: unknown, headers: Readonly<Record<string, string | string[]>> = {}): string | undefined {
  if (source.from !== 'sse') return runIdInAnswer(source, parsed, (name) => headerValue(headers, name));
  let id: string | undefined;
  for (const event of parseEventStream(text)) {
    if (source.event !== undefined && event.event !== source.event) continue;
    id = idValue(valueAtPointer(parseBody(event.data), source.pointer)) ?? id;
  }
  return id;
}

/** A header's value whatever the case of its name (repeated headers: the first). */
export function headerValue(headers: Readonly<Record<string, string | string[]>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Header names lower-cased and repeated headers joined, as validators expect. */
export function normalizeHeaders(headers: Record<string, string | string[]>): Record<string, string> {
  const normalized: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) normalized[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return normalized;
}
