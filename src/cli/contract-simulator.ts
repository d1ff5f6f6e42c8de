import { randomBytes } from 'node:crypto';
import type { ProviderProfile, ProviderStatesEndpoint } from '../core/profile/index.ts';
import { readSimulatorConfig, startSimulator, type Simulator } from '../sim/index.ts';

/** The embedded simulator as a contract target: the given providers, their provider-states endpoints, fresh random tokens. */
export interface ContractSimulator {
  simulator: Simulator;
  /** The token each provider accepts (one per start; secrets, never printed). */
  tokens: Record<string, string>;
  /** Each provider's Pact provider-states endpoint, called like a real provider's. */
  states: Record<string, ProviderStatesEndpoint>;
  close(): Promise<void>;
}

/** Runs created during verification finish quickly (synchronous runs and agent streams included). */
const CONTRACT_TIME_SCALE = 0.05;

/**
 * Starts the simulator on 127.0.0.1, port 0, serving `profiles`, for verifying pacts (and, in `runwarden ci`, for
 * the load scenarios too). Tokens are random per start so no fixed secret can leak into a report. A simulator
 * config file (faults, timing) is merged in; its provider names must be among `profiles`, and its `providers`
 * list does not apply (the caller chose the providers).
 */
export async function startContractSimulator(configFile: string | undefined, profiles: readonly ProviderProfile[]): Promise<ContractSimulator> {
  const names = profiles.map((profile) => profile.name);
  const { only: _only, ...fromFile } = configFile === undefined ? {} : await readSimulatorConfig(configFile, names);
  const token = randomBytes(18).toString('base64url');
  const adminToken = randomBytes(18).toString('base64url');
  const simulator = await startSimulator({
    timeScale: CONTRACT_TIME_SCALE,
    ...fromFile,
    providers: profiles,
    port: 0,
    host: '127.0.0.1',
    token,
    adminToken,
  });
  const states: Record<string, ProviderStatesEndpoint> = {};
  for (const [name, url] of Object.entries(simulator.admin!.providerStates)) {
    states[name] = { url, headers: { authorization: `Bearer ${adminToken}` }, teardown: true };
  }
  return {
    simulator,
    tokens: Object.fromEntries(Object.keys(simulator.urls).map((name) => [name, token])),
    states,
    close: () => simulator.close(),
  };
}
