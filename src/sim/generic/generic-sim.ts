import { isRunwardenError } from '../../core/errors.ts';
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
import { takesJsonBody } from './spec-operations.ts';
import { staticHandler } from './static-route.ts';
import { TemplateTools } from './template-tools.ts';

/** A provider served by the generic engine, with what `serve` reports about how faithfully it could be built. */
export interface GenericSimProvider extends SimProvider {
  /** Operations that answer a status with a minimal JSON body because the spec documents no shape for it anywhere. */
  readonly minimalBodies: readonly MinimalBody[];
  /** Bodies that could not be made to conform to the spec (e.g. a lifecycle state the spec's enum lacks). */
  readonly notes: readonly string[];
  /** Stores a run of `kind` that is in `state` now and returns its id; StateError for a bad state. */
  place(kind: string, state: string, id?: string): string;
}

/**
 * Serves any OpenAPI spec as a stateful simulator, driven by a provider profile: one route per operation; the
 * profile's run kinds say which operations create, poll and cancel runs, and every run walks a seeded plan through
 * its lifecycle. Bodies come from the spec (examples and seeded schema samples), prepared once here: a request only
 * fills in a run's id, status and timestamps. Throws RunwardenError when the profile and the spec disagree.
 */
export function createGenericSim(profile: ProviderProfile, spec: LoadedSpec, runtime: ProviderRuntime, options?: GenericSimOptions): GenericSimProvider {
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
    checkRequest: createRequestCheck(validator, spec.basePath, basePath),
    idempotency: new IdempotencyStore(config.limits.idempotencyTtlMs, config.limits.idempotencyMaxKeys),
    scheduler,
    syncMaxWaitMs: settings.syncMaxWaitMs,
    scenarios: settings.scenarios,
    unknownIds: settings.unknownIds,
  };
  const kinds = profile.runs.map((kind) => setUpRunKind({ profile, operations, tools, runtime, settings, providerSeed, basePath }, kind));
  const routes = spec.operations.map((operation) => routeOf(context, tools, operation, kinds));
  const byName = new Map(kinds.map((entry) => [entry.kind.name, entry]));
  return {
    name: profile.name,
    basePath,
    routes,
    errors: errors.providerErrors(),
    minimalBodies: minimalBodies(profile, spec.operations, kinds, errors),
    notes: tools.problems,
    states: genericStates(profile.name, kinds, runtime.exhausted),
    reset() {
      for (const entry of kinds) {
        entry.runs.clear();
        for (const template of [entry.create.template, entry.poll?.template, entry.cancel?.template]) template?.clear();
      }
      context.idempotency.clear();
    },
    sizes: () => Object.fromEntries(kinds.map((entry) => [`${profile.name}.${entry.kind.name}`, entry.runs.store.size])),
    place(kind, state, id) {
      const entry = byName.get(kind);
      if (!entry) throw new StateError(`${profile.name} has no run kind "${kind}". Run kinds: ${[...byName.keys()].join(', ')}.`);
      return entry.runs.place(state, scheduler.clock.now(), id).id;
    },
  };
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
        : staticHandler(context, tools, operation);
  return {
    operationId: id,
    // Specs use every HTTP method; the pipeline routes on the method text, whatever SimRoute's type lists.
    method: operation.method.toUpperCase() as SimRoute['method'],
    path: operation.pathTemplate,
    body: takesJsonBody(operation) ? 'json' : 'none',
    handle,
  };
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
