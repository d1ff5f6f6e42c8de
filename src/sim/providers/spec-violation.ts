import type { Violation } from '../../core/violation.ts';

/** The path segments of a violation's JSON pointer (`/resources/0/name` → ['resources', 0, 'name']). */
export function pointerSegments(violation: Violation): (string | number)[] {
  if (!violation.pointer) return [];
  return violation.pointer.split('/').slice(1).map((segment) => {
    const decoded = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(decoded) ? Number(decoded) : decoded;
  });
}

/** A dotted field name for a violation (`resources[0].name`), or 'body' for the body itself. */
export function fieldOf(violation: Violation): string {
  const segments = pointerSegments(violation);
  if (segments.length === 0) return 'body';
  return segments.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

/** The violation's message on one line ("Received: … / Documented: …"). */
export function oneLine(violation: Violation): string {
  return violation.message.replace(/\n/g, ' / ');
}
