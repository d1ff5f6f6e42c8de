// The simulator's public API: start it with provider profiles, read its config files, name its faults and states.
export { startSimulator, type Simulator } from './start-simulator.ts';
export { createVirtualClock, realClock, VIRTUAL_EPOCH, type Clock, type TimerHandle, type VirtualClock } from './clock.ts';
export {
  DEFAULT_TOKEN, DEFAULT_LIMITS, DEFAULT_STATE_HOLD_MS, type SimulatorOptions, type SimulatorFileConfig, type SimConfig, type LimitsConfig,
  type ProviderSections,
} from './options.ts';
export { checkProviderNames, readSimulatorConfig, validateSimulatorConfig } from './config-file.ts';
export { extensionNames } from './extensions.ts';
export { FAULT_KINDS, type FaultKind, type FaultRule } from './faults/fault-rule.ts';
export type { FaultCounts } from './faults/fault-counter.ts';
export { PROVIDER_STATES_PATH } from './states/provider-states-endpoint.ts';
export type { ProviderState, StateResult } from './states/provider-state.ts';
export { StateError } from './providers/state-error.ts';
export type { SimProvider } from './providers/provider.ts';
export { DEFAULT_STORE_LIMITS, type StoreLimits } from './store.ts';
