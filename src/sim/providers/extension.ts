import type { ExtensionParts, SimEngine } from '../generic/sim-engine.ts';
import type { RateLimit } from '../limits/rate-limiter.ts';
import type { ProviderRuntime } from './runtime.ts';

/**
 * Simulator code for behaviour no profile can express, selected by a profile's `extension:` field (the bundled
 * providers each have one). It adds to the generic engine that serves the profile: route overrides, provider
 * states in a pact's words, reply touch-ups. Runs, stores, schedules, faults and states stay the engine's.
 */
export interface SimExtension {
  /** The value of `extension:` that selects it. */
  readonly name: string;
  /** The rate limit the provider documents, enforced with `limits.rateLimits.<provider>: true`. */
  readonly documentedRateLimit?: RateLimit;
  /** The provider's words for outcomes (`success` → `completed`), taken by `outcomes`, `scenarios` and `X-Runwarden-Scenario`. */
  readonly outcomeNames?: Readonly<Record<string, string>>;
  /** Adds the extension's behaviour to the profile's engine; CONFIG_INVALID when the profile lacks what it needs. */
  extend(engine: SimEngine, runtime: ProviderRuntime): ExtensionParts;
}
