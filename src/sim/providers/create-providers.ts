import { createDeckSim, type DeckSim } from './deck/deck-provider.ts';
import { createRefactorSim, type RefactorSim } from './refactor/refactor-provider.ts';
import { createRightbrainSim, type RightbrainSim } from './rightbrain/rightbrain-provider.ts';
import { ExhaustedLimits } from '../limits/exhausted-limits.ts';
import type { ProviderRuntime } from './runtime.ts';

/** The enabled provider simulators, with the handles provider states need. */
export interface ProviderSims {
  rightbrain?: RightbrainSim;
  deck?: DeckSim;
  refactor?: RefactorSim;
  /** Rate limits states declare exhausted (checked by the request pipeline). */
  exhausted: ExhaustedLimits;
}

/** Builds the simulators of the enabled providers. */
export function createProviderSims(runtime: ProviderRuntime): ProviderSims {
  const enabled = new Set(runtime.config.providers);
  return {
    rightbrain: enabled.has('rightbrain') ? createRightbrainSim(runtime) : undefined,
    deck: enabled.has('deck') ? createDeckSim(runtime) : undefined,
    refactor: enabled.has('refactor') ? createRefactorSim(runtime) : undefined,
    exhausted: new ExhaustedLimits(),
  };
}
