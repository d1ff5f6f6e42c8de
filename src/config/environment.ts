/**
 * The only reader of `process.env`. Everything else receives these values from the CLI.
 * Secrets are read by name, on demand, and never stored in config objects that may be printed.
 */
export interface Environment {
  /** Running under CI: no live progress lines. */
  ci: boolean;
  /** Print stacks for internal errors. */
  debug: boolean;
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  return { ci: Boolean(env.CI), debug: Boolean(env.RUNWARDEN_DEBUG) };
}

/** Reads a token from the environment variable the user named, e.g. `--token-env DECK_API_KEY`. */
export function readSecret(variable: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[variable];
  return value === undefined || value === '' ? undefined : value;
}
