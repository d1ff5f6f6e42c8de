import type { ExhaustedLimits } from '../limits/exhausted-limits.ts';
import { StateError } from '../providers/state-error.ts';
import { noSuchRunState, rateLimitExceededState } from '../states/common-states.ts';
import { optionalString } from '../states/params.ts';
import type { ProviderState } from '../states/provider-state.ts';
import type { KindEntry } from './run-kind.ts';

/**
 * The provider states every generic provider has, in the words of its own profile: `a run is {state}` (the first
 * run kind), `a {kind} run is {state}`, `no such run` and, where the spec documents a 429, `the rate limit is exceeded`. A placed run's id comes
 * back under `id` and under the poll's id parameter, for Pact's `fromProviderState`.
 */
export function genericStates(provider: string, kinds: readonly KindEntry[], exhausted: ExhaustedLimits, documents429: boolean): ProviderState[] {
  const byName = new Map(kinds.map((entry) => [entry.kind.name, entry]));
  const idParams = Object.fromEntries(kinds.flatMap((entry) => [entry.poll, entry.cancel])
    .flatMap((use) => (use ? [[use.param, `The run id (${use.operation.operationId}'s ${use.param}).`]] : [])));
  const place = (entry: KindEntry, params: Record<string, unknown>, at: number) => {
    const state = optionalString(params, 'state') ?? entry.kind.lifecycle.initial[0]!;
    const id = optionalString(params, 'id') ?? Object.keys(idParams).map((name) => optionalString(params, name)).find((value) => value !== undefined);
    const run = entry.runs.place(state, at, id);
    const param = entry.poll?.param ?? entry.cancel?.param;
    return { id: run.id, ...(param ? { [param]: run.id } : {}), kind: entry.kind.name, state };
  };
  const first = kinds[0];
  return [
    ...(first ? [{
      name: 'a run is {state}',
      description: `Places a ${first.kind.name} run in the state (${first.shape.model.states.join(', ')}); a non-terminal one holds for stateHoldMs, then moves on.`,
      params: { state: 'The state (default: the first initial one).', id: 'The run id (default: a fresh one).' },
      apply: (params: Record<string, unknown>, at: number) => place(first, params, at),
    }] : []),
    {
      name: 'a {kind} run is {state}',
      description: `Places a run of the kind (${[...byName.keys()].join(', ')}) in the state.`,
      params: { kind: 'The run kind (default: the first).', state: 'The state (default: the first initial one).', id: 'The run id (default: a fresh one).' },
      apply: (params, at) => {
        const kind = optionalString(params, 'kind');
        const entry = kind === undefined ? first : byName.get(kind);
        if (!entry) throw new StateError(`Parameter kind must be one of ${[...byName.keys()].join(', ')}.`);
        return place(entry, params, at);
      },
    },
    noSuchRunState({ id: 'The run id.', ...idParams }, (id) => kinds.some((entry) => entry.runs.store.delete(id))),
    // Only where the spec documents a 429: the state stands for the API's own answer, not a made-up one.
    ...(documents429 ? [rateLimitExceededState((requests, until) => exhausted.exhaust(provider, requests, until))] : []),
  ];
}
