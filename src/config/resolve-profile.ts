import path from 'node:path';
import { RunwardenError } from '../core/errors.ts';
import { lifecycleFromDefinition, type LifecycleDefinition } from '../core/profile/lifecycle-definition.ts';
import type { AuthScheme, CreateCall, PollCall, ProviderProfile, ProviderStatesEndpoint, RunCall, RunIdSource, RunKind } from '../core/profile/profile.ts';
import type { SourceDocument } from './read-document.ts';

/** A profile as written (schema-checked already): `runs` keyed by name, durations as text, paths relative. */
export interface RawProfile {
  name?: string;
  spec: string;
  baseUrl?: string;
  basePath?: string;
  auth?: AuthScheme;
  runs: Record<string, RawRun>;
  providerStates?: { url: string; headers?: Record<string, string>; teardown?: boolean };
  extension?: string;
  extensionOptions?: Record<string, unknown>;
}

interface RawCall {
  operationId: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

interface RawRun {
  create: RawCall & { runId?: { body?: string; header?: string; sse?: string; event?: string }; sync?: boolean };
  poll?: RawCall & { runIdParam?: string; interval?: string };
  cancel?: RawCall & { runIdParam?: string };
  alsoReturnedBy?: string[];
  lifecycle: LifecycleDefinition;
}

/**
 * Turns a schema-checked profile into the runtime profile: paths resolved against the file that holds it, the
 * lifecycle built, and the checks no schema can make (transitions that name unknown states, terminal states
 * with moves out) reported at their line.
 */
export function resolveProfile(name: string, raw: RawProfile, document: SourceDocument, at: string): ProviderProfile {
  const dir = path.dirname(document.file);
  const runs = Object.entries(raw.runs).map(([runName, run]) => resolveRun(name, runName, run, document, `${at}/runs/${runName}`));
  const baseUrl = raw.baseUrl?.replace(/\/+$/, '');
  const basePath = raw.basePath ?? (baseUrl === undefined ? undefined : new URL(baseUrl).pathname.replace(/\/+$/, ''));
  return {
    name,
    spec: path.resolve(dir, raw.spec),
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(basePath === undefined ? {} : { basePath }),
    auth: raw.auth ?? { type: 'bearer' },
    runs,
    ...(raw.providerStates ? { providerStates: statesEndpoint(raw.providerStates) } : {}),
    ...(raw.extension === undefined ? {} : { extension: raw.extension }),
    ...(raw.extensionOptions === undefined ? {} : { extensionOptions: raw.extensionOptions }),
    source: document.where(at),
  };
}

function resolveRun(provider: string, name: string, run: RawRun, document: SourceDocument, at: string): RunKind {
  const definition = run.lifecycle;
  const terminal = new Set([...definition.success, ...definition.failure]);
  const problems: string[] = [];
  const known = new Set([
    ...(definition.states ?? []), ...definition.initial, ...terminal, ...(definition.cancel ?? []),
    ...Object.keys(definition.transitions ?? {}),
  ]);
  if (definition.states) {
    for (const state of known) if (!definition.states.includes(state)) problems.push(`${document.where(`${at}/lifecycle`)}: state "${state}" is not listed in lifecycle.states`);
  }
  for (const [from, targets] of Object.entries(definition.transitions ?? {})) {
    if (terminal.has(from) && targets.length > 0) problems.push(`${document.where(`${at}/lifecycle/transitions/${from}`)}: "${from}" is terminal (success or failure) and cannot move on`);
    for (const to of targets) {
      if (!known.has(to)) problems.push(`${document.where(`${at}/lifecycle/transitions/${from}`)}: "${from}" moves to "${to}", which is no state of the lifecycle`);
    }
  }
  const cancel = definition.cancel;
  if (cancel && !terminal.has(cancel[cancel.length - 1]!)) problems.push(`${document.where(`${at}/lifecycle/cancel`)}: a cancel path must end in a terminal state (it ends in "${cancel[cancel.length - 1]}")`);
  if (problems.length > 0) {
    throw new RunwardenError('CONFIG_INVALID', `invalid lifecycle of ${provider}.${name}:\n  ${problems.join('\n  ')}`, 'See docs/config.md#lifecycle.');
  }
  const create: CreateCall = { ...call(run.create), runId: runIdOf(run.create.runId), ...(run.create.sync ? { sync: true } : {}) };
  const statusPointer = typeof definition.status === 'string' ? definition.status : definition.status.pointer;
  return {
    name,
    create,
    ...(run.poll ? { poll: pollOf(run.poll) } : {}),
    ...(run.cancel ? { cancel: runCall(run.cancel) } : {}),
    alsoReturnedBy: run.alsoReturnedBy ?? [],
    lifecycle: lifecycleFromDefinition(`${provider}.${name}`, definition),
    success: definition.success,
    failure: definition.failure,
    ...(cancel ? { cancelPath: cancel } : {}),
    timestamps: definition.timestamps ?? [],
    statusPointer,
  };
}

function call(raw: RawCall): RawCall {
  return {
    operationId: raw.operationId,
    ...(raw.params ? { params: raw.params } : {}),
    ...(raw.query ? { query: raw.query } : {}),
    ...(raw.headers ? { headers: raw.headers } : {}),
    ...(raw.body === undefined ? {} : { body: raw.body }),
  };
}

function runCall(raw: RawCall & { runIdParam?: string }): RunCall {
  return { ...call(raw), ...(raw.runIdParam ? { runIdParam: raw.runIdParam } : {}) };
}

function pollOf(raw: RawCall & { runIdParam?: string; interval?: string }): PollCall {
  return { ...runCall(raw), ...(raw.interval === undefined ? {} : { intervalMs: milliseconds(raw.interval) }) };
}

function runIdOf(raw: { body?: string; header?: string; sse?: string; event?: string } | undefined): RunIdSource {
  if (raw?.header !== undefined) return { from: 'header', name: raw.header };
  if (raw?.sse !== undefined) return { from: 'sse', pointer: raw.sse, ...(raw.event ? { event: raw.event } : {}) };
  return { from: 'body', pointer: raw?.body ?? '/id' };
}

function statesEndpoint(raw: NonNullable<RawProfile['providerStates']>): ProviderStatesEndpoint {
  return { url: raw.url, headers: raw.headers ?? {}, teardown: raw.teardown ?? true };
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `100ms`, `2s` (the schema has checked the form). */
export function milliseconds(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text)!;
  return Number(match[1]) * UNITS[match[2]!]!;
}
