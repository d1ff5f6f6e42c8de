import { RunwardenError } from '../core/errors.ts';
import type { Violation } from '../core/violation.ts';
import { checkJsonNesting, displayPath, parseJsonText, readTextFile } from '../spec/read-source.ts';
import { formatValue } from './format-value.ts';
import { basePathOf } from '../spec/base-path.ts';
import { splitUrl } from './check-request.ts';
import { contentTypeWithoutBody } from './content-type-without-body.ts';
import { requestBody, responseBody, type HarBody } from './har-body.ts';
import type { ProviderProfile } from '../core/profile/index.ts';
import { RunObservations } from './run-observations.ts';
import type { Validator } from './validator.ts';

/** How a HAR file is checked. */
export interface HarOptions {
  /** Also follow each run of this provider across the entries: every state change must be legal in its lifecycle. */
  profile?: ProviderProfile;
  /** Check responses only (for traffic with deliberately bad requests). */
  responsesOnly?: boolean;
}

/** The outcome for one HAR entry: its exchange, the operation it matched and what was wrong. */
export interface HarEntryResult {
  index: number;
  method: string;
  url: string;
  status: number;
  operationId?: string;
  /** Why the entry was not checked (outside the API's base paths, no response). */
  skipped?: string;
  /** What of a checked entry could not be checked ("response body not recorded in the HAR", "… still gzip-compressed"). */
  notes?: string[];
  violations: Violation[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(file: string, what: string): RunwardenError {
  return new RunwardenError('HAR_INVALID', `${displayPath(file)} is not a HAR 1.2 file: ${what}`, 'Export the HAR again from the browser or proxy ("Save all as HAR").');
}

function headersOf(list: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of Array.isArray(list) ? list : []) {
    if (isObject(header) && typeof header.name === 'string' && typeof header.value === 'string') {
      const name = header.name.toLowerCase();
      headers[name] = headers[name] === undefined ? header.value : `${headers[name]}, ${header.value}`;
    }
  }
  return headers;
}

function notJson(operationId: string, where: Violation['where'], text: string, mimeType: string | undefined): Violation {
  return {
    operationId, where, part: 'body', code: 'BODY_NOT_JSON',
    message: `Received: ${formatValue(text, 60)}\nDocumented: a JSON body (${mimeType ?? 'application/json'})`,
    received: text.slice(0, 200), documented: mimeType,
  };
}

/** Checks one entry's shape, naming the first missing field. */
function entryParts(entry: unknown, index: number, file: string): { request: Json; response: Json } {
  const at = `log.entries[${index}]`;
  if (!isObject(entry)) throw invalid(file, `${at} is not an object`);
  const { request, response } = entry;
  if (!isObject(request)) throw invalid(file, `${at}.request is missing`);
  if (typeof request.method !== 'string') throw invalid(file, `${at}.request.method is missing`);
  if (typeof request.url !== 'string') throw invalid(file, `${at}.request.url is missing`);
  if (!isObject(response)) throw invalid(file, `${at}.response is missing`);
  if (typeof response.status !== 'number') throw invalid(file, `${at}.response.status is missing`);
  return { request, response };
}

/**
 * The base paths of every document-level server (`servers[*].url`), longest first, and the one the router matches
 * operations under (`spec.basePath`, from servers[0]): an entry under any server is checked as if sent to the first.
 */
function serverBasePaths(validator: Validator): string[] {
  const servers = validator.spec.bundled.servers;
  const paths = new Set([validator.spec.basePath, ...(Array.isArray(servers) ? servers.map((server) => basePathOf([server])) : [])]);
  return [...paths].sort((a, b) => b.length - a.length);
}

/** The URL rebased onto the router's base path, or undefined when it is under none of the servers' base paths. */
function rebased(url: string, pathname: string, basePaths: readonly string[], basePath: string): string | undefined {
  const server = basePaths.find((candidate) => candidate === '' || pathname === candidate || pathname.startsWith(`${candidate}/`));
  if (server === undefined) return undefined;
  if (server === basePath) return url;
  let search = '';
  try {
    search = new URL(url, 'http://runwarden.invalid').search;
  } catch { /* no query */ }
  return `${basePath}${pathname.slice(server.length)}${search}`;
}

const NOT_RECORDED = (where: string) => `${where} body not recorded in the HAR: not checked`;
const GZIPPED = (where: string) => `${where} body still gzip-compressed in the HAR (export it with decoded content): not checked`;

/** The note for a body the HAR did not keep as sent (not recorded, or still compressed); none for a usable body. */
function bodyNotes(where: 'request' | 'response', body: HarBody): string[] {
  if (body.notRecorded) return [NOT_RECORDED(where)];
  return body.gzipped ? [GZIPPED(where)] : [];
}

/**
 * Validates every exchange of a parsed HAR 1.2 document: each request is routed by method + URL pathname
 * (whatever the host) and checked, then its response. Entries under none of the spec's server base paths are
 * skipped; a body the HAR did not keep, or kept still gzip-compressed, is noted instead of checked.
 */
export function validateHar(validator: Validator, har: unknown, file = 'HAR', options: HarOptions = {}): HarEntryResult[] {
  if (!isObject(har)) throw invalid(file, 'its top level is not an object');
  if (!isObject(har.log)) throw invalid(file, 'missing log');
  if (!Array.isArray(har.log.entries)) throw invalid(file, 'missing log.entries');
  const basePath = validator.spec.basePath;
  const basePaths = serverBasePaths(validator);
  const runs = options.profile ? new RunObservations(options.profile) : undefined;
  const results = har.log.entries.map((entry, index): HarEntryResult => {
    const { request, response } = entryParts(entry, index, file);
    const method = (request.method as string).toUpperCase();
    const url = request.url as string;
    const status = response.status as number;
    const result: HarEntryResult = { index, method, url, status, violations: [] };
    let pathname: string;
    try {
      pathname = new URL(url, 'http://runwarden.invalid').pathname;
    } catch {
      pathname = url;
    }
    const routedUrl = rebased(url, pathname, basePaths, basePath);
    if (routedUrl === undefined) {
      return { ...result, skipped: `outside the API's base path${basePaths.length > 1 ? 's' : ''} ${basePaths.join(', ')}` };
    }
    const requestHeaders = headersOf(request.headers);
    const sent = requestBody(request.postData, requestHeaders['content-type'], request.bodySize, (text) => checkJsonNesting(text, file, `log.entries[${index}].request.postData.text`));
    // A form body rebuilt from `params` goes with the Content-Type (and multipart boundary) it was read with.
    const headers = sent.contentType !== undefined && sent.body !== undefined ? { ...requestHeaders, 'content-type': sent.contentType } : requestHeaders;
    const checked = validator.validateRequest({ method, url: routedUrl, headers, body: sent.body });
    const notes = bodyNotes('request', sent);
    // A body that is there but not JSON is one finding (BODY_NOT_JSON), not also a missing body; one the HAR did not keep is a note.
    const keepMissing = sent.notJson === undefined && notes.length === 0;
    if (!options.responsesOnly || !checked.operation) {
      result.violations.push(...(keepMissing ? checked.violations : checked.violations.filter((violation) => violation.code !== 'BODY_MISSING')));
    }
    if (!checked.operation) return withNotes(result, notes);
    const { operationId } = checked.operation;
    result.operationId = operationId;
    if (!options.responsesOnly && !sent.notRecorded) result.violations.push(...contentTypeWithoutBody(checked.operation, headers['content-type'], sent.body));
    if (sent.notJson !== undefined && !options.responsesOnly) result.violations.push(notJson(operationId, 'request', sent.notJson, sent.contentType));
    if (status === 0) return { ...result, skipped: 'no response (status 0)' };
    const responseHeaders = headersOf(response.headers);
    const received = responseBody(response.content, responseHeaders['content-type'], responseHeaders['content-encoding'], (text) => checkJsonNesting(text, file, `log.entries[${index}].response.content.text`));
    const responseNotes = bodyNotes('response', received);
    notes.push(...responseNotes);
    if (received.notJson !== undefined) {
      result.violations.push(notJson(operationId, 'response', received.notJson, received.contentType));
    } else {
      const found = validator.validateResponse(operationId, {
        status, headers: responseHeaders, body: received.body, ...(received.contentType ? { contentType: received.contentType } : {}),
      });
      result.violations.push(...(responseNotes.length === 0 ? found : found.filter((violation) => !(violation.code === 'BODY_MISSING' || (violation.part === 'body' && received.body === undefined)))));
      const startedAt = isObject(entry) && typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : Number.NaN;
      // Runs are followed by the path the router matched (an entry under another server is rebased onto the first).
      const routedPath = splitUrl(routedUrl).pathname;
      if (responseNotes.length === 0) runs?.observe(index, checked.operation, routedPath, { status, body: received.body, headers: responseHeaders, observedAt: Number.isNaN(startedAt) ? index : startedAt });
    }
    return withNotes(result, notes);
  });
  for (const [index, violations] of runs?.violations() ?? []) results[index]!.violations.push(...violations);
  return results;
}

const withNotes = (result: HarEntryResult, notes: string[]): HarEntryResult => (notes.length === 0 ? result : { ...result, notes });

/** Reads a HAR file (FILE_NOT_FOUND, JSON_INVALID, HAR_INVALID) and validates it with `validateHar`. */
export async function validateHarFile(validator: Validator, file: string, options: HarOptions = {}): Promise<HarEntryResult[]> {
  const text = await readTextFile(file, 'HAR file');
  // parseJsonText skips the UTF-8 byte-order mark some tools (Fiddler, Charles on Windows) write.
  return validateHar(validator, parseJsonText(text, file), file, options);
}
