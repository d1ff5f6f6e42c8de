import path from 'node:path';
import { RunwardenError } from '../../core/errors.ts';
import { isProviderName, PROVIDERS, type ProviderName } from '../../core/providers.ts';
import { bundledPactsDir } from '../../contract/index.ts';
import { stringOption, type ParsedArgs } from '../command.ts';

/** Options every `contract` command takes. */
export const CONTRACT_OPTIONS = {
  pacts: { type: 'string', description: 'A pact file or a directory of pacts (default: contracts/pacts/)' },
  provider: { type: 'string', description: `Only this provider's pacts: ${PROVIDERS.join(', ')}` },
  json: { type: 'boolean', description: 'Print the result as JSON' },
} as const;

/** The --pacts path, defaulting to the pacts checked in with runwarden. */
export function pactsOf(args: ParsedArgs): string {
  const value = stringOption(args, 'pacts');
  return value === undefined ? bundledPactsDir() : path.resolve(value);
}

/** The --provider name, or a usage error listing the known providers. */
export function providerOf(args: ParsedArgs, command: string): ProviderName | undefined {
  const value = stringOption(args, 'provider');
  if (value === undefined) return undefined;
  if (!isProviderName(value)) {
    throw new RunwardenError('USAGE', `runwarden ${command}: unknown provider "${value}"\nKnown providers: ${PROVIDERS.join(', ')}`, `Pass one of them, e.g. --provider ${PROVIDERS[1]}.`);
  }
  return value;
}
