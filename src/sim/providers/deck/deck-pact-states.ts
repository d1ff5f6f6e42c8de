import { aliasState, stateNamed, type ProviderState } from '../../states/provider-state.ts';

/**
 * The provider states Deck's pacts use (contracts/pacts/runwarden-deck.json), in Deck's words, mapped onto the
 * Deck provider's own states. Pinned ids stay in the pacts; the states accept whatever ids they send.
 */
export function deckPactStates(states: readonly ProviderState[]): ProviderState[] {
  const state = (name: string) => stateNamed(states, name);
  return [
    aliasState('a task exists', state('task {task_id} succeeds')),
    aliasState('no task run has the id', state('no such run')),
    aliasState('a task run is queued', state('a queued Deck run exists')),
    aliasState('a task run is running', state('a running Deck run exists')),
    aliasState('a task run is waiting for interaction input', state('a Deck run waiting for interaction exists')),
    aliasState('a task run is waiting for review', state('a Deck run waiting for review exists')),
    aliasState('a task run completed successfully', state('a completed Deck run exists'), { result: 'success' }),
    aliasState('a task run completed with a failure result', state('a completed Deck run exists'), { result: 'failure' }),
    aliasState('a task run failed', state('a failed Deck run exists')),
    aliasState('a task run was canceled', state('a canceled Deck run exists')),
    aliasState('the organization is over its rate limit', state('the rate limit is exceeded')),
  ];
}
