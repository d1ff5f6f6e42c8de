import type { Operation } from '../../spec/index.ts';
import { canonicalJson } from '../limits/idempotency.ts';
import { json, jsonText, type Reply, type TextReply } from '../http/reply.ts';
import type { SimRequest } from '../providers/provider.ts';
import { rejectInvalid, rejectMalformed, rejectUnknown, type EngineContext } from './engine-context.ts';
import type { GenericRun } from './generic-run.ts';
import type { KindEntry, RunOperation } from './run-kind.ts';
import type { RunTemplate } from './run-template.ts';
import { sseCreateReply } from './sse-create.ts';

/** Handles a run kind's create: checks the request, honours `Idempotency-Key`, plans the run and answers with it. */
export function createHandler(context: EngineContext, entry: KindEntry): (request: SimRequest) => Reply | Promise<Reply> {
  const { operation, template, idempotent } = entry.create;
  const runId = entry.kind.create.runId;
  return (request) => {
    const rejected = rejectInvalid(context, operation, request) ?? rejectUnknown(context, operation, request);
    if (rejected) return rejected;
    const key = idempotent ? headerText(request.headers['idempotency-key']) : undefined;
    const scope = key === undefined ? undefined : `${request.token}\u0000${key}`;
    const fingerprint = scope === undefined ? '' : canonicalJson({ params: request.params, search: request.search, body: request.body ?? null });
    if (scope !== undefined) {
      const found = context.idempotency.lookup(scope, fingerprint, request.now);
      if (found.kind === 'replay') return found.reply.body === undefined ? jsonText(found.reply.status, '', found.reply.headers) : found.reply;
      if (found.kind === 'conflict') {
        return context.errors.reply(operation, 409, 'This Idempotency-Key was already used with other parameters; send a new key for a new run.');
      }
    }
    const run = entry.runs.create(request.now, request.runFate(), scenarioOf(context, request));
    if (runId.from === 'sse') return sseCreateReply(context, entry, run, runId);
    if (entry.kind.create.sync) return syncAnswer(context, entry, run, request);
    const reply = runReply(template, run, entry.runs.stepOf(run, request.now), request, idHeaders(entry, run, request));
    if (scope !== undefined) {
      context.idempotency.remember(scope, fingerprint, json(reply.status, reply.text === '' ? undefined : JSON.parse(reply.text), reply.headers), request.now);
    }
    return reply;
  };
}

/** Handles a poll: the run's body at the request's clock time, or the spec's 404 for an unknown id. */
export function pollHandler(context: EngineContext, operation: Operation, entries: readonly KindEntry[]): (request: SimRequest) => Reply {
  return (request) => {
    // A read's query is checked (an unknown `include`); its path only once no run is found.
    const invalid = request.search === '' ? rejectInvalid(context, operation, request) : rejectMalformed(context, operation, request);
    if (invalid) return invalid;
    const found = findRun(entries, (entry) => entry.poll, request);
    if (!found) return rejectMalformed(context, operation, request) ?? notFound(context, operation, request, entries[0]!.poll!.param);
    const { entry, run, use } = found;
    return runReply(use.template, run, entry.runs.stepOf(run, request.now), request);
  };
}

/** Handles a cancel: moves the run onto the cancel path; an ended run gets the spec's 409 where it documents one. */
export function cancelHandler(context: EngineContext, operation: Operation, entries: readonly KindEntry[]): (request: SimRequest) => Reply {
  return (request) => {
    const invalid = rejectInvalid(context, operation, request);
    if (invalid) return invalid;
    const found = findRun(entries, (entry) => entry.cancel, request);
    if (!found) return rejectMalformed(context, operation, request) ?? notFound(context, operation, request, entries[0]!.cancel!.param);
    const { entry, run, use } = found;
    const cancelled = entry.runs.cancel(run, request.now);
    const step = entry.runs.stepOf(run, request.now);
    if (!cancelled && entry.shape.model.terminal[run.path[step]!] && operation.responses['409']) {
      return context.errors.reply(operation, 409, `Run ${run.id} has already ended (${entry.shape.model.states[run.path[step]!]}) and cannot be cancelled.`);
    }
    return runReply(use.template, run, step, request);
  };
}

/**
 * A run answer to `request`: the template's body of the run at `step` (with a wrong status where the request's
 * faults inject one), its headers and any per-run ones.
 */
export function runReply(template: RunTemplate, run: GenericRun, step: number, request: SimRequest, headers?: Record<string, string>): TextReply {
  let text = template.render(run, step);
  const wrong = request.wrongStatus !== undefined && template.showsStatus(run, step) ? request.wrongStatus() : undefined;
  if (wrong !== undefined) text = template.withStatus(text, wrong);
  return jsonText(template.status, text, headers ? { ...template.headers, ...headers } : template.headers);
}

/** The header the profile reads the new run's id from: a `Location` URL of its poll, or the bare id. */
function idHeaders(entry: KindEntry, run: GenericRun, request: SimRequest): Record<string, string> | undefined {
  const name = entry.create.idHeader;
  if (name === undefined) return undefined;
  if (name !== 'location') return { [name]: run.id };
  return { location: `http://${headerText(request.headers.host) ?? '127.0.0.1'}${entry.pollPath(run.id, request.params)}` };
}

/**
 * A create that blocks: answers once the run has ended (or after the longest wait) with `template` (the create's
 * own by default), the run as it is then. A timer may fire a millisecond before the clock reads its due time, so
 * the run is rendered at the due instant, never earlier: a run that ends is never answered as still going.
 */
export function syncAnswer(context: EngineContext, entry: KindEntry, run: GenericRun, request: SimRequest, template = entry.create.template): Promise<Reply> {
  const last = run.offsets.length - 1;
  const ends = entry.shape.model.terminal[run.path[last]!] ? run.createdAt + run.offsets[last]! : Number.POSITIVE_INFINITY;
  const wait = Math.max(0, Math.min(ends - request.now, context.syncMaxWaitMs));
  return context.scheduler.delay(wait).then(() => {
    const now = Math.max(context.scheduler.clock.now(), request.now + wait);
    return runReply(template, run, entry.runs.stepOf(run, now), request, idHeaders(entry, run, request));
  });
}

function findRun(entries: readonly KindEntry[], useOf: (entry: KindEntry) => RunOperation | undefined, request: SimRequest): { entry: KindEntry; run: GenericRun; use: RunOperation } | undefined {
  for (const entry of entries) {
    const use = useOf(entry)!;
    const id = request.params[use.param];
    const run = id === undefined ? undefined : entry.runs.find(id, request.now);
    if (run) return { entry, run, use };
  }
  return undefined;
}

function notFound(context: EngineContext, operation: Operation, request: SimRequest, param: string): Reply {
  return context.errors.reply(operation, 404, `No run with id ${request.params[param] ?? ''} was found.`);
}

/**
 * The outcome a create asks for: its `X-Runwarden-Scenario`, else what `scenarios.<provider>` (or a provider state)
 * gives a value of its path (a task id), in the extension's words where it has them.
 */
export function scenarioOf(context: EngineContext, request: SimRequest): string | undefined {
  const scenario = request.scenario ?? pinnedScenario(context, request);
  return scenario === undefined ? undefined : context.scenarioNames.get(scenario) ?? scenario;
}

function pinnedScenario(context: EngineContext, request: SimRequest): string | undefined {
  if (context.scenarios.size === 0) return undefined;
  for (const value of Object.values(request.params)) {
    const scenario = context.scenarios.get(value);
    if (scenario !== undefined) return scenario;
  }
  return undefined;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
