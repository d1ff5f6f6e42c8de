import { randomBytes } from 'node:crypto';
import { PROVIDERS, type ProviderName } from '../core/providers.ts';
import { SIMULATOR_FIXTURES, simulatorStates, type ProviderStateSetup } from '../contract/index.ts';
import { readSimulatorConfig, startSimulator, type Simulator, type SimulatorOptions } from '../sim/index.ts';

/** The embedded simulator as a contract target: the pacts' fixtures, provider states wired, fresh random tokens. */
export interface ContractSimulator {
  simulator: Simulator;
  tokens: Partial<Record<ProviderName, string>>;
  states: ProviderStateSetup;
  close(): Promise<void>;
}

/**
 * Starts the simulator on 127.0.0.1, port 0, for verifying pacts (and, in `runwarden ci`, for the load scenarios
 * too). Tokens are random per start so no fixed secret can leak into a report. A --sim-config file (faults,
 * timing) is merged in; its scenarios join the fixtures' rather than replacing them, since the pacts need those.
 */
export async function startContractSimulator(configFile?: string): Promise<ContractSimulator> {
  const fromFile: SimulatorOptions = configFile === undefined ? {} : await readSimulatorConfig(configFile);
  const token = randomBytes(18).toString('base64url');
  const adminToken = randomBytes(18).toString('base64url');
  const simulator = await startSimulator({
    ...SIMULATOR_FIXTURES,
    ...fromFile,
    scenarios: mergeScenarios(fromFile.scenarios),
    port: 0,
    host: '127.0.0.1',
    token,
    adminToken,
  });
  return {
    simulator,
    tokens: Object.fromEntries(PROVIDERS.map((name) => [name, token])),
    states: simulatorStates({ url: simulator.admin!.url, token: adminToken }),
    close: () => simulator.close(),
  };
}

function mergeScenarios(extra: SimulatorOptions['scenarios']): SimulatorOptions['scenarios'] {
  const fixtures = SIMULATOR_FIXTURES.scenarios;
  return {
    deck: { ...extra?.deck, ...fixtures.deck },
    refactor: { ...extra?.refactor, ...fixtures.refactor },
    rightbrainTask: { ...extra?.rightbrainTask, ...fixtures.rightbrainTask },
    rightbrainAgent: { ...extra?.rightbrainAgent, ...fixtures.rightbrainAgent },
  };
}
