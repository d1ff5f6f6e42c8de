import path from 'node:path';
import { BUNDLED_SCENARIOS } from '../../load/index.ts';
import type { ProviderProfile } from '../core/profile/index.ts';
import { compileScenario, createRegistry, providerMentions, readScenarioFile, type ProfileLookup, type Scenario, type ScenarioSource } from '../load/index.ts';
import { loadSpec, type LoadedSpec } from '../spec/index.ts';

/** Scenarios compiled against the configured providers, with what they were compiled from. */
export interface ResolvedScenarios {
  scenarios: Scenario[];
  /** The spec of each provider the scenarios use, loaded once: the compiler's operations, the validators' schemas. */
  specs: Map<string, LoadedSpec>;
  /** The profile of each provider the scenarios use, by name, in first-use order. */
  profiles: Map<string, ProviderProfile>;
}

const bundled = createRegistry(BUNDLED_SCENARIOS);

/** A reference is a file when it has a `/` or an extension; otherwise it names a bundled scenario (`runwarden load --list`). */
export function isScenarioFile(reference: string): boolean {
  return reference.includes('/') || reference.includes(path.sep) || /\.(ya?ml|json|[cm]?[jt]s)$/i.test(reference);
}

/** Reads scenarios by reference (file paths relative to `cwd`, or bundled names): SCENARIO_UNKNOWN for an unknown name. */
export async function readScenarioSources(references: readonly string[], cwd = process.cwd()): Promise<ScenarioSource[]> {
  const sources: ScenarioSource[] = [];
  for (const reference of references) sources.push(await readScenarioFile(isScenarioFile(reference) ? path.resolve(cwd, reference) : bundled.get(reference).file));
  return sources;
}

/** The bundled scenarios, read (not compiled), in `--list` order. */
export function bundledScenarioSources(): Promise<ScenarioSource[]> {
  return readScenarioSources(BUNDLED_SCENARIOS.map((scenario) => scenario.file));
}

/**
 * Reads and compiles scenarios for the configured providers: each provider they name is looked up (PROVIDER_UNKNOWN
 * lists the configured ones), its spec loaded once, then every scenario compiled. All before any traffic.
 */
export async function resolveScenarios(references: readonly string[], providers: ProfileLookup, cwd = process.cwd()): Promise<ResolvedScenarios> {
  return compileSources(await readScenarioSources(references, cwd), providers);
}

/** Compiles scenarios already read (see `resolveScenarios`). */
export async function compileSources(sources: readonly ScenarioSource[], providers: ProfileLookup): Promise<ResolvedScenarios> {
  const profiles = new Map<string, ProviderProfile>();
  const specs = new Map<string, LoadedSpec>();
  for (const source of sources) {
    for (const { name, where } of providerMentions(source)) {
      if (profiles.has(name)) continue;
      const profile = providers.get(name, where);
      profiles.set(name, profile);
      specs.set(name, await loadSpec(profile.spec));
    }
  }
  return { scenarios: sources.map((source) => compileScenario(source, providers, specs)), specs, profiles };
}
