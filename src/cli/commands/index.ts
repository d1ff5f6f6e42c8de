import type { Command } from '../command.ts';

/** A command as `runwarden --help` lists it; its module (and its dependencies) load only when it runs. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

/** Every CLI command, in the order `runwarden --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'ci', summary: 'Run everything (specs, contracts, cross-checks, load SLOs) against the simulator or a provider; write reports/', load: async () => (await import('./ci.ts')).ciCommand },
  { name: 'init', summary: 'Write a commented runwarden.config.yaml and a starter load scenario for an OpenAPI spec runwarden has never seen', load: async () => (await import('./init.ts')).initCommand },
  { name: 'validate', summary: 'Validate a response body or a HAR file against an OpenAPI spec', load: async () => (await import('./validate.ts')).validateCommand },
  { name: 'spec check', summary: 'Load, lint (Redocly recommended) and check every example of the specs against their own schemas', load: async () => (await import('./spec-check.ts')).specCheckCommand },
  { name: 'spec diff', summary: 'Compare two versions of a spec (files, or --base <git-ref>): breaking changes, lifecycle rules from the provider profile', load: async () => (await import('./spec-diff.ts')).specDiffCommand },
  { name: 'spec drift', summary: 'List what recorded traffic (HAR) carries that the spec does not document, as suggested schema additions', load: async () => (await import('./spec-drift.ts')).specDriftCommand },
  { name: 'serve', summary: 'Start the simulator: every configured provider at its base path, with runs that move through their lifecycles', load: async () => (await import('./serve.ts')).serveCommand },
  { name: 'contract verify', summary: 'Verify the pacts with the Pact Verifier against the embedded simulator or a real provider', load: async () => (await import('./contract-verify.ts')).contractVerifyCommand },
  { name: 'contract check-spec', summary: 'Check every pact interaction against its provider\'s spec (route, parameters, body, status)', load: async () => (await import('./contract-check-spec.ts')).contractCheckSpecCommand },
  { name: 'contract coverage', summary: 'Tabulate which operations, response statuses and run states the pacts exercise, per provider', load: async () => (await import('./contract-coverage.ts')).contractCoverageCommand },
  { name: 'load', summary: 'Run a load scenario (open or closed model) and gate on its SLO thresholds', load: async () => (await import('./load.ts')).loadCommand },
  { name: 'report compare', summary: 'Compare two runs; exit 1 on a statistically significant regression beyond the tolerance', load: async () => (await import('./report-compare.ts')).reportCompareCommand },
  { name: 'report merge', summary: 'Merge the shards of a scaled-out load run exactly (HDR histograms added) and gate once on the merged result', load: async () => (await import('./report-merge.ts')).reportMergeCommand },
  { name: 'report render', summary: 'Re-render summary.md, junit.xml and index.html from a summary.json', load: async () => (await import('./report-render.ts')).reportRenderCommand },
];
