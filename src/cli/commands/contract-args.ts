import path from 'node:path';
import type { RunwardenConfig } from '../../config/index.ts';
import { RunwardenError } from '../../core/errors.ts';
import type { ProviderProfile } from '../../core/profile/index.ts';
import { bundledPactsDir, type PactSelection } from '../../contract/index.ts';
import { stringOption, type ParsedArgs } from '../command.ts';
import { CONFIG_OPTIONS, configOf, selectedProviders } from '../config-option.ts';

/** Options every `contract` command takes. */
export const CONTRACT_OPTIONS = {
  ...CONFIG_OPTIONS,
  pacts: { type: 'string', description: 'A pact file or a directory of pacts (default: the config\'s `pacts`)' },
  json: { type: 'boolean', description: 'Print the result as JSON' },
} as const;

/** `--spec`, for the commands that check pacts against a spec. */
export const SPEC_OPTION = {
  spec: { type: 'string', description: 'Check against this OpenAPI file instead of the profile\'s spec (one provider: with --provider)' },
} as const;

/** What a contract command works on: the config, and the pacts and providers it selects. */
export interface ContractScope extends PactSelection {
  config: RunwardenConfig;
  profiles: ProviderProfile[];
}

/** The config (--config), the providers (--provider, else all configured) and the pacts (--pacts) of a command. */
export function contractScope(args: ParsedArgs): ContractScope {
  const config = configOf(args);
  const pacts = pactsOf(args, config);
  return { config, profiles: selectedProviders(args, config), configured: config.providers, ...(pacts === undefined ? {} : { pacts }) };
}

/** --pacts, else the config's `pacts`, else the bundled pacts when the bundled config stands in; else none. */
export function pactsOf(args: ParsedArgs, config: RunwardenConfig): string | undefined {
  const value = stringOption(args, 'pacts');
  if (value !== undefined) return path.resolve(value);
  return config.pacts ?? (config.isDefault ? bundledPactsDir() : undefined);
}

/** --spec as a spec per provider: it belongs to one provider, so it needs exactly one selected. */
export function specsOf(args: ParsedArgs, profiles: readonly ProviderProfile[], command: string): Record<string, string> | undefined {
  const spec = stringOption(args, 'spec');
  if (spec === undefined) return undefined;
  if (profiles.length !== 1) {
    throw new RunwardenError('USAGE', `runwarden ${command}: --spec needs --provider: ${profiles.length} providers are configured (${profiles.map((profile) => profile.name).join(', ')})`,
      `For example: --provider ${profiles[0]?.name ?? 'jobs'} --spec ./openapi.yaml`);
  }
  return { [profiles[0]!.name]: path.resolve(spec) };
}

/** The notes for selected providers without pacts, one line each. */
export function skippedNotes(skipped: ReadonlyArray<{ provider: string; note: string }>): string {
  return skipped.map(({ note }) => `– skipped: ${note}\n`).join('');
}
