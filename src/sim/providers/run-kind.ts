import { RunwardenError } from '../../core/errors.ts';
import { runKindOf, type ProviderProfile, type RunKind } from '../../core/profile/index.ts';

/**
 * The run kind an extension drives, found by an operation it creates, polls or returns; CONFIG_INVALID naming
 * the profile when there is none, or when its lifecycle lacks a status the extension produces.
 */
export function runKindFor(profile: ProviderProfile, extension: string, operationId: string, produces: readonly string[]): RunKind {
  const kind = runKindOf(profile, operationId);
  if (kind === undefined) {
    throw new RunwardenError('CONFIG_INVALID', `${profile.source}: the ${extension} extension needs a run kind whose operations include ${operationId}`,
      `Keep the runs of the bundled ${extension} profile (specs/${extension}.profile.yaml), or drop \`extension: ${extension}\`.`);
  }
  const missing = produces.filter((status) => !(kind.lifecycle.statuses as readonly string[]).includes(status));
  if (missing.length > 0) {
    throw new RunwardenError('CONFIG_INVALID', `${profile.source}: the ${extension} extension moves runs of ${kind.name} through ${missing.join(', ')}, which its lifecycle does not list`,
      `Add them to runs.${kind.name}.lifecycle, or drop \`extension: ${extension}\`.`);
  }
  return kind;
}

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
