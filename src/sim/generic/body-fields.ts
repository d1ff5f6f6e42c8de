/**
 * Fields of a response body that depend on the moment or the request rather than on the spec's example, found by
 * their values and names: the engine writes them per read so no two answers carry the example's constants.
 */

/** RFC 3339 date-time text (`2025-06-03T14:22:08Z`, with fractions or an offset). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Names of fields that identify one request (or its trace), not the run: `request_id`, `requestId`, `X-Request-Id`,
 * `trace_id`, `correlation_id`, compared without case or separators.
 */
const PER_REQUEST_NAMES = new Set(['requestid', 'traceid', 'correlationid', 'xrequestid', 'xtraceid', 'xcorrelationid']);

/** Bounds on the walk: bodies come from a spec, but a spec may hold large examples. */
const MAX_DEPTH = 8;
const MAX_FIELDS = 32;

/** True for a field name that identifies a request rather than a run (the heuristic above). */
export function isPerRequestIdName(name: string): boolean {
  return PER_REQUEST_NAMES.has(name.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/** JSON pointers of the string fields holding RFC 3339 date-times, except those in `skip` (the profile's timestamps). */
export function dateTimeFields(body: unknown, skip: ReadonlySet<string>): string[] {
  return fieldsWhere(body, skip, (_name, value) => typeof value === 'string' && DATE_TIME.test(value));
}

/** JSON pointers of the string fields named like a request id, except those in `skip` (the run's id). */
export function requestIdFields(body: unknown, skip: ReadonlySet<string>): string[] {
  return fieldsWhere(body, skip, (name, value) => typeof value === 'string' && isPerRequestIdName(name));
}

function fieldsWhere(body: unknown, skip: ReadonlySet<string>, test: (name: string, value: unknown) => boolean): string[] {
  const found: string[] = [];
  const visit = (value: unknown, pointer: string, name: string, depth: number): void => {
    if (found.length >= MAX_FIELDS) return;
    if (pointer !== '' && !skip.has(pointer) && test(name, value)) {
      found.push(pointer);
      return;
    }
    if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return;
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
    for (const [key, child] of entries) visit(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, key, depth + 1);
  };
  visit(body, '', '', 0);
  return found;
}
