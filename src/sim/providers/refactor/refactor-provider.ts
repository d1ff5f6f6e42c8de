import type { ProviderProfile } from '../../../core/profile/index.ts';
import { json, type JsonReply, type Reply } from '../../http/reply.ts';
import { isUuid, ulidLike } from '../../ids.ts';
import { Rng, mixSeed } from '../../random.ts';
import type { SimProvider, SimRequest, SimRoute } from '../provider.ts';
import { runKindFor } from '../run-kind.ts';
import { fieldOf, oneLine } from '../spec-violation.ts';
import { ProviderSeeds, StringPool, asScenario, createStore, type ProviderRuntime } from '../runtime.ts';
import { refactorError, refactorErrors } from './refactor-errors.ts';
import { REFACTOR_SCENARIOS, readRefactorOptions, type RefactorScenario } from './refactor-options.ts';
import { refactorPactStates } from './refactor-pact-states.ts';
import { renderRefactorRun, type RefactorIdentity } from './refactor-render.ts';
import { parseRunRequest } from './refactor-requests.ts';
import { REFACTOR_SIM_STATUSES, refactorSchedule, refactorViewAt, type RefactorRun } from './refactor-run.ts';
import { RefactorRuns } from './refactor-runs.ts';
import { refactorStates } from './refactor-states.ts';

/** The re-factor provider and the handles provider states use. */
export interface RefactorSim {
  provider: SimProvider;
  runs: RefactorRuns;
  /** Runnable ids answered with 404 (the configured ones, plus those states add until the next reset). */
  unknownRunnables: Set<string>;
  /** Scenarios provider states pinned by runnable id, until the next reset. */
  pins: Map<string, RefactorScenario>;
}

/** Builds a re-factor provider from its profile: `getRunState` and `runRunnable` (async 202 / sync 200). */
export function createRefactorSim(profile: ProviderProfile, runtime: ProviderRuntime): RefactorSim {
  const { config, scheduler } = runtime;
  const kind = runKindFor(profile, 'refactor', 'getRunState', REFACTOR_SIM_STATUSES);
  const options = readRefactorOptions(profile, runtime);
  const seeds = new ProviderSeeds(config.seed, profile.name);
  const runs = new RefactorRuns(createStore<RefactorRun>(runtime), options, seeds, kind.lifecycle.statuses);
  const unknownRunnables = new Set(options.unknownRunnables);
  const pins = new Map<string, RefactorScenario>();
  const runnableIds = new StringPool();
  const identityRng = new Rng(mixSeed(config.seed, 0xacc));
  const identity: RefactorIdentity = { accountId: ulidLike(identityRng, 'acc_'), userId: ulidLike(identityRng, 'usr_') };
  const render = (run: RefactorRun, now: number) => renderRefactorRun(runtime.faker, seeds.scratch, identity, run, refactorViewAt(run, now));
  const invalid = (message: string) => refactorError(400, 'INVALID_INPUT', message);

  const getRunState = (request: SimRequest): JsonReply => {
    const id = request.params.id!;
    if (!isUuid(id)) return invalid(`Path parameter 'id' must be a UUID, got '${id}'.`);
    const run = runs.find(id, request.now);
    if (run === undefined) return refactorError(404, 'RESOURCE_NOT_FOUND', `Run ${id} not found.`);
    return json(200, render(run, request.now));
  };

  const runRunnable = (request: SimRequest): Reply | Promise<Reply> => {
    const runnableId = request.params.id!;
    if (!isUuid(runnableId)) return invalid(`Path parameter 'id' must be a UUID, got '${runnableId}'.`);
    const modes = request.query().getAll('mode');
    const mode = modes.length === 1 ? modes[0] : undefined;
    if (mode !== 'async' && mode !== 'sync') return invalid("Query parameter 'mode' is required and must be one of: async, sync.");
    const body = parseRunRequest(request.body);
    if (typeof body === 'string') return invalid(body);
    const violation = request.specBodyViolations()[0];
    if (violation) return invalid(`Body field '${fieldOf(violation)}' is invalid: ${oneLine(violation)}`);
    if (unknownRunnables.has(runnableId)) return refactorError(404, 'RESOURCE_NOT_FOUND', `Runnable ${runnableId} not found.`);
    const id = runnableIds.intern(runnableId);
    const run = runs.create({
      runnableId: id,
      scenario: asScenario(REFACTOR_SCENARIOS, request.scenario) ?? pins.get(id) ?? options.scenarios[id],
      timeoutSeconds: body.timeoutSeconds,
      telemetry: body.telemetry,
      fate: request.runFate(),
      now: request.now,
    });
    if (mode === 'async') return json(202, { id: run.id });
    // sync: block until the run ends by its schedule or reaches its timeout (a stuck run reaches neither), at most syncMaxWaitMs.
    const end = refactorSchedule(run).end ?? Number.POSITIVE_INFINITY;
    const timeoutAt = run.timeoutMs > 0 ? run.createdAt + run.timeoutMs : Number.POSITIVE_INFINITY;
    const answerAt = Math.min(end, timeoutAt, request.now + options.timing.syncMaxWaitMs);
    return scheduler.delay(Math.max(0, answerAt - request.now)).then(() => {
      // A timer may fire a millisecond before the clock reads its due time: render at the scheduled instant, never earlier.
      const now = Math.max(scheduler.clock.now(), answerAt);
      const current = runs.find(run.id, now) ?? run;
      return json(200, render(current, now));
    });
  };

  const routes: SimRoute[] = [
    { operationId: 'getRunState', method: 'GET', path: '/run/{id}', body: 'none', handle: getRunState },
    { operationId: 'runRunnable', method: 'POST', path: '/runnable/{id}/runs', body: 'json', handle: runRunnable },
  ];

  const provider: SimProvider = {
    name: profile.name,
    basePath: runtime.basePath,
    routes,
    errors: refactorErrors,
    reset() {
      runs.store.clear();
      pins.clear();
      unknownRunnables.clear();
      for (const id of options.unknownRunnables) unknownRunnables.add(id);
    },
    sizes: () => ({ [`${profile.name}.run`]: runs.store.size }),
  };
  const sim: RefactorSim = { provider, runs, unknownRunnables, pins };
  const states = refactorStates(sim, (requests, until) => runtime.exhausted.exhaust(profile.name, requests, until));
  provider.states = [...states, ...refactorPactStates(states)];
  return sim;
}
