import path from 'node:path';
import { checkOutputFile, writeOutputFile } from '../../core/output-files.ts';
import { SUMMARY_SCHEMA_VERSION, type RunSummary } from '../../core/summary.ts';
import {
  contractCoverage, contractMatrix, describeMismatches, selectPacts, skippedCases, verificationCases, verifyPacts, type VerifyReport,
} from '../../contract/index.ts';
import { renderJunit } from '../../report/index.ts';
import { displayPath } from '../../spec/index.ts';
import { stringOption, type Command, type Io, type ParsedArgs } from '../command.ts';
import { defaultConfigNote } from '../config-option.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { RUNWARDEN_VERSION } from '../version.ts';
import { plural } from '../print-findings.ts';
import { providersRefusingToken, tokenRefused } from '../refused-token.ts';
import { CONTRACT_OPTIONS, contractScope, skippedNotes, type ContractScope } from './contract-args.ts';
import { contractTargets, TARGET_OPTIONS, type ContractTargets } from './contract-targets.ts';

const NAME = 'contract verify';

/** `runwarden contract verify`: every pact verified by the Pact Verifier against its provider or the simulator. */
export const contractVerifyCommand: Command = {
  name: NAME,
  usage: 'runwarden contract verify [--config file] [--pacts dir|file] [--provider name [--base-url URL] [--token-env VAR] [--states-url URL]] [--junit file]',
  options: {
    ...CONTRACT_OPTIONS,
    ...TARGET_OPTIONS,
    junit: { type: 'string', description: 'Write a JUnit XML report here: one test case per interaction' },
    verbose: { type: 'boolean', description: 'Also print the Pact Verifier\'s own report' },
  },
  details: [
    'A pact\'s provider.name selects its profile. A provider with a baseUrl (or --base-url) is verified against its',
    'real API: the token comes from --token-env or its profile\'s auth.tokenEnv and goes where its auth says, in place',
    'of the pacts\' placeholder, never printed; its provider states go to its providerStates endpoint (or --states-url),',
    'else they are assumed to hold. Every other provider is verified against the embedded simulator on port 0, with',
    'its provider states. A provider without pacts is skipped with a note. Pending interactions are reported but do not',
    'fail the run. Exit codes: 0 verified, 1 an interaction failed, 2 unusable input (corrupt pact, unknown provider,',
    'unreachable provider, failing state handler).',
  ].join('\n'),
  run: runVerify,
};

async function runVerify(args: ParsedArgs, io: Io): Promise<ExitCode> {
  const scope = contractScope(args);
  const junit = stringOption(args, 'junit');
  if (junit !== undefined) await checkOutputFile(junit, 'the JUnit report');
  io.err(defaultConfigNote(scope.config));
  const started = new Date();
  const { pacts } = await selectPacts(scope);
  const targets = await contractTargets(args, scope.profiles, NAME, (profile) => pacts.some((pact) => pact.profile === profile));
  let report: VerifyReport;
  try {
    report = await verifyPacts({ ...scope, baseUrls: targets.baseUrls, tokens: targets.tokens, states: targets.states });
  } finally {
    await targets.close();
  }
  const refusing = providersRefusingToken(pacts, report.results, (provider) => !targets.simulated.has(provider));
  if (refusing.length > 0) throw tokenRefused(refusing, targets.baseUrls, (provider) => tokenSourceOf(args, scope, provider));
  const failed = report.results.filter((result) => !result.ok && !result.pending);
  if (junit !== undefined) await writeJunit(junit, await summaryOf(scope, report, targets, started));
  if (args.values.verbose) io.err(report.output);
  if (args.values.json) {
    io.out(`${JSON.stringify({ target: kindOf(report, targets), pacts: report.pacts, skipped: report.skipped, durationMs: Math.round(report.durationMs), passed: failed.length === 0, results: report.results }, null, 2)}\n`);
  } else {
    io.out(renderResults(report, targets));
    if (junit !== undefined) io.out(`JUnit report: ${displayPath(path.resolve(junit))}\n`);
  }
  return failed.length === 0 ? EXIT.ok : EXIT.findings;
}

/** Where a real provider's token came from, as the user would name it (never the token itself). */
function tokenSourceOf(args: ParsedArgs, scope: ContractScope, provider: string): string {
  const flag = stringOption(args, 'token-env');
  if (flag !== undefined) return `$${flag} (--token-env)`;
  const auth = scope.profiles.find((profile) => profile.name === provider)?.auth;
  const variable = auth === undefined || auth.type === 'none' ? undefined : auth.tokenEnv;
  return variable === undefined ? 'its profile' : `$${variable} (auth.tokenEnv of its profile)`;
}

/** What the pacts were verified against: all on the simulator, all real, or both. */
function kindOf(report: VerifyReport, targets: ContractTargets): 'simulator' | 'remote' | 'mixed' {
  const simulated = report.pacts.filter((pact) => targets.simulated.has(pact.provider)).length;
  if (simulated === report.pacts.length) return 'simulator';
  return simulated === 0 ? 'remote' : 'mixed';
}

function renderResults(report: VerifyReport, targets: ContractTargets): string {
  const lines: string[] = [];
  for (const pact of report.pacts) {
    lines.push(`${pact.provider}: ${pact.pact} (${plural(pact.interactions, 'interaction')}) against ${targets.simulated.has(pact.provider) ? 'the embedded simulator' : pact.baseUrl}`);
    for (const result of report.results.filter((candidate) => candidate.pact === pact.pact)) {
      const mark = result.ok ? '✓' : result.pending ? '~' : '✗';
      const time = result.durationMs === undefined ? '' : `  (${result.durationMs} ms)`;
      lines.push(`  ${mark} ${result.description}${result.pending ? ' [pending]' : ''}${time}`);
      if (!result.ok) lines.push(...describeMismatches(result).map((line) => `      ${line}`));
    }
  }
  const passed = report.results.filter((result) => result.ok).length;
  const pending = report.results.filter((result) => !result.ok && result.pending).length;
  const failed = report.results.length - passed - pending;
  const seconds = (report.durationMs / 1000).toFixed(1);
  if (report.skipped.length > 0) lines.push(skippedNotes(report.skipped).trimEnd());
  lines.push('', `${failed === 0 ? '✓' : '✗'} ${passed} passed, ${failed} failed, ${pending} pending (not failing the run) of ${plural(report.results.length, 'interaction')} in ${plural(report.pacts.length, 'pact')} (${seconds} s)`);
  return `${lines.join('\n')}\n`;
}

async function summaryOf(scope: ContractScope, report: VerifyReport, targets: ContractTargets, started: Date): Promise<RunSummary> {
  const checks = [...verificationCases(report.results), ...skippedCases(report.skipped)];
  const verified = scope.profiles.filter((profile) => report.pacts.some((pact) => pact.provider === profile.name));
  const finished = new Date();
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    runId: `contract-verify-${started.toISOString().replace(/[:.]/g, '-')}`,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    runwardenVersion: RUNWARDEN_VERSION,
    target: { kind: kindOf(report, targets) === 'simulator' ? 'simulator' : 'remote', baseUrls: Object.fromEntries(report.pacts.map((pact) => [pact.provider, pact.baseUrl])) },
    verdict: checks.every((check) => check.ok) ? 'pass' : 'fail',
    checks,
    contracts: contractMatrix(await contractCoverage({ ...scope, profiles: verified }), report.results),
    load: [],
  };
}

async function writeJunit(file: string, summary: RunSummary): Promise<void> {
  await writeOutputFile(file, renderJunit(summary), 'the JUnit report');
}
