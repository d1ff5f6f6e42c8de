import path from 'node:path';
import type { ProviderProfile } from '../../core/profile/index.ts';
import { RunwardenError } from '../../core/errors.ts';
import { displayPath, loadSpec, type LoadedSpec } from '../../spec/index.ts';
import { atLeast, diffLifecycles, diffSpecs, orderChanges, specAtGitRef, type ChangeLevel, type SpecChange } from '../../spec/diff/index.ts';
import { stringOption, type Command, type ParsedArgs } from '../command.ts';
import { CONFIG_OPTIONS, configOf } from '../config-option.ts';
import { EXIT } from '../exit-codes.ts';
import { plural } from '../print-findings.ts';
import { renderTextTable } from '../text-table.ts';
import { pactsOf } from './contract-args.ts';
import { brokenExchanges, brokenInteractions, type BrokenExchange, type BrokenInteraction } from './spec-diff-consumers.ts';
import { renderSpecDiffJunit } from './spec-diff-junit.ts';

/** One compared pair: where each side came from and what changed. */
interface SpecDiff {
  base: string;
  revision: string;
  providers: string[];
  changes: SpecChange[];
  /** Pact interactions consistent with the base and not with the revision; undefined when no pacts were checked. */
  consumers?: BrokenInteraction[];
  /** HAR entries that conform to the base and not to the revision; undefined without --har. */
  exchanges?: BrokenExchange[];
}

interface Pair {
  base: string;
  revision: string;
  load(): Promise<[LoadedSpec, LoadedSpec]>;
}

const FORMATS = ['text', 'json', 'markdown', 'junit'] as const;
type Format = (typeof FORMATS)[number];

function choice<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const value = stringOption(args, name);
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new RunwardenError('USAGE', `runwarden spec diff: --${name} must be one of ${allowed.join(', ')}\nReceived: ${value}`);
}

/** The pairs to compare: two files, or each revision file against its version at --base. */
function pairsOf(args: ParsedArgs, revisions: () => string[]): Pair[] {
  const ref = stringOption(args, 'base');
  const files = args.positionals;
  if (ref === undefined) {
    if (files.length !== 2) {
      throw new RunwardenError('USAGE', `runwarden spec diff: give two specs (base, revision) or --base <git-ref>\nReceived: ${files.length} file${files.length === 1 ? '' : 's'}`,
        'e.g. runwarden spec diff old.yaml new.yaml, or runwarden spec diff --base origin/main specs/api.yaml');
    }
    const [base, revision] = files as [string, string];
    return [{ base: displayPath(path.resolve(base)), revision: displayPath(path.resolve(revision)), load: async () => Promise.all([loadSpec(base, { cache: false }), loadSpec(revision, { cache: false })]) }];
  }
  const targets = files.length > 0 ? files : revisions();
  return targets.map((file) => ({
    base: `${ref}:${displayPath(path.resolve(file))}`,
    revision: displayPath(path.resolve(file)),
    load: async () => Promise.all([specAtGitRef(ref, file), loadSpec(file, { cache: false })]),
  }));
}

const counts = (changes: SpecChange[]): Record<ChangeLevel, number> => ({
  breaking: changes.filter((change) => change.level === 'breaking').length,
  warning: changes.filter((change) => change.level === 'warning').length,
  info: changes.filter((change) => change.level === 'info').length,
});

/** "2 pacts break: web-app.json 'a completed run' (because …)", one line per interaction. */
function consumerLines(diff: SpecDiff): string[] {
  return [...pactLines(diff), ...exchangeLines(diff)];
}

function exchangeLines(diff: SpecDiff): string[] {
  if (!diff.exchanges) return [];
  if (diff.exchanges.length === 0) return ['  every recorded exchange that conformed to the base still conforms to the revision'];
  return [`  ${plural(diff.exchanges.length, 'recorded exchange')} break${diff.exchanges.length === 1 ? 's' : ''}:`,
    ...diff.exchanges.map((broken) => `  - ${broken.har} entry ${broken.index}: ${broken.method} ${broken.url} → ${broken.status} because ${broken.because[0]}${broken.because.length > 1 ? ` (+${broken.because.length - 1} more)` : ''}`)];
}

function pactLines(diff: SpecDiff): string[] {
  if (!diff.consumers) return [];
  if (diff.consumers.length === 0) return ['  every pact interaction that matched the base still matches the revision'];
  return [`  ${plural(diff.consumers.length, 'pact interaction')} break${diff.consumers.length === 1 ? 's' : ''}:`,
    ...diff.consumers.map((broken) => `  - ${broken.pact} → ${broken.provider} '${broken.interaction}' because ${broken.because[0]}${broken.because.length > 1 ? ` (+${broken.because.length - 1} more)` : ''}`)];
}

const brokenConsumers = (diff: SpecDiff): boolean => (diff.consumers?.length ?? 0) + (diff.exchanges?.length ?? 0) > 0;

const summary = (diff: SpecDiff): string => {
  const { breaking, warning, info } = counts(diff.changes);
  const lifecycle = diff.providers.length > 0 ? ` (lifecycle rules: ${diff.providers.join(', ')})` : ' (no provider profile: no lifecycle rules)';
  const broken = brokenConsumers(diff);
  return [`${breaking > 0 || broken ? '✗' : '✓'} ${diff.base} → ${diff.revision}: ${plural(breaking, 'breaking change')}, ${plural(warning, 'warning')}, ${info} info${lifecycle}`, ...consumerLines(diff)].join('\n');
};

const where = (change: SpecChange): string => [change.base && `base ${change.base}`, change.revision && `revision ${change.revision}`].filter(Boolean).join('\n');

function renderText(diffs: SpecDiff[]): string {
  const rows = diffs.flatMap((diff) => diff.changes.map((change) => [change.operation ?? '(document)', `${change.level}\n${change.id}`, where(change), change.message]));
  return `${rows.length > 0 ? `${renderTextTable(['OPERATION', 'CHANGE', 'WHERE', 'WHO BREAKS'], rows)}\n` : ''}${diffs.map(summary).join('\n')}\n`;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
const MARK: Record<ChangeLevel, string> = { breaking: '🔴 breaking', warning: '🟡 warning', info: '🔵 info' };

function renderMarkdown(diffs: SpecDiff[]): string {
  return diffs.map((diff) => {
    const lines = [`### ${cell(diff.base)} → ${cell(diff.revision)}`, '', summary(diff), ''];
    if (diff.changes.length === 0) return [...lines, 'No changes.', ''].join('\n');
    const operations = [...new Set(diff.changes.map((change) => change.operation ?? '(document)'))];
    for (const operation of operations) {
      lines.push(`#### \`${operation}\``, '', '| Level | Rule | Who breaks | Where |', '| --- | --- | --- | --- |');
      for (const change of diff.changes.filter((candidate) => (candidate.operation ?? '(document)') === operation)) {
        lines.push(`| ${MARK[change.level]} | \`${change.id}\` | ${cell(change.message)} | ${cell(where(change))} |`);
      }
      lines.push('');
    }
    return lines.join('\n');
  }).join('\n');
}

/** The profiles whose lifecycle rules apply to a revision: --provider's, else every configured one with that spec. */
function profilesFor(args: ParsedArgs, revision: LoadedSpec, all: () => ProviderProfile[]): ProviderProfile[] {
  const named = stringOption(args, 'provider');
  return named !== undefined ? all() : all().filter((profile) => path.resolve(profile.spec) === revision.path);
}

/** `runwarden spec diff`: what changed between two versions of a spec, rated breaking, warning or info; exit 1 on failing ones. */
export const specDiffCommand: Command = {
  name: 'spec diff',
  positionals: Number.POSITIVE_INFINITY, // counted by pairsOf()
  usage: 'runwarden spec diff <base> <revision> | --base <git-ref> [<revision>...] [--config file] [--provider name] [--pacts dir] [--har file]... [--fail-on breaking|warning] [--format text|json|markdown|junit] [--json]',
  details: [
    'Compares two versions of an OpenAPI 3.0/3.1 document (YAML or JSON) with $refs compared by what they point to,',
    'and rates each change as oasdiff does: what a client sends may only get looser, what it receives only tighter.',
    'With --base, the base is read from git (git show <ref>:<file>) and the revision from the working tree; without',
    'a revision file, every configured provider\'s spec is compared. Provider profiles add lifecycle rules (terminal',
    'states, run ids, create/poll routes, 429 Retry-After) for the revision files that are their spec, or --provider\'s.',
    'Consumer impact: the pacts of those providers (--pacts, else the config\'s) are checked against both versions;',
    'an interaction that matches the base and not the revision is listed and fails the diff; so is a --har entry',
    'that conforms to the base and not to the revision.',
    'Rule ids and the JSON output: docs/spec-diff.md.',
    'Exit codes: 0 nothing at --fail-on (default breaking), 1 a change at or above it, 2 a spec cannot be read.',
  ].join('\n'),
  options: {
    base: { type: 'string', description: 'Git ref to read the base version of each spec from (e.g. origin/main)' },
    ...CONFIG_OPTIONS,
    pacts: { type: 'string', description: 'Pact file or directory to check against both versions (default: the config\'s `pacts`)' },
    har: { type: 'string', multiple: true, description: 'HAR file of recorded traffic to validate against both versions; repeat for several' },
    'fail-on': { type: 'string', description: 'Lowest level that fails: breaking (default) or warning' },
    format: { type: 'string', description: 'text (default), json, markdown (for a pull-request comment) or junit' },
    json: { type: 'boolean', description: 'Same as --format json' },
  },
  async run(args, io) {
    const failOn = choice(args, 'fail-on', ['breaking', 'warning'] as const, 'breaking');
    const format: Format = args.values.json === true ? 'json' : choice(args, 'format', FORMATS, 'text');
    let profiles: ProviderProfile[] | undefined;
    const configured = (): ProviderProfile[] => {
      if (profiles) return profiles;
      const config = configOf(args);
      const named = stringOption(args, 'provider');
      return (profiles = named === undefined ? config.providers.all() : [config.providers.get(named, '--provider: ')]);
    };
    const pairs = pairsOf(args, () => [...new Set(configured().map((profile) => profile.spec))]);
    const har = args.values.har;
    const harFiles = Array.isArray(har) ? har : typeof har === 'string' ? [har] : [];
    const diffs: SpecDiff[] = [];
    for (const pair of pairs) {
      const [base, revision] = await pair.load();
      const applicable = profilesFor(args, revision, configured);
      const changes = orderChanges([...diffSpecs(base, revision), ...diffLifecycles(applicable, base, revision)]);
      const pacts = applicable.length > 0 ? pactsOf(args, configOf(args)) : undefined;
      const consumers = pacts === undefined ? undefined
        : await brokenInteractions({ pacts, profiles: applicable, configured: configOf(args).providers, base: base.path, revision: revision.path });
      const exchanges = harFiles.length > 0 ? await brokenExchanges(harFiles, base, revision) : undefined;
      diffs.push({ base: pair.base, revision: pair.revision, providers: applicable.map((profile) => profile.name), changes, ...(consumers ? { consumers } : {}), ...(exchanges ? { exchanges } : {}) });
    }
    const all = diffs.flatMap((diff) => diff.changes);
    const failing = all.some((change) => atLeast(change.level, failOn)) || diffs.some(brokenConsumers);
    if (format === 'json') {
      io.out(`${JSON.stringify({ failOn, failing, counts: counts(all), specs: diffs.map((diff) => ({ ...diff, counts: counts(diff.changes) })) }, null, 2)}\n`);
    } else {
      io.out(format === 'markdown' ? renderMarkdown(diffs) : format === 'junit' ? renderSpecDiffJunit(diffs, failOn) : renderText(diffs));
    }
    return failing ? EXIT.findings : EXIT.ok;
  },
};
