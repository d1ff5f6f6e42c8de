import { randomUUID } from 'node:crypto';
import { RunwardenError } from '../core/errors.ts';
import type { RequestTemplate } from './scenario.ts';

/** A request template bound to a base URL, params and token: builds wire bytes for a run id cheaply. */
export interface CompiledRequest {
  operationId: string;
  /** `METHOD /path` as sent, with `{runId}` left in; for messages and reports. */
  label: string;
  /** `body` replaces the template's body for this request (e.g. an answer built from the response). */
  build(runId?: string, body?: unknown): Buffer;
}

type Part = string | { token: 'runId' | 'uuid'; encode: boolean };

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The absolute URL a template addresses, for one run id (used by the preflight, off the hot path). */
export function templateUrl(template: RequestTemplate, baseUrl: URL, params: Readonly<Record<string, string>>, runId: string): string {
  return `${baseUrl.origin}${fill(parseParts(requestTarget(template, baseUrl), true, params, template.operationId), runId)}`;
}

/**
 * Compiles a template once, before traffic. `{name}` placeholders resolve from `params` now; `{runId}` and
 * `{uuid}` stay dynamic. An unknown placeholder is a scenario error, reported here rather than on the wire.
 */
export function compileRequest(template: RequestTemplate, baseUrl: URL, params: Readonly<Record<string, string>>, token: string | undefined): CompiledRequest {
  const parse = (text: string, encode: boolean): Part[] => parseParts(text, encode, params, template.operationId);

  const target = requestTarget(template, baseUrl);
  const hasBody = template.body !== undefined;
  const headers: Record<string, string> = {
    Host: baseUrl.host,
    Connection: 'keep-alive',
    Accept: 'application/json, text/event-stream',
    ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
    ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
    ...template.headers,
  };
  const head: Part[] = [
    `${template.method} `, ...parse(target, true), ' HTTP/1.1\r\n',
    ...Object.entries(headers).flatMap(([name, value]) => [`${name}: `, ...parse(value, false), '\r\n']),
  ];
  const body = hasBody ? parse(JSON.stringify(template.body), false) : [];
  const dynamic = [...head, ...body].some((part) => typeof part !== 'string');

  const render = (runId: string | undefined, override?: unknown): Buffer => {
    const bodyText = override === undefined ? fill(body, runId) : JSON.stringify(override);
    const length = hasBody || override !== undefined ? `Content-Length: ${Buffer.byteLength(bodyText)}\r\n` : '';
    return Buffer.from(`${fill(head, runId)}${length}\r\n${bodyText}`);
  };
  const constant = dynamic ? undefined : render(undefined);
  return {
    operationId: template.operationId,
    label: `${template.method} ${target}`,
    build: constant ? (runId, override) => (override === undefined ? constant : render(runId, override)) : render,
  };
}

/** Path and query as on the request line, placeholders still in. */
function requestTarget(template: RequestTemplate, baseUrl: URL): string {
  const query = Object.entries(template.query ?? {}).map(([key, value]) => `${encodeURIComponent(key)}=${value}`).join('&');
  return `${baseUrl.pathname.replace(/\/$/, '')}${template.path}${query ? `?${query}` : ''}`;
}

/** Splits a string at its placeholders; `{name}` params resolve now, `{runId}` and `{uuid}` per request. */
function parseParts(text: string, encode: boolean, params: Readonly<Record<string, string>>, operationId: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    parts.push(text.slice(last, match.index));
    if (name === 'runId' || name === 'uuid') parts.push({ token: name, encode });
    else if (params[name] !== undefined) parts.push(encode ? encodeURIComponent(params[name]) : params[name]);
    else throw new RunwardenError('CONFIG_INVALID', `${operationId}: placeholder {${name}} has no value`, `Add "${name}" to the flow's params.`);
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
