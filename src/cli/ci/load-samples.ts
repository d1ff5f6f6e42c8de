import path from 'node:path';
import type { ProviderProfile } from '../../core/profile/index.ts';
import type { SamplesSummary } from '../../core/summary.ts';
import { writeSamplesHar, type ExchangeSampler, type Scenario } from '../../load/index.ts';
import { scenarioProviders } from '../load-validator.ts';
import { RUNWARDEN_VERSION } from '../version.ts';

/** The file name of the sampled exchanges in a run folder, read back by `runwarden spec drift --run`. */
export const SAMPLES_FILE = 'samples.har';

/**
 * Writes the load stage's sampled exchanges to `<runDir>/samples.har` (before the reports, so reports/latest/ gets
 * a copy) and says which spec each sampled provider has. Nothing is written when no response was offered.
 */
export async function writeLoadSamples(
  sampler: ExchangeSampler, runDir: string, scenarios: readonly Scenario[], profiles: readonly ProviderProfile[],
): Promise<SamplesSummary | undefined> {
  if (sampler.offered === 0) return undefined;
  const written = await writeSamplesHar(path.join(runDir, SAMPLES_FILE), [sampler], RUNWARDEN_VERSION);
  const used = new Set(scenarios.flatMap(scenarioProviders));
  const specs = Object.fromEntries(profiles.filter((profile) => used.has(profile.name)).map((profile) => [profile.name, profile.spec]));
  return { file: SAMPLES_FILE, exchanges: written.exchanges, offered: written.offered, specs };
}
