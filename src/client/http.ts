import { deadline } from '../core/deadline.ts';
import { RunwardenError } from '../core/errors.ts';
import { backoffDelay, type BackoffPolicy } from './backoff.ts';
import { ProviderError, RETRYABLE_STATUSES } from './errors.ts';
import { redact, redactValue } from './redact.ts';
import { parseRetryAfter } from './retry-after.ts';
import { sleep as realSleep, type Sleep } from './sleep.ts';

/** When and how often one request is sent again. Waits are bounded by both `maxAttempts` and `budgetMs`. */
export interface RetryPolicy extends BackoffPolicy {
  /** Attempts in total, the first included (1 = never retry). */
  maxAttempts: number;
  /** Most time spent waiting between attempts; a `Retry-After` that would exceed it ends the retries. */
  budgetMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, budgetMs: 30_000, initialMs: 250, factor: 2, maxMs: 8_000, jitter: 0.5 };
export const DEFAULT_TIMEOUT_MS = 30_000;

/** One attempt, reported to `onExchange` (for metrics and recording). Never carries headers, so never a token. */
export interface Exchange {
  operationId: string;
  method: string;
  url: string;
  attempt: number;
  status?: number;
  /** Set when no response arrived: `ECONNRESET`, `TIMEOUT`, … */
  error?: string;
  durationMs: number;
}

export interface HttpClientOptions {
  provider: string;
  /** The provider's API base URL, as in its spec's `servers[0].url` (e.g. `https://api.deck.co/v2`). */
  baseUrl: string;
  /** Bearer token; sent only in the Authorization header and redacted from every error. */
  token?: string;
  /** Other secrets the caller sends itself (an API key in a header or the query): redacted from every error. */
  secrets?: readonly string[];
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Extracts the provider's stable error code from an error body, for `ProviderError.providerCode`. */
  errorCode?: (body: unknown) => string | undefined;
  onExchange?: (exchange: Exchange) => void;
  fetch?: typeof fetch;
  sleep?: Sleep;
  random?: () => number;
}

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface HttpRequest {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the base URL, with path parameters already encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string | undefined>;
  /** Sent as JSON when defined. */
  body?: unknown;
  /** Safe to send twice. Defaults to true for GET; a POST with an idempotency key may set it. */
  idempotent?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
  accept?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON for JSON responses, the text otherwise, undefined when empty. */
  body: unknown;
  url: string;
  attempts: number;
}

/** A small fetch wrapper bound to one provider: timeouts, bounded retries, Retry-After, and redacted errors. */
export interface HttpClient {
  readonly provider: string;
  readonly baseUrl: string;
  /** Sends a request, retrying within the policy; returns whatever status arrives last. */
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Sends a request and returns the body when the status is one of `expected`; throws ProviderError otherwise. */
  call<T>(request: HttpRequest, expected: readonly number[]): Promise<{ status: number; body: T; headers: Headers }>;
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const fetchImpl = options.fetch ?? fetch;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const secrets = [options.token, ...(options.secrets ?? [])];
  const clean = (text: string): string => redact(text, secrets);

  function urlFor(request: HttpRequest): string {
    const url = new URL(`${baseUrl}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(name, item);
      else url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  function headersFor(request: HttpRequest): Record<string, string> {
    const headers: Record<string, string> = { accept: request.accept ?? 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
    return headers;
  }

  async function attempt(request: HttpRequest, url: string, number: number): Promise<HttpResponse | AttemptFailure> {
    const timeoutMs = request.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // A ref'd timer (src/core/deadline.ts): AbortSignal.timeout's unref'd one let a silent peer end the process.
    const timeout = deadline(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    const started = performance.now();
    const report = (fields: { status?: number; error?: string }): void =>
      options.onExchange?.({ operationId: request.operationId, method: request.method, url: clean(url), attempt: number, durationMs: performance.now() - started, ...fields });
    try {
      const response = await fetchImpl(url, {
        method: request.method,
        headers: headersFor(request),
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
      });
      const text = await response.text();
      report({ status: response.status });
      return { status: response.status, headers: response.headers, body: parseBody(text, response.headers.get('content-type')), url, attempts: number };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      const code = timeout.signal.aborted ? 'TIMEOUT' : errorCode(error);
      report({ error: code ?? 'ERROR' });
      return { failure: code ?? 'ERROR', detail: clean(describeCause(error)), timeoutMs };
    } finally {
      timeout.clear();
    }
  }

  async function send(request: HttpRequest): Promise<HttpResponse> {
    const url = urlFor(request);
    const idempotent = request.idempotent ?? request.method === 'GET';
    const label = `${options.provider} ${request.operationId}: ${request.method} ${clean(url)}`;
    let waitedMs = 0;
    for (let number = 1; ; number += 1) {
      const result = await attempt(request, url, number);
      const retryable = 'failure' in result
        ? idempotent && (RESET_CODES.has(result.failure) || result.failure === 'TIMEOUT')
        : result.status === 429 || (idempotent && RETRYABLE_STATUSES.has(result.status));
      const wait = !retryable ? undefined : 'failure' in result
        ? backoffDelay(number - 1, retry, random)
        : parseRetryAfter(result.headers.get('retry-after')) ?? backoffDelay(number - 1, retry, random);
      if (wait === undefined || number >= retry.maxAttempts || waitedMs + wait > retry.budgetMs) {
        if (!('failure' in result)) return result;
        throw failureError(label, result, number);
      }
      await sleep(wait, request.signal);
      waitedMs += wait;
    }
  }

  async function call<T>(request: HttpRequest, expected: readonly number[]): Promise<{ status: number; body: T; headers: Headers }> {
    const response = await send(request);
    if (expected.includes(response.status)) return { status: response.status, body: response.body as T, headers: response.headers };
    const body = redactValue(response.body, secrets);
    const providerCode = options.errorCode?.(body);
    const detail = providerCode ?? (typeof body === 'string' ? body.slice(0, 200) : undefined);
    throw new ProviderError(
      options.provider, request.operationId, response.status, body, providerCode,
      clean(`${options.provider} ${request.operationId}: ${request.method} ${response.url}\nReceived: ${response.status}${detail ? ` (${detail})` : ''}\nExpected: ${expected.join(', ')}`),
      parseRetryAfter(response.headers.get('retry-after')),
    );
  }

  return { provider: options.provider, baseUrl, send, call };
}

interface AttemptFailure {
  failure: string;
  detail: string;
  timeoutMs: number;
}

function failureError(label: string, result: AttemptFailure, attempts: number): RunwardenError {
  const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
  if (result.failure === 'TIMEOUT') {
    return new RunwardenError('TIMEOUT', `${label}\nNo response within ${result.timeoutMs} ms${tries}`, 'Raise the request timeout, or check that the provider is healthy.');
  }
  if (UNREACHABLE_CODES.has(result.failure)) {
    return new RunwardenError('HOST_UNREACHABLE', `${label}\nCannot connect: ${result.detail}`, 'Check the base URL (--base-url) and that the provider is running and reachable.');
  }
  return new RunwardenError('HOST_UNREACHABLE', `${label}\nConnection failed: ${result.detail}${tries}`, 'Check that the provider is healthy; connection resets are retried only for idempotent calls.');
}

function parseBody(text: string, contentType: string | null): unknown {
  if (text === '') return undefined;
  if (contentType !== null && /[/+]json\b/i.test(contentType)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** The system error code behind a failed fetch (`ECONNRESET`, `ECONNREFUSED`, …), if any. */
function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeCause(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 4; depth += 1) {
    const message = current instanceof Error ? current.message : String(current);
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(': ');
}
