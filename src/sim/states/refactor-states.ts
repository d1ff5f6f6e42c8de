import { REFACTOR_STATUSES, type RefactorStatus } from '../../core/lifecycle/index.ts';
import { isoTime } from '../ids.ts';
import type { ProviderSims } from '../providers/create-providers.ts';
import { refactorViewAt } from '../providers/refactor/refactor-run.ts';
import type { StateDefinition, StateResult } from './catalog.ts';
import { StateError } from '../providers/state-error.ts';
import { need, optionalEnum, optionalString } from './params.ts';

const RUN_PARAMS = {
  id: 'Id of the run to create (UUID); drawn from the seed when absent.',
  runnable_id: 'Runnable of the run (UUID); 3810af67-38c6-4183-a744-0be370b5311e when absent.',
} as const;

function placeRefactor(sims: ProviderSims, params: Record<string, unknown>, now: number, status: RefactorStatus): StateResult {
  const refactor = need(sims.refactor, 'refactor');
  const run = refactor.runs.place({ status, id: optionalString(params, 'id'), runnable_id: optionalString(params, 'runnable_id') }, now);
  return { id: run.id, runnable_id: run.runnableId, status: refactorViewAt(run, now).status, created_at: isoTime(run.createdAt) };
}

function refactorRunState(name: string, status: RefactorStatus, description: string): StateDefinition {
  return { name, provider: 'refactor', description, params: RUN_PARAMS, apply: (sims, params, now) => placeRefactor(sims, params, now, status) };
}

/** re-factor provider states. Non-terminal statuses hold for `timing.stateHoldMs`. */
export const REFACTOR_STATES: readonly StateDefinition[] = [
  {
    name: 'a re-factor run exists',
    provider: 'refactor',
    description: 'A re-factor run in `status` (default completed).',
    params: { ...RUN_PARAMS, status: `One of ${REFACTOR_STATUSES.join(', ')}.` },
    apply: (sims, params, now) => placeRefactor(sims, params, now, optionalEnum(params, 'status', REFACTOR_STATUSES) ?? 'completed'),
  },
  refactorRunState('a running re-factor run exists', 'running', 'A re-factor run that stays running.'),
  refactorRunState('a re-factor run in waiting exists', 'waiting', 'A re-factor run that stays waiting.'),
  refactorRunState('a completed re-factor run exists', 'completed', 'A completed re-factor run with outputs and usage.'),
  refactorRunState('a failed re-factor run exists', 'failed', 'A failed re-factor run (result.error set).'),
  refactorRunState('a timed-out re-factor run exists', 'timeout', 'A re-factor run that hit its 2-second timeout.'),
  refactorRunState('a cancelled re-factor run exists', 'cancelled', 'A cancelled re-factor run (result null).'),
  {
    name: 'runnable {id} is unknown',
    provider: 'refactor',
    description: 'runRunnable answers 404 for this runnable.',
    params: { id: 'The runnable id (UUID). Required.' },
    apply: (sims, params) => {
      const id = optionalString(params, 'id');
      if (id === undefined) throw new StateError('id is required.');
      need(sims.refactor, 'refactor').unknownRunnables.add(id);
      return { id };
    },
  },
];
