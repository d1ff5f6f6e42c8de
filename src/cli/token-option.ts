import { readSecret } from '../config/environment.ts';
import { RunwardenError } from '../core/errors.ts';
import type { ProviderProfile } from '../core/profile/index.ts';
import { stringOption, type ParsedArgs } from './command.ts';

/**
 * The token in the environment variable named by `--token-env`, or undefined when the flag is absent.
 * A named variable that is unset or empty is a usage error: running unauthenticated by accident helps nobody.
 */
export function tokenFromEnvOption(args: ParsedArgs, command: string): string | undefined {
  const variable = stringOption(args, 'token-env');
  if (variable === undefined) return undefined;
  const token = readSecret(variable);
  if (token === undefined) {
    throw new RunwardenError('USAGE', `runwarden ${command}: the environment variable ${variable} (--token-env) is not set or empty`, `Export it first, e.g. export ${variable}=<token>.`);
  }
  return token;
}

/**
 * The token for a real provider: `--token-env` when given, else the variable its profile names (`auth.tokenEnv`).
 * Undefined when the profile needs none; a usage error when the variable it names is unset.
 */
export function tokenForProfile(profile: ProviderProfile, args: ParsedArgs, command: string): string | undefined {
  const fromFlag = tokenFromEnvOption(args, command);
  if (fromFlag !== undefined || profile.auth.type === 'none') return fromFlag;
  const variable = profile.auth.tokenEnv;
  if (variable === undefined) return undefined;
  const token = readSecret(variable);
  if (token === undefined) {
    throw new RunwardenError('USAGE', `runwarden ${command}: ${profile.name} needs a token in the environment variable ${variable} (auth.tokenEnv of its profile), which is not set or empty`,
      `Export it first (export ${variable}=<token>), or name another with --token-env.`);
  }
  return token;
}
