import { StateError } from '../providers/state-error.ts';

/** What setting up a state returns: the ids it created or touched (Pact's `fromProviderState` values). */
export type StateResult = Record<string, unknown>;

/**
 * One provider state a mounted provider can set up. `{placeholder}`s in `name` may also be written out
 * (`task task_abc is unknown`): their values join the parameters.
 */
export interface ProviderState {
  name: string;
  description: string;
  /** Parameter name → what it means (optional unless the description says otherwise). */
  params: Readonly<Record<string, string>>;
  /** Sets the state up at clock time `now`; throws StateError for unusable parameters. */
  apply(params: Record<string, unknown>, now: number): StateResult;
}

/** A state under another name (a pact's words for it), with fixed parameters added to the caller's. */
export function aliasState(name: string, target: ProviderState, fixed: Record<string, unknown> = {}): ProviderState {
  const params = Object.fromEntries(Object.entries(target.params).filter(([key]) => !(key in fixed)));
  return { name, description: `As "${target.name}"${Object.keys(fixed).length > 0 ? ` with ${JSON.stringify(fixed)}` : ''}.`, params, apply: (given, now) => target.apply({ ...given, ...fixed }, now) };
}

/**
 * The state called `name` among a provider's own states: the target of an alias. A missing one is a bug in the
 * provider's catalog, caught at start-up rather than as `undefined` when a pact first asks for it.
 */
export function stateNamed(states: readonly ProviderState[], name: string): ProviderState {
  const found = states.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no provider state "${name}" to alias (known: ${states.map((state) => state.name).join(', ')})`);
  return found;
}

/** Finds states by name: exactly (case-insensitive) or with their placeholders written out. */
export class StateCatalog {
  private readonly compiled: ReadonlyArray<{ state: ProviderState; pattern: RegExp }>;

  constructor(readonly provider: string, readonly states: readonly ProviderState[]) {
    this.compiled = states.map((state) => ({
      state,
      pattern: new RegExp(`^${state.name.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, '(?<$1>\\S+)')}$`, 'i'),
    }));
  }

  /** Applies the named state; StateError when it is unknown (listing the known ones) or its parameters are unusable. */
  apply(name: string, params: Record<string, unknown>, now: number): StateResult {
    const exact = this.compiled.find(({ state }) => state.name.toLowerCase() === name.toLowerCase());
    if (exact) return exact.state.apply(params, now);
    for (const { state, pattern } of this.compiled) {
      const match = pattern.exec(name);
      if (match) return state.apply({ ...match.groups, ...params }, now);
    }
    const known = this.states.map((state) => state.name);
    throw new StateError(`Unknown provider state "${name}" for ${this.provider}. Known states: ${known.length > 0 ? known.join('; ') : '(none)'}.`);
  }
}
