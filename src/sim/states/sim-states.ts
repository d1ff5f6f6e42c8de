import type { StateDefinition } from './catalog.ts';
import { DECK_STATES } from './deck-states.ts';
import { GENERAL_STATES } from './general-states.ts';
import { REFACTOR_STATES } from './refactor-states.ts';
import { RIGHTBRAIN_STATES } from './rightbrain-states.ts';

/** Every named provider state the simulator can set up (admin endpoint and `sim.setState`). */
export const SIM_STATES: readonly StateDefinition[] = [
  ...GENERAL_STATES,
  ...RIGHTBRAIN_STATES,
  ...DECK_STATES,
  ...REFACTOR_STATES,
];
