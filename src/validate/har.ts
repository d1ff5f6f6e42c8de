import { RunwardenError } from '../core/errors.ts';
import type { Violation } from '../core/violation.ts';
import { displayPath, parseJsonText, readTextFile } from '../spec/read-source.ts';
import { formatValue } from './format-value.ts';
import { isJsonMediaType, mediaTypeOf } from './media-type.ts';
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
  /** Why the entry was not checked (outside the API's base path, no response). */
  skipped?: string;
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

/** A body as the validator wants it: parsed JSON for JSON media (or JSON-looking text), text otherwise. */
function bodyOf(text: string | undefined, encoding: unknown, mimeType: string | undefined): { body?: unknown; notJson?: string } {
  if (text === undefined || text === '') return {};
  const decoded = encoding === 'base64' ? Buffer.from(text, 'base64').toString('utf8') : text;
  const json = mimeType ? isJsonMediaType(mediaTypeOf(mimeType)) : /^\s*[[{]/.test(decoded);
  if (!json) return { body: decoded };
  try {
    return { body: JSON.parse(decoded) };
  } catch {
    return { notJson: decoded };
  }
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
 * Validates every exchange of a parsed HAR 1.2 document: each request is routed by method + URL pathname
 * (whatever the host) and checked, then its response. Entries outside the spec's base path are skipped.
 */
export function validateHar(validator: Validator, har: unknown, file = 'HAR', options: HarOptions = {}): HarEntryResult[] {
  if (!isObject(har)) throw invalid(file, 'its top level is not an object');
  if (!isObject(har.log)) throw invalid(file, 'missing log');
  if (!Array.isArray(har.log.entries)) throw invalid(file, 'missing log.entries');
  const basePath = validator.spec.basePath;
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
    if (basePath !== '' && pathname !== basePath && !pathname.startsWith(`${basePath}/`)) {
      return { ...result, skipped: `outside the API's base path ${basePath}` };
    }
    const requestHeaders = headersOf(request.headers);
    const postData = isObject(request.postData) ? request.postData : {};
    const requestMime = typeof postData.mimeType === 'string' && postData.mimeType !== '' ? postData.mimeType : requestHeaders['content-type'];
    const requestBody = bodyOf(typeof postData.text === 'string' ? postData.text : undefined, postData.encoding, requestMime);
    const checked = validator.validateRequest({ method, url, headers: requestHeaders, body: requestBody.body });
    // A body that is there but not JSON is one finding (BODY_NOT_JSON), not also a missing body.
    if (!options.responsesOnly || !checked.operation) {
      result.violations.push(...(requestBody.notJson === undefined ? checked.violations : checked.violations.filter((violation) => violation.code !== 'BODY_MISSING')));
    }
    if (!checked.operation) return result;
    const { operationId } = checked.operation;
    result.operationId = operationId;
    if (requestBody.notJson !== undefined && !options.responsesOnly) result.violations.push(notJson(operationId, 'request', requestBody.notJson, requestMime));
    if (status === 0) return { ...result, skipped: 'no response (status 0)' };
    const responseHeaders = headersOf(response.headers);
    const content = isObject(response.content) ? response.content : {};
    const responseMime = typeof content.mimeType === 'string' && content.mimeType !== '' ? content.mimeType : responseHeaders['content-type'];
    const responseBody = bodyOf(typeof content.text === 'string' ? content.text : undefined, content.encoding, responseMime);
    if (responseBody.notJson !== undefined) {
      result.violations.push(notJson(operationId, 'response', responseBody.notJson, responseMime));
    } else {
      result.violations.push(...validator.validateResponse(operationId, {
        status, headers: responseHeaders, body: responseBody.body, ...(responseMime ? { contentType: responseMime } : {}),
      }));
      const startedAt = isObject(entry) && typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : Number.NaN;
      runs?.observe(index, checked.operation, pathname, { status, body: responseBody.body, headers: responseHeaders, observedAt: Number.isNaN(startedAt) ? index : startedAt });
    }
    return result;
  });
  for (const [index, violations] of runs?.violations() ?? []) results[index]!.violations.push(...violations);
  return results;
}

/** Reads a HAR file (FILE_NOT_FOUND, JSON_INVALID, HAR_INVALID) and validates it with `validateHar`. */
export async function validateHarFile(validator: Validator, file: string, options: HarOptions = {}): Promise<HarEntryResult[]> {
  const text = await readTextFile(file, 'HAR file');
  return validateHar(validator, parseJsonText(text, file), file, options);
}
