import type { ProviderProfile, RunKind } from '../../core/profile/index.ts';
import type { LoadedSpec } from '../loaded-spec.ts';
import { indexOperations, type IndexedOperation } from './operation-index.ts';
import { childPointer } from './pointer.ts';
import type { SpecChange } from './spec-change.ts';

type Json = Record<string, unknown>;
type Emit = (change: SpecChange) => void;

const records = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});

/** Headers that tell a client when to come back after a 429. */
const RATE_LIMIT_HEADER = /^(retry-after|x-ratelimit-.*|ratelimit(-.*)?)$/i;

function byOperationId(index: Map<string, IndexedOperation>): Map<string, IndexedOperation> {
  // The bundled operationId: reading it must not dereference every operation.
  return new Map([...index.values()].filter((entry) => typeof entry.bundled.operationId === 'string').map((entry) => [entry.bundled.operationId as string, entry]));
}

/** The first 2xx JSON response schema of an operation and its pointer. */
function successSchema(entry: IndexedOperation): { schema: Json; pointer: string } | undefined {
  const responses = records(entry.operation.responses);
  const status = Object.keys(responses).filter((code) => /^2/.test(code)).sort()[0];
  if (!status) return undefined;
  const content = records(records(responses[status]).content);
  const media = Object.keys(content).find((type) => /json/i.test(type));
  if (!media) return undefined;
  return { schema: records(records(content[media]).schema), pointer: `${childPointer(childPointer(`${entry.pointer}/responses`, status) + '/content', media)}/schema` };
}

/** The schema of the field at a JSON pointer into a body (`/status`, `/data/run/id`), looking through allOf. */
function schemaAtPointer(root: { schema: Json; pointer: string }, pointer: string): { schema: Json; pointer: string } | undefined {
  let here: { schema: Json; pointer: string } | undefined = root;
  for (const token of pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (!here) return undefined;
    const found = propertyOf(here, token, 0);
    here = found;
  }
  return here;
}

function propertyOf(at: { schema: Json; pointer: string }, name: string, depth: number): { schema: Json; pointer: string } | undefined {
  if (depth > 8) return undefined;
  const properties = records(at.schema.properties);
  if (name in properties) return { schema: records(properties[name]), pointer: childPointer(`${at.pointer}/properties`, name) };
  if (/^\d+$/.test(name) && at.schema.items) return { schema: records(at.schema.items), pointer: `${at.pointer}/items` };
  for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) {
    const list = Array.isArray(at.schema[keyword]) ? (at.schema[keyword] as unknown[]) : [];
    for (const [index, member] of list.entries()) {
      const found = propertyOf({ schema: records(member), pointer: `${at.pointer}/${keyword}/${index}` }, name, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

const enumOf = (schema: Json | undefined): string[] | undefined => (Array.isArray(schema?.enum) ? schema.enum.filter((value) => value !== null).map(String) : undefined);

function diffStates(profile: ProviderProfile, run: RunKind, base: IndexedOperation, revision: IndexedOperation, emit: Emit): void {
  const [from, to] = [successSchema(base), successSchema(revision)];
  const before = from && schemaAtPointer(from, run.statusPointer);
  const after = to && schemaAtPointer(to, run.statusPointer);
  const [statesBefore, statesAfter] = [enumOf(before?.schema), enumOf(after?.schema)];
  if (!statesBefore || !statesAfter) return;
  const terminal = new Set(run.lifecycle.terminal);
  const operation = revision.label;
  const who = `${profile.name} ${run.name}`;
  for (const state of statesBefore.filter((state) => !statesAfter.includes(state))) {
    if (terminal.has(state)) {
      emit({ id: 'run-terminal-state-removed', level: 'breaking', operation, base: before!.pointer, revision: after!.pointer,
        message: `The ${who} terminal state ${state} is gone from the poll response: pollers waiting for it never stop, and runs that end that way are misread.` });
    } else {
      emit({ id: 'run-state-removed', level: 'info', operation, base: before!.pointer, revision: after!.pointer, message: `The ${who} non-terminal state ${state} is gone from the poll response: pollers keep working.` });
    }
  }
  for (const state of statesAfter.filter((state) => !statesBefore.includes(state))) {
    const isTerminal = terminal.has(state);
    emit({ id: isTerminal ? 'run-terminal-state-added' : 'run-state-added', level: 'warning', operation, base: before!.pointer, revision: after!.pointer,
      message: isTerminal
        ? `The ${who} run may now end in ${state}: pollers that decide success or failure by status must handle it.`
        : `The ${who} run has a new non-terminal state ${state}: pollers that switch on status must handle it (and keep polling).` });
  }
}

function patternOf(schema: Json | undefined): string | undefined {
  if (!schema) return undefined;
  const parts = [schema.pattern, schema.format, schema.type].map((part) => (part === undefined ? '' : String(part)));
  return parts.join(' ');
}

function diffRunId(profile: ProviderProfile, run: RunKind, base: IndexedOperation, revision: IndexedOperation, emit: Emit): void {
  if (run.create.runId.from !== 'body') return;
  const [from, to] = [successSchema(base), successSchema(revision)];
  const before = from && schemaAtPointer(from, run.create.runId.pointer);
  const after = to && schemaAtPointer(to, run.create.runId.pointer);
  if (!before) return;
  if (!after) {
    emit({ id: 'run-id-removed', level: 'breaking', operation: revision.label, base: before.pointer, message: `The ${profile.name} create response no longer documents the run id at ${run.create.runId.pointer}: clients cannot poll the runs they start.` });
    return;
  }
  if (patternOf(before.schema) !== patternOf(after.schema)) {
    emit({ id: 'run-id-pattern-changed', level: 'breaking', operation: revision.label, base: before.pointer, revision: after.pointer,
      message: `The ${profile.name} run id changed from ${String(before.schema.pattern ?? before.schema.format ?? before.schema.type ?? 'any')} to ${String(after.schema.pattern ?? after.schema.format ?? after.schema.type ?? 'any')}: clients that validate, store or route by run id break.` });
  }
}

function requiredParameters(entry: IndexedOperation): string[] {
  return [...entry.parameters.entries()].filter(([, { parameter }]) => parameter.required === true).map(([key]) => key).sort();
}

function diffCall(role: 'create' | 'poll' | 'cancel', profile: ProviderProfile, run: RunKind, base: IndexedOperation, revision: IndexedOperation, emit: Emit): void {
  const operation = revision.label;
  if (base.method !== revision.method || base.path !== revision.path) {
    emit({ id: `run-${role}-path-changed`, level: 'breaking', operation, base: base.pointer, revision: revision.pointer,
      message: `The ${profile.name} ${run.name} ${role} operation moved from ${base.label} to ${revision.label}: clients that ${role} runs call the old route.` });
  }
  const [before, after] = [requiredParameters(base), requiredParameters(revision)];
  if (before.join() !== after.join()) {
    emit({ id: `run-${role}-required-parameters-changed`, level: 'breaking', operation, base: base.pointer, revision: revision.pointer,
      message: `The ${profile.name} ${run.name} ${role} operation's required parameters changed from [${before.join(', ')}] to [${after.join(', ')}]: clients that ${role} runs send the old set.` });
  }
  const throttledBefore = records(records(base.operation.responses)['429']);
  const throttledAfter = records(records(revision.operation.responses)['429']);
  const headersAfter = new Set(Object.keys(records(throttledAfter.headers)).map((name) => name.toLowerCase()));
  for (const name of Object.keys(records(throttledBefore.headers)).filter((name) => RATE_LIMIT_HEADER.test(name))) {
    if (headersAfter.has(name.toLowerCase())) continue;
    emit({ id: 'run-rate-limit-header-removed', level: 'warning', operation, base: childPointer(`${base.pointer}/responses/429/headers`, name),
      message: `The ${profile.name} ${role} operation's 429 no longer documents ${name}: clients that back off by it will retry blind.` });
  }
}

/**
 * Changes that matter because the API runs things: read from each provider profile's run kinds (create, poll and
 * cancel operations, lifecycle and run id) and applied to both versions of that provider's spec.
 */
export function diffLifecycles(profiles: readonly ProviderProfile[], base: LoadedSpec, revision: LoadedSpec): SpecChange[] {
  const changes: SpecChange[] = [];
  const emit: Emit = (change) => {
    changes.push(change);
  };
  const [before, after] = [byOperationId(indexOperations(base)), byOperationId(indexOperations(revision))];
  for (const profile of profiles) {
    for (const run of profile.runs) {
      const calls = [['create', run.create], ['poll', run.poll], ['cancel', run.cancel]] as const;
      for (const [role, call] of calls) {
        if (!call) continue;
        const [from, to] = [before.get(call.operationId), after.get(call.operationId)];
        if (!from) continue;
        if (!to) {
          emit({ id: `run-${role}-operation-removed`, level: 'breaking', operation: from.label, base: from.pointer, message: `The ${profile.name} ${run.name} ${role} operation ${call.operationId} is gone: clients cannot ${role} runs.` });
          continue;
        }
        diffCall(role, profile, run, from, to, emit);
        if (role === 'create') diffRunId(profile, run, from, to, emit);
        if (role === 'poll' || (role === 'create' && !run.poll)) diffStates(profile, run, from, to, emit);
      }
    }
  }
  return changes;
}
