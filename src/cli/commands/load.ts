import path from 'node:path';
import type { RunwardenConfig } from '../../config/index.ts';
import { RunwardenError } from '../../core/errors.ts';
import { checkOutputFile, makeDirectory } from '../../core/output-files.ts';
import {
  ExchangeSampler, mergeThresholds, writeSamplesHar, parseDuration, parseShard, parseThresholds, preflight, preflightPlan, progressPrinter, renderSummary, runLoad,
  scenarioProblems, sourceProviders, writeResult, type Scenario, type ScenarioSource, type Shard, type Thresholds, type WorkloadModel,
} from '../../load/index.ts';
import { displayPath, parseJsonText, readTextFile } from '../../spec/index.ts';
import { integerOption, positiveNumberOption, stringOption, type Command, type Io, type ParsedArgs } from '../command.ts';
import { CONFIG_OPTIONS, configOf, defaultConfigNote } from '../config-option.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { bundledScenarioSources, compileSources, isScenarioFile, readScenarioSources } from '../load-scenarios.ts';
import { loadTargets } from '../load-targets.ts';
import { loadWithWorkers } from '../load-workers.ts';
import { loadValidators, scenarioValidator } from '../load-validator.ts';
import { onlyProvider } from '../load-only-provider.ts';
import { tokenForProfile } from '../token-option.ts';
import { RUNWARDEN_VERSION } from '../version.ts';

/** `runwarden load`: run one load scenario against its providers (the embedded simulator where none is set), gate on its SLOs. */
export const loadCommand: Command = {
  name: 'load',
  positionals: 1, // the scenario
  usage: 'runwarden load --list | runwarden load <scenario | file.yaml> [--duration 10s] [--rate N | --connections N] [--json]',
  options: {
    ...CONFIG_OPTIONS,
    list: { type: 'boolean', description: 'List the bundled scenarios (and the config\'s scenario files) and exit' },
    duration: { type: 'string', description: 'Arrival phase, e.g. 10s, 500ms, 2m (default: the scenario\'s)' },
    rate: { type: 'string', description: 'Open model: runs per second, whatever the responses do' },
    connections: { type: 'string', description: 'Closed model: concurrent virtual clients' },
    json: { type: 'boolean', description: 'Print the result JSON on stdout (the summary goes to stderr)' },
    'base-url': { type: 'string', multiple: true, description: 'Target instead of the profile\'s baseUrl or the simulator: URL, or provider=URL (repeatable)' },
    'token-env': { type: 'string', description: 'Environment variable with the token for real targets (default: each profile\'s auth.tokenEnv)' },
    'allow-remote': { type: 'boolean', description: 'Allow targets other than 127.0.0.1, ::1 and localhost' },
    thresholds: { type: 'string', description: 'JSON file of thresholds, merged over the config\'s and the scenario\'s' },
    'validate-every': { type: 'string', description: 'Check 1 response in N against the spec (1 = all, 0 = off)' },
    'poll-interval': { type: 'string', description: 'Override every flow\'s poll interval, e.g. 0 or 250ms' },
    'max-runs': { type: 'string', description: 'Stop creating runs after N' },
    drain: { type: 'string', description: 'How long runs in flight are followed after the arrival phase' },
    'run-timeout': { type: 'string', description: 'How long a run may take before it counts as lost, e.g. 2s (default: the scenario\'s)' },
    out: { type: 'string', description: 'Directory for the result JSON (default reports/load)' },
    'sim-config': { type: 'string', description: 'Simulator config (JSON, as runwarden serve --config), e.g. faults that slow or drop runs' },
    shard: { type: 'string', description: 'Run slice i of n (e.g. 2/4) of the scenario; merge the shards with runwarden report merge' },
    'run-id': { type: 'string', description: 'With --shard: the id every shard of the run shares (default: $RUNWARDEN_RUN_ID)' },
    workers: { type: 'string', description: 'Run N child processes (shards 1..N, one per core) and merge their results, gated once' },
    'no-gates': { type: 'boolean', description: 'Record the thresholds but evaluate no gate (a shard of several: the merge gates)' },
    samples: { type: 'string', description: 'Also write a bounded, redacted sample of the exchanges as HAR 1.2 to this file, for runwarden spec drift --har' },
  },
  details: [
    'A scenario is a bundled name (see --list) or a file: YAML or JSON (load/README.md, docs/scenario.schema.json) or',
    'TypeScript (export default defineScenario({...})). Its providers come from runwarden.config.yaml (--config).',
    'Targets: --base-url, else the profile\'s baseUrl, else the embedded simulator on 127.0.0.1:0.',
    'Exit codes: 0 every gate passed; 1 a gate failed or the run was interrupted (partial results are written);',
    '2 bad input: unknown scenario, invalid file or thresholds, refused or unreachable target, failed auth (checked before any traffic).',
  ].join('\n'),
  run: runLoadCommand,
};

async function runLoadCommand(args: ParsedArgs, io: Io): Promise<ExitCode> {
  const config = configOf(args);
  if (args.values.list === true) return list(config, io);
  const reference = args.positionals[0];
  if (reference === undefined) throw new RunwardenError('USAGE', 'runwarden load: name a scenario or a scenario file', 'Run `runwarden load --list` to see the bundled ones; load/README.md describes the file format.');
  io.err(defaultConfigNote(config));
  const [source] = await readScenarioSources([reference]);
  const resolved = await compileSources([source!], config.providers);
  const provider = stringOption(args, 'provider');
  const scenario = provider === undefined ? resolved.scenarios[0]! : onlyProvider(resolved.scenarios[0]!, config.providers.get(provider, '--provider: ').name, (note) => io.err(note));
  const overrides = await readOverrides(args, scenario, config);
  const sharding = shardOptions(args);
  const workers = integerOption(args, 'load', 'workers', { min: 1, max: 64 });
  if (workers !== undefined && sharding.shard !== undefined) throw new RunwardenError('USAGE', 'runwarden load: --workers runs shards 1..N itself and excludes --shard', 'Use --workers N on one machine, or --shard i/n on each of n machines.');
  const profiles = [...new Set(scenario.flows.map((flow) => flow.provider))].map((name) => resolved.profiles.get(name)!);
  const validate = overrides.validateEvery === 0 ? undefined : scenarioValidator(scenario, loadValidators(resolved.specs));

  const out = stringOption(args, 'out');
  // Made before any traffic, one level at a time: an unwritable --out fails now, never hangs after the run.
  await makeDirectory(out ?? path.join('reports', 'load'), 'the load result to');
  const samples = await samplesFile(args, workers !== undefined);
  const sampler = samples === undefined ? undefined : new ExchangeSampler();
  const simConfig = stringOption(args, 'sim-config');
  const target = await loadTargets({
    profiles, baseUrls: stringOptions(args, 'base-url'), allowRemote: args.values['allow-remote'] === true,
    tokenFor: (profile) => tokenForProfile(profile, args, 'load'), ...(simConfig === undefined ? {} : { simConfig }),
  });
  try {
    for (const request of preflightPlan(scenario.flows, target.targets, target.tokens)) await preflight(request);
    const controller = new AbortController();
    const onSignal = (): void => controller.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let result;
    try {
      result = workers !== undefined ? await loadWithWorkers({
        args, reference, workers, target, progress: (text) => io.err(text),
        timeoutMs: (overrides.run.durationMs ?? scenario.durationMs) + (overrides.run.drainMs ?? 30_000) + 120_000,
      }) : await runLoad({
        scenario, targets: target.targets, tokens: target.tokens, ...overrides.run, signal: controller.signal,
        ...(validate ? { validate, validateEvery: overrides.validateEvery ?? scenario.validateEvery ?? 10 } : {}),
        listeners: [progressPrinter((text) => io.err(text), io.isTty)],
        ...(sampler ? { sampler } : {}),
        ...sharding,
      });
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    const file = await writeResult(result, out);
    const summary = renderSummary(result);
    if (args.values.json === true) {
      io.out(`${JSON.stringify(result, null, 2)}\n`);
      io.err(summary);
    } else io.out(summary);
    io.err(`results: ${file}\n`);
    if (samples !== undefined && sampler !== undefined) {
      const written = await writeSamplesHar(samples, [sampler], RUNWARDEN_VERSION);
      io.err(`samples: ${displayPath(written.file)} (${written.exchanges} of ${written.offered} responses, credentials redacted; runwarden spec drift --har ${displayPath(written.file)})\n`);
    }
    if (result.aborted) io.err('interrupted: traffic stopped, partial results written\n');
    return result.passed && !result.aborted ? EXIT.ok : EXIT.findings;
  } finally {
    await target.close();
  }
}

/** The bundled scenarios, then the scenario files the config names: name, description (or providers), and where it is. */
async function list(config: RunwardenConfig, io: Io): Promise<ExitCode> {
  const files = config.isDefault ? [] : config.scenarios.filter(isScenarioFile);
  const sources: Array<{ source: ScenarioSource; file?: string }> = [
    ...(await bundledScenarioSources()).map((source) => ({ source })),
    ...(await readScenarioSources(files)).map((source) => ({ source, file: displayPath(source.file) })),
  ];
  const width = Math.max(...sources.map(({ source }) => source.name.length)) + 2;
  const line = ({ source, file }: (typeof sources)[number]): string => {
    const about = source.description ?? `${sourceProviders(source).join(' + ')}: create runs and poll them to the end`;
    return `${source.name.padEnd(width)}${about}${file === undefined ? '' : `  (${file})`}\n`;
  };
  io.out(sources.map(line).join(''));
  return EXIT.ok;
}

interface Overrides {
  run: { model?: WorkloadModel; durationMs?: number; pollIntervalMs?: number; runTimeoutMs?: number; maxRuns?: number; drainMs?: number; thresholds?: Thresholds };
  /** undefined: the scenario's; 0: validation off. */
  validateEvery: number | undefined;
}

/** Reads and checks every flag before anything starts; every problem is a usage error (exit 2). */
async function readOverrides(args: ParsedArgs, scenario: Scenario, config: RunwardenConfig): Promise<Overrides> {
  const run: Overrides['run'] = {};
  const duration = stringOption(args, 'duration');
  if (duration !== undefined) run.durationMs = parseDuration(duration, '--duration');
  const rate = positiveNumberOption(args, 'load', 'rate', 100_000, ' of runs per second');
  const connections = integerOption(args, 'load', 'connections', { min: 1, max: 10_000 });
  if (rate !== undefined && connections !== undefined) throw new RunwardenError('USAGE', 'runwarden load: --rate (open model) and --connections (closed model) exclude each other');
  if (rate !== undefined) {
    run.model = { kind: 'open', rate };
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
  const fromConfig = config.thresholds === undefined ? undefined : parseThresholds(config.thresholds, displayPath(config.file));
  const thresholdsFile = stringOption(args, 'thresholds');
  const fromFile = thresholdsFile === undefined ? undefined : parseThresholds(parseJsonText(await readTextFile(thresholdsFile, 'thresholds file'), thresholdsFile), thresholdsFile);
  if (fromConfig !== undefined || fromFile !== undefined) run.thresholds = mergeThresholds(fromConfig, fromFile);
  const validateEvery = integerOption(args, 'load', 'validate-every', { min: 0, max: 1_000_000 });
  const problems = scenarioProblems({
    ...scenario, thresholds: mergeThresholds(scenario.thresholds, run.thresholds),
    ...(run.model ? { model: run.model } : {}), ...(run.durationMs ? { durationMs: run.durationMs } : {}),
  });
  if (problems.length > 0) throw new RunwardenError('USAGE', `runwarden load ${scenario.name}: ${problems.join('; ')}`);
  return { run, validateEvery };
}

/**
 * `--samples <file>`, checked before any traffic: not a folder, its folder creatable. Not with --workers: each worker
 * is its own process and the parent merges only their result JSON (give each `--shard i/n` run its own file instead).
 */
async function samplesFile(args: ParsedArgs, withWorkers: boolean): Promise<string | undefined> {
  const file = stringOption(args, 'samples');
  if (file === undefined) return undefined;
  if (file.trim() === '' || file.endsWith('/') || file.endsWith(path.sep)) {
    throw new RunwardenError('USAGE', `runwarden load --samples: expected the path of a file to write\nReceived: ${JSON.stringify(file)}`, 'For example: --samples reports/load/samples.har');
  }
  if (withWorkers) {
    throw new RunwardenError('USAGE', 'runwarden load: --samples does not combine with --workers (the workers\' samples are not merged)', 'Drop --workers, or run the shards yourself with --shard i/n --samples shard-i.har and pass every file to runwarden spec drift --har.');
  }
  const target = await checkOutputFile(file, 'the sampled exchanges');
  await makeDirectory(path.dirname(target), 'the sampled exchanges to', target);
  return target;
}

/** `--shard i/n` with its run id, and `--no-gates`: what a shard of a scaled-out run passes to the engine. */
function shardOptions(args: ParsedArgs): { shard?: Shard; gates?: boolean } {
  const text = stringOption(args, 'shard');
  const gates = args.values['no-gates'] === true ? { gates: false } : {};
  if (text === undefined) return gates;
  const runId = stringOption(args, 'run-id') ?? process.env.RUNWARDEN_RUN_ID;
  if (runId === undefined || runId === '') {
    throw new RunwardenError('USAGE', 'runwarden load --shard: every shard of a run needs the same run id', 'Pass --run-id <id> (or set RUNWARDEN_RUN_ID), e.g. the CI run number, to every shard.');
  }
  return { shard: parseShard(text, runId), ...gates };
}

function stringOptions(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}
