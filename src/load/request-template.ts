import { randomUUID } from 'node:crypto';
import { RunwardenError } from '../core/errors.ts';
import type { Credentials } from '../core/profile/index.ts';
import type { RequestTemplate } from './scenario.ts';

/** A request template bound to a base URL, params and credentials: builds wire bytes for a run id cheaply. */
export interface CompiledRequest {
  operationId: string;
  /** `METHOD /path` as sent, with `{runId}` left in and without credentials; for messages and reports. */
  label: string;
  /** `body` replaces the template's body for this request (e.g. an answer built from the response). */
  build(runId?: string, body?: unknown): Buffer;
}

type Part = string | { token: 'runId' | 'uuid'; encode: boolean };

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const NO_CREDENTIALS: Credentials = { headers: {}, query: {} };

/** The absolute URL a template addresses, for one run id, without credentials (used by the preflight, off the hot path). */
export function templateUrl(template: RequestTemplate, baseUrl: URL, params: Readonly<Record<string, string>>, runId: string): string {
  return `${baseUrl.origin}${fill(parseParts(requestTarget(template, baseUrl, {}), 'url', params, template.operationId), runId)}`;
}

/**
 * Compiles a template once, before traffic. `{name}` placeholders resolve from `params` now; `{runId}` and
 * `{uuid}` stay dynamic. A path placeholder without a value is a scenario error, reported here rather than on the wire.
 * The credentials (from the profile's auth scheme) are added as headers or query parameters.
 */
export function compileRequest(template: RequestTemplate, baseUrl: URL, params: Readonly<Record<string, string>>, credentials: Credentials = NO_CREDENTIALS): CompiledRequest {
  const parse = (text: string, where: Where): Part[] => parseParts(text, where, params, template.operationId);

  const target = requestTarget(template, baseUrl, credentials.query);
  const hasBody = template.body !== undefined;
  const headers = mergeHeaders(
    { Host: baseUrl.host, Connection: 'keep-alive', Accept: 'application/json, text/event-stream' },
    credentials.headers,
    hasBody ? { 'Content-Type': 'application/json' } : {},
    template.headers ?? {},
  );
  const head: Part[] = [
    `${template.method} `, ...parse(target, 'url'), ' HTTP/1.1\r\n',
    ...Object.entries(headers).flatMap(([name, value]) => [`${name}: `, ...parse(value, 'text'), '\r\n']),
  ];
  const body = hasBody ? parse(JSON.stringify(template.body), 'text') : [];
  const dynamic = [...head, ...body].some((part) => typeof part !== 'string');

  const render = (runId: string | undefined, override?: unknown): Buffer => {
    const bodyText = override === undefined ? fill(body, runId) : JSON.stringify(override);
    const length = hasBody || override !== undefined ? `Content-Length: ${Buffer.byteLength(bodyText)}\r\n` : '';
    return Buffer.from(`${fill(head, runId)}${length}\r\n${bodyText}`);
  };
  const constant = dynamic ? undefined : render(undefined);
  return {
    operationId: template.operationId,
    label: `${template.method} ${requestTarget(template, baseUrl, {})}`,
    build: constant ? (runId, override) => (override === undefined ? constant : render(runId, override)) : render,
  };
}

/** Later maps win; a header is named once whatever the case it is written in. */
function mergeHeaders(...maps: ReadonlyArray<Readonly<Record<string, string>>>): Record<string, string> {
  const merged = new Map<string, [string, string]>();
  for (const map of maps) for (const [name, value] of Object.entries(map)) merged.set(name.toLowerCase(), [merged.get(name.toLowerCase())?.[0] ?? name, value]);
  return Object.fromEntries(merged.values());
}

/** Path and query as on the request line, placeholders still in; literal query text is percent-encoded. */
function requestTarget(template: RequestTemplate, baseUrl: URL, extraQuery: Readonly<Record<string, string>>): string {
  const entries = [...Object.entries(template.query ?? {}), ...Object.entries(extraQuery)];
  const query = entries.map(([key, value]) => `${encodeURIComponent(key)}=${encodeLiteral(value)}`).join('&');
  return `${baseUrl.pathname.replace(/\/$/, '')}${template.path}${query ? `?${query}` : ''}`;
}

/** Percent-encodes the text between placeholders, keeping `{name}` placeholders for later. */
function encodeLiteral(value: string): string {
  let text = '';
  let last = 0;
  for (const match of value.matchAll(PLACEHOLDER)) {
    text += encodeURIComponent(value.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return text + encodeURIComponent(value.slice(last));
}

type Where = 'url' | 'text';

/**
 * Splits a string at its placeholders; `{name}` params resolve now, `{runId}` and `{uuid}` per request (URL-encoded
 * in the request target). An unknown `{name}` is an error in the request target and literal text anywhere else.
 */
function parseParts(text: string, where: Where, params: Readonly<Record<string, string>>, operationId: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  const encode = where === 'url';
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    parts.push(text.slice(last, match.index));
    if (name === 'runId' || name === 'uuid') parts.push({ token: name, encode });
    else if (params[name] !== undefined) parts.push(encode ? encodeURIComponent(params[name]) : params[name]);
    else if (encode) throw new RunwardenError('CONFIG_INVALID', `${operationId}: placeholder {${name}} has no value`, `Add "${name}" to the flow's params.`);
    else parts.push(match[0]);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

function fill(parts: readonly Part[], runId: string | undefined): string {
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') text += part;
    else {
      const value = part.token === 'uuid' ? randomUUID() : (runId ?? '');
      text += part.encode ? encodeURIComponent(value) : value;
    }
  }
  return text;
}
