import { bundledProfile, presetNames } from '../../src/config/index.ts';
import { valueAtPointer, type ProviderProfile, type RunCall, type RunKind } from '../../src/core/profile/index.ts';
import type { Violation } from '../../src/core/violation.ts';
import type { Simulator } from '../../src/sim/start-simulator.ts';
import { loadSpec, type Operation } from '../../src/spec/index.ts';
import { createValidator, type Validator } from '../../src/validate/index.ts';

/** One exchange with the simulator, body parsed when it is JSON. */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is (malformed JSON, huge bodies). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  /** null sends no Authorization header; a string overrides the simulator's token. */
  token?: string | null;
}

/** The bundled providers' profiles, by name: `startSimulator({ providers: bundled('deck') })`. */
export function bundled(...names: string[]): ProviderProfile[] {
  return names.map((name) => bundledProfile(name));
}

/** Calls `path` (relative to the provider's base URL) and reads the whole response. */
export async function call(sim: Simulator, provider: string, method: string, path: string, options: CallOptions = {}): Promise<Exchange> {
  return callUrl(sim, `${sim.urls[provider]}${path}`, method, options);
}

/** Calls an absolute URL of the simulator. */
export async function callUrl(sim: Simulator, url: string, method: string, options: CallOptions = {}): Promise<Exchange> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? sim.config.token : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | Buffer | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  const responseHeaders = Object.fromEntries(response.headers.entries());
  let parsed: unknown = text;
  if ((responseHeaders['content-type'] ?? '').includes('application/json') && text !== '') parsed = JSON.parse(text);
  return { method, url, status: response.status, headers: responseHeaders, body: parsed, text };
}

const validators = new Map<string, Promise<Validator>>();

/** The validator of a bundled provider's spec (compiled once per test file); strict also reports undeclared properties. */
export function validatorFor(provider: string, strict = false): Promise<Validator> {
  const key = `${provider}:${strict}`;
  let validator = validators.get(key);
  if (!validator) {
    validator = loadSpec(bundledProfile(provider).spec).then((spec) => createValidator(spec, { strict }));
    validators.set(key, validator);
  }
  return validator;
}

/** Every bundled provider's validator. */
export async function allValidators(): Promise<Record<string, Validator>> {
  const entries = await Promise.all(presetNames().map(async (provider) => [provider, await validatorFor(provider)] as const));
  return Object.fromEntries(entries);
}

/** Findings of a response against the spec of `operationId` (status documented, body and headers conforming). */
export async function conformance(provider: string, operationId: string, exchange: Exchange, strict = false): Promise<Violation[]> {
  const validator = await validatorFor(provider, strict);
  return validator.validateResponse(operationId, { status: exchange.status, headers: exchange.headers, body: exchange.body });
}

/** Asserts-friendly summary of violations (empty string when none). */
export function describeViolations(exchange: Exchange, violations: readonly Violation[]): string {
  if (violations.length === 0) return '';
  return `${exchange.method} ${exchange.url} → ${exchange.status}\n${violations.map((violation) => `${violation.code} ${violation.pointer ?? ''}: ${violation.message}`).join('\n')}\n${exchange.text.slice(0, 500)}`;
}

/** Waits for the simulator to schedule a delayed response, then moves the virtual clock. */
export async function advanceWhenPending(clock: { whenPending(count?: number): Promise<void>; advance(ms: number): void }, ms: number): Promise<void> {
  await clock.whenPending();
  clock.advance(ms);
}

/** A Server-Sent Events body, parsed (`data` as JSON when it is JSON). */
export function parseEvents(text: string): Array<{ event?: string; data: unknown }> {
  return text.split('\n\n').filter((block) => block.trim() !== '').map((block) => {
    const lines = block.split('\n');
    const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
    const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
    let parsed: unknown = data;
    try { parsed = JSON.parse(data); } catch { /* a text event stays text */ }
    return { ...(event ? { event } : {}), data: parsed };
  });
}

/** The run id a create's answer carries where the profile says: a body pointer, a header (a URL's last segment) or an event. */
export function runIdOf(kind: RunKind, exchange: Exchange): string | undefined {
  const source = kind.create.runId;
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
  if (source.from === 'body') return text(valueAtPointer(exchange.body, source.pointer));
  if (source.from === 'header') return exchange.headers[source.name.toLowerCase()]?.split('?')[0]!.split('/').pop() || undefined;
  const events = parseEvents(exchange.text).filter((event) => source.event === undefined || event.event === source.event);
  return text(events.map((event) => valueAtPointer(event.data, source.pointer)).findLast((value) => value !== undefined));
}

/** The path parameter of `call`'s operation that takes the run id: `runIdParam`, else the only one the profile leaves open. */
export function runIdParamOf(operation: Operation, kind: RunKind, call: RunCall): string | undefined {
  if (call.runIdParam) return call.runIdParam;
  const open = operation.parameters.path.map((parameter) => parameter.name).filter((name) => call.params?.[name] === undefined);
  return (open.length > 1 ? open.filter((name) => kind.create.params?.[name] === undefined) : open)[0];
}

/** `operation`'s path with its parameters filled in (undefined when one is missing) and `query` appended. */
export function pathFor(operation: Operation, params: Readonly<Record<string, string>>, query: Readonly<Record<string, string>> = {}): string | undefined {
  let missing = false;
  const path = operation.pathTemplate.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) missing = true;
    return encodeURIComponent(value ?? '');
  });
  const search = new URLSearchParams(query).toString();
  return missing ? undefined : search ? `${path}?${search}` : path;
}

/** Resolves a request whose answer waits on the virtual clock (sync creates, streams): moves time `stepMs` at a time until it settles (bounded). */
export async function settleOnClock<T>(clock: { advance(ms: number): void }, pending: Promise<T>, stepMs: number, maxSteps = 5000): Promise<T> {
  let settled = false;
  const watched = pending.finally(() => { settled = true; });
  for (let step = 0; step < maxSteps && !settled; step++) {
    for (let turn = 0; turn < 5 && !settled; turn++) await new Promise((resolve) => setImmediate(resolve));
    if (!settled) clock.advance(stepMs);
  }
  return watched;
}
