// The bundled profiles as the generic engine alone serves them, for the simulator bench's children.
import { bundledProfile } from '../src/config/index.ts';
import type { ProviderProfile } from '../src/core/profile/index.ts';

/** A bundled profile without its extension: what the generic engine serves from the spec and the profile alone. */
export function genericProfile(name: string): ProviderProfile {
  const { extension: _extension, extensionOptions: _options, ...profile } = bundledProfile(name);
  return profile;
}
