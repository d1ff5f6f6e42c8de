import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RunwardenError } from '../../core/errors.ts';
import type { ProviderName } from '../../core/providers.ts';
import { SUMMARY_SCHEMA_VERSION, type RunSummary } from '../../core/summary.ts';
import {
  assumeStates, contractCoverage, contractMatrix, describeMismatches, remoteStates, verificationCases, verifyPacts, type VerifyOptions, type VerifyReport,
} from '../../contract/index.ts';
import { renderJunit } from '../../report/index.ts';
import { displayPath } from '../../spec/index.ts';
import { stringOption, type Command, type Io, type ParsedArgs } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { startContractSimulator } from '../contract-simulator.ts';
import { tokenFromEnvOption } from '../token-option.ts';
import { RUNWARDEN_VERSION } from '../version.ts';
import { plural } from '../print-findings.ts';
import { CONTRACT_OPTIONS, pactsOf, providerOf } from './contract-args.ts';

const NAME = 'contract verify';

/** `runwarden contract verify`: every pact verified by the Pact Verifier against the simulator or a real provider. */
export const contractVerifyCommand: Command = {
  name: NAME,
  usage: 'runwarden contract verify [--pacts dir|file] [--provider deck] [--base-url URL --token-env VAR] [--junit file]',
  options: {
    ...CONTRACT_OPTIONS,
    'base-url': { type: 'string', description: 'A real provider\'s API base URL, e.g. https://api.deck.co/v2 (needs --provider)' },
    'token-env': { type: 'string', description: 'Environment variable holding the provider\'s token (with --base-url)' },
    'states-url': { type: 'string', description: 'The provider\'s own state-change endpoint (Pact\'s providerStatesSetupUrl), with --base-url' },
    'sim-config': { type: 'string', description: 'Simulator config file (JSON, as runwarden serve --config), e.g. to inject faults' },
    junit: { type: 'string', description: 'Write a JUnit XML report here: one test case per interaction' },
    verbose: { type: 'boolean', description: 'Also print the Pact Verifier\'s own report' },
  },
  details: [
    'Without --base-url, starts the embedded simulator on port 0 and wires its provider-state endpoint to the',
    'pacts\' states (src/contract/provider-states.ts). The token is read from the variable named by --token-env and',
    'never printed; pacts hold only a placeholder. Pending interactions are reported but do not fail the run.',
    'Exit codes: 0 verified, 1 an interaction failed, 2 unusable input (corrupt pact, unknown provider,',
    'unreachable provider, failing state handler).',
  ].join('\n'),
  run: runVerify,
};

interface Target {
  kind: 'simulator' | 'remote';
  options: Pick<VerifyOptions, 'baseUrls' | 'tokens' | 'states'>;
  /** Stops what the command started. */
  close(): Promise<void>;
}

async function runVerify(args: ParsedArgs, io: Io): Promise<ExitCode> {
  const provider = providerOf(args, NAME);
  const started = new Date();
  const target = await targetOf(args, provider);
  let report: VerifyReport;
  try {
    report = await verifyPacts({ pacts: pactsOf(args), provider, ...target.options });
  } finally {
    await target.close();
  }
  const failed = report.results.filter((result) => !result.ok && !result.pending);
  const junit = stringOption(args, 'junit');
  if (junit !== undefined) await writeJunit(junit, await summaryOf(args, report, target.kind, started, provider));
  if (args.values.verbose) io.err(report.output);
  if (args.values.json) {
    io.out(`${JSON.stringify({ target: target.kind, pacts: report.pacts, durationMs: Math.round(report.durationMs), passed: failed.length === 0, results: report.results }, null, 2)}\n`);
  } else {
    io.out(renderResults(report, target.kind));
    if (junit !== undefined) io.out(`JUnit report: ${displayPath(path.resolve(junit))}\n`);
  }
  return failed.length === 0 ? EXIT.ok : EXIT.findings;
}

/** The embedded simulator (default) or the real provider named by --base-url. */
async function targetOf(args: ParsedArgs, provider: ProviderName | undefined): Promise<Target> {
  const baseUrl = stringOption(args, 'base-url');
  const statesUrl = stringOption(args, 'states-url');
  if (baseUrl === undefined) {
    for (const flag of ['token-env', 'states-url'] as const) {
      if (stringOption(args, flag) !== undefined) throw usage(`--${flag} only applies with --base-url`, 'Without --base-url the embedded simulator is used, with its own token and states.');
    }
    return simulatorTarget(stringOption(args, 'sim-config'));
  }
  if (provider === undefined) throw usage('--base-url needs --provider: a base URL belongs to one provider', `For example: --provider deck --base-url https://api.deck.co/v2`);
  if (stringOption(args, 'sim-config') !== undefined) throw usage('--sim-config only applies to the embedded simulator (without --base-url)');
  validUrl(baseUrl, 'base-url');
  if (statesUrl !== undefined) validUrl(statesUrl, 'states-url');
  const token = tokenFromEnvOption(args, NAME);
  return {
    kind: 'remote',
    options: { baseUrls: { [provider]: baseUrl }, tokens: token === undefined ? {} : { [provider]: token }, states: statesUrl === undefined ? assumeStates : remoteStates(statesUrl) },
    close: async () => {},
  };
}

async function simulatorTarget(configFile: string | undefined): Promise<Target> {
  const { simulator, tokens, states, close } = await startContractSimulator(configFile);
  return { kind: 'simulator', options: { baseUrls: simulator.urls, tokens, states }, close };
}

function renderResults(report: VerifyReport, kind: Target['kind']): string {
  const lines: string[] = [];
  for (const pact of report.pacts) {
    lines.push(`${pact.provider}: ${pact.pact} (${plural(pact.interactions, 'interaction')}) against ${kind === 'simulator' ? 'the embedded simulator' : pact.baseUrl}`);
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
  lines.push('', `${failed === 0 ? '✓' : '✗'} ${passed} passed, ${failed} failed, ${pending} pending (not failing the run) of ${plural(report.results.length, 'interaction')} in ${plural(report.pacts.length, 'pact')} (${seconds} s)`);
  return `${lines.join('\n')}\n`;
}

async function summaryOf(args: ParsedArgs, report: VerifyReport, kind: Target['kind'], started: Date, provider: ProviderName | undefined): Promise<RunSummary> {
  const checks = verificationCases(report.results);
  const finished = new Date();
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    runId: `contract-verify-${started.toISOString().replace(/[:.]/g, '-')}`,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    runwardenVersion: RUNWARDEN_VERSION,
    target: { kind, baseUrls: Object.fromEntries(report.pacts.map((pact) => [pact.provider, pact.baseUrl])) },
    verdict: checks.every((check) => check.ok) ? 'pass' : 'fail',
    checks,
    contracts: contractMatrix(await contractCoverage({ pacts: pactsOf(args), provider }), report.results),
    load: [],
  };
}

async function writeJunit(file: string, summary: RunSummary): Promise<void> {
  const absolute = path.resolve(file);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, renderJunit(summary));
}

function validUrl(value: string, flag: string): void {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new RunwardenError('URL_INVALID', `runwarden ${NAME}: --${flag} is not an http(s) URL\nReceived: ${value}`, 'For example: https://api.deck.co/v2');
  }
}

function usage(message: string, hint = `Run \`runwarden ${NAME} --help\` for the options.`): RunwardenError {
  return new RunwardenError('USAGE', `runwarden ${NAME}: ${message}`, hint);
}
