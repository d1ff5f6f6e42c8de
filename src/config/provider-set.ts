import { RunwardenError } from '../core/errors.ts';
import type { ProviderProfile } from '../core/profile/profile.ts';
import { closestNames } from '../spec/index.ts';

/** The configured providers by name; the one place a name becomes a profile. */
export class ProviderSet {
  private readonly byName: ReadonlyMap<string, ProviderProfile>;

  constructor(profiles: readonly ProviderProfile[], private readonly origin: string) {
    this.byName = new Map(profiles.map((profile) => [profile.name, profile]));
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  all(): ProviderProfile[] {
    return [...this.byName.values()];
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The profile called `name`, or PROVIDER_UNKNOWN listing the configured names and how to add one. */
  get(name: string, where = ''): ProviderProfile {
    const profile = this.byName.get(name);
    if (profile) return profile;
    const near = closestNames(name, this.names);
    throw new RunwardenError(
      'PROVIDER_UNKNOWN',
      `${where}unknown provider "${name}"${near.length > 0 ? ` (did you mean ${near.join(' or ')}?)` : ''}\nConfigured providers (${this.origin}): ${this.names.join(', ')}`,
      `Add it under \`providers:\` in runwarden.config.yaml (docs/config.md), or run \`runwarden init --spec <its spec>\`.`,
    );
  }

  /** Only the named providers (all when `names` is undefined), in config order. */
  select(names: readonly string[] | undefined, where = ''): ProviderSet {
    if (names === undefined) return this;
    for (const name of names) this.get(name, where);
    return new ProviderSet(this.all().filter((profile) => names.includes(profile.name)), this.origin);
  }
}
