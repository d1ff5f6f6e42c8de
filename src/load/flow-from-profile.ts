import type { OperationCall, ProviderProfile, RunKind } from '../core/profile/index.ts';
import type { LoadedSpec, Operation } from '../spec/index.ts';
import { closestNames } from '../spec/index.ts';
import { durationMs } from './duration.ts';
import { runIdParameter, templateFor, type CallValues, type Problems } from './operation-template.ts';
import type { CallOverrides, FlowDocument } from './scenario-document.ts';
import type { CreatePollFlow, Flow, RequestTemplate } from './scenario.ts';

/** Default wait between polls when neither profile nor scenario sets one (docs/config.md#runs). */
export const DEFAULT_POLL_INTERVAL_MS = 250;
/** Default time a run may take before it is lost. */
export const DEFAULT_RUN_TIMEOUT_MS = 30_000;

/** Where a flow document sits in its file, and the provider and spec it names (already looked up). */
export interface FlowContext {
  profile: ProviderProfile;
  spec: LoadedSpec;
  /** JSON pointer of the flow in the document ('' for a flow written at the top level). */
  at: string;
  problem: Problems;
}

/**
 * One flow of a scenario document, compiled from its provider's profile: the run kind's operations (method and path
 * from the spec), run id location, poll interval and lifecycle, with the document's changes applied. Problems go to
 * `context.problem`; the flow is undefined when there were any.
 */
export function flowFromProfile(document: FlowDocument, context: FlowContext): Flow | undefined {
  const { profile } = context;
  const run = runKindOf(profile, document.run, context);
  if (run === undefined) return undefined;
  const name = document.name ?? (document.read ? `${profile.name}-read` : run === profile.runs[0] ? profile.name : `${profile.name}-${run.name}`);
  const weight = document.weight === undefined ? {} : { weight: document.weight };
  const createParams = { ...run.create.params, ...document.params, ...document.create?.params };
  const create = createTemplate(document, run, createParams, context);
  const poll = pollOf(document, run, createParams, context);
  if (create === undefined || poll === INVALID) return undefined;
  if (document.read !== undefined) {
    if (poll === undefined) {
      context.problem(`${context.at}/read`, `a read flow polls runs: ${profile.name}.${run.name} needs a poll operation`);
      return undefined;
    }
    return { kind: 'read', name, provider: profile.name, auth: profile.auth, seed: { create, runId: run.create.runId, count: document.read.seed }, read: poll, ...weight };
  }
  const interact = interactOf(document, run, createParams, context);
  if (interact === INVALID) return undefined;
  const flow: CreatePollFlow = {
    kind: 'create-poll', name, provider: profile.name, lifecycle: run.lifecycle, auth: profile.auth,
    create, runId: run.create.runId, sync: document.create?.sync ?? run.create.sync === true,
    ...(poll === undefined ? {} : { poll }),
    ...(interact === undefined ? {} : { interact }),
    successStatuses: run.success,
    runTimeoutMs: document.runTimeout === undefined ? DEFAULT_RUN_TIMEOUT_MS : durationMs(document.runTimeout, `${context.at}/runTimeout`, context.problem),
    ...weight,
  };
  return flow;
}

/** Marks a part that could not be built (its problems are reported), as opposed to one the flow does not have. */
const INVALID = Symbol('invalid');

function createTemplate(document: FlowDocument, run: RunKind, params: Readonly<Record<string, string>>, context: FlowContext): RequestTemplate | undefined {
  const at = `${context.at}/create`;
  const operation = operationOf(run.create.operationId, at, run, context);
  return operation && templateFor(operation, { params, ...merged(run.create, document.create), body: document.create?.body ?? run.create.body }, undefined, context.problem, at);
}

/** The profile's poll with the document's changes; undefined when the flow only creates (`poll: false`, or no poll). */
function pollOf(document: FlowDocument, run: RunKind, createParams: Readonly<Record<string, string>>, context: FlowContext): NonNullable<CreatePollFlow['poll']> | undefined | typeof INVALID {
  const at = `${context.at}/poll`;
  const overrides = document.poll === false ? undefined : document.poll;
  if (document.poll === false) return undefined;
  if (run.poll === undefined) {
    if (overrides !== undefined) context.problem(at, `${context.profile.name}.${run.name} has no poll operation in its profile (${context.profile.source})`);
    return overrides === undefined ? undefined : INVALID;
  }
  const operation = operationOf(run.poll.operationId, at, run, context);
  const template = operation && callOnRun(operation, run.poll, overrides, createParams, document, at, context.problem);
  if (template === undefined) return INVALID;
  return {
    ...template,
    intervalMs: overrides?.interval === undefined ? (run.poll.intervalMs ?? DEFAULT_POLL_INTERVAL_MS) : durationMs(overrides.interval, `${at}/interval`, context.problem, true),
    ...(overrides?.minPolls === undefined ? {} : { minPolls: overrides.minPolls }),
  };
}

/** A TypeScript document's `interact`, its request built from the spec like the poll's. */
function interactOf(document: FlowDocument, run: RunKind, createParams: Readonly<Record<string, string>>, context: FlowContext): CreatePollFlow['interact'] | typeof INVALID {
  const interact = document.interact;
  if (interact === undefined) return undefined;
  const at = `${context.at}/interact`;
  const operation = operationOf(interact.operationId, at, run, context);
  const call = { operationId: interact.operationId, ...(interact.body === undefined ? {} : { body: interact.body }) };
  const request = operation && callOnRun(operation, call, interact, createParams, document, at, context.problem);
  if (request === undefined) return INVALID;
  return {
    whenStatus: interact.whenStatus, request,
    ...(interact.answer ? { answer: interact.answer } : {}), ...(interact.maxPerRun === undefined ? {} : { maxPerRun: interact.maxPerRun }),
  };
}

/** A call on an existing run (poll, interaction): the run id into its parameter, the create's params as context. */
function callOnRun(operation: Operation, call: OperationCall & { runIdParam?: string }, overrides: (CallOverrides & { runIdParam?: string }) | undefined, createParams: Readonly<Record<string, string>>, document: FlowDocument, at: string, problem: Problems): RequestTemplate | undefined {
  const own = { ...call.params, ...overrides?.params };
  const runIdParam = runIdParameter(operation, own, createParams, overrides?.runIdParam ?? call.runIdParam, problem, at);
  if (runIdParam === undefined) return undefined;
  const values: CallValues = { params: { ...createParams, ...document.params, ...own }, ...merged(call, overrides), body: call.body };
  return templateFor(operation, values, runIdParam, problem, at);
}

function merged(call: OperationCall, overrides: CallOverrides | undefined): Pick<CallValues, 'query' | 'headers'> {
  return { query: { ...call.query, ...overrides?.query }, headers: { ...call.headers, ...overrides?.headers } };
}

function runKindOf(profile: ProviderProfile, name: string | undefined, { at, problem }: FlowContext): RunKind | undefined {
  if (name === undefined) return profile.runs[0];
  const run = profile.runs.find((candidate) => candidate.name === name);
  if (run === undefined) {
    const names = profile.runs.map((candidate) => candidate.name);
    const near = closestNames(name, names);
    problem(`${at}/run`, `${profile.name} has no run kind "${name}"${near.length > 0 ? ` (did you mean ${near.join(' or ')}?)` : ''}; its runs: ${names.join(', ')}`);
  }
  return run;
}

function operationOf(operationId: string, at: string, run: RunKind, { profile, spec, problem }: FlowContext): Operation | undefined {
  const operation = spec.operations.find((candidate) => candidate.operationId === operationId);
  if (operation === undefined) {
    const near = closestNames(operationId, spec.operations.map((candidate) => candidate.operationId));
    problem(at, `${profile.name}.${run.name} uses operation "${operationId}", which its spec does not have${near.length > 0 ? ` (did you mean ${near.join(' or ')}?)` : ''} (profile ${profile.source})`);
  }
  return operation;
}

