import type { ProviderName } from '../../core/providers.ts';
import type { CheckCase, LoadScenarioSummary } from '../../core/summary.ts';
import { preflight, preflightPlan, runLoad, writeResult, type LoadListener, type Scenario, type Thresholds } from '../../load/index.ts';
import { loadValidators, scenarioProviders, scenarioValidator } from '../load-validator.ts';
import { loadScenarioSummary, sloCases } from './load-summary.ts';

export interface LoadStageOptions {
  scenarios: readonly Scenario[];
  targets: Partial<Record<ProviderName, string>>;
  tokens: Partial<Record<ProviderName, string>>;
  durationMs: number;
  thresholds?: Thresholds;
  /** Where each scenario's full result JSON (with HDR histograms) is written. */
  outDir: string;
  signal?: AbortSignal;
  listeners?: readonly LoadListener[];
}

/** Runs each scenario in turn (short, bounded), checking 1 response in 10 against the specs; one SLO check per threshold. */
export async function loadStage(options: LoadStageOptions): Promise<{ checks: CheckCase[]; scenarios: LoadScenarioSummary[] }> {
  const validators = await loadValidators(new Set(options.scenarios.flatMap(scenarioProviders)));
  const checks: CheckCase[] = [];
  const scenarios: LoadScenarioSummary[] = [];
  for (const scenario of options.scenarios) {
    if (options.signal?.aborted) break;
    const validate = scenarioValidator(scenario, validators);
    for (const request of preflightPlan(scenario.flows, options.targets, options.tokens)) await preflight(request);
    const result = await runLoad({
      scenario, targets: options.targets, tokens: options.tokens, durationMs: options.durationMs, validate,
      ...(options.thresholds ? { thresholds: options.thresholds } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.listeners ? { listeners: options.listeners } : {}),
    });
    await writeResult(result, options.outDir);
    scenarios.push(loadScenarioSummary(result, scenarioProviders(scenario)));
    checks.push(...sloCases(result));
  }
  return { checks, scenarios };
}
