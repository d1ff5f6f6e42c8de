import { isoTime } from '../../ids.ts';
import { noSuchRunState, rateLimitExceededState } from '../../states/common-states.ts';
import { optionalEnum, optionalObject, optionalString } from '../../states/params.ts';
import type { ProviderState, StateResult } from '../../states/provider-state.ts';
import { StateError } from '../state-error.ts';
import { DECK_INTERACTION_TYPES } from './deck-content.ts';
import type { DeckScenario } from './deck-options.ts';
import type { DeckSim } from './deck-provider.ts';
import { DECK_IDS } from './deck-requests.ts';
import { deckViewAt } from './deck-timeline.ts';

const INTERACTION_PARAM = `For interaction_required: the prompt's type, one of ${DECK_INTERACTION_TYPES.join(', ')} (drawn from the seed when absent).`;

/**
 * The Deck provider's own states: runs placed in any status (non-terminal ones hold for `timing.stateHoldMs`),
 * unknown tasks, pinned outcomes, a missing run and an exhausted rate limit.
 */
export function deckStates(deck: DeckSim, exhaust: (requests: number, until: number) => void): ProviderState[] {
  const runParams = {
    run_id: 'Id of the run to create (trun_…); drawn from the seed when absent.',
    task_id: `Task of the run (task_…); ${deck.runs.placedTaskId} when absent.`,
    input: 'The run\'s input, shown with include=input.',
  } as const;

  const place = (params: Record<string, unknown>, now: number, status: string): StateResult => {
    const run = deck.runs.place({
      status,
      run_id: optionalString(params, 'run_id'),
      task_id: optionalString(params, 'task_id'),
      result: optionalEnum(params, 'result', ['success', 'failure', 'unknown'] as const),
      reason: optionalEnum(params, 'reason', ['task_failed', 'interaction_timeout'] as const),
      input: optionalObject(params, 'input'),
      interaction: optionalEnum(params, 'interaction', DECK_INTERACTION_TYPES),
    }, now);
    return { run_id: run.id, task_id: run.taskId, status: deckViewAt(run, now).status, created_at: isoTime(run.createdAt) };
  };

  const runState = (name: string, status: string, description: string, extra: Record<string, string> = {}): ProviderState =>
    ({ name, description, params: { ...runParams, ...extra }, apply: (params, now) => place(params, now, status) });

  const taskState = (name: string, description: string, apply: (taskId: string) => void): ProviderState => ({
    name, description, params: { task_id: 'The task id (task_…). Required.' },
    apply: (params) => {
      const taskId = optionalString(params, 'task_id');
      if (taskId === undefined || !DECK_IDS.task.test(taskId)) throw new StateError('task_id is required and must look like task_ followed by letters and digits.');
      apply(taskId);
      return { task_id: taskId };
    },
  });

  const pin = (scenario: DeckScenario) => (taskId: string) => {
    deck.unknownTasks.delete(taskId);
    deck.pins.set(taskId, scenario);
  };

  const statuses = deck.runs.lifecycle.statuses;
  return [
    {
      name: 'a Deck run exists',
      description: 'A Deck task run in `status` (default completed).',
      params: { ...runParams, status: `One of ${statuses.join(', ')}.`, result: 'For completed: success (default), failure or unknown.', reason: 'For failed: task_failed (default) or interaction_timeout.', interaction: INTERACTION_PARAM },
      apply: (params, now) => place(params, now, optionalEnum(params, 'status', statuses) ?? 'completed'),
    },
    runState('a queued Deck run exists', 'queued', 'A Deck run that stays queued.'),
    runState('a running Deck run exists', 'running', 'A Deck run that stays running.'),
    runState('a completed Deck run exists', 'completed', 'A Deck run that completed (result success unless `result` says otherwise).', { result: 'success (default), failure or unknown.' }),
    runState('a Deck run waiting for interaction exists', 'interaction_required', 'A Deck run in interaction_required; answer it with submitInteractionInput (see docs for the field name).', { interaction: INTERACTION_PARAM }),
    runState('a Deck run waiting for review exists', 'review_required', 'A Deck run that stays in review_required.'),
    runState('a failed Deck run exists', 'failed', 'A Deck run that failed.', { reason: 'task_failed (default) or interaction_timeout.' }),
    runState('a canceling Deck run exists', 'canceling', 'A Deck run that stays canceling.'),
    runState('a canceled Deck run exists', 'canceled', 'A Deck run that was canceled.'),
    taskState('task {task_id} is unknown', 'runTask and listTaskRuns?task_id answer 404 for the task.', (taskId) => deck.unknownTasks.add(taskId)),
    taskState('task {task_id} succeeds', 'The task exists and its new runs succeed (unless a request picks another scenario).', pin('success')),
    noSuchRunState({ run_id: 'The run id (trun_…).' }, (id) => deck.runs.store.delete(id)),
    rateLimitExceededState(exhaust),
  ];
}
