import { DECK_STATUSES, type DeckStatus } from '../../core/lifecycle/index.ts';
import { isoTime } from '../ids.ts';
import { DECK_INTERACTION_TYPES } from '../providers/deck/deck-content.ts';
import { deckViewAt } from '../providers/deck/deck-timeline.ts';
import type { ProviderSims } from '../providers/create-providers.ts';
import type { StateDefinition, StateResult } from './catalog.ts';
import { need, optionalEnum, optionalObject, optionalString } from './params.ts';

const INTERACTION_PARAM = `For interaction_required: the prompt's type, one of ${DECK_INTERACTION_TYPES.join(', ')} (drawn from the seed when absent).`;

const RUN_PARAMS = {
  run_id: 'Id of the run to create (trun_…); drawn from the seed when absent.',
  task_id: 'Task of the run (task_…); task_8mQ2vX4nR7pL1zK6 when absent.',
  input: 'The run\'s input, shown with include=input.',
} as const;

function placeDeck(sims: ProviderSims, params: Record<string, unknown>, now: number, status: DeckStatus): StateResult {
  const deck = need(sims.deck, 'deck');
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
}

function deckRunState(name: string, status: DeckStatus, description: string, extra: Record<string, string> = {}): StateDefinition {
  return { name, provider: 'deck', description, params: { ...RUN_PARAMS, ...extra }, apply: (sims, params, now) => placeDeck(sims, params, now, status) };
}

/** Deck provider states. Non-terminal statuses hold for `timing.stateHoldMs` (1 h by default). */
export const DECK_STATES: readonly StateDefinition[] = [
  {
    name: 'a Deck run exists',
    provider: 'deck',
    description: 'A Deck task run in `status` (default completed).',
    params: { ...RUN_PARAMS, status: `One of ${DECK_STATUSES.join(', ')}.`, result: 'For completed: success (default), failure or unknown.', reason: 'For failed: task_failed (default) or interaction_timeout.', interaction: INTERACTION_PARAM },
    apply: (sims, params, now) => placeDeck(sims, params, now, optionalEnum(params, 'status', DECK_STATUSES) ?? 'completed'),
  },
  deckRunState('a queued Deck run exists', 'queued', 'A Deck run that stays queued.'),
  deckRunState('a running Deck run exists', 'running', 'A Deck run that stays running.'),
  deckRunState('a completed Deck run exists', 'completed', 'A Deck run that completed (result success unless `result` says otherwise).', { result: 'success (default), failure or unknown.' }),
  deckRunState('a Deck run waiting for interaction exists', 'interaction_required', 'A Deck run in interaction_required; answer it with submitInteractionInput (see docs for the field name).', { interaction: INTERACTION_PARAM }),
  deckRunState('a Deck run waiting for review exists', 'review_required', 'A Deck run that stays in review_required.'),
  deckRunState('a failed Deck run exists', 'failed', 'A Deck run that failed.', { reason: 'task_failed (default) or interaction_timeout.' }),
  deckRunState('a canceling Deck run exists', 'canceling', 'A Deck run that stays canceling.'),
  deckRunState('a canceled Deck run exists', 'canceled', 'A Deck run that was canceled.'),
];
