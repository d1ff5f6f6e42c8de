import type { SimEngine } from '../../generic/sim-engine.ts';
import { optionalString } from '../../states/params.ts';
import { aliasState, stateNamed, type ProviderState } from '../../states/provider-state.ts';
import { StateError } from '../state-error.ts';

/** The statuses re-factor's own state names place a run in, by the words they use. */
const PLACED: ReadonlyArray<[name: string, state: string]> = [
  ['a running re-factor run exists', 'running'],
  ['a re-factor run in waiting exists', 'waiting'],
  ['a completed re-factor run exists', 'completed'],
  ['a failed re-factor run exists', 'failed'],
  ['a timed-out re-factor run exists', 'timeout'],
  ['a cancelled re-factor run exists', 'cancelled'],
];

/** The states re-factor's pacts use (contracts/pacts/runwarden-refactor.json), by the status they place a run in. */
const PACT_RUNS: ReadonlyArray<[name: string, state: string]> = [
  ['a run is running', 'running'],
  ['a run is waiting for user input', 'waiting'],
  ['a run completed', 'completed'],
  ['a run failed', 'failed'],
  ['a run timed out', 'timeout'],
  ['a run was cancelled', 'cancelled'],
];

/**
 * re-factor's provider states on the engine's: runs placed in a status (the engine's `a run is {state}`), runnables
 * that are unknown or whose runs complete (the engine's unknown ids and pinned outcomes, until a reset), and the
 * pacts' words for them.
 */
export function refactorStates(engine: SimEngine): ProviderState[] {
  const { context, states } = engine;
  const placeRun = stateNamed(states, 'a run is {state}');
  const runnable = (name: string, description: string, apply: (id: string) => void): ProviderState => ({
    name, description, params: { id: 'The runnable id. Required.' },
    apply: (params) => {
      const id = optionalString(params, 'id');
      if (id === undefined) throw new StateError('Parameter id (the runnable id) is required.');
      apply(id);
      return { id };
    },
  });
  const unknown = runnable('runnable {id} is unknown', 'runRunnable answers 404 for this runnable.', (id) => {
    context.scenarios.delete(id);
    context.unknownIds.add(id);
  });
  const completes = runnable('runnable {id} completes', 'The runnable exists and its runs complete (mode=sync answers completed), unless a request picks another scenario.', (id) => {
    context.unknownIds.delete(id);
    context.scenarios.set(id, 'completed');
  });
  const own: ProviderState[] = [
    {
      name: 'a re-factor run exists',
      description: 'A re-factor run in `status` (default completed).',
      params: { id: 'The run id (default: a fresh one).', status: 'The status.' },
      apply: (params, now) => placeRun.apply({ ...params, state: optionalString(params, 'status') ?? 'completed' }, now),
    },
    ...PLACED.map(([name, state]) => aliasState(name, placeRun, { state })),
    unknown,
    completes,
  ];
  return [
    ...own,
    ...PACT_RUNS.map(([name, state]) => aliasState(name, placeRun, { state })),
    aliasState('a runnable exists', completes),
    aliasState('no runnable has the id', unknown),
    aliasState('no run has the id', stateNamed(states, 'no such run')),
    aliasState('the account is over its rate limit', stateNamed(states, 'the rate limit is exceeded')),
  ];
}
