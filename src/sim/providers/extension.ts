import type { ProviderProfile } from '../../core/profile/index.ts';
import type { RateLimit } from '../limits/rate-limiter.ts';
import type { SimProvider } from './provider.ts';
import type { ProviderRuntime } from './runtime.ts';

/**
 * Simulator code for behaviour no profile can express, selected by a profile's `extension:` field (the bundled
 * providers each have one). It builds the provider from the profile's data (lifecycles, ids in
 * `extensionOptions`) and reads its own sections of the simulator options.
 */
export interface SimExtension {
  /** The value of `extension:` that selects it. */
  readonly name: string;
  /** The rate limit the provider documents, enforced with `limits.rateLimits.<provider>: true`. */
  readonly documentedRateLimit?: RateLimit;
  /** Builds the provider; problems with its option sections go to `runtime.check`, never thrown. */
  create(profile: ProviderProfile, runtime: ProviderRuntime): SimProvider;
}
