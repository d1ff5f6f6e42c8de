// runwarden's public API (`import { … } from 'runwarden'`), for users who write their own harness: read the
// config and profiles, load and validate specs, drive runs, put load on an API, start the simulator, verify
// contracts and write reports. Each group re-exports names from its layer's barrel, so a signature changes in
// one place. docs/api.md describes every group. Anything not exported here is internal and may change.

// Errors and findings.
export { RunwardenError, isRunwardenError, describeError, type ErrorCode } from './core/errors.ts';
export type { Violation, ViolationCode } from './core/violation.ts';

// Config and provider profiles.
export { loadConfig, loadProfileFile, bundledProfile, presetNames, findConfigFile, ProviderSet, CONFIG_SCHEMA_PATH, type RunwardenConfig } from './config/index.ts';
export {
  runKindOf, credentialsFor, secretNames, valueAtPointer, setAtPointer, lifecycleFromDefinition,
  type ProviderProfile, type RunKind, type AuthScheme, type RunIdSource, type OperationCall, type CreateCall, type PollCall,
  type RunCall, type ProviderStatesEndpoint, type Credentials, type LifecycleDefinition,
} from './core/profile/index.ts';

// Lifecycles: what a run's states are and how they may move.
export { checkLifecycle, defineLifecycle, isTerminal, reachableFrom, type Lifecycle, type Observation } from './core/lifecycle/index.ts';

// Specs and validation.
export { loadSpec, lintSpec, type LintFinding, type LoadedSpec, type Operation, type OpenApiDocument } from './spec/index.ts';
export {
  createValidator, checkExamples, validateHar, validateHarFile,
  type Validator, type ValidatorOptions, type ObservedRequest, type ObservedResponse, type ExampleReport, type ExampleFinding,
  type HarEntryResult,
} from './validate/index.ts';

// Clients: one run kind of any profile, and the poller under it.
export { createRunClient, type RunClient, type RunClientOptions, type CreatedRun, type RequestOverrides, type RunCallOptions, type RunPollOptions } from './client/run-client.ts';
export {
  pollUntilTerminal, ProviderError, PollDeadlineError, isPollDeadlineError, DEFAULT_POLL, DEFAULT_RETRY,
  type PollOptions, type PollResult, type PollTarget, type RetryPolicy, type Exchange, type CallOptions,
} from './client/index.ts';

// Load: scenarios, the engine, thresholds and gates.
export {
  defineScenario, scenarioProblems, readScenarioFile, compileScenario, scenarioFromDocument, runLoad, parseThresholds, mergeThresholds, evaluateGates, parseDuration, checkTarget, resolveLoadTarget,
  type Scenario, type Flow, type CreatePollFlow, type ReadFlow, type WorkloadModel, type RampStage, type RequestTemplate,
  type LoadOptions, type LoadResult, type EndpointResult, type LoadEvent, type LoadListener, type Thresholds,
  type EndpointThresholds, type GateResult, type ScenarioDocument, type FlowDocument, type ScenarioSource,
} from './load/index.ts';

// The simulator.
export { startSimulator, createVirtualClock, DEFAULT_TOKEN, type Simulator, type SimulatorOptions, type Clock, type VirtualClock } from './sim/index.ts';

// Contracts: verify pacts against a provider, cross-check them against the specs, tabulate coverage.
export {
  verifyPacts, checkPactsAgainstSpecs, contractCoverage, readPactFile, bundledPactsDir,
  type VerifyOptions, type VerifyReport, type InteractionResult, type CheckSpecOptions, type CheckSpecReport,
  type CrossCheckFinding, type PactFile, type PactInteraction,
} from './contract/index.ts';

// Reports: render and write a run's summary, compare two runs.
export {
  writeReports, renderJson, renderMarkdown, renderJunit, renderHtml, readSummary, parseSummary, compareRuns,
  type ReportFiles, type RunComparison, type CompareOptions,
} from './report/index.ts';
export { SUMMARY_SCHEMA_VERSION, type RunSummary, type CheckCase } from './core/summary.ts';
