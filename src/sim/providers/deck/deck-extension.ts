import type { SimExtension } from '../extension.ts';
import { DECK_RATE_LIMIT } from './deck-options.ts';
import { createDeckSim } from './deck-provider.ts';

/** `extension: deck`: Deck's task runs, interaction answers, review, cancel, idempotency and its rate limit. */
export const deckExtension: SimExtension = {
  name: 'deck',
  documentedRateLimit: DECK_RATE_LIMIT,
  create: (profile, runtime) => createDeckSim(profile, runtime).provider,
};
