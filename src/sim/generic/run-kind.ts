import type { ProviderProfile, RunCall, RunKind } from '../../core/profile/index.ts';
import type { Operation } from '../../spec/index.ts';
import type { ProviderRuntime } from '../providers/runtime.ts';
import { createStore } from '../providers/runtime.ts';
import { hashString, mixSeed } from '../random.ts';
import { chooseRunIds } from './choose-run-ids.ts';
import type { GenericRun } from './generic-run.ts';
import { KindRuns } from './kind-runs.ts';
import { lifecycleModel } from './lifecycle-model.ts';
import type { GenericSettings } from './options.ts';
import { buildRunTemplate, type RunShape, type RunTemplate } from './run-template.ts';
import { valueAtPointer } from '../../core/profile/index.ts';
import { createStatus, documentedResponse, hasHeaderParameter, jsonMediaOf, requireOperation, runIdParamOf, successStatus } from './spec-operations.ts';
import type { TemplateTools } from './template-tools.ts';
import { timestampRules } from './timestamp-rules.ts';

/** An operation that reads or changes a run by id, with the parameter that takes the id. */
export interface RunOperation {
  operation: Operation;
  template: RunTemplate;
  param: string;
}

/** Everything the routes of one run kind need, prepared at start-up. */
export interface KindEntry {
  kind: RunKind;
  runs: KindRuns;
  shape: RunShape;
  create: {
    operation: Operation;
    template: RunTemplate;
    /** The spec documents `Idempotency-Key` on the create: the same key replays the first answer. */
    idempotent: boolean;
    /** The header that carries the run id (lower case), when the profile says so: `location` carries the poll URL. */
    idHeader?: string;
  };
  poll?: RunOperation;
  cancel?: RunOperation;
  /** The path of a run's poll URL (for `Location`), given its id and the create's own path parameters. */
  pollPath(id: string, createParams: Readonly<Record<string, string>>): string;
}

/** What setting up a run kind needs from the provider. */
export interface KindSetup {
  profile: ProviderProfile;
  operations: ReadonlyMap<string, Operation>;
  tools: TemplateTools;
  runtime: ProviderRuntime;
  settings: GenericSettings;
  providerSeed: number;
  basePath: string;
}

/** Resolves a run kind against the spec and prepares its model, id shape, run store and response templates. */
export function setUpRunKind(setup: KindSetup, kind: RunKind): KindEntry {
  const { profile, operations, tools, runtime } = setup;
  const where = `${profile.source}: runs.${kind.name}`;
  const model = lifecycleModel(kind, setup.settings.outcomes, where);
  const createOperation = requireOperation(operations, kind.create.operationId, `${where}.create`);
  const runOperation = (call: RunCall | undefined, field: string) => {
    if (call === undefined) return undefined;
    const operation = requireOperation(operations, call.operationId, `${where}.${field}`);
    return { operation, param: runIdParamOf(operation, call, kind.create.params ?? {}, `${where}.${field}`) };
  };
  const poll = runOperation(kind.poll, 'poll');
  const cancel = runOperation(kind.cancel, 'cancel');
  const runId = kind.create.runId;
  const createAnswer = createStatus(createOperation, kind.create.sync === true);
  const bodyPointer = runId.from === 'body' ? runId.pointer : undefined;
  const statusParent = kind.statusPointer.slice(0, kind.statusPointer.lastIndexOf('/'));
  const idHints = [...new Set([bodyPointer, `${statusParent}/id`, '/id'].filter((pointer): pointer is string => pointer !== undefined))];
  const ids = chooseRunIds(tools, {
    params: [poll, cancel].flatMap((use) => (use ? [{ operation: use.operation, name: use.param }] : [])),
    bodies: [
      ...(bodyPointer === undefined ? [] : [{ operation: createOperation, status: createAnswer, pointers: [bodyPointer] }]),
      ...(poll ? [{ operation: poll.operation, status: successStatus(poll.operation), pointers: idHints }] : []),
    ],
  }, where);
  const shownIn = examplesShowing(tools, poll?.operation ?? createOperation, poll ? successStatus(poll.operation) : createAnswer, kind);
  const shape: RunShape = { model, statusPointer: kind.statusPointer, timestamps: kind.timestamps, rules: timestampRules(kind.timestamps, model, shownIn), ids };
  const runs = new KindRuns(model, createStore<GenericRun>(runtime), ids, mixSeed(setup.providerSeed, hashString(kind.name)), {
    durations: setup.settings.durations, timeScale: runtime.config.timeScale, holdMs: runtime.config.timing.stateHoldMs,
  });
  const pollPath = (id: string, createParams: Readonly<Record<string, string>>) => {
    if (!poll) return `${setup.basePath}${createOperation.pathTemplate}/${encodeURIComponent(id)}`;
    return setup.basePath + poll.operation.pathTemplate.replace(/\{([^{}]+)\}/g, (_, name: string) =>
      encodeURIComponent(name === poll.param ? id : createParams[name] ?? kind.poll?.params?.[name] ?? name));
  };
  const idHeader = runId.from === 'header' ? runId.name.toLowerCase() : undefined;
  const sampleHeaders = idHeader === undefined ? undefined
    : { [idHeader]: idHeader === 'location' ? `http://127.0.0.1${pollPath(ids.next(tools.sampleRng, 0), {})}` : ids.next(tools.sampleRng, 0) };
  const template = (operation: Operation, status: number, idPointer: string | undefined, requireStatus: boolean, headers?: Record<string, string>) => {
    const built = buildRunTemplate(tools, operation, status, shape, { idPointer, idHints, requireStatus, sampleHeaders: headers });
    // Its cached bodies go with the runs the store lets go.
    runs.store.onForget((run) => built.forget(run));
    return built;
  };
  return {
    kind,
    runs,
    shape,
    create: {
      operation: createOperation,
      template: template(createOperation, createAnswer, bodyPointer, false, sampleHeaders),
      idempotent: hasHeaderParameter(createOperation, 'idempotency-key'),
      ...(idHeader === undefined ? {} : { idHeader }),
    },
    ...(poll ? { poll: { ...poll, template: template(poll.operation, successStatus(poll.operation), undefined, true) } } : {}),
    ...(cancel ? { cancel: { ...cancel, template: template(cancel.operation, successStatus(cancel.operation), undefined, false) } } : {}),
    pollPath,
  };
}

/** Whether the response's examples of runs in a state show a value (not null) at a pointer: how the spec sets its timestamps. */
function examplesShowing(tools: TemplateTools, operation: Operation, status: number, kind: RunKind): (pointer: string, state: number) => boolean {
  const media = jsonMediaOf(documentedResponse(operation, status)?.response.content ?? {});
  const examples = media ? tools.candidates(`${operation.operationId} ${status}`, media.media).examples : [];
  const states = kind.lifecycle.statuses;
  return (pointer, state) => examples.some((example) => kind.lifecycle.statusOf(example) === states[state]
    && valueAtPointer(example, pointer) !== undefined && valueAtPointer(example, pointer) !== null);
}
