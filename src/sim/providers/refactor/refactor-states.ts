import { isUuid, isoTime } from '../../ids.ts';
import { noSuchRunState, rateLimitExceededState } from '../../states/common-states.ts';
import { optionalEnum, optionalString } from '../../states/params.ts';
import type { ProviderState, StateResult } from '../../states/provider-state.ts';
import { StateError } from '../state-error.ts';
import type { RefactorScenario } from './refactor-options.ts';
import type { RefactorSim } from './refactor-provider.ts';
import { refactorViewAt } from './refactor-run.ts';

/**
 * The re-factor provider's own states: runs placed in any status (non-terminal ones hold for
 * `timing.stateHoldMs`), unknown runnables, pinned outcomes, a missing run and an exhausted rate limit.
 */
export function refactorStates(refactor: RefactorSim, exhaust: (requests: number, until: number) => void): ProviderState[] {
  const runParams = {
    id: 'Id of the run to create (UUID); drawn from the seed when absent.',
    runnable_id: `Runnable of the run (UUID); ${refactor.runs.placedRunnableId} when absent.`,
  } as const;

  const place = (params: Record<string, unknown>, now: number, status: string): StateResult => {
    const run = refactor.runs.place({ status, id: optionalString(params, 'id'), runnable_id: optionalString(params, 'runnable_id') }, now);
    return { id: run.id, runnable_id: run.runnableId, status: refactorViewAt(run, now).status, created_at: isoTime(run.createdAt) };
  };

  const runState = (name: string, status: string, description: string): ProviderState =>
    ({ name, description, params: runParams, apply: (params, now) => place(params, now, status) });

  const runnableState = (name: string, description: string, apply: (id: string) => void): ProviderState => ({
    name, description, params: { id: 'The runnable id (UUID). Required.' },
    apply: (params) => {
      const id = optionalString(params, 'id');
      if (id === undefined || !isUuid(id)) throw new StateError('id is required and must be a UUID.');
      apply(id);
      return { id };
    },
  });

  const pin = (scenario: RefactorScenario) => (id: string) => {
    refactor.unknownRunnables.delete(id);
    refactor.pins.set(id, scenario);
  };

  const statuses = refactor.runs.statuses;
  return [
    {
      name: 'a re-factor run exists',
      description: 'A re-factor run in `status` (default completed).',
      params: { ...runParams, status: `One of ${statuses.join(', ')}.` },
      apply: (params, now) => place(params, now, optionalEnum(params, 'status', statuses) ?? 'completed'),
    },
    runState('a running re-factor run exists', 'running', 'A re-factor run that stays running.'),
    runState('a re-factor run in waiting exists', 'waiting', 'A re-factor run that stays waiting.'),
    runState('a completed re-factor run exists', 'completed', 'A completed re-factor run with outputs and usage.'),
    runState('a failed re-factor run exists', 'failed', 'A failed re-factor run (result.error set).'),
    runState('a timed-out re-factor run exists', 'timeout', 'A re-factor run that hit its 2-second timeout.'),
    runState('a cancelled re-factor run exists', 'cancelled', 'A cancelled re-factor run (result null).'),
    runnableState('runnable {id} is unknown', 'runRunnable answers 404 for this runnable.', (id) => refactor.unknownRunnables.add(id)),
    runnableState('runnable {id} completes', 'The runnable exists and its new runs complete (mode=sync answers completed), unless a request picks another scenario.', pin('completed')),
    noSuchRunState({ id: 'The run id (UUID).' }, (id) => refactor.runs.store.delete(id)),
    rateLimitExceededState(exhaust),
  ];
}
