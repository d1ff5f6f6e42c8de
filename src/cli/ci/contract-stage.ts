import type { ProviderName } from '../../core/providers.ts';
import type { CheckCase, ContractMatrixCell } from '../../core/summary.ts';
import {
  checkPactsAgainstSpecs, contractCoverage, contractMatrix, crossCheckCases, verificationCases, verifyPacts, type ProviderStateSetup,
} from '../../contract/index.ts';

export interface ContractStageOptions {
  pacts: string;
  provider?: ProviderName;
  baseUrls: Partial<Record<ProviderName, string>>;
  tokens: Partial<Record<ProviderName, string>>;
  states?: ProviderStateSetup;
}

/** Verifies the pacts against the target, cross-checks them against the specs, and tabulates coverage. */
export async function contractStage(options: ContractStageOptions): Promise<{ checks: CheckCase[]; matrix: ContractMatrixCell[] }> {
  const selection = { pacts: options.pacts, ...(options.provider ? { provider: options.provider } : {}) };
  const report = await verifyPacts({ ...selection, baseUrls: options.baseUrls, tokens: options.tokens, ...(options.states ? { states: options.states } : {}) });
  const crossCheck = await checkPactsAgainstSpecs(selection);
  return {
    checks: [...verificationCases(report.results), ...crossCheckCases(crossCheck)],
    matrix: contractMatrix(await contractCoverage(selection), report.results),
  };
}
