import { RunwardenError } from '../../core/errors.ts';
import type { ProviderProfile, ProviderStatesEndpoint } from '../../core/profile/index.ts';
import { stringOption, type ParsedArgs } from '../command.ts';
import { tokenForProfile } from '../token-option.ts';

/** Where each provider's pacts are verified: its real API, or the embedded simulator standing in for it. */
export interface ContractTargets {
  baseUrls: Record<string, string>;
  /** Secrets: passed to the verifier's gateway only, never printed. */
  tokens: Record<string, string | undefined>;
  states: Record<string, ProviderStatesEndpoint | undefined>;
  /** The providers the embedded simulator serves. */
  simulated: ReadonlySet<string>;
  /** Stops what was started. */
  close(): Promise<void>;
}

/** The flags that choose targets, for `--help`. */
export const TARGET_OPTIONS = {
  'base-url': { type: 'string', description: 'The real API\'s base URL, in place of its profile\'s baseUrl (one provider: with --provider)' },
  'token-env': { type: 'string', description: 'Environment variable holding the real provider\'s token (default: auth.tokenEnv of its profile)' },
  'states-url': { type: 'string', description: 'The real provider\'s provider-states endpoint, in place of its profile\'s providerStates' },
  'sim-config': { type: 'string', description: 'Simulator config file (JSON, as runwarden serve --sim-config), e.g. to inject faults' },
} as const;

/**
 * Targets for verifying `profiles`: a profile with a `baseUrl` (or the one provider given --base-url) is its real
 * API, with the token its auth names and its own provider-states endpoint; every other provider is served by one
 * embedded simulator on 127.0.0.1:0, with the simulator's token and provider-states endpoints. Flags that cannot
 * apply are usage errors, checked against every selected provider before anything starts; targets (and tokens)
 * are made only for the `needed` ones (those with pacts).
 */
export async function contractTargets(args: ParsedArgs, profiles: readonly ProviderProfile[], command: string, needed: (profile: ProviderProfile) => boolean = () => true): Promise<ContractTargets> {
  const usage = (message: string, hint = `Run \`runwarden ${command} --help\` for the options.`) => new RunwardenError('USAGE', `runwarden ${command}: ${message}`, hint);
  const baseUrl = stringOption(args, 'base-url');
  if (baseUrl !== undefined) {
    if (profiles.length !== 1) throw usage('--base-url needs --provider: a base URL belongs to one provider', `For example: --provider ${profiles[0]?.name ?? 'jobs'} --base-url https://api.example.com/v1`);
    validUrl(baseUrl, 'base-url', command);
  }
  const urlOf = (profile: ProviderProfile) => (baseUrl ?? profile.baseUrl)?.replace(/\/+$/, '');
  const real = profiles.filter((profile) => urlOf(profile) !== undefined);
  const simulated = profiles.filter((profile) => urlOf(profile) === undefined);
  for (const flag of ['token-env', 'states-url'] as const) {
    if (stringOption(args, flag) === undefined) continue;
    if (real.length === 0) throw usage(`--${flag} only applies to a real provider`, 'Give it --base-url (or baseUrl in its profile); the embedded simulator uses its own token and states.');
    if (real.length > 1) throw usage(`--${flag} belongs to one provider, and ${real.length} are real (${real.map((profile) => profile.name).join(', ')})`, `Pass --provider ${real[0]!.name}.`);
  }
  const statesUrl = stringOption(args, 'states-url');
  if (statesUrl !== undefined) validUrl(statesUrl, 'states-url', command);
  const simConfig = stringOption(args, 'sim-config');
  if (simConfig !== undefined && simulated.length === 0) throw usage('--sim-config only applies to the embedded simulator', 'Every selected provider is a real one (baseUrl or --base-url).');

  const toSimulate = simulated.filter(needed);
  const targets: ContractTargets = { baseUrls: {}, tokens: {}, states: {}, simulated: new Set(toSimulate.map((profile) => profile.name)), close: async () => {} };
  for (const profile of real.filter(needed)) {
    targets.baseUrls[profile.name] = urlOf(profile)!;
    targets.tokens[profile.name] = tokenForProfile(profile, args, command);
    targets.states[profile.name] = statesUrl === undefined ? profile.providerStates : { url: statesUrl, headers: {}, teardown: true };
  }
  if (toSimulate.length === 0) return targets;
  // Loaded only when a provider needs it: verifying real APIs never pays for the simulator's start-up.
  const { startContractSimulator } = await import('../contract-simulator.ts');
  const sim = await startContractSimulator(simConfig, toSimulate);
  for (const profile of toSimulate) {
    targets.baseUrls[profile.name] = sim.simulator.urls[profile.name]!;
    targets.tokens[profile.name] = sim.tokens[profile.name];
    targets.states[profile.name] = sim.states[profile.name];
  }
  return { ...targets, close: () => sim.close() };
}

function validUrl(value: string, flag: string, command: string): void {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new RunwardenError('URL_INVALID', `runwarden ${command}: --${flag} is not an http(s) URL\nReceived: ${value}`, 'For example: https://api.example.com/v1');
  }
}
