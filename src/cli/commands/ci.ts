import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { RunwardenConfig } from '../../config/index.ts';
import { RunwardenError } from '../../core/errors.ts';
import { makeDirectory } from '../../core/output-files.ts';
import type { ProviderProfile, ProviderStatesEndpoint } from '../../core/profile/index.ts';
import { SUMMARY_SCHEMA_VERSION, type CheckCase, type ContractMatrixCell, type LoadScenarioSummary, type RunSummary, type SamplesSummary, type SpecBaselineSummary } from '../../core/summary.ts';
import { ExchangeSampler, mergeThresholds, resolveLoadTarget, parseDuration, parseThresholds, progressPrinter, type Scenario, type Thresholds } from '../../load/index.ts';
import { runFolderName, writeReports } from '../../report/index.ts';
import { displayPath, parseJsonText, readTextFile } from '../../spec/index.ts';
import { contractStage } from '../ci/contract-stage.ts';
import { writeLoadSamples } from '../ci/load-samples.ts';
import { loadStage } from '../ci/load-stage.ts';
import { checkSpecBaseline, specBaselineStage } from '../ci/spec-baseline-stage.ts';
import { specStage } from '../ci/spec-stage.ts';
import { stringOption, type Command, type Io, type ParsedArgs } from '../command.ts';
import { CONFIG_OPTIONS, configOf, defaultConfigNote, selectedProviders } from '../config-option.ts';
import { startContractSimulator } from '../contract-simulator.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { resolveScenarios } from '../load-scenarios.ts';
import { scenarioProviders } from '../load-validator.ts';
import { tokenForProfile } from '../token-option.ts';
import { RUNWARDEN_VERSION } from '../version.ts';

const NAME = 'ci';
const DEFAULT_DURATION = '3s';

/** `runwarden ci`: the whole harness in one command — specs, contracts, cross-checks, load with SLO gates, reports. */
export const ciCommand: Command = {
  name: NAME,
  usage: 'runwarden ci [--config runwarden.config.yaml] [--provider name [--base-url URL]] [--out reports] [--duration 3s] [--scenarios a,b] [--simulator] [--spec-baseline git-ref]',
  options: {
    ...CONFIG_OPTIONS,
    out: { type: 'string', description: 'Reports directory (default: the config\'s reports.out, else reports); writes <out>/<run>/ and <out>/latest/' },
    duration: { type: 'string', description: `Arrival phase of each load scenario (default: the config's load.duration, else ${DEFAULT_DURATION})` },
    scenarios: { type: 'string', description: 'Comma-separated load scenarios, files or bundled names (default: the config\'s scenarios)' },
    'skip-load': { type: 'boolean', description: 'Do not run load scenarios' },
    thresholds: { type: 'string', description: 'JSON file of SLO thresholds merged over every scenario\'s own (and the config\'s)' },
    pacts: { type: 'string', description: 'A pact file or a directory of pacts (default: the config\'s pacts)' },
    'sim-config': { type: 'string', description: 'Simulator config (JSON, as runwarden serve --sim-config), e.g. to inject faults' },
    'base-url': { type: 'string', description: 'Test this URL for --provider instead of its profile\'s baseUrl or the simulator' },
    'token-env': { type: 'string', description: 'Environment variable holding the token for --base-url (default: the profile\'s auth.tokenEnv)' },
    'allow-remote': { type: 'boolean', description: 'Also run load scenarios against non-loopback providers' },
    simulator: { type: 'boolean', description: 'Run every provider against the embedded simulator, even those whose profile sets a baseUrl' },
    'spec-baseline': { type: 'string', description: 'Git ref (e.g. origin/main) to diff each provider\'s spec against, as runwarden spec diff --base does; a breaking change fails the run' },
  },
  details: [
    'Stages: 1. load, lint and check the examples of every provider\'s spec; 2. start the embedded simulator on',
    '127.0.0.1:0 for the providers without a baseUrl; 3. verify the pacts and cross-check them against the specs',
    '(a provider without pacts is skipped with a note); 4. run the configured load scenarios and gate on their SLOs;',
    '5. write summary.json, summary.md, junit.xml and index.html.',
    'With --spec-baseline <git-ref>, each provider\'s spec is first diffed against its version at the ref (lifecycle rules',
    'from its profile, consumer impact from the pacts): a breaking change or a broken pact interaction fails the run.',
    'A provider whose profile sets baseUrl is tested there (its token from auth.tokenEnv); load traffic to a',
    'non-loopback host needs --allow-remote.',
    'Exit codes: 0 every check passed, 1 a check failed (see reports/latest/summary.md), 2 unusable input.',
  ].join('\n'),
  run: runCi,
};

/** A provider tested at a real URL rather than on the simulator. */
interface RealTarget {
  baseUrl: string;
  token?: string;
  /**
   * Where load traffic goes: the base URL, pinned to the checked loopback address without --allow-remote. Absent
   * for a host that is not loopback by address without --allow-remote: verified and cross-checked, but not loaded.
   */
  loadUrl?: string;
}

interface Plan {
  config: RunwardenConfig;
  providers: ProviderProfile[];
  outDir: string;
  pacts?: string;
  durationMs: number;
  scenarios: Scenario[];
  thresholds?: Thresholds;
  simConfig?: string;
  real: Map<string, RealTarget>;
  specBaseline?: string;
}

async function runCi(args: ParsedArgs, io: Io): Promise<ExitCode> {
  const plan = await planOf(args);
  io.err(defaultConfigNote(plan.config));
  const started = new Date();
  // Known before the stages, so the load stage's samples.har goes straight into reports/<run>/.
  const runId = `${started.toISOString().replace(/[:.]/g, '-')}-${randomBytes(2).toString('hex')}`;
  const sampler = new ExchangeSampler();
  let samples: SamplesSummary | undefined;
  const checks: CheckCase[] = [];
  let contracts: ContractMatrixCell[] = [];
  let load: LoadScenarioSummary[] = [];
  let specBaseline: SpecBaselineSummary | undefined;
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    io.err(`${label} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    return result;
  };

  checks.push(...await step('specs checked', () => specStage(plan.providers)));
  if (plan.specBaseline !== undefined) {
    const ref = plan.specBaseline;
    const stage = await step(`specs diffed against ${ref}`, () => specBaselineStage({ ref, profiles: plan.providers, configured: plan.config.providers, ...(plan.pacts === undefined ? {} : { pacts: plan.pacts }) }));
    checks.push(...stage.checks);
    specBaseline = stage.summary;
  }
  const target = await targetOf(plan);
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  process.once('SIGINT', abort);
  try {
    const stage = await step('contracts verified and cross-checked', () => contractStage({
      ...(plan.pacts === undefined ? {} : { pacts: plan.pacts }),
      profiles: plan.providers, configured: plan.config.providers,
      baseUrls: target.baseUrls, tokens: target.tokens, states: target.states,
    }));
    checks.push(...stage.checks);
    contracts = stage.matrix;
    const refused = plan.scenarios.filter((scenario) => scenarioProviders(scenario).some((name) => plan.real.has(name) && plan.real.get(name)!.loadUrl === undefined));
    for (const scenario of refused) {
      const hosts = scenarioProviders(scenario).map((name) => plan.real.get(name)?.baseUrl).filter(Boolean).join(', ');
      checks.push({ suite: 'slo', group: scenario.name, name: 'load scenario', ok: true, skipped: true, message: `not run against ${hosts}: pass --allow-remote to load a remote target` });
    }
    const runnable = plan.scenarios.filter((scenario) => !refused.includes(scenario));
    if (runnable.length > 0) {
      const loaded = await step(`load scenarios run (${runnable.map((scenario) => scenario.name).join(', ')})`, () => loadStage({
        scenarios: runnable, profiles: plan.providers, targets: loadTargetsOf(plan, target), tokens: target.tokens, durationMs: plan.durationMs,
        outDir: path.join(plan.outDir, 'load'), signal: controller.signal,
        listeners: [progressPrinter((text) => io.err(text), io.isTty)],
        ...(plan.thresholds ? { thresholds: plan.thresholds } : {}),
        simulated: new Set(plan.providers.map((profile) => profile.name).filter((name) => !plan.real.has(name))),
        sampler,
      }));
      checks.push(...loaded.checks);
      load = loaded.scenarios;
      samples = await writeLoadSamples(sampler, path.join(plan.outDir, runFolderName(runId)), runnable, plan.providers);
    }
  } finally {
    process.off('SIGINT', abort);
    await target.close();
  }

  const finished = new Date();
  const summary: RunSummary = {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    runId,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    runwardenVersion: RUNWARDEN_VERSION,
    target: { kind: plan.real.size === 0 ? 'simulator' : 'remote', baseUrls: target.baseUrls },
    verdict: checks.every((check) => check.ok) && !controller.signal.aborted ? 'pass' : 'fail',
    checks,
    contracts,
    load,
    ...(specBaseline ? { specBaseline } : {}),
    ...(samples ? { samples } : {}),
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
    `reports: ${latestDir}/ (summary.md, junit.xml, index.html, summary.json${summary.samples ? `, ${summary.samples.file}` : ''})`,
    ...(summary.samples ? [`sampled exchanges: ${latestDir}/${summary.samples.file} (${summary.samples.exchanges} of ${summary.samples.offered} responses); check them for drift with runwarden spec drift --run ${latestDir}`] : []),
    '',
  ].join('\n');
}

/** Where each provider is tested: the simulator for those without a real URL, the URL for the others. */
interface Target {
  baseUrls: Record<string, string>;
  tokens: Record<string, string | undefined>;
  states: Record<string, ProviderStatesEndpoint | undefined>;
  close(): Promise<void>;
}

async function targetOf(plan: Plan): Promise<Target> {
  const simulated = plan.providers.filter((profile) => !plan.real.has(profile.name));
  const started = simulated.length === 0 ? undefined : await startContractSimulator(plan.simConfig, simulated);
  const target: Target = {
    baseUrls: { ...started?.simulator.urls },
    tokens: { ...started?.tokens },
    states: { ...started?.states },
    close: async () => started?.close(),
  };
  for (const profile of plan.providers) {
    const real = plan.real.get(profile.name);
    if (!real) continue;
    target.baseUrls[profile.name] = real.baseUrl;
    target.tokens[profile.name] = real.token;
    target.states[profile.name] = profile.providerStates;
  }
  return target;
}

/** Reads and checks every flag and file before anything starts: all problems are usage errors (exit 2). */
async function planOf(args: ParsedArgs): Promise<Plan> {
  const config = configOf(args);
  const providers = selectedProviders(args, config);
  const real = await realTargets(args, providers);
  const simConfig = stringOption(args, 'sim-config');
  if (simConfig !== undefined && real.size === providers.length) throw usage('--sim-config applies to the embedded simulator, and every provider here is tested at a real URL');
  const thresholdsFile = stringOption(args, 'thresholds');
  const configured = config.thresholds === undefined ? undefined : parseThresholds(config.thresholds, `${displayPath(config.file)}: thresholds`);
  const fromFile = thresholdsFile === undefined ? undefined : parseThresholds(parseJsonText(await readTextFile(thresholdsFile, 'thresholds file'), thresholdsFile), thresholdsFile);
  const thresholds = configured || fromFile ? mergeThresholds(configured, fromFile) : undefined;
  const pacts = stringOption(args, 'pacts');
  const specBaseline = stringOption(args, 'spec-baseline');
  if (specBaseline !== undefined) await checkSpecBaseline(specBaseline, providers);
  const outDir = path.resolve(stringOption(args, 'out') ?? config.reportsOut ?? 'reports');
  const plan: Plan = {
    config,
    providers,
    outDir,
    ...(pacts !== undefined ? { pacts: path.resolve(pacts) } : config.pacts !== undefined ? { pacts: config.pacts } : {}),
    durationMs: parseDuration(stringOption(args, 'duration') ?? config.loadDuration ?? DEFAULT_DURATION, '--duration'),
    scenarios: args.values['skip-load'] === true ? [] : await scenariosOf(args, config, providers),
    ...(thresholds ? { thresholds } : {}),
    ...(simConfig === undefined ? {} : { simConfig }),
    real,
    ...(specBaseline === undefined ? {} : { specBaseline }),
  };
  // Made once every flag is read, one level at a time: an unwritable --out fails before the run, never hangs after it.
  await makeDirectory(path.join(outDir, 'load'), 'reports to', outDir);
  return plan;
}

/** The configured scenarios (or --scenarios) that talk only to the providers this run covers. */
async function scenariosOf(args: ParsedArgs, config: RunwardenConfig, providers: readonly ProviderProfile[]): Promise<Scenario[]> {
  const flag = stringOption(args, 'scenarios');
  const entries = flag === undefined ? config.scenarios : flag.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (flag !== undefined && entries.length === 0) throw usage('--scenarios names no scenario', 'Name one or more (runwarden load --list), or pass --skip-load.');
  const { scenarios } = await resolveScenarios(entries, config.providers);
  const covered = new Set(providers.map((profile) => profile.name));
  return scenarios.filter((scenario) => scenarioProviders(scenario).every((name) => covered.has(name)));
}

/** The providers tested at a real URL: --base-url for --provider, else every profile with a baseUrl (unless --simulator). */
async function realTargets(args: ParsedArgs, providers: readonly ProviderProfile[]): Promise<Map<string, RealTarget>> {
  const baseUrl = stringOption(args, 'base-url');
  const allowRemote = args.values['allow-remote'] === true;
  const real = new Map<string, RealTarget>();
  if (baseUrl !== undefined) {
    if (providers.length !== 1) throw usage('--base-url needs --provider: a base URL belongs to one provider', `For example: --provider ${providers[0]?.name ?? 'jobs'} --base-url https://api.example.com/v1`);
    if (args.values.simulator === true) throw usage('--base-url and --simulator exclude each other');
  } else if (args.values['token-env'] !== undefined) {
    throw usage('--token-env only applies with --base-url', 'A profile with a baseUrl names its token variable in auth.tokenEnv.');
  }
  for (const profile of providers) {
    const url = baseUrl ?? (args.values.simulator === true ? undefined : profile.baseUrl);
    if (url === undefined) continue;
    const loadUrl = await loadUrlOf(url, allowRemote);
    real.set(profile.name, { baseUrl: url.replace(/\/+$/, ''), ...tokenOf(profile, args), ...(loadUrl === undefined ? {} : { loadUrl }) });
  }
  return real;
}

function tokenOf(profile: ProviderProfile, args: ParsedArgs): { token?: string } {
  const token = tokenForProfile(profile, args, NAME);
  return token === undefined ? {} : { token };
}

/** Where load traffic to `url` goes: its checked loopback address, or with --allow-remote the URL; undefined when refused. */
async function loadUrlOf(url: string, allowRemote: boolean): Promise<string | undefined> {
  try {
    return (await resolveLoadTarget(url, allowRemote)).toString().replace(/\/+$/, '');
  } catch (error) {
    // A remote target is still verified and cross-checked; only load traffic needs --allow-remote.
    if (error instanceof RunwardenError && error.code === 'REMOTE_REFUSED') return undefined;
    throw error;
  }
}

/** The load stage's targets: the simulator's URLs, and each real target's checked load URL. */
function loadTargetsOf(plan: Plan, target: Target): Record<string, string> {
  const targets = { ...target.baseUrls };
  for (const [name, real] of plan.real) if (real.loadUrl !== undefined) targets[name] = real.loadUrl;
  return targets;
}

function usage(message: string, hint = `Run \`runwarden ${NAME} --help\` for the options.`): RunwardenError {
  return new RunwardenError('USAGE', `runwarden ${NAME}: ${message}`, hint);
}
