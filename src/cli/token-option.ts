import { readSecret } from '../config/environment.ts';
import { RunwardenError } from '../core/errors.ts';
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
