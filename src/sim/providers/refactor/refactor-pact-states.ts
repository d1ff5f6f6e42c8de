import { aliasState, stateNamed, type ProviderState } from '../../states/provider-state.ts';

/**
 * The provider states re-factor's pacts use (contracts/pacts/runwarden-refactor.json), in re-factor's words,
 * mapped onto the re-factor provider's own states.
 */
export function refactorPactStates(states: readonly ProviderState[]): ProviderState[] {
  const state = (name: string) => stateNamed(states, name);
  return [
    aliasState('a runnable exists', state('runnable {id} completes')),
    aliasState('no run has the id', state('no such run')),
    aliasState('no runnable has the id', state('runnable {id} is unknown')),
    aliasState('a run is running', state('a running re-factor run exists')),
    aliasState('a run is waiting for user input', state('a re-factor run in waiting exists')),
    aliasState('a run completed', state('a completed re-factor run exists')),
    aliasState('a run failed', state('a failed re-factor run exists')),
    aliasState('a run timed out', state('a timed-out re-factor run exists')),
    aliasState('a run was cancelled', state('a cancelled re-factor run exists')),
    aliasState('the account is over its rate limit', state('the rate limit is exceeded')),
  ];
}
