import { RunwardenError } from '../core/errors.ts';
import type { ProviderProfile } from '../core/profile/index.ts';
import { resolveLoadTarget } from '../load/index.ts';
import { readSimulatorConfig, startSimulator, type Simulator } from '../sim/index.ts';

/** Where each provider's load goes, with the token it takes. */
export interface LoadTargets {
  /** Base URL (with base path) by provider name. */
  targets: Record<string, string>;
  /** Secrets: never printed. */
  tokens: Record<string, string | undefined>;
  /** The providers the embedded simulator stands in for. */
  simulated: string[];
  close(): Promise<void>;
}

export interface LoadTargetOptions {
  profiles: readonly ProviderProfile[];
  /** `--base-url` values: a URL for every provider, or `provider=URL` for one. */
  baseUrls: readonly string[];
  allowRemote: boolean;
  /** The token of a provider with a real target (its profile's `auth.tokenEnv`, or `--token-env`). */
  tokenFor(profile: ProviderProfile): string | undefined;
  /** `--sim-config`: a simulator config file for the providers the simulator stands in for. */
  simConfig?: string;
}

const NAMED = /^([a-z0-9][a-z0-9_-]*)=(.+)$/;

/**
 * Each provider's target: `--base-url` first, else the profile's `baseUrl`, else the embedded simulator (started on
 * 127.0.0.1, port 0, with just those profiles). Without `allowRemote` every address a target's host resolves to
 * must be loopback, and the load goes to the checked address. Every check runs before the simulator starts, so bad
 * input costs nothing.
 */
export async function loadTargets(options: LoadTargetOptions): Promise<LoadTargets> {
  const names = options.profiles.map((profile) => profile.name);
  const given = new Map<string, string>();
  for (const value of options.baseUrls) {
    const named = NAMED.exec(value);
    if (named && !names.includes(named[1]!)) {
      throw new RunwardenError('USAGE', `--base-url ${named[1]}=…: the scenario does not use a provider "${named[1]}"\nIt uses: ${names.join(', ')}`, `Pass --base-url ${names[0]}=<url>, or a bare URL for every provider.`);
    }
    for (const name of named ? [named[1]!] : names) given.set(name, named ? named[2]! : value);
  }
  const targets: Record<string, string> = {};
  const tokens: Record<string, string | undefined> = {};
  const simulatedProfiles: ProviderProfile[] = [];
  for (const profile of options.profiles) {
    const url = given.get(profile.name) ?? profile.baseUrl;
    if (url === undefined) {
      simulatedProfiles.push(profile);
      continue;
    }
    targets[profile.name] = (await resolveLoadTarget(url, options.allowRemote)).toString().replace(/\/$/, '');
    tokens[profile.name] = options.tokenFor(profile);
  }
  if (options.simConfig !== undefined && simulatedProfiles.length === 0) {
    throw new RunwardenError('USAGE', 'runwarden load: --sim-config applies to the embedded simulator, and every provider of the scenario has a real target (--base-url or its profile\'s baseUrl)');
  }
  const simulator = simulatedProfiles.length === 0 ? undefined : await startFor(simulatedProfiles, options.simConfig);
  for (const profile of simulatedProfiles) {
    targets[profile.name] = simulator!.urls[profile.name]!;
    tokens[profile.name] = simulator!.config.token;
  }
  return { targets, tokens, simulated: simulatedProfiles.map((profile) => profile.name), close: async () => simulator?.close() };
}

/** The simulator for `profiles`; a config file's own provider list does not apply (the scenario chose the providers). */
async function startFor(profiles: readonly ProviderProfile[], configFile: string | undefined): Promise<Simulator> {
  const { only: _only, ...fromFile } = configFile === undefined ? {} : await readSimulatorConfig(configFile, profiles.map((profile) => profile.name));
  return startSimulator({ ...fromFile, providers: profiles, port: 0, host: '127.0.0.1' });
}
