import { defineLifecycle, stamps, stringField } from './lifecycle.ts';

/** Deck task-run statuses. The API reference spells `cancelling`, the concepts page and events `canceling`: both are accepted. */
export const DECK_STATUSES = [
  'queued', 'running', 'interaction_required', 'review_required',
  'canceling', 'cancelling', 'completed', 'failed', 'canceled',
] as const;
export type DeckStatus = (typeof DECK_STATUSES)[number];

export const deckLifecycle = defineLifecycle<DeckStatus>({
  name: 'deck',
  statuses: DECK_STATUSES,
  initial: ['queued'],
  terminal: ['completed', 'failed', 'canceled'],
  transitions: {
    queued: ['running', 'canceling', 'cancelling', 'failed'],
    running: ['interaction_required', 'review_required', 'completed', 'failed', 'canceling', 'cancelling'],
    interaction_required: ['running', 'failed', 'canceling', 'cancelling'],
    review_required: ['completed', 'failed', 'canceling', 'cancelling'],
    // A cancel races the run: it may still finish before the cancel takes hold.
    canceling: ['canceled', 'completed', 'failed'],
    cancelling: ['canceled', 'completed', 'failed'],
    completed: [],
    failed: [],
    canceled: [],
  },
  statusOf: (body) => stringField(body, 'status'),
  timestampsOf: (body) => stamps(body, 'created_at', 'canceled_at'),
});
