import { aliasState, stateNamed, type ProviderState } from '../../states/provider-state.ts';

/**
 * The provider states Rightbrain's pacts use (contracts/pacts/runwarden-rightbrain.json), in Rightbrain's
 * words, mapped onto the Rightbrain provider's own states.
 */
export function rightbrainPactStates(states: readonly ProviderState[]): ProviderState[] {
  const state = (name: string) => stateNamed(states, name);
  return [
    aliasState('a task exists in the project', state('task {task_id} succeeds')),
    aliasState('a task agent exists in the project', state('task agent {task_agent_id} completes its runs')),
    aliasState('the task agent fails its runs', state('task agent {task_agent_id} fails its runs')),
    aliasState('the task run fails on both models', state('task {task_id} fails')),
    aliasState('no task run has the id', state('no such run')),
    aliasState('no task agent run has the id', state('no such run')),
    aliasState('a task run exists', state('a Rightbrain task run exists')),
    aliasState('a task run with an error exists', state('a Rightbrain task run exists'), { is_error: true }),
    aliasState('a task agent run is running', state('an agent run exists'), { status: 'running' }),
    aliasState('a task agent run is waiting for a human', state('an agent run exists'), { status: 'waiting_for_human' }),
    aliasState('a task agent run completed', state('an agent run exists'), { status: 'completed' }),
    aliasState('a task agent run failed', state('an agent run exists'), { status: 'failed' }),
    aliasState('the API client lacks permission on the project', state('the caller lacks permission on the project')),
  ];
}
