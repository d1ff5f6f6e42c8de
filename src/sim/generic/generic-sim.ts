import { RunwardenError, isRunwardenError } from '../../core/errors.ts';
import type { ProviderProfile } from '../../core/profile/index.ts';
import type { LoadedSpec, Operation } from '../../spec/index.ts';
import { createValidator } from '../../validate/index.ts';
import { IdempotencyStore } from '../limits/idempotency.ts';
import { StateError } from '../providers/state-error.ts';
import type { SimProvider, SimRoute } from '../providers/provider.ts';
import type { ProviderRuntime } from '../providers/runtime.ts';
import { hashString, mixSeed } from '../random.ts';
import type { EngineContext } from './engine-context.ts';
import { ErrorReplies, type MinimalBody } from './error-replies.ts';
import { genericStates } from './generic-states.ts';
import { readGenericSettings, type GenericSimOptions } from './options.ts';
import { createRequestCheck } from './request-check.ts';
import { setUpRunKind, type KindEntry } from './run-kind.ts';
import { cancelHandler, createHandler, pollHandler } from './run-routes.ts';
import { createSchemaSampler } from './schema-sampler.ts';
import { buildRunTemplate, type RunTemplate } from './run-template.ts';
import type { ExtendEngine } from './sim-engine.ts';
import { requireOperation, takesJsonBody } from './spec-operations.ts';
import { listHandler } from './list-route.ts';
import { staticHandler, staticReply } from './static-route.ts';
import { TemplateTools } from './template-tools.ts';

/** A provider served by the generic engine, with what `serve` reports about how faithfully it could be built. */
export interface GenericSimProvider extends SimProvider {
  /** Operations that answer a status with a minimal JSON body because the spec documents no shape for it anywhere. */
  readonly minimalBodies: readonly MinimalBody[];
  /** Bodies that could not be made to conform to the spec (e.g. a lifecycle state the spec's enum lacks). */
  readonly notes: readonly string[];
  /** Stores a run of `kind` that is in `state` now and returns its id; StateError for a bad state. */
  place(kind: string, state: string, id?: string): string;
  /** Rendered bodies of ended runs held for re-reads, over every run kind: never more than the runs stored. */
  cachedBodies(): number;
}

/**
 * Serves any OpenAPI spec as a stateful simulator, driven by a provider profile: one route per operation; the
 * profile's run kinds say which operations create, poll and cancel runs, and every run walks a seeded plan through
 * its lifecycle. Bodies come from the spec (examples and seeded schema samples), prepared once here: a request only
 * fills in a run's id, status and timestamps. Throws RunwardenError when the profile and the spec disagree.
 */
export function createGenericSim(profile: ProviderProfile, spec: LoadedSpec, runtime: ProviderRuntime, options?: GenericSimOptions, extend?: ExtendEngine): GenericSimProvider {
  const settings = readGenericSettings(profile, runtime, options);
  const { config, scheduler } = runtime;
  const validator = createValidator(spec, { strict: true });
  const providerSeed = mixSeed(config.seed, hashString(profile.name));
  const tools = new TemplateTools(validator, createSchemaSampler(spec), providerSeed, settings.bodies === 'examples');
  // Compile every operation now, never while serving; a schema that cannot compile fails only its operations.
  for (const operation of spec.operations) {
    try {
      validator.prepare(operation.operationId);
    } catch (error) {
      if (!isRunwardenError(error)) throw error;
      tools.note(`${operation.operationId}: ${error.message}; its requests and bodies go unchecked`);
    }
  }
  const operations = new Map(spec.operations.map((operation) => [operation.operationId, operation]));
  const { basePath } = runtime;
  const errors = new ErrorReplies(tools, spec.operations);
  const context: EngineContext = {
    errors,
    checkRequest: createRequestCheck(validator, spec.basePath, basePath, options?.checkBodies !== false),
    idempotency: new IdempotencyStore(config.limits.idempotencyTtlMs, config.limits.idempotencyMaxKeys),
    scheduler,
    syncMaxWaitMs: settings.syncMaxWaitMs,
    scenarios: new Map(Object.entries(settings.scenarios)),
    unknownIds: new Set(settings.unknownIds),
    scenarioNames: new Map(Object.entries(settings.outcomeNames)),
  };
  const kinds = profile.runs.map((kind) => setUpRunKind({ profile, operations, tools, runtime, settings, providerSeed, basePath }, kind));
  const routes = spec.operations.map((operation) => routeOf(context, tools, operation, kinds));
  const byName = new Map(kinds.map((entry) => [entry.kind.name, entry]));
  const states = genericStates(profile.name, kinds, runtime.exhausted, !errors.isMinimal(undefined, 429));
  const extraTemplates: RunTemplate[] = [];
  const parts = extend?.({
    profile,
    context,
    tools,
    states,
    kindOf: (operationId, extension) => kindEntryOf(profile, kinds, operationId, extension),
    operationIds: spec.operations.map((operation) => operation.operationId),
    operation: (operationId) => requireOperation(operations, operationId, `${profile.source}: the extension`),
    handler: (operationId) => requireRoute(routes, profile, operationId).handle,
    runTemplate(entry, operationId, status) {
      const template = buildRunTemplate(tools, requireOperation(operations, operationId, `${profile.source}: the extension`), status, entry.shape, { idHints: ['/id'], requireStatus: true });
      extraTemplates.push(template);
      entry.runs.store.onForget((run) => template.forget(run));
      return template;
    },
  }) ?? {};
  for (const operationId of Object.keys(parts.routes ?? {})) requireRoute(routes, profile, operationId);
  const served = routes.map((route) => (parts.routes?.[route.operationId] ? { ...route, handle: parts.routes[route.operationId]! } : route));
  return {
    name: profile.name,
    basePath,
    routes: served,
    errors: { ...errors.providerErrors(), ...parts.errors },
    minimalBodies: minimalBodies(profile, spec.operations, kinds, errors),
    notes: tools.problems,
    states: [...states, ...(parts.states ?? [])],
    reset() {
      for (const entry of kinds) {
        entry.runs.clear();
        for (const template of [entry.create.template, entry.poll?.template, entry.cancel?.template]) template?.clear();
      }
      for (const template of extraTemplates) template.clear();
      errors.reset();
      context.idempotency.clear();
      reseat(context.scenarios, Object.entries(settings.scenarios));
      context.unknownIds.clear();
      for (const id of settings.unknownIds) context.unknownIds.add(id);
      parts.reset?.();
    },
    sizes: () => Object.fromEntries(kinds.map((entry) => [`${profile.name}.${entry.kind.name}`, entry.runs.store.size])),
    cachedBodies: () => [...kinds.flatMap((entry) => [entry.create.template, entry.poll?.template, entry.cancel?.template]), ...extraTemplates]
      .reduce((total, template) => total + (template?.cachedBodies ?? 0), 0),
    place(kind, state, id) {
      const entry = byName.get(kind);
      if (!entry) throw new StateError(`${profile.name} has no run kind "${kind}". Run kinds: ${[...byName.keys()].join(', ')}.`);
      return entry.runs.place(state, scheduler.clock.now(), id).id;
    },
  };
}

function reseat(map: Map<string, string>, entries: ReadonlyArray<[string, string]>): void {
  map.clear();
  for (const [key, value] of entries) map.set(key, value);
}

function requireRoute(routes: readonly SimRoute[], profile: ProviderProfile, operationId: string): SimRoute {
  const route = routes.find((candidate) => candidate.operationId === operationId);
  if (route) return route;
  throw new RunwardenError('OPERATION_UNKNOWN', `${profile.source}: the spec of ${profile.name} has no operation "${operationId}", which its extension serves`,
    'Keep the operation in the spec, or drop `extension:` from the profile.');
}

/** The run kind an extension drives, found by an operation it creates, polls or cancels with. */
function kindEntryOf(profile: ProviderProfile, kinds: readonly KindEntry[], operationId: string, extension: string): KindEntry {
  const entry = kinds.find((candidate) => [candidate.create.operation, candidate.poll?.operation, candidate.cancel?.operation].some((operation) => operation?.operationId === operationId));
  if (entry) return entry;
  throw new RunwardenError('CONFIG_INVALID', `${profile.source}: the ${extension} extension needs a run kind whose operations include ${operationId}`,
    `Keep the runs of the bundled ${extension} profile (specs/${extension}.profile.yaml), or drop \`extension: ${extension}\`.`);
}

/** The route of one operation: a run kind's create, poll or cancel, else a static answer. */
function routeOf(context: EngineContext, tools: TemplateTools, operation: Operation, kinds: readonly KindEntry[]): SimRoute {
  const id = operation.operationId;
  const creator = kinds.find((entry) => entry.create.operation === operation);
  const polled = kinds.filter((entry) => entry.poll?.operation === operation);
  const cancelled = kinds.filter((entry) => entry.cancel?.operation === operation);
  const handle = creator ? createHandler(context, creator)
    : polled.length > 0 ? pollHandler(context, operation, polled)
      : cancelled.length > 0 ? cancelHandler(context, operation, cancelled)
        : listedHandler(context, tools, operation, kinds) ?? staticHandler(context, tools, operation);
  return {
    operationId: id,
    // Specs use every HTTP method; the pipeline routes on the method text, whatever SimRoute's type lists.
    method: operation.method.toUpperCase() as SimRoute['method'],
    path: operation.pathTemplate,
    body: takesJsonBody(operation) ? 'json' : 'none',
    handle,
  };
}

/** A list of a kind's runs (`alsoReturnedBy`) whose documented page holds rows: served from the stored runs. */
function listedHandler(context: EngineContext, tools: TemplateTools, operation: Operation, kinds: readonly KindEntry[]): SimRoute['handle'] | undefined {
  const entry = kinds.find((candidate) => candidate.kind.alsoReturnedBy.includes(operation.operationId));
  return entry && listHandler(context, operation, entry, staticReply(tools, operation).text);
}

/** Every (operation, status) the provider may answer with a minimal body: errors no operation of the spec documents. */
function minimalBodies(profile: ProviderProfile, operations: readonly Operation[], kinds: readonly KindEntry[], errors: ErrorReplies): MinimalBody[] {
  const found: MinimalBody[] = [];
  for (const operation of operations) {
    const byId = kinds.some((entry) => entry.poll?.operation === operation || entry.cancel?.operation === operation);
    const idempotent = kinds.some((entry) => entry.create.operation === operation && entry.create.idempotent);
    const withBody = operation.method !== 'get' && operation.method !== 'head';
    const statuses = [
      ...(profile.auth.type === 'none' ? [] : [401]),
      ...(byId ? [404] : []),
      ...(withBody ? [413, errors.invalidStatus(operation)] : []),
      ...(idempotent ? [409] : []),
      429, 500,
    ];
    for (const status of statuses) if (errors.isMinimal(operation, status)) found.push({ operationId: operation.operationId, status });
  }
  return found;
}
