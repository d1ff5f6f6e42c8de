import { SCENARIOS } from '../../../load/index.ts';
import { readSecret } from '../../config/environment.ts';
import { RunwardenError } from '../../core/errors.ts';
import { PROVIDERS, isProviderName, type ProviderName } from '../../core/providers.ts';
import {
  checkTarget, createRegistry, parseDuration, parseThresholds, preflight, preflightPlan, progressPrinter, renderSummary, runLoad,
  mergeThresholds, scenarioProblems, writeResult, type Scenario, type Thresholds, type WorkloadModel,
} from '../../load/index.ts';
import { readSimulatorConfig, startSimulator } from '../../sim/index.ts';
import { parseJsonText, readTextFile } from '../../spec/index.ts';
import { integerOption, stringOption, type Command, type Io, type ParsedArgs } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { loadValidators, scenarioProviders, scenarioValidator } from '../load-validator.ts';

const DEFAULT_TOKEN_ENV = 'RUNWARDEN_TOKEN';

/** `runwarden load`: run one load scenario against the embedded simulator (or --base-url), gate on its SLOs. */
export const loadCommand: Command = {
  name: 'load',
  usage: 'runwarden load --list | runwarden load <scenario> [--duration 10s] [--rate N | --connections N] [--json]',
  options: {
    list: { type: 'boolean', description: 'List the scenarios and exit' },
    duration: { type: 'string', description: 'Arrival phase, e.g. 10s, 500ms, 2m (default: the scenario\'s)' },
    rate: { type: 'string', description: 'Open model: runs per second, whatever the responses do' },
    connections: { type: 'string', description: 'Closed model: concurrent virtual clients' },
    json: { type: 'boolean', description: 'Print the result JSON on stdout (the summary goes to stderr)' },
    'base-url': { type: 'string', multiple: true, description: 'Target instead of the simulator: URL, or provider=URL (repeatable)' },
    'token-env': { type: 'string', description: `Environment variable with the bearer token for --base-url (default ${DEFAULT_TOKEN_ENV})` },
    'allow-remote': { type: 'boolean', description: 'Allow targets other than 127.0.0.1, ::1 and localhost' },
    thresholds: { type: 'string', description: 'JSON file of thresholds, merged over the scenario\'s' },
    'validate-every': { type: 'string', description: 'Check 1 response in N against the spec (1 = all, 0 = off)' },
    'poll-interval': { type: 'string', description: 'Override every flow\'s poll interval, e.g. 0 or 250ms' },
    'max-runs': { type: 'string', description: 'Stop creating runs after N' },
    drain: { type: 'string', description: 'How long runs in flight are followed after the arrival phase' },
    'run-timeout': { type: 'string', description: 'How long a run may take before it counts as lost, e.g. 2s (default: the scenario\'s)' },
    out: { type: 'string', description: 'Directory for the result JSON (default reports/load)' },
    'sim-config': { type: 'string', description: 'Simulator config (JSON, as runwarden serve --config), e.g. faults that slow or drop runs' },
  },
  details: [
    'Exit codes: 0 every gate passed; 1 a gate failed or the run was interrupted (partial results are written);',
    '2 bad input: unknown scenario, invalid thresholds, refused or unreachable target, failed auth (checked before any traffic).',
  ].join('\n'),
  run: runLoadCommand,
};

async function runLoadCommand(args: ParsedArgs, io: Io): Promise<ExitCode> {
  const registry = createRegistry(SCENARIOS);
  if (args.values.list === true) {
    const width = Math.max(...registry.list().map((scenario) => scenario.name.length)) + 2;
    io.out(registry.list().map((scenario) => `${scenario.name.padEnd(width)}${scenario.description}\n`).join(''));
    return EXIT.ok;
  }
  const name = args.positionals[0];
  if (name === undefined) throw new RunwardenError('USAGE', 'runwarden load: name a scenario', 'Run `runwarden load --list` to see them.');
  const scenario = registry.get(name);
  const overrides = await readOverrides(args, scenario);
  const providers = scenarioProviders(scenario);
  const validate = overrides.validateEvery === 0 ? undefined : scenarioValidator(scenario, await loadValidators(providers));

  const remote = stringOptions(args, 'base-url');
  const simConfig = stringOption(args, 'sim-config');
  if (remote.length > 0 && simConfig !== undefined) throw new RunwardenError('USAGE', 'runwarden load: --sim-config applies to the embedded simulator only (not with --base-url)');
  const simOptions = simConfig === undefined ? {} : await readSimulatorConfig(simConfig);
  const simulator = remote.length === 0 ? await startSimulator({ ...simOptions, port: 0, host: '127.0.0.1' }) : undefined;
  try {
    const targets = simulator ? simulator.urls : parseTargets(remote, providers, args.values['allow-remote'] === true);
    const token = simulator ? simulator.config.token : readSecret(stringOption(args, 'token-env') ?? DEFAULT_TOKEN_ENV);
    const tokens = Object.fromEntries(providers.map((provider) => [provider, token])) as Partial<Record<ProviderName, string>>;
    for (const request of preflightPlan(scenario.flows, targets, tokens)) await preflight(request);

    const controller = new AbortController();
    const onSignal = (): void => controller.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let result;
    try {
      result = await runLoad({
        scenario, targets, tokens, ...overrides.run, signal: controller.signal,
        ...(validate ? { validate, validateEvery: overrides.validateEvery ?? scenario.validateEvery ?? 10 } : {}),
        listeners: [progressPrinter((text) => io.err(text), io.isTty)],
      });
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    const file = await writeResult(result, stringOption(args, 'out'));
    const summary = renderSummary(result);
    if (args.values.json === true) {
      io.out(`${JSON.stringify(result, null, 2)}\n`);
      io.err(summary);
    } else io.out(summary);
    io.err(`results: ${file}\n`);
    if (result.aborted) io.err('interrupted: traffic stopped, partial results written\n');
    return result.passed && !result.aborted ? EXIT.ok : EXIT.findings;
  } finally {
    await simulator?.close();
  }
}

interface Overrides {
  run: { model?: WorkloadModel; durationMs?: number; pollIntervalMs?: number; runTimeoutMs?: number; maxRuns?: number; drainMs?: number; thresholds?: Thresholds };
  /** undefined: the scenario's; 0: validation off. */
  validateEvery: number | undefined;
}

/** Reads and checks every flag before anything starts; every problem is a usage error (exit 2). */
async function readOverrides(args: ParsedArgs, scenario: Scenario): Promise<Overrides> {
  const run: Overrides['run'] = {};
  const duration = stringOption(args, 'duration');
  if (duration !== undefined) run.durationMs = parseDuration(duration, '--duration');
  const rate = stringOption(args, 'rate');
  const connections = integerOption(args, 'load', 'connections', { min: 1, max: 10_000 });
  if (rate !== undefined && connections !== undefined) throw new RunwardenError('USAGE', 'runwarden load: --rate (open model) and --connections (closed model) exclude each other');
  if (rate !== undefined) {
    const perSecond = Number(rate);
    if (!(perSecond > 0 && perSecond <= 100_000)) throw new RunwardenError('USAGE', `runwarden load: --rate must be a number of runs per second from 0 to 100000\nReceived: ${rate}`);
    run.model = { kind: 'open', rate: perSecond };
  }
  if (connections !== undefined) run.model = { kind: 'closed', connections };
  const pollInterval = stringOption(args, 'poll-interval');
  if (pollInterval !== undefined) run.pollIntervalMs = pollInterval === '0' ? 0 : parseDuration(pollInterval, '--poll-interval');
  const maxRuns = integerOption(args, 'load', 'max-runs', { min: 1, max: 100_000_000 });
  if (maxRuns !== undefined) run.maxRuns = maxRuns;
  const runTimeout = stringOption(args, 'run-timeout');
  if (runTimeout !== undefined) run.runTimeoutMs = parseDuration(runTimeout, '--run-timeout');
  const drain = stringOption(args, 'drain');
  if (drain !== undefined) run.drainMs = drain === '0' ? 0 : parseDuration(drain, '--drain');
  const thresholdsFile = stringOption(args, 'thresholds');
  if (thresholdsFile !== undefined) run.thresholds = parseThresholds(parseJsonText(await readTextFile(thresholdsFile, 'thresholds file'), thresholdsFile), thresholdsFile);
  const validateEvery = integerOption(args, 'load', 'validate-every', { min: 0, max: 1_000_000 });
  const problems = scenarioProblems({
    ...scenario, thresholds: mergeThresholds(scenario.thresholds, run.thresholds),
    ...(run.model ? { model: run.model } : {}), ...(run.durationMs ? { durationMs: run.durationMs } : {}),
  });
  if (problems.length > 0) throw new RunwardenError('USAGE', `runwarden load ${scenario.name}: ${problems.join('; ')}`);
  return { run, validateEvery };
}

/** `URL` applies to every provider of the scenario; `provider=URL` to one. Non-loopback URLs need --allow-remote. */
function parseTargets(values: readonly string[], providers: readonly ProviderName[], allowRemote: boolean): Partial<Record<ProviderName, string>> {
  const targets: Partial<Record<ProviderName, string>> = {};
  for (const value of values) {
    const split = /^([a-z]+)=(.+)$/.exec(value);
    if (split && !isProviderName(split[1]!)) {
      throw new RunwardenError('USAGE', `--base-url ${value}: unknown provider ${split[1]}\nKnown: ${PROVIDERS.join(', ')}`);
    }
    const url = checkTarget(split ? split[2]! : value, allowRemote).toString().replace(/\/$/, '');
    for (const provider of split ? [split[1] as ProviderName] : providers) targets[provider] = url;
  }
  const missing = providers.filter((provider) => targets[provider] === undefined);
  if (missing.length > 0) throw new RunwardenError('USAGE', `no --base-url for ${missing.join(', ')}`, `Pass --base-url ${missing[0]}=<url>.`);
  return targets;
}

function stringOptions(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}
