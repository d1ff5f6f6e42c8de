import { bundledProfile, presetNames } from '../../src/config/index.ts';
import type { ProviderProfile } from '../../src/core/profile/index.ts';
import type { Violation } from '../../src/core/violation.ts';
import type { Simulator } from '../../src/sim/start-simulator.ts';
import { loadSpec } from '../../src/spec/index.ts';
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
  if ((responseHeaders['content-type'] ?? '').includes('application/json')) parsed = JSON.parse(text);
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
