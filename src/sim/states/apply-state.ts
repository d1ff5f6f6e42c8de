import type { ProviderSims } from '../providers/create-providers.ts';
import { StateError } from '../providers/state-error.ts';
import type { StateDefinition, StateResult } from './catalog.ts';
import { SIM_STATES } from './sim-states.ts';

export type { StateResult };

interface CompiledState {
  definition: StateDefinition;
  /** Matches the name with its `{placeholders}` written out, capturing their values. */
  pattern: RegExp;
}

const COMPILED: CompiledState[] = SIM_STATES.map((definition) => ({
  definition,
  pattern: new RegExp(`^${definition.name.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, '(?<$1>\\S+)')}$`, 'i'),
}));

/**
 * Applies a named provider state. The name is matched exactly (case-insensitive) or with its `{placeholders}`
 * written out (`task task_abc is unknown`), whose values join `params`. Throws `StateError` when the state is
 * unknown or its parameters are unusable.
 */
export function applyState(sims: ProviderSims, name: string, params: Record<string, unknown>, now: number): StateResult {
  const exact = COMPILED.find((entry) => entry.definition.name.toLowerCase() === name.toLowerCase());
  if (exact) return exact.definition.apply(sims, params, now);
  for (const entry of COMPILED) {
    const match = entry.pattern.exec(name);
    if (match) return entry.definition.apply(sims, { ...match.groups, ...params }, now);
  }
  throw new StateError(`Unknown provider state "${name}". Known states: ${SIM_STATES.map((state) => state.name).join('; ')}.`);
}
