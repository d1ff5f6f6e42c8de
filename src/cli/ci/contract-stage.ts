import type { ProviderSet } from '../../config/index.ts';
import type { ProviderProfile, ProviderStatesEndpoint } from '../../core/profile/index.ts';
import type { CheckCase, ContractMatrixCell } from '../../core/summary.ts';
import {
  checkPactsAgainstSpecs, contractCoverage, contractMatrix, crossCheckCases, selectPacts, skippedCases, verificationCases, verifyPacts,
} from '../../contract/index.ts';

export interface ContractStageOptions {
  /** A pact file or directory (the config's `pacts` or --pacts); without one, every provider is skipped with a note. */
  pacts?: string;
  /** The providers the run covers. */
  profiles: readonly ProviderProfile[];
  /** Every configured provider, so a pact for one outside `profiles` is left out rather than refused (default: `profiles`). */
  configured?: ProviderSet;
  /** Base URL per provider (the simulator's or the real API's); default: the profile's `baseUrl`. */
  baseUrls: Readonly<Record<string, string>>;
  /** Token per provider, in place of the pacts' placeholder credentials. */
  tokens: Readonly<Record<string, string | undefined>>;
  /** Provider-states endpoint per provider (the simulator's, or `profile.providerStates`); none: states assumed to hold. */
  states: Readonly<Record<string, ProviderStatesEndpoint | undefined>>;
}

/**
 * Verifies the pacts against the targets, cross-checks them against the specs, and tabulates coverage. A
 * provider without pacts gets one skipped check with a note (not a failure) and no matrix cells.
 */
export async function contractStage(options: ContractStageOptions): Promise<{ checks: CheckCase[]; matrix: ContractMatrixCell[] }> {
  const selection = { ...(options.pacts === undefined ? {} : { pacts: options.pacts }), profiles: options.profiles, ...(options.configured ? { configured: options.configured } : {}) };
  const { pacts, withoutPacts } = await selectPacts(selection);
  const skipped = skippedCases(withoutPacts.map(({ profile, note }) => ({ provider: profile.name, note })));
  const withPacts = { ...selection, profiles: options.profiles.filter((profile) => pacts.some((pact) => pact.profile === profile)) };
  if (withPacts.profiles.length === 0) return { checks: skipped, matrix: [] };
  const report = await verifyPacts({ ...withPacts, baseUrls: options.baseUrls, tokens: options.tokens, states: options.states });
  const crossCheck = await checkPactsAgainstSpecs(withPacts);
  return {
    checks: [...verificationCases(report.results), ...crossCheckCases(crossCheck), ...skipped],
    matrix: contractMatrix(await contractCoverage(withPacts), report.results),
  };
}
