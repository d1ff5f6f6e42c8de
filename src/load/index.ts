// The load layer's public surface: scenarios, the engine, results and what listens to them.
export { defineScenario, scenarioProblems } from './scenario.ts';
export type { CreatePollFlow, Flow, HttpMethod, RampStage, ReadFlow, RequestTemplate, RunIdLocation, Scenario, WorkloadModel } from './scenario.ts';
export { runLoad, type LoadOptions } from './engine.ts';
export type { SampledResponse, ValidateResponse } from './flow-runner.ts';
export type { LoadEvent, LoadListener } from './events.ts';
export type { EndpointResult, LoadResult } from './result.ts';
export { createRegistry, type ScenarioRegistry } from './registry.ts';
export { mergeThresholds, parseThresholds, thresholdProblems, type EndpointThresholds, type Thresholds } from './thresholds.ts';
export { evaluateGates, renderGateTable, type GateResult } from './gates.ts';
export { decodeHistogram, encodeHistogram, mergeEncoded, summarizeMicroseconds, type LatencySummary } from './histogram.ts';
export { progressPrinter } from './progress-printer.ts';
export { renderSummary } from './summary.ts';
export { writeResult } from './result-writer.ts';
export { checkTarget, isLoopback } from './target-safety.ts';
export { preflight, preflightPlan, type PreflightRequest } from './preflight.ts';
export { parseDuration } from './duration.ts';
