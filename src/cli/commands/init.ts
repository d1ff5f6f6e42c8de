import { existsSync } from 'node:fs';
import path from 'node:path';
import { inferProfile, renderConfig, renderScenario, starterScenarioName, type InferenceNote, type ProfileDraft } from '../../config/infer/index.ts';
import { loadConfig } from '../../config/index.ts';
import { describeError, RunwardenError } from '../../core/errors.ts';
import { checkOutputFile, writeOutputFile } from '../../core/output-files.ts';
import { displayPath, loadSpec } from '../../spec/index.ts';
import { requireOption, stringOption, type Command, type Io, type ParsedArgs } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { renderTextTable } from '../text-table.ts';

const NAME = /^[a-z0-9][a-z0-9_-]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `runwarden init --spec <file>`: infers a provider profile from a spec and writes a commented config and a starter scenario. */
export const initCommand: Command = {
  name: 'init',
  usage: 'runwarden init --spec <file> [--base-url URL] [--token-env VAR] [--name NAME] [--out runwarden.config.yaml] [--force]',
  options: {
    spec: { type: 'string', description: 'The OpenAPI 3.0/3.1 document of your API (YAML or JSON)' },
    'base-url': { type: 'string', description: 'Your API\'s base URL (default: none, the embedded simulator stands in)' },
    'token-env': { type: 'string', description: 'Environment variable that will hold the token (default <NAME>_TOKEN or <NAME>_API_KEY)' },
    name: { type: 'string', description: 'The provider\'s name (default: from the spec\'s file name or title)' },
    out: { type: 'string', description: 'Where to write the config (default runwarden.config.yaml); the scenario goes to load/ beside it' },
    force: { type: 'boolean', description: 'Overwrite the config and the scenario when they exist' },
  },
  details: [
    'Finds the create and poll operations, the status field and its states, the run id, auth and example values;',
    'prints how sure it is of each and what to check (stderr), and writes them with the same notes as comments.',
    'Then `runwarden ci` exercises the API (the simulator by default). Walk-through: docs/bring-your-own-api.md.',
    'Exit codes: 0 written, 2 the spec cannot be read, no create/poll pair is found, or a file exists without --force.',
  ].join('\n'),
  run: runInit,
};

async function runInit(args: ParsedArgs, io: Io): Promise<ExitCode> {
  const options = initOptions(args);
  const spec = await loadSpec(options.spec);
  const draft = inferProfile(spec, options);
  const scenarioName = starterScenarioName(draft.name);
  const files = { config: options.out, scenario: path.join(path.dirname(options.out), 'load', `${scenarioName}.yaml`) };
  await checkOutputFile(files.config, 'the config');
  await checkOutputFile(files.scenario, 'the starter scenario');
  const existing = [files.config, files.scenario].filter((file) => existsSync(file));
  if (existing.length > 0 && args.values.force !== true) {
    throw new RunwardenError('USAGE', `runwarden init: ${existing.map(displayPath).join(' and ')} already ${existing.length > 1 ? 'exist' : 'exists'}: nothing was written`,
      'Pass --force to overwrite, or --out to write the config elsewhere.');
  }
  const firstRun = Object.keys(draft.profile.runs)[0]!;
  await writeOutputFile(files.config, renderConfig(draft, files), 'the config');
  await writeOutputFile(files.scenario, renderScenario({ name: scenarioName, provider: draft.name, run: firstRun }, files.scenario), 'the starter scenario');
  // What init writes must load: a config runwarden itself rejects is a bug here, not the user's.
  try {
    loadConfig({ file: files.config });
  } catch (error) {
    throw new RunwardenError('INTERNAL', `runwarden init wrote ${displayPath(files.config)}, which runwarden cannot read: ${describeError(error)}`,
      'This is a bug in runwarden init: please report it with the spec; meanwhile fix the config by hand (docs/config.md).');
  }
  io.err(report(draft, spec.path, files));
  return EXIT.ok;
}

interface InitOptions {
  spec: string;
  out: string;
  name?: string;
  baseUrl?: string;
  tokenEnv?: string;
}

function initOptions(args: ParsedArgs): InitOptions {
  const spec = requireOption(args, 'init', 'spec');
  const name = stringOption(args, 'name');
  if (name !== undefined && !NAME.test(name)) {
    throw new RunwardenError('USAGE', `runwarden init: --name must be lower-case letters, digits, - and _\nReceived: ${name}`, 'e.g. --name jobs');
  }
  const tokenEnv = stringOption(args, 'token-env');
  if (tokenEnv !== undefined && !ENV_NAME.test(tokenEnv)) {
    throw new RunwardenError('USAGE', `runwarden init: --token-env must name an environment variable (letters, digits, _)\nReceived: ${tokenEnv}`, 'e.g. --token-env JOBS_TOKEN');
  }
  const baseUrl = stringOption(args, 'base-url');
  if (baseUrl !== undefined && !isHttpUrl(baseUrl)) {
    throw new RunwardenError('USAGE', `runwarden init: --base-url must be an absolute http(s) URL\nReceived: ${baseUrl}`, 'e.g. --base-url https://api.example.com/v1');
  }
  return {
    spec,
    out: path.resolve(stringOption(args, 'out') ?? 'runwarden.config.yaml'),
    ...(name === undefined ? {} : { name }),
    ...(baseUrl === undefined ? {} : { baseUrl: baseUrl.replace(/\/+$/, '') }),
    ...(tokenEnv === undefined ? {} : { tokenEnv }),
  };
}

function isHttpUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** What was inferred, how sure, what to check, and what to run next: for stderr. */
function report(draft: ProfileDraft, specPath: string, files: { config: string; scenario: string }): string {
  const runs = Object.keys(draft.profile.runs);
  const label = (note: InferenceNote): string => (note.run === undefined ? note.item : `${note.run} ${note.item}`);
  const rows = draft.notes.map((note) => [label(note), note.confidence, note.reason]);
  const checks = draft.notes.filter((note) => note.check !== undefined).map((note) => `  - ${label(note)}: ${note.check}`);
  const auth = draft.profile.auth;
  const token = auth && auth.type !== 'none' && auth.tokenEnv ? auth.tokenEnv : undefined;
  const ci = `runwarden ci${files.config === path.resolve('runwarden.config.yaml') ? '' : ` --config ${displayPath(files.config)}`}`;
  const next = draft.profile.baseUrl === undefined
    ? `Next: \`${ci}\` runs it against the embedded simulator; set baseUrl${token ? ` and export ${token}` : ''} to test your API. See docs/bring-your-own-api.md.`
    : `Next: ${token ? `export ${token}=<token>, then ` : ''}\`${ci} --allow-remote\` tests your API at ${draft.profile.baseUrl}. See docs/bring-your-own-api.md.`;
  return [
    `runwarden init: inferred provider "${draft.name}" from ${displayPath(specPath)} (${runs.length} run kind${runs.length > 1 ? 's' : ''}: ${runs.join(', ')})`,
    '',
    renderTextTable(['ITEM', 'SURE', 'WHY'], rows).trimEnd(),
    '',
    ...(checks.length > 0 ? ['Check before you trust a green run:', ...checks, ''] : []),
    `Wrote ${displayPath(files.config)} and ${displayPath(files.scenario)}; each inferred item carries its note as a comment.`,
    next,
    '',
  ].join('\n');
}
