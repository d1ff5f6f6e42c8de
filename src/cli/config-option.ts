import { loadConfig, type RunwardenConfig } from '../config/index.ts';
import type { ProviderProfile } from '../core/profile/index.ts';
import { stringOption, type ParsedArgs } from './command.ts';

/** The options every command that works on providers takes. */
export const CONFIG_OPTIONS = {
  config: { type: 'string', description: 'runwarden.config.yaml to read (default: the one in the working directory, else the bundled providers)' },
  provider: { type: 'string', description: 'Only this configured provider' },
} as const;

/** The config named by --config, or found in the working directory (read once per process). */
export function configOf(args: ParsedArgs): RunwardenConfig {
  const file = stringOption(args, 'config');
  return loadConfig(file === undefined ? {} : { file });
}

/** The providers a command works on: --provider's one, else every configured provider. */
export function selectedProviders(args: ParsedArgs, config: RunwardenConfig = configOf(args)): ProviderProfile[] {
  const name = stringOption(args, 'provider');
  return name === undefined ? config.providers.all() : [config.providers.get(name, '--provider: ')];
}

/** A note for stderr when no config was found and the bundled one stands in, so nobody wonders where providers came from. */
export function defaultConfigNote(config: RunwardenConfig): string {
  return config.isDefault ? `runwarden: no runwarden.config.yaml here: using the bundled providers (${config.providers.names.join(', ')}); \`runwarden init --spec <file>\` writes one for your API\n` : '';
}
