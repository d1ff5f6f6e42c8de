import { RunwardenError } from '../core/errors.ts';
import type { ProviderName } from '../core/providers.ts';
import { SIMULATOR_FIXTURES, type FixtureScenarios } from './simulator-fixtures.ts';

/** One simulator state to apply (`POST /_runwarden/state` or `sim.setState`). */
export interface SimStateCall {
  state: string;
  params: Record<string, unknown>;
}

/** How one pact provider state (in the provider's language) is set up on the simulator: zero or more sim states. */
export type StateMapping = (params: Record<string, unknown>) => SimStateCall[];

/** The provider states the contracts use, per provider, in that provider's words. Nothing here reaches a real provider. */
export type StateCatalog = Readonly<Record<ProviderName, Readonly<Record<string, StateMapping>>>>;

/** Passes the pact state's parameters on to a simulator state, adding fixed ones. */
const sim = (state: string, fixed: Record<string, unknown> = {}): StateMapping => (params) => [{ state, params: { ...params, ...fixed } }];

/** A state that holds because SIMULATOR_FIXTURES pins the outcome of the id in `param`; fails when the pact uses another id. */
function pinned(kind: keyof FixtureScenarios, param: string, outcome: string): StateMapping {
  return (params) => {
    const id = params[param];
    const configured = (SIMULATOR_FIXTURES.scenarios[kind] as Record<string, string>)[String(id)];
    if (configured !== outcome) {
      throw new RunwardenError('STATE_HANDLER_FAILED', `the simulator pins no ${outcome} outcome for ${param} ${String(id)}`,
        `Use an id that SIMULATOR_FIXTURES.scenarios.${kind} maps to "${outcome}" (src/contract/simulator-fixtures.ts), or add this one there.`);
    }
    return [];
  };
}

/**
 * Pact provider states → simulator states. Pact states speak each provider's language (Deck's task runs,
 * re-factor's runnables, Rightbrain's task agents); the simulator's catalog (`GET /_runwarden/states`) is its own.
 * A pact state missing here fails verification against the simulator with STATE_HANDLER_FAILED naming it.
 */
export const PROVIDER_STATES: StateCatalog = {
  deck: {
    'a task exists': pinned('deck', 'task_id', 'success'),
    'no task run has the id': sim('no such run'),
    'a task run is queued': sim('a queued Deck run exists'),
    'a task run is running': sim('a running Deck run exists'),
    'a task run is waiting for interaction input': sim('a Deck run waiting for interaction exists'),
    'a task run is waiting for review': sim('a Deck run waiting for review exists'),
    'a task run completed successfully': sim('a completed Deck run exists', { result: 'success' }),
    'a task run completed with a failure result': sim('a completed Deck run exists', { result: 'failure' }),
    'a task run failed': sim('a failed Deck run exists'),
    'a task run was canceled': sim('a canceled Deck run exists'),
    'the organization is over its rate limit': sim('the rate limit is exceeded', { provider: 'deck' }),
  },
  refactor: {
    'a runnable exists': pinned('refactor', 'id', 'completed'),
    'no run has the id': sim('no such run'),
    'no runnable has the id': sim('runnable {id} is unknown'),
    'a run is running': sim('a running re-factor run exists'),
    'a run is waiting for user input': sim('a re-factor run in waiting exists'),
    'a run completed': sim('a completed re-factor run exists'),
    'a run failed': sim('a failed re-factor run exists'),
    'a run timed out': sim('a timed-out re-factor run exists'),
    'a run was cancelled': sim('a cancelled re-factor run exists'),
    'the account is over its rate limit': sim('the rate limit is exceeded', { provider: 'refactor' }),
  },
  rightbrain: {
    'a task exists in the project': pinned('rightbrainTask', 'task_id', 'success'),
    'a task agent exists in the project': pinned('rightbrainAgent', 'task_agent_id', 'completed'),
    'the task agent fails its runs': pinned('rightbrainAgent', 'task_agent_id', 'failed'),
    'the task run fails on both models': pinned('rightbrainTask', 'task_id', 'error'),
    'no task run has the id': sim('no such run'),
    'no task agent run has the id': sim('no such run'),
    'a task run exists': sim('a Rightbrain task run exists'),
    'a task run with an error exists': sim('a Rightbrain task run exists', { is_error: true }),
    'a task agent run is running': sim('an agent run exists', { status: 'running' }),
    'a task agent run is waiting for a human': sim('an agent run exists', { status: 'waiting_for_human' }),
    'a task agent run completed': sim('an agent run exists', { status: 'completed' }),
    'a task agent run failed': sim('an agent run exists', { status: 'failed' }),
    'the API client lacks permission on the project': sim('the caller lacks permission on the project'),
  },
};

/** The simulator states for one pact state; STATE_HANDLER_FAILED names the unmapped state and where to add it. */
export function simStatesFor(provider: ProviderName, name: string, params: Record<string, unknown>, catalog: StateCatalog = PROVIDER_STATES): SimStateCall[] {
  const mapping = catalog[provider][name];
  if (mapping === undefined) {
    throw new RunwardenError(
      'STATE_HANDLER_FAILED',
      `no handler for the ${provider} provider state "${name}"\nKnown ${provider} states: ${Object.keys(catalog[provider]).join('; ')}`,
      'Add the state to PROVIDER_STATES in src/contract/provider-states.ts, or rename it in the consumer test.',
    );
  }
  return mapping(params);
}
