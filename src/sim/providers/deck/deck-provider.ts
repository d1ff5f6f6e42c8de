import { isTerminal } from '../../../core/lifecycle/lifecycle.ts';
import type { ProviderProfile } from '../../../core/profile/index.ts';
import { json, jsonText, type JsonReply, type Reply } from '../../http/reply.ts';
import { RenderCache } from '../../render-cache.ts';
import { prefixedId } from '../../ids.ts';
import { IdempotencyStore, canonicalJson } from '../../limits/idempotency.ts';
import type { SimProvider, SimRequest, SimRoute } from '../provider.ts';
import { runKindFor } from '../run-kind.ts';
import { fieldOf, oneLine } from '../spec-violation.ts';
import { ProviderSeeds, StringPool, asScenario, createStore, type ProviderRuntime } from '../runtime.ts';
import { DECK_SCENARIOS, readDeckOptions, type DeckScenario } from './deck-options.ts';
import { deckPactStates } from './deck-pact-states.ts';
import { deckStates } from './deck-states.ts';
import { deckInteractionFields } from './deck-content.ts';
import { deckError, deckErrors, type DeckErrorItem } from './deck-errors.ts';
import { createDeckRenderer, deckAgentOf, renderDeckRun } from './deck-render.ts';
import { DECK_IDS, decodeCursor, encodeCursor, parseInclude, parseInteractionBody, parseListQuery, parseRunTaskBody, type DeckListQuery } from './deck-requests.ts';
import type { DeckRun } from './deck-run.ts';
import { DeckRuns } from './deck-runs.ts';
import { DECK_SIM_STATUSES, deckViewAt, type DeckView } from './deck-timeline.ts';

/** Answers that count as wrong for an interaction prompt (the run asks again). */
export const WRONG_ANSWERS = new Set(['wrong', '000000', 'incorrect']);

/** Task-id prefixes that pick a scenario: `task_interaction…`, `task_review…`, `task_failed…` and so on. */
const MARKERS: readonly DeckScenario[] = ['interaction', 'failure', 'success', 'unknown', 'failed', 'review', 'stuck'];

/** The Deck provider and the handles provider states use. */
export interface DeckSim {
  provider: SimProvider;
  runs: DeckRuns;
  /** Task ids answered with 404 (the configured ones, plus those states add until the next reset). */
  unknownTasks: Set<string>;
  /** Scenarios provider states pinned by task id, until the next reset. */
  pins: Map<string, DeckScenario>;
}

/** Builds a Deck provider from its profile: routes for every operation of specs/deck.openapi.yaml. */
export function createDeckSim(profile: ProviderProfile, runtime: ProviderRuntime): DeckSim {
  const { config } = runtime;
  const kind = runKindFor(profile, 'deck', 'getTaskRun', DECK_SIM_STATUSES);
  const options = readDeckOptions(profile, runtime, kind.create.params?.task_id);
  const lifecycle = kind.lifecycle;
  const seeds = new ProviderSeeds(config.seed, profile.name);
  const runs = new DeckRuns(createStore<DeckRun>(runtime), options, seeds, lifecycle);
  const renderer = createDeckRenderer(runtime.faker, seeds.scratch);
  const idempotency = new IdempotencyStore(config.limits.idempotencyTtlMs, config.limits.idempotencyMaxKeys);
  const unknownTasks = new Set(options.unknownTasks);
  const pins = new Map<string, DeckScenario>();
  const taskIds = new StringPool();
  const cache = new RenderCache();
  const requestId = () => prefixedId(seeds.requests, 'req_');
  const error = (status: number, item: DeckErrorItem) => deckError(status, item, requestId());
  const badRequest = (item: DeckErrorItem) => error(400, item);
  const notFoundRun = (id: string) => error(404, { type: 'request', code: 'resource_not_found', message: `No task run with id ${id} exists in this organization.` });
  const runIdProblem = (id: string): JsonReply | undefined => DECK_IDS.run.test(id)
    ? undefined
    : badRequest({ type: 'request', code: 'input_invalid', field: 'run_id', message: 'run_id must be a task run id starting with trun_.' });

  /** The spec's verdict on the body, as a 400 `request/input_invalid`, after the handler's own checks passed. */
  const specBodyProblem = (request: SimRequest): JsonReply | undefined => {
    const violation = request.specBodyViolations()[0];
    return violation && badRequest({ type: 'request', code: 'input_invalid', field: fieldOf(violation), message: oneLine(violation) });
  };

  /** Header, then input flag, then a state's pin, then config, then task-id marker; undefined leaves it to the seeded mix. */
  const scenarioFor = (request: SimRequest, taskId: string, input: Record<string, unknown> | null): DeckScenario | undefined => {
    const chosen = asScenario(DECK_SCENARIOS, request.scenario)
      ?? asScenario(DECK_SCENARIOS, input?.runwarden_scenario)
      ?? pins.get(taskId)
      ?? options.scenarios[taskId];
    if (chosen) return chosen;
    const lower = taskId.slice(5).toLowerCase();
    return MARKERS.find((name) => lower.startsWith(name));
  };

  const runTask = (request: SimRequest): JsonReply => {
    const taskId = request.params.task_id!;
    if (!DECK_IDS.task.test(taskId)) return badRequest({ type: 'request', code: 'input_invalid', field: 'task_id', message: 'task_id must be a task id starting with task_.' });
    const parsed = parseRunTaskBody(request.body);
    if ('code' in parsed) return badRequest(parsed);
    const specProblem = specBodyProblem(request);
    if (specProblem) return specProblem;
    if (unknownTasks.has(taskId)) return error(404, { type: 'request', code: 'resource_not_found', message: `No task with id ${taskId} exists in this organization.` });
    const key = request.headers['idempotency-key'];
    let scopedKey: string | undefined;
    let fingerprint = '';
    if (key !== undefined) {
      const value = Array.isArray(key) ? key.join(', ') : key;
      if (value.length < 1 || value.length > 256) {
        return badRequest({ type: 'idempotency', code: 'idempotency_key_error', field: 'Idempotency-Key', message: 'The Idempotency-Key header must be between 1 and 256 characters.' });
      }
      scopedKey = `${request.token}\u0000${value}`;
      fingerprint = `${taskId}\u0000${canonicalJson(request.body)}`;
      const found = idempotency.lookup(scopedKey, fingerprint, request.now);
      if (found.kind === 'replay') return found.reply;
      if (found.kind === 'conflict') {
        return error(409, { type: 'idempotency', code: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' });
      }
    }
    const internedTask = taskIds.intern(taskId);
    const run = runs.create({
      taskId: internedTask, credentialId: parsed.credentialId, sourceId: parsed.sourceId, sessionId: parsed.sessionId,
      input: parsed.input, scenario: scenarioFor(request, internedTask, parsed.input), fate: request.runFate(), now: request.now,
    });
    const reply = json(201, renderDeckRun(renderer, run, deckViewAt(run, request.now), 0, requestId()));
    if (scopedKey !== undefined) idempotency.remember(scopedKey, fingerprint, reply, request.now);
    return reply;
  };

  const getTaskRun = (request: SimRequest): Reply => {
    const id = request.params.run_id!;
    const problem = runIdProblem(id);
    if (problem) return problem;
    const include = request.search === '' ? 0 : parseInclude(request.query());
    if (typeof include !== 'number') return badRequest(include);
    const run = runs.find(id, request.now);
    if (run === undefined) return notFoundRun(id);
    const view = deckViewAt(run, request.now);
    if (!isTerminal(lifecycle, view.status)) return json(200, renderDeckRun(renderer, run, view, include, requestId()));
    return jsonText(200, `${finishedRow(run, view, include).slice(0, -1)},"request_id":"${requestId()}"}`);
  };

  /** A finished run's row (no request_id) never changes: serialize it once. */
  function finishedRow(run: DeckRun, view: DeckView, include: number): string {
    // seq × 8 + include bits: a number key, no string built per request.
    const key = run.seq * 8 + include;
    return cache.get(key) ?? cache.set(key, JSON.stringify(renderDeckRun(renderer, run, view, include, undefined)));
  }

  const rowText = (run: DeckRun, now: number): string => {
    const view = deckViewAt(run, now);
    return isTerminal(lifecycle, view.status) ? finishedRow(run, view, 0) : JSON.stringify(renderDeckRun(renderer, run, view, 0, undefined));
  };

  const submitInteractionInput = (request: SimRequest): JsonReply => {
    const id = request.params.run_id!;
    const problem = runIdProblem(id);
    if (problem) return problem;
    const parsed = parseInteractionBody(request.body);
    if ('problem' in parsed) return badRequest(parsed.problem);
    const specProblem = specBodyProblem(request);
    if (specProblem) return specProblem;
    const run = runs.find(id, request.now);
    if (run === undefined) return notFoundRun(id);
    const view = deckViewAt(run, request.now);
    if (view.status !== 'interaction_required') {
      return error(409, { type: 'request', code: 'run_not_interactive', message: `Task run ${id} is ${view.status} and is not waiting for interaction input.` });
    }
    const input = parsed.answers;
    for (const name of deckInteractionFields(runtime.faker, run.seed, run.interactionType)) {
      if (input[name] === undefined) {
        return badRequest({ type: 'request', code: 'input_invalid', field: `input.${name}`, message: `input.${name} is required by the pending interaction.` });
      }
    }
    const wrong = Object.values(input).some((value) => WRONG_ANSWERS.has(value.trim().toLowerCase()));
    run.addEvent({ kind: 'answer', at: request.now, wrong });
    return json(200, renderDeckRun(renderer, run, deckViewAt(run, request.now), 0, requestId()));
  };

  const cancelTaskRun = (request: SimRequest): JsonReply => {
    const id = request.params.run_id!;
    const problem = runIdProblem(id);
    if (problem) return problem;
    const run = runs.find(id, request.now);
    if (run === undefined) return notFoundRun(id);
    const view = deckViewAt(run, request.now);
    if (view.status === 'completed' || view.status === 'failed' || view.status === 'canceled') {
      return error(409, { type: 'request', code: 'run_not_interactive', message: `Task run ${id} is ${view.status} and can no longer be canceled.` });
    }
    if (view.status !== 'canceling') run.addEvent({ kind: 'cancel', at: request.now, wrong: false });
    return json(200, renderDeckRun(renderer, run, deckViewAt(run, request.now), 0, requestId()));
  };

  const listTaskRuns = (request: SimRequest): Reply => {
    const query = parseListQuery(request.query(), lifecycle.statuses);
    if ('code' in query) return badRequest(query);
    if (query.taskId !== undefined && unknownTasks.has(query.taskId)) {
      return error(404, { type: 'request', code: 'resource_not_found', field: 'task_id', message: `No task with id ${query.taskId} exists in this organization.` });
    }
    return listPage(request, query);
  };

  const listPage = (request: SimRequest, query: DeckListQuery): Reply => {
    let beforeSeq = Number.POSITIVE_INFINITY;
    let afterSeq: number | undefined;
    if (query.cursor !== undefined) {
      const seq = decodeCursor(query.cursor);
      if (seq === undefined) return badRequest({ type: 'request', code: 'cursor_invalid', field: 'cursor', message: 'The cursor is invalid or has expired. Start again from the first page.' });
      beforeSeq = seq;
    } else if (query.startingAfter !== undefined || query.endingBefore !== undefined) {
      const field = query.startingAfter !== undefined ? 'starting_after' : 'ending_before';
      const anchor = runs.store.peek((query.startingAfter ?? query.endingBefore)!);
      if (anchor === undefined) return badRequest({ type: 'request', code: 'input_invalid', field, message: `${field} names no task run of this organization.` });
      if (field === 'starting_after') beforeSeq = anchor.seq;
      else afterSeq = anchor.seq;
    }
    const matches = (run: DeckRun, view: () => DeckView): boolean => {
      if (request.now >= run.vanishAt) return false;
      if (query.taskId !== undefined && run.taskId !== query.taskId) return false;
      if (query.credentialId !== undefined && run.credentialId !== query.credentialId) return false;
      if (query.sourceIds !== undefined && (run.sourceId === null || !query.sourceIds.has(run.sourceId))) return false;
      if (query.workflowId !== undefined) return false;
      if (query.createdAfter !== undefined && run.createdAt <= query.createdAfter) return false;
      if (query.createdBefore !== undefined && run.createdAt >= query.createdBefore) return false;
      if (query.statuses !== undefined && !query.statuses.has(view().status)) return false;
      if (query.outcomes !== undefined && !query.outcomes.has(String(view().result))) return false;
      return true;
    };
    const rows: DeckRun[] = [];
    const source = afterSeq === undefined ? runs.store.newestFirst(beforeSeq) : runs.store.oldestFirst(afterSeq);
    for (const run of source) {
      let cached: DeckView | undefined;
      if (!matches(run, () => (cached ??= deckViewAt(run, request.now)))) continue;
      if (query.agentId !== undefined && deckAgentOf(renderer, run.taskId) !== query.agentId) continue;
      rows.push(run);
      if (rows.length > query.limit) break;
    }
    const hasMore = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    if (afterSeq !== undefined) page.reverse();
    const last = page[page.length - 1];
    const nextCursor = hasMore && last !== undefined ? encodeCursor(afterSeq === undefined ? last.seq : page[0]!.seq) : null;
    return jsonText(200, `{"data":[${page.map((run) => rowText(run, request.now)).join(',')}],"has_more":${hasMore},"next_cursor":${JSON.stringify(nextCursor)},"request_id":"${requestId()}"}`);
  };

  const routes: SimRoute[] = [
    { operationId: 'runTask', method: 'POST', path: '/tasks/{task_id}/run', body: 'json', handle: runTask },
    { operationId: 'listTaskRuns', method: 'GET', path: '/task-runs', body: 'none', handle: listTaskRuns },
    { operationId: 'getTaskRun', method: 'GET', path: '/task-runs/{run_id}', body: 'none', handle: getTaskRun },
    { operationId: 'submitInteractionInput', method: 'POST', path: '/task-runs/{run_id}/interaction', body: 'json', handle: submitInteractionInput },
    { operationId: 'cancelTaskRun', method: 'POST', path: '/task-runs/{run_id}/cancel', body: 'none', handle: cancelTaskRun },
  ];

  const provider: SimProvider = {
    name: profile.name,
    basePath: runtime.basePath,
    routes,
    errors: deckErrors(requestId),
    reset() {
      runs.store.clear();
      idempotency.clear();
      cache.clear();
      pins.clear();
      unknownTasks.clear();
      for (const id of options.unknownTasks) unknownTasks.add(id);
    },
    sizes: () => ({ [`${profile.name}.task_run`]: runs.store.size }),
  };
  const sim: DeckSim = { provider, runs, unknownTasks, pins };
  const states = deckStates(sim, (requests, until) => runtime.exhausted.exhaust(profile.name, requests, until));
  provider.states = [...states, ...deckPactStates(states)];
  return sim;
}
