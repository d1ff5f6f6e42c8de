import { RunwardenError } from '../core/errors.ts';
import type { ProviderProfile } from '../core/profile/index.ts';
import type { LoadedSpec } from '../spec/index.ts';
import { extensionFor } from './extensions.ts';
import { createGenericSim } from './generic/index.ts';
import type { PipelineMount } from './http/server.ts';
import { RateLimiter, type RateLimit } from './limits/rate-limiter.ts';
import type { ProviderRuntime } from './providers/runtime.ts';
import { loadSpecOnce } from './load-spec-once.ts';
import { StateCatalog } from './states/provider-state.ts';

/** A provider mounted on the simulator: what the pipeline serves, plus its profile and provider states. */
export interface MountedProvider extends PipelineMount {
  profile: ProviderProfile;
  states: StateCatalog;
  /** Where the simulator departs from the spec for this provider (the generic engine's notes), for `serve` to print. */
  notes: readonly string[];
}

/** What every provider shares; each gets its own base path and option sections on top. */
export type SharedRuntime = Omit<ProviderRuntime, 'basePath' | 'sections'>;

/**
 * Builds every profile's provider on the generic engine, its spec loaded once, mounted at `profile.basePath`, else
 * at the path of the spec's first `servers` URL; a profile with `extension:` gets that extension on top. Option
 * problems go to `shared.check`; two providers with one name or one base path are CONFIG_INVALID.
 */
export async function mountProviders(profiles: readonly ProviderProfile[], shared: SharedRuntime, validateBodies: boolean): Promise<MountedProvider[]> {
  rejectClashes(profiles.map((profile) => ({ profile, key: profile.name })), 'name');
  const specs = await Promise.all(profiles.map((profile) => loadSpecOnce(profile.spec)));
  const mounted = profiles.map((profile, index) => mountOne(profile, specs[index]!, shared, validateBodies));
  rejectClashes(mounted.map(({ profile, provider }) => ({ profile, key: provider.basePath || '/' })), 'base path');
  return mounted;
}

function mountOne(profile: ProviderProfile, spec: LoadedSpec, shared: SharedRuntime, validateBodies: boolean): MountedProvider {
  const basePath = (profile.basePath ?? spec.basePath).replace(/\/+$/, '');
  const runtime: ProviderRuntime = { ...shared, basePath, sections: shared.config.sectionsOf(profile.name) };
  const extension = profile.extension === undefined ? undefined : extensionFor(profile, profile.extension);
  const provider = createGenericSim(profile, spec, runtime, { checkBodies: validateBodies, ...(extension?.outcomeNames ? { outcomeNames: extension.outcomeNames } : {}) }, extension && ((engine) => extension.extend(engine, runtime)));
  const rateLimit = rateLimitOf(profile, runtime, extension?.documentedRateLimit);
  return {
    profile,
    provider,
    notes: [
      ...provider.notes,
      ...provider.minimalBodies.map(({ operationId, status }) => `${operationId} answers ${status} with a minimal body: the spec documents none for it`),
    ],
    auth: profile.auth,
    ...(rateLimit ? { rateLimiter: new RateLimiter(rateLimit) } : {}),
    states: new StateCatalog(profile.name, provider.states ?? []),
  };
}

/** `limits.rateLimits.<provider>`: a budget, or `true` for the one the provider's extension documents. */
function rateLimitOf(profile: ProviderProfile, runtime: ProviderRuntime, documented: RateLimit | undefined): RateLimit | undefined {
  const limit = runtime.config.limits.rateLimits[profile.name];
  if (limit !== true) return limit;
  if (documented === undefined) runtime.check.problem(`${runtime.config.source}.limits.rateLimits.${profile.name}`, `${profile.name} documents no rate limit; give one as {"requests": N, "windowMs": M}`);
  return documented;
}

function rejectClashes(entries: ReadonlyArray<{ profile: ProviderProfile; key: string }>, what: string): void {
  const seen = new Map<string, ProviderProfile>();
  for (const { profile, key } of entries) {
    const first = seen.get(key);
    if (first) {
      throw new RunwardenError('CONFIG_INVALID', `${first.name} (${first.source}) and ${profile.name} (${profile.source}) share the ${what} ${key}: the simulator mounts each provider once`,
        what === 'name' ? 'Give each provider its own name.' : 'Give one of them another basePath in its profile.');
    }
    seen.set(key, profile);
  }
}
