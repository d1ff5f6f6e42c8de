/** The client layer's public surface: typed clients per provider, the poller, and their errors. */
export { createDeckClient, deckErrorCode, type DeckClient, type DeckPollOptions, type OnInteraction } from './deck.ts';
export { createRefactorClient, refactorErrorCode, type RefactorClient } from './refactor.ts';
export { createRightbrainClient, readAgentStream, rightbrainErrorCode, type RightbrainClient, type RightbrainClientOptions } from './rightbrain.ts';
export { pollUntilTerminal, DEFAULT_POLL, type PollOptions, type PollResult, type PollTarget } from './poll.ts';
export { createHttpClient, DEFAULT_RETRY, type Exchange, type HttpClient, type RetryPolicy } from './http.ts';
export { ProviderError, PollDeadlineError, isPollDeadlineError } from './errors.ts';
export { backoffDelay, type BackoffPolicy } from './backoff.ts';
export { redact, REDACTED } from './redact.ts';
export type { ClientOptions, CallOptions } from './options.ts';
export type * from './types/deck.ts';
export type * from './types/refactor.ts';
export type * from './types/rightbrain.ts';
