import { valueAtPointer } from './pointer.ts';
import type { RunIdSource } from './profile.ts';

/** An id as a body holds it: a non-empty string, or a number (as its string). */
export function idValue(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The id a header names: the value itself, or a URL's last path segment (`Location: /jobs/j-1?x=1` → `j-1`), decoded. */
export function idInHeader(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (!trimmed.includes('/')) return trimmed;
  try {
    const last = new URL(trimmed, 'http://runwarden.invalid').pathname.split('/').filter(Boolean).pop();
    return last === undefined ? undefined : decodeURIComponent(last);
  } catch {
    return undefined; // not a URL, or a malformed escape: the answer names no id
  }
}

/**
 * The run id a create's answer names at a body pointer or in a header: the one reading the client, the load engine,
 * HAR checks and the simulator's fault ledger share, so they all name a run alike. An `sse` source is read from the
 * event stream by its caller (each event's data through `idValue`); here it is undefined.
 */
export function runIdInAnswer(source: RunIdSource, body: unknown, header: (name: string) => string | undefined): string | undefined {
  if (source.from === 'body') return idValue(valueAtPointer(body, source.pointer));
  if (source.from === 'header') return idInHeader(header(source.name));
  return undefined;
}
