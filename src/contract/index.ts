// The contract layer's public API: read pacts, verify them, cross-check them against the specs, tabulate coverage.
export { readPactFile, readPacts, listPactFiles, providerOf, parsePact, type PactFile, type PactInteraction } from './pact-file.ts';
export { bundledPactsDir } from './bundled-pacts.ts';
export { verifyPacts, type VerifyOptions, type VerifyReport, type VerifiedPact } from './verify.ts';
export type { InteractionResult, Mismatch } from './verify-results.ts';
export { checkPactsAgainstSpecs, checkInteraction, type CheckSpecOptions, type CheckSpecReport, type CrossCheckFinding, type InteractionCheck } from './check-spec.ts';
export { contractCoverage, contractMatrix, type ProviderCoverage, type OperationCoverage, type RunStateCoverage } from './coverage.ts';
export { assumeStates, remoteStates, simulatorStates, type ProviderStateSetup } from './state-setup.ts';
export { PROVIDER_STATES, simStatesFor, type StateCatalog, type StateMapping } from './provider-states.ts';
export { SIMULATOR_FIXTURES } from './simulator-fixtures.ts';
export { PLACEHOLDER_AUTHORIZATION, REVOKED_AUTHORIZATION } from './placeholder.ts';
export { crossCheckCases, describeMismatches, verificationCases } from './check-cases.ts';
