export { startSimulator, type Simulator } from './start-simulator.ts';
export { createVirtualClock, realClock, VIRTUAL_EPOCH, type Clock, type TimerHandle, type VirtualClock } from './clock.ts';
export {
  DEFAULT_TOKEN, DEFAULT_TIMING, DEFAULT_OUTCOMES, DEFAULT_LIMITS, DECK_SCENARIOS, REFACTOR_SCENARIOS, RIGHTBRAIN_TASK_SCENARIOS,
  RIGHTBRAIN_AGENT_SCENARIOS, type SimulatorOptions, type SimulatorFileConfig, type SimConfig, type TimingConfig, type OutcomeConfig,
  type LimitsConfig, type ScenarioConfig,
} from './options.ts';
export { readSimulatorConfig, validateSimulatorConfig, SIM_OPERATIONS } from './config-file.ts';
export { FAULT_KINDS, type FaultKind, type FaultRule } from './faults/fault-rule.ts';
export type { FaultCounts } from './faults/fault-counter.ts';
export { SIM_STATES } from './states/sim-states.ts';
export type { StateDefinition, StateResult } from './states/catalog.ts';
export { StateError } from './providers/state-error.ts';
export { DEFAULT_STORE_LIMITS, type StoreLimits } from './store.ts';
