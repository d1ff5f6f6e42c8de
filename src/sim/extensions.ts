import { RunwardenError } from '../core/errors.ts';
import type { ProviderProfile } from '../core/profile/index.ts';
import { closestNames } from '../spec/index.ts';
import { deckExtension } from './providers/deck/deck-extension.ts';
import type { SimExtension } from './providers/extension.ts';
import { refactorExtension } from './providers/refactor/refactor-extension.ts';
import { rightbrainExtension } from './providers/rightbrain/rightbrain-extension.ts';

/** Every simulator extension, by the `extension:` value that selects it. */
const EXTENSIONS: ReadonlyMap<string, SimExtension> = new Map([deckExtension, refactorExtension, rightbrainExtension].map((extension) => [extension.name, extension]));

/** The names a profile's `extension:` may take. */
export function extensionNames(): string[] {
  return [...EXTENSIONS.keys()];
}

/** The extension `name` a profile selects; CONFIG_INVALID naming the profile and the known extensions when there is none by that name. */
export function extensionFor(profile: ProviderProfile, name: string): SimExtension {
  const extension = EXTENSIONS.get(name);
  if (extension) return extension;
  const near = closestNames(name, extensionNames());
  throw new RunwardenError('CONFIG_INVALID',
    `${profile.source}: ${profile.name} names the simulator extension "${name}", which does not exist${near.length > 0 ? ` (did you mean ${near.join(' or ')}?)` : ''}\nExtensions: ${extensionNames().join(', ')}`,
    'Drop `extension:` to serve the profile with the generic engine, or use one of the extensions above.');
}
