import { REDACTED, redact } from '../client/redact.ts';

/** What must never be kept of an exchange: the auth scheme's header and query names, and every token's value. */
export interface ExchangeSecrets {
  /** Lower-case header names whose values are credentials. */
  headers: ReadonlySet<string>;
  /** Query parameter names whose values are credentials. */
  query: ReadonlySet<string>;
  /** Token values, redacted wherever they appear (a provider may echo one in a body). */
  values: readonly string[];
}

/** Headers that carry credentials under any scheme, in either direction. */
const ALWAYS_SECRET = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key']);

export type HeaderList = Array<{ name: string; value: string }>;

/** One kept exchange, already redacted. */
export interface SampledExchange {
  provider: string;
  operationId: string;
  /** Why it was kept: among the first of its operation × status × content type, or the first of a new body shape. */
  why: 'first' | 'shape';
  /** Wall-clock ms when the request was written, and how long the response took. */
  startedAt: number;
  timeMs: number;
  request: { method: string; url: string; headers: HeaderList; body: string };
  response: { status: number; headers: HeaderList; body: string };
}

interface Source {
  provider: string;
  operationId: string;
  origin: string;
  secrets: ExchangeSecrets;
}

/** The exchange as kept: the request read back from its wire bytes, credentials replaced by `[REDACTED]`. */
export function redactedExchange(
  source: Source, request: { buffer: Buffer; sentAt: number }, status: number, text: string,
  headers: Record<string, string | string[]>, why: SampledExchange['why'],
): SampledExchange {
  const { secrets } = source;
  const clean = (value: string): string => redact(value, secrets.values);
  const sent = parseWire(request.buffer.toString('utf8'));
  const now = performance.now();
  return {
    provider: source.provider,
    operationId: source.operationId,
    why,
    startedAt: Math.round(performance.timeOrigin + request.sentAt),
    timeMs: Math.max(0, Math.round((now - request.sentAt) * 1000) / 1000),
    request: {
      method: sent.method,
      url: clean(redactQuery(`${source.origin}${sent.target}`, secrets.query)),
      headers: redactHeaders(sent.headers, secrets.headers).map(({ name, value }) => ({ name, value: clean(value) })),
      body: clean(sent.body),
    },
    response: {
      status,
      headers: redactHeaders(headerList(headers), secrets.headers).map(({ name, value }) => ({ name, value: clean(value) })),
      body: clean(text),
    },
  };
}

/** An HTTP/1.1 request as runwarden writes it (request-template.ts): request line, headers, blank line, body. */
function parseWire(text: string): { method: string; target: string; headers: HeaderList; body: string } {
  const end = text.indexOf('\r\n\r\n');
  const head = end === -1 ? text : text.slice(0, end);
  const [line = '', ...lines] = head.split('\r\n');
  const [method = 'GET', target = '/'] = line.split(' ');
  const headers = lines.map((header) => {
    const colon = header.indexOf(':');
    return { name: header.slice(0, colon), value: header.slice(colon + 1).trim() };
  });
  return { method, target, headers, body: end === -1 ? '' : text.slice(end + 4) };
}

function headerList(headers: Record<string, string | string[]>): HeaderList {
  return Object.entries(headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((one) => ({ name, value: one })));
}

function redactHeaders(headers: HeaderList, secret: ReadonlySet<string>): HeaderList {
  return headers.map(({ name, value }) => {
    const lower = name.toLowerCase();
    return ALWAYS_SECRET.has(lower) || secret.has(lower) ? { name, value: REDACTED } : { name, value };
  });
}

function redactQuery(url: string, names: ReadonlySet<string>): string {
  if (names.size === 0 || !url.includes('?')) return url;
  const parsed = new URL(url);
  for (const name of names) if (parsed.searchParams.has(name)) parsed.searchParams.set(name, REDACTED);
  return parsed.toString();
}
