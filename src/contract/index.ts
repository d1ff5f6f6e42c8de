// The contract layer's public API: read pacts, verify them, cross-check them against the specs, tabulate coverage.
// Callers pass the provider profiles; a pact's provider.name selects its profile.
export { readPactFile, listPactFiles, parsePact, type PactFile, type PactInteraction } from './pact-file.ts';
export { selectPacts, type PactSelection, type ProviderPact, type SelectedPacts } from './pact-selection.ts';
export { bundledPactsDir } from './bundled-pacts.ts';
export { verifyPacts, type SkippedProvider, type VerifyOptions, type VerifyReport, type VerifiedPact } from './verify.ts';
export type { InteractionResult, Mismatch } from './verify-results.ts';
export { checkPactsAgainstSpecs, checkInteraction, type CheckSpecOptions, type CheckSpecReport, type CrossCheckFinding, type InteractionCheck } from './check-spec.ts';
export { contractCoverage, contractMatrix, type CoverageOptions, type ProviderCoverage, type OperationCoverage, type RunStateCoverage } from './coverage.ts';
export { assumeStates, httpStates, type ProviderStateSetup } from './state-setup.ts';
export { PLACEHOLDER_AUTHORIZATION, PLACEHOLDER_SECRET, REVOKED_AUTHORIZATION } from './placeholder.ts';
export { crossCheckCases, describeMismatches, skippedCases, verificationCases } from './check-cases.ts';
