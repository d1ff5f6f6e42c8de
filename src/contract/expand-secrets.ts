import { readSecret } from '../config/environment.ts';
import { RunwardenError } from '../core/errors.ts';

/** Header values with every `${VAR}` replaced from the environment, and the secrets among them (to redact). */
export interface ExpandedHeaders {
  headers: Record<string, string>;
  secrets: string[];
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Expands `${VAR}` in header values (`Bearer ${JOBS_ADMIN_TOKEN}`) through readSecret, the one reader of the
 * environment, and collects what must never be printed: every value read, and the credential of an
 * Authorization header. An unset or empty variable is a USAGE error naming the provider, the header and the variable:
 * calling a states endpoint without its credentials would only fail later and less clearly.
 */
export function expandSecrets(provider: string, headers: Readonly<Record<string, string>>, env?: NodeJS.ProcessEnv): ExpandedHeaders {
  const secrets: string[] = [];
  const expanded: Record<string, string> = {};
  for (const [name, template] of Object.entries(headers)) {
    expanded[name] = template.replace(VARIABLE, (_match, variable: string) => {
      const value = env === undefined ? readSecret(variable) : readSecret(variable, env);
      if (value === undefined) {
        throw new RunwardenError('USAGE', `${provider}: providerStates.headers.${name} needs the environment variable ${variable}, which is not set or empty`,
          `Export it first (export ${variable}=<value>), or change providerStates.headers in the provider's profile (docs/config.md).`);
      }
      secrets.push(value);
      return value;
    });
    // An Authorization value is a credential even when written out (the simulator's admin token is).
    if (name.toLowerCase() === 'authorization') secrets.push(expanded[name]!, expanded[name]!.replace(/^\S+\s+/, ''));
  }
  return { headers: expanded, secrets: [...new Set(secrets)] };
}
