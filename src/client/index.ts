/** The client layer's public surface: the poller, HTTP client and errors; typed clients of the bundled providers. */
export { createDeckClient, deckErrorCode, type DeckClient, type DeckPollOptions, type OnInteraction } from './providers/deck.ts';
export { createRefactorClient, refactorErrorCode, type RefactorClient } from './providers/refactor.ts';
export { createRightbrainClient, readAgentStream, rightbrainErrorCode, type RightbrainClient, type RightbrainClientOptions } from './providers/rightbrain.ts';
export { createRunClient, type CreatedRun, type RequestOverrides, type RunCallOptions, type RunClient, type RunClientOptions, type RunPollOptions } from './run-client.ts';
export { pollUntilTerminal, DEFAULT_POLL, type PollOptions, type PollResult, type PollTarget } from './poll.ts';
export { createHttpClient, DEFAULT_RETRY, type Exchange, type HttpClient, type RetryPolicy } from './http.ts';
export { ProviderError, PollDeadlineError, isPollDeadlineError } from './errors.ts';
export { backoffDelay, type BackoffPolicy } from './backoff.ts';
export { redact, REDACTED } from './redact.ts';
export type { ClientOptions, CallOptions } from './options.ts';
export type * from './providers/types/deck.ts';
export type * from './providers/types/refactor.ts';
export type * from './providers/types/rightbrain.ts';
