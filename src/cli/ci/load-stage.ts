import type { ProviderProfile } from '../../core/profile/index.ts';
import type { CheckCase, LoadScenarioSummary } from '../../core/summary.ts';
import { preflight, preflightPlan, regateResult, runLoad, writeResult, type ExchangeSampler, type LoadListener, type Scenario, type Thresholds } from '../../load/index.ts';
import { loadSpec, type LoadedSpec } from '../../spec/index.ts';
import { loadValidators, scenarioProviders, scenarioValidator } from '../load-validator.ts';
import { loadScenarioSummary, sloCases } from './load-summary.ts';

export interface LoadStageOptions {
  /** Scenarios compiled for the configured providers (`resolveScenarios` in src/cli/load-scenarios.ts). */
  scenarios: readonly Scenario[];
  /** The profiles of (at least) the providers the scenarios use. */
  profiles: readonly ProviderProfile[];
  /** Their specs by provider name, when already loaded (`resolveScenarios` returns them); else loaded here, once. */
  specs?: ReadonlyMap<string, LoadedSpec>;
  /** Base URL (with base path) of each provider by name. */
  targets: Readonly<Record<string, string>>;
  /** Each provider's token by name, sent as its profile's auth scheme says. */
  tokens: Readonly<Record<string, string | undefined>>;
  durationMs: number;
  thresholds?: Thresholds;
  /**
   * Providers served by the embedded simulator. A scenario using only these has advisory timing gates (reported,
   * never failing): on the simulator, latency measures the machine, not an API. Any real provider makes them hard.
   */
  simulated?: ReadonlySet<string>;
  /** Where each scenario's full result JSON (with HDR histograms) is written. */
  outDir: string;
  signal?: AbortSignal;
  listeners?: readonly LoadListener[];
  /** Offered every scenario's responses: one bounded, redacted sample for the whole stage (ci writes it as samples.har). */
  sampler?: ExchangeSampler;
}

/** Runs each scenario in turn (short, bounded), checking 1 response in 10 against the specs; one SLO check per threshold. */
export async function loadStage(options: LoadStageOptions): Promise<{ checks: CheckCase[]; scenarios: LoadScenarioSummary[] }> {
  const validators = loadValidators(await specsFor(options));
  const checks: CheckCase[] = [];
  const scenarios: LoadScenarioSummary[] = [];
  for (const scenario of options.scenarios) {
    if (options.signal?.aborted) break;
    const validate = scenarioValidator(scenario, validators);
    for (const request of preflightPlan(scenario.flows, options.targets, options.tokens)) await preflight(request);
    const measured = await runLoad({
      scenario, targets: options.targets, tokens: options.tokens, durationMs: options.durationMs, validate,
      ...(options.thresholds ? { thresholds: options.thresholds } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.listeners ? { listeners: options.listeners } : {}),
      ...(options.sampler ? { sampler: options.sampler } : {}),
    });
    const simulatedOnly = options.simulated !== undefined && scenarioProviders(scenario).every((name) => options.simulated!.has(name));
    const result = simulatedOnly ? regateResult(measured, 'advisory') : measured;
    await writeResult(result, options.outDir);
    scenarios.push(loadScenarioSummary(result, scenarioProviders(scenario)));
    checks.push(...sloCases(result));
  }
  return { checks, scenarios };
}

/** The spec of every provider the scenarios use: the ones given, the rest loaded from their profiles. */
async function specsFor(options: LoadStageOptions): Promise<Map<string, LoadedSpec>> {
  const specs = new Map<string, LoadedSpec>();
  const used = new Set(options.scenarios.flatMap(scenarioProviders));
  for (const profile of options.profiles) {
    if (!used.has(profile.name)) continue;
    specs.set(profile.name, options.specs?.get(profile.name) ?? await loadSpec(profile.spec));
  }
  return specs;
}
