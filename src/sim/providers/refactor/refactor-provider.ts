import { BASE_PATHS } from '../../../core/providers.ts';
import { json, type JsonReply, type Reply } from '../../http/reply.ts';
import { isUuid, ulidLike } from '../../ids.ts';
import { REFACTOR_SCENARIOS } from '../../options.ts';
import { Rng, mixSeed } from '../../random.ts';
import type { SimProvider, SimRequest, SimRoute } from '../provider.ts';
import { fieldOf, oneLine } from '../spec-violation.ts';
import { ProviderSeeds, StringPool, asScenario, createStore, type ProviderRuntime } from '../runtime.ts';
import { refactorError, refactorErrors } from './refactor-errors.ts';
import { renderRefactorRun, type RefactorIdentity } from './refactor-render.ts';
import { parseRunRequest } from './refactor-requests.ts';
import { refactorSchedule, refactorViewAt, type RefactorRun } from './refactor-run.ts';
import { RefactorRuns } from './refactor-runs.ts';

/** The re-factor provider and the handles provider states use. */
export interface RefactorSim {
  provider: SimProvider;
  runs: RefactorRuns;
  unknownRunnables: Set<string>;
}

/** Builds the re-factor simulator: `getRunState` and `runRunnable` (async 202 / sync 200). */
export function createRefactorSim(runtime: ProviderRuntime): RefactorSim {
  const { config, scheduler } = runtime;
  const seeds = new ProviderSeeds(config.seed, 'refactor');
  const runs = new RefactorRuns(createStore<RefactorRun>(runtime), config, seeds);
  const unknownRunnables = new Set(config.unknownIds.refactor);
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
      scenario: asScenario(REFACTOR_SCENARIOS, request.scenario) ?? config.scenarios.refactor[id],
      timeoutSeconds: body.timeoutSeconds,
      telemetry: body.telemetry,
      fate: request.runFate(),
      now: request.now,
    });
    if (mode === 'async') return json(202, { id: run.id });
    // sync: block until the run ends by its schedule or reaches its timeout (a stuck run reaches neither), at most syncMaxWaitMs.
    const end = refactorSchedule(run).end ?? Number.POSITIVE_INFINITY;
    const timeoutAt = run.timeoutMs > 0 ? run.createdAt + run.timeoutMs : Number.POSITIVE_INFINITY;
    const wait = Math.min(Math.min(end, timeoutAt) - request.now, config.timing.refactor.syncMaxWaitMs);
    return scheduler.delay(Math.max(0, wait)).then(() => {
      const now = scheduler.clock.now();
      const current = runs.find(run.id, now) ?? run;
      return json(200, render(current, now));
    });
  };

  const routes: SimRoute[] = [
    { operationId: 'getRunState', method: 'GET', path: '/run/{id}', body: 'none', handle: getRunState },
    { operationId: 'runRunnable', method: 'POST', path: '/runnable/{id}/runs', body: 'json', handle: runRunnable },
  ];

  return {
    runs,
    unknownRunnables,
    provider: {
      name: 'refactor',
      basePath: BASE_PATHS.refactor,
      routes,
      errors: refactorErrors,
      reset: () => runs.store.clear(),
      sizes: () => ({ 'refactor.run': runs.store.size }),
    },
  };
}
