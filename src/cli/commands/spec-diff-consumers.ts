import { checkPactsAgainstSpecs, type InteractionCheck } from '../../contract/index.ts';
import type { ProviderSet } from '../../config/index.ts';
import type { ProviderProfile } from '../../core/profile/index.ts';
import { displayPath, type LoadedSpec } from '../../spec/index.ts';
import { createValidator, validateHarFile } from '../../validate/index.ts';

/** A pact interaction that is consistent with the base spec and not with the revision: a consumer this change breaks. */
export interface BrokenInteraction {
  provider: string;
  pact: string;
  interaction: string;
  pactLocation: string;
  /** What the revision says is wrong with it, one line per finding. */
  because: string[];
}

const keyOf = (check: InteractionCheck): string => `${check.pact}#${check.pactLocation}`;

/**
 * Checks every pact interaction of `profiles` against both versions of their spec (`specs` maps each side to a file)
 * and returns those that pass on the base and fail on the revision: can-i-deploy for a spec, offline.
 */
export async function brokenInteractions(options: { pacts: string; profiles: readonly ProviderProfile[]; configured: ProviderSet; base: string; revision: string }): Promise<BrokenInteraction[]> {
  const specsFor = (file: string): Record<string, string> => Object.fromEntries(options.profiles.map((profile) => [profile.name, file]));
  const selection = { pacts: options.pacts, profiles: options.profiles, configured: options.configured };
  const before = await checkPactsAgainstSpecs({ ...selection, specs: specsFor(options.base) });
  const after = await checkPactsAgainstSpecs({ ...selection, specs: specsFor(options.revision) });
  const passedBefore = new Set(before.checks.filter((check) => check.findings.length === 0).map(keyOf));
  return after.checks
    .filter((check) => check.findings.length > 0 && passedBefore.has(keyOf(check)))
    .map((check) => ({
      provider: check.provider, pact: check.pact, interaction: check.interaction, pactLocation: check.pactLocation,
      because: check.findings.map((finding) => `${finding.code}: ${finding.message.split('\n').join(' / ')}`),
    }));
}

/** A recorded exchange that conforms to the base spec and not to the revision. */
export interface BrokenExchange {
  har: string;
  index: number;
  method: string;
  url: string;
  status: number;
  because: string[];
}

/**
 * Validates every entry of each HAR file against both versions (requests and responses, as `runwarden validate --har`
 * does) and returns those that pass on the base and fail on the revision. Entries outside the API are skipped.
 */
export async function brokenExchanges(harFiles: readonly string[], base: LoadedSpec, revision: LoadedSpec): Promise<BrokenExchange[]> {
  const [before, after] = [createValidator(base), createValidator(revision)];
  const broken: BrokenExchange[] = [];
  for (const file of harFiles) {
    const passed = new Set((await validateHarFile(before, file)).filter((entry) => !entry.skipped && entry.violations.length === 0).map((entry) => entry.index));
    for (const entry of await validateHarFile(after, file)) {
      if (entry.skipped || entry.violations.length === 0 || !passed.has(entry.index)) continue;
      broken.push({ har: displayPath(file), index: entry.index, method: entry.method, url: entry.url, status: entry.status,
        because: entry.violations.map((violation) => `${violation.code}: ${violation.message.split('\n').join(' / ')}`) });
    }
  }
  return broken;
}
