import type { SimEngine } from '../../generic/sim-engine.ts';
import { optionalEnum, optionalObject, optionalString } from '../../states/params.ts';
import { aliasState, stateNamed, type ProviderState, type StateResult } from '../../states/provider-state.ts';
import { StateError } from '../state-error.ts';
import type { DeckResult, DeckRunDetails } from './deck-run-details.ts';

/** What Deck's states need from its extension: how to remember a placed run's details. */
export interface DeckStateHooks {
  /** Records the details of the run with this id (just placed). */
  remember(runId: string, details: DeckRunDetails): void;
  /** The prompt types a run waiting for interaction may show. */
  promptTypes: readonly string[];
  /** The task placed runs belong to when a state names none. */
  placedTaskId: string;
}

const TASK_ID = /^task_[A-Za-z0-9]+$/;

/** The statuses Deck's own state names place a run in. */
const PLACED: ReadonlyArray<[name: string, state: string, description: string]> = [
  ['a queued Deck run exists', 'queued', 'A Deck run that stays queued.'],
  ['a running Deck run exists', 'running', 'A Deck run that stays running.'],
  ['a completed Deck run exists', 'completed', 'A Deck run that completed (result success unless `result` says otherwise).'],
  ['a Deck run waiting for interaction exists', 'interaction_required', 'A Deck run in interaction_required; answer it with submitInteractionInput (the field its prompt names).'],
  ['a Deck run waiting for review exists', 'review_required', 'A Deck run that stays in review_required.'],
  ['a failed Deck run exists', 'failed', 'A Deck run that failed.'],
  ['a canceling Deck run exists', 'canceling', 'A Deck run that stays canceling.'],
  ['a canceled Deck run exists', 'canceled', 'A Deck run that was canceled.'],
];

/** The states Deck's pacts use (contracts/pacts/runwarden-deck.json), in Deck's words. */
const PACT_RUNS: ReadonlyArray<[name: string, target: string, fixed?: Record<string, unknown>]> = [
  ['a task run is queued', 'a queued Deck run exists'],
  ['a task run is running', 'a running Deck run exists'],
  ['a task run is waiting for interaction input', 'a Deck run waiting for interaction exists'],
  ['a task run is waiting for review', 'a Deck run waiting for review exists'],
  ['a task run completed successfully', 'a completed Deck run exists', { result: 'success' }],
  ['a task run completed with a failure result', 'a completed Deck run exists', { result: 'failure' }],
  ['a task run failed', 'a failed Deck run exists'],
  ['a task run was canceled', 'a canceled Deck run exists'],
];

/**
 * Deck's provider states on the engine's: runs placed in a status with what a pact pins about them (input,
 * result, prompt type), tasks that are unknown or whose runs succeed, and the pacts' words for them.
 */
export function deckStates(engine: SimEngine, hooks: DeckStateHooks): ProviderState[] {
  const { context, states } = engine;
  const placeRun = stateNamed(states, 'a run is {state}');
  const statuses = engine.kindOf('getTaskRun', 'deck').kind.lifecycle.statuses;
  const runParams = {
    run_id: 'Id of the run to create (trun_…); a fresh one when absent.',
    task_id: `Task of the run (task_…); ${hooks.placedTaskId} when absent.`,
    input: 'The run\'s input, shown with include=input.',
  };
  const place = (params: Record<string, unknown>, now: number, status: string): StateResult => {
    const runId = optionalString(params, 'run_id');
    if (runId !== undefined && !/^trun_[A-Za-z0-9]+$/.test(runId)) throw new StateError('Parameter run_id must look like trun_ followed by letters and digits.');
    const taskId = optionalString(params, 'task_id') ?? hooks.placedTaskId;
    const result = optionalEnum(params, 'result', ['success', 'failure', 'unknown'] as const);
    const interaction = optionalEnum(params, 'interaction', hooks.promptTypes);
    const input = optionalObject(params, 'input');
    const placed = placeRun.apply({ state: status, ...(runId === undefined ? {} : { run_id: runId }) }, now);
    const id = String(placed.id);
    hooks.remember(id, { taskId, ...(input ? { input } : {}), ...(result ? { result: result as DeckResult } : {}), ...(interaction ? { interaction } : {}) });
    return { run_id: id, task_id: taskId, status };
  };
  const runState = (name: string, status: string, description: string): ProviderState => ({
    name, description, apply: (params, now) => place(params, now, status),
    params: {
      ...runParams,
      ...(status === 'completed' ? { result: 'success (default), failure or unknown.' } : {}),
      ...(status === 'interaction_required' ? { interaction: `The prompt's type, one of ${hooks.promptTypes.join(', ')}.` } : {}),
    },
  });
  const task = (name: string, description: string, apply: (taskId: string) => void): ProviderState => ({
    name, description, params: { task_id: 'The task id (task_…). Required.' },
    apply: (params) => {
      const taskId = optionalString(params, 'task_id');
      if (taskId === undefined || !TASK_ID.test(taskId)) throw new StateError('task_id is required and must look like task_ followed by letters and digits.');
      apply(taskId);
      return { task_id: taskId };
    },
  });
  const own: ProviderState[] = [
    {
      name: 'a Deck run exists',
      description: 'A Deck task run in `status` (default completed).',
      params: { ...runParams, status: `One of ${statuses.join(', ')}.`, result: 'For completed: success (default), failure or unknown.', interaction: 'For interaction_required: the prompt\'s type.' },
      apply: (params, now) => place(params, now, optionalEnum(params, 'status', statuses) ?? 'completed'),
    },
    ...PLACED.map(([name, state, description]) => runState(name, state, description)),
    task('task {task_id} is unknown', 'runTask answers 404 for the task.', (taskId) => {
      context.scenarios.delete(taskId);
      context.unknownIds.add(taskId);
    }),
    task('task {task_id} succeeds', 'The task exists and its new runs complete (unless a request picks another scenario).', (taskId) => {
      context.unknownIds.delete(taskId);
      context.scenarios.set(taskId, 'completed');
    }),
  ];
  const named = (name: string) => stateNamed([...own, ...states], name);
  return [
    ...own,
    ...PACT_RUNS.map(([name, target, fixed]) => aliasState(name, named(target), fixed)),
    aliasState('a task exists', named('task {task_id} succeeds')),
    aliasState('no task run has the id', named('no such run')),
    aliasState('the organization is over its rate limit', named('the rate limit is exceeded')),
  ];
}
