export * from './lifecycle.ts';
export * from './check.ts';
export { deckLifecycle, DECK_STATUSES, type DeckStatus } from './deck.ts';
export { refactorLifecycle, REFACTOR_STATUSES, type RefactorStatus } from './refactor.ts';
export {
  rightbrainAgentLifecycle, rightbrainTaskLifecycle, RIGHTBRAIN_AGENT_STATUSES, type RightbrainAgentStatus,
} from './rightbrain.ts';
