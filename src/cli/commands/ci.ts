import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { SCENARIOS } from '../../../load/index.ts';
import { RunwardenError } from '../../core/errors.ts';
import { PROVIDERS, type ProviderName } from '../../core/providers.ts';
import { SUMMARY_SCHEMA_VERSION, type CheckCase, type ContractMatrixCell, type LoadScenarioSummary, type RunSummary } from '../../core/summary.ts';
import { checkTarget, createRegistry, parseDuration, parseThresholds, progressPrinter, type Scenario, type Thresholds } from '../../load/index.ts';
import { writeReports } from '../../report/index.ts';
import { displayPath, parseJsonText, readTextFile } from '../../spec/index.ts';
import { contractStage } from '../ci/contract-stage.ts';
import { loadStage } from '../ci/load-stage.ts';
import { specStage } from '../ci/spec-stage.ts';
import { stringOption, type Command, type Io, type ParsedArgs } from '../command.ts';
import { startContractSimulator } from '../contract-simulator.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { scenarioProviders } from '../load-validator.ts';
import { pactsOf, providerOf } from './contract-args.ts';
import { tokenFromEnvOption } from '../token-option.ts';
import { RUNWARDEN_VERSION } from '../version.ts';

const NAME = 'ci';
/** Short, bounded load runs: one per provider's main flow. */
const DEFAULT_SCENARIOS = ['deck-create-poll', 'refactor-async', 'rightbrain-run-fetch', 'rightbrain-agent-poll'];
const DEFAULT_DURATION = '3s';

/** `runwarden ci`: the whole harness in one command — specs, contracts, cross-checks, load with SLO gates, reports. */
export const ciCommand: Command = {
  name: NAME,
  usage: 'runwarden ci [--out reports] [--duration 3s] [--scenarios a,b] [--provider deck --base-url URL --token-env VAR [--allow-remote]]',
  options: {
    out: { type: 'string', description: 'Reports directory (default reports); writes <out>/<run>/ and <out>/latest/' },
    duration: { type: 'string', description: `Arrival phase of each load scenario (default ${DEFAULT_DURATION})` },
    scenarios: { type: 'string', description: `Comma-separated load scenarios (default ${DEFAULT_SCENARIOS.join(',')})` },
    'skip-load': { type: 'boolean', description: 'Do not run load scenarios' },
    thresholds: { type: 'string', description: 'JSON file of SLO thresholds merged over every scenario\'s own' },
    pacts: { type: 'string', description: 'A pact file or a directory of pacts (default contracts/pacts/)' },
    'sim-config': { type: 'string', description: 'Simulator config (JSON, as runwarden serve --config), e.g. to inject faults' },
    provider: { type: 'string', description: `With --base-url: the provider it serves (${PROVIDERS.join(', ')})` },
    'base-url': { type: 'string', description: 'A real provider\'s API base URL instead of the simulator (needs --provider)' },
    'token-env': { type: 'string', description: 'Environment variable holding the provider\'s token (with --base-url)' },
    'allow-remote': { type: 'boolean', description: 'Also run load scenarios against a non-loopback --base-url' },
  },
  details: [
    'Stages: 1. load, lint and check the examples of every spec; 2. start the embedded simulator on 127.0.0.1:0',
    '(or use --base-url); 3. verify the pacts and cross-check them against the specs; 4. run short load scenarios',
    'and gate on their SLOs; 5. write summary.json, summary.md, junit.xml and index.html.',
    'Exit codes: 0 every check passed, 1 a check failed (see reports/latest/summary.md), 2 unusable input.',
  ].join('\n'),
  run: runCi,
};

interface Plan {
  outDir: string;
  pacts: string;
  durationMs: number;
  scenarios: Scenario[];
  thresholds?: Thresholds;
  simConfig?: string;
  remote?: { provider: ProviderName; baseUrl: string; token?: string; loadAllowed: boolean };
}

async function runCi(args: ParsedArgs, io: Io): Promise<ExitCode> {
  const plan = await planOf(args);
  const started = new Date();
  const checks: CheckCase[] = [];
  let contracts: ContractMatrixCell[] = [];
  let load: LoadScenarioSummary[] = [];
  const providers = plan.remote ? [plan.remote.provider] : [...PROVIDERS];
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    io.err(`${label} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    return result;
  };

  checks.push(...await step('specs checked', () => specStage(providers)));
  const target = plan.remote ? remoteTarget(plan.remote) : await simulatorTarget(plan.simConfig);
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  process.once('SIGINT', abort);
  try {
    const stage = await step('contracts verified and cross-checked', () => contractStage({
      pacts: plan.pacts, ...(plan.remote ? { provider: plan.remote.provider } : {}),
      baseUrls: target.baseUrls, tokens: target.tokens, ...(target.states ? { states: target.states } : {}),
    }));
    checks.push(...stage.checks);
    contracts = stage.matrix;
    if (plan.remote && !plan.remote.loadAllowed) {
      checks.push({ suite: 'slo', group: 'load', name: 'load scenarios', ok: true, skipped: true, message: `not run against ${plan.remote.baseUrl}: pass --allow-remote to load a remote target` });
    } else if (plan.scenarios.length > 0) {
      const loaded = await step(`load scenarios run (${plan.scenarios.map((scenario) => scenario.name).join(', ')})`, () => loadStage({
        scenarios: plan.scenarios, targets: target.baseUrls, tokens: target.tokens, durationMs: plan.durationMs,
        outDir: path.join(plan.outDir, 'load'), signal: controller.signal,
        listeners: [progressPrinter((text) => io.err(text), io.isTty)],
        ...(plan.thresholds ? { thresholds: plan.thresholds } : {}),
      }));
      checks.push(...loaded.checks);
      load = loaded.scenarios;
    }
  } finally {
    process.off('SIGINT', abort);
    await target.close();
  }

  const finished = new Date();
  const summary: RunSummary = {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    runId: `${started.toISOString().replace(/[:.]/g, '-')}-${randomBytes(2).toString('hex')}`,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    runwardenVersion: RUNWARDEN_VERSION,
    target: { kind: plan.remote ? 'remote' : 'simulator', baseUrls: plan.remote ? { [plan.remote.provider]: plan.remote.baseUrl } : target.baseUrls },
    verdict: checks.every((check) => check.ok) && !controller.signal.aborted ? 'pass' : 'fail',
    checks,
    contracts,
    load,
  };
  const files = await writeReports(summary, plan.outDir);
  io.out(verdictText(summary, displayPath(files.latestDir)));
  return summary.verdict === 'pass' ? EXIT.ok : EXIT.findings;
}

function verdictText(summary: RunSummary, latestDir: string): string {
  const failed = summary.checks.filter((check) => !check.ok);
  const skipped = summary.checks.filter((check) => check.skipped).length;
  const lines = failed.slice(0, 20).map((check) => `  ✗ [${check.suite}] ${check.group}: ${check.name}${check.message ? `\n      ${check.message.split('\n').join('\n      ')}` : ''}`);
  if (failed.length > 20) lines.push(`  … and ${failed.length - 20} more`);
  const mark = summary.verdict === 'pass' ? '✓' : '✗';
  return [
    ...lines,
    `${mark} ${summary.checks.length - failed.length - skipped} passed, ${failed.length} failed, ${skipped} skipped in ${(summary.durationMs / 1000).toFixed(1)} s`,
    `reports: ${latestDir}/ (summary.md, junit.xml, index.html, summary.json)`,
    '',
  ].join('\n');
}

interface Target {
  baseUrls: Partial<Record<ProviderName, string>>;
  tokens: Partial<Record<ProviderName, string>>;
  states?: Awaited<ReturnType<typeof startContractSimulator>>['states'];
  close(): Promise<void>;
}

async function simulatorTarget(simConfig: string | undefined): Promise<Target> {
  const started = await startContractSimulator(simConfig);
  return { baseUrls: started.simulator.urls, tokens: started.tokens, states: started.states, close: started.close };
}

function remoteTarget(remote: NonNullable<Plan['remote']>): Target {
  return {
    baseUrls: { [remote.provider]: remote.baseUrl },
    tokens: remote.token === undefined ? {} : { [remote.provider]: remote.token },
    close: async () => {},
  };
}

/** Reads and checks every flag and file before anything starts: all problems are usage errors (exit 2). */
async function planOf(args: ParsedArgs): Promise<Plan> {
  const registry = createRegistry(SCENARIOS);
  const remote = remoteOf(args);
  const names = args.values['skip-load'] === true ? [] : (stringOption(args, 'scenarios')?.split(',').map((name) => name.trim()).filter(Boolean) ?? DEFAULT_SCENARIOS);
  let scenarios = names.map((name) => registry.get(name));
  if (remote) scenarios = scenarios.filter((scenario) => scenarioProviders(scenario).every((provider) => provider === remote.provider));
  const thresholdsFile = stringOption(args, 'thresholds');
  const simConfig = stringOption(args, 'sim-config');
  if (remote && simConfig !== undefined) throw usage('--sim-config applies to the embedded simulator only (not with --base-url)');
  return {
    outDir: path.resolve(stringOption(args, 'out') ?? 'reports'),
    pacts: pactsOf(args),
    durationMs: parseDuration(stringOption(args, 'duration') ?? DEFAULT_DURATION, '--duration'),
    scenarios,
    ...(thresholdsFile === undefined ? {} : { thresholds: parseThresholds(parseJsonText(await readTextFile(thresholdsFile, 'thresholds file'), thresholdsFile), thresholdsFile) }),
    ...(simConfig === undefined ? {} : { simConfig }),
    ...(remote ? { remote } : {}),
  };
}

function remoteOf(args: ParsedArgs): Plan['remote'] {
  const baseUrl = stringOption(args, 'base-url');
  const provider = providerOf(args, NAME);
  if (baseUrl === undefined) {
    for (const flag of ['provider', 'token-env', 'allow-remote'] as const) {
      if (args.values[flag] !== undefined) throw usage(`--${flag} only applies with --base-url`, 'Without --base-url, everything runs against the embedded simulator.');
    }
    return undefined;
  }
  if (provider === undefined) throw usage('--base-url needs --provider: a base URL belongs to one provider', 'For example: --provider deck --base-url https://api.deck.co/v2');
  const allowRemote = args.values['allow-remote'] === true;
  let loadAllowed = true;
  try {
    checkTarget(baseUrl, allowRemote);
  } catch (error) {
    // A remote target is still verified and cross-checked; only load traffic needs --allow-remote.
    if (!(error instanceof RunwardenError) || error.code !== 'REMOTE_REFUSED') throw error;
    loadAllowed = false;
  }
  const token = tokenFromEnvOption(args, NAME);
  return { provider, baseUrl: baseUrl.replace(/\/$/, ''), ...(token === undefined ? {} : { token }), loadAllowed };
}

function usage(message: string, hint = `Run \`runwarden ${NAME} --help\` for the options.`): RunwardenError {
  return new RunwardenError('USAGE', `runwarden ${NAME}: ${message}`, hint);
}
