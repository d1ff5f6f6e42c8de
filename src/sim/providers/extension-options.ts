import { RunwardenError } from '../../core/errors.ts';
import type { ProviderProfile } from '../../core/profile/index.ts';

/**
 * The extension's string settings from `profile.extensionOptions`, each defaulting to `defaults`; an unknown
 * key or a non-string value is CONFIG_INVALID naming the profile and the keys it takes.
 */
export function stringOptions<K extends string>(profile: ProviderProfile, extension: string, defaults: Readonly<Record<K, string>>): Record<K, string> {
  const given = profile.extensionOptions ?? {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(given)) {
    if (!(key in defaults)) problems.push(`extensionOptions.${key} is not a ${extension} setting (it takes ${Object.keys(defaults).join(', ')})`);
    else if (typeof value !== 'string' || value.length === 0) problems.push(`extensionOptions.${key} must be a non-empty string`);
  }
  if (problems.length > 0) {
    throw new RunwardenError('CONFIG_INVALID', `${profile.source}: ${problems.join('; ')}`, `See the ${extension} extension in docs/simulator.md.`);
  }
  return { ...defaults, ...(given as Partial<Record<K, string>>) };
}
