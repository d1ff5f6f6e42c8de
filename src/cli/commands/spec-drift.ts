import { stringify } from 'yaml';
import { RunwardenError } from '../../core/errors.ts';
import { displayPath, loadSpec, parseJsonText, readTextFile } from '../../spec/index.ts';
import { createValidator, DRIFT_KINDS, DriftCollector, suggestPatch, type DriftFinding, type DriftKind, type PatchHunk } from '../../validate/index.ts';
import { stringOption, type Command, type ParsedArgs } from '../command.ts';
import { CONFIG_OPTIONS, configOf } from '../config-option.ts';
import { EXIT } from '../exit-codes.ts';
import { plural } from '../print-findings.ts';
import { ofProvider, readRunSamples, type RunSamples } from '../run-samples.ts';
import { specPathOf } from '../spec-path.ts';

const NAME = 'spec drift';

function usage(message: string, hint = `Run \`runwarden ${NAME} --help\` for the options.`): RunwardenError {
  return new RunwardenError('USAGE', `runwarden ${NAME}: ${message}`, hint);
}

/** How long an example value may be in the text output (--json has it whole). */
const EXAMPLE_CHARS = 60;

function exampleText(value: unknown): string {
  const text = value === undefined ? '(no value)' : JSON.stringify(value) ?? String(value);
  return text.length > EXAMPLE_CHARS ? `${text.slice(0, EXAMPLE_CHARS - 1)}…` : text;
}

const KIND_LABEL: Record<DriftKind, string> = {
  operation: 'undocumented operation',
  status: 'undocumented status',
  'content-type': 'undocumented media type',
  header: 'undocumented response header',
  'query-parameter': 'undocumented query parameter',
  property: 'undocumented property',
  'enum-value': 'undocumented enum value',
};

/** Where a finding was seen, when its name does not say: `(response 200)`, `(request)`. */
function context(finding: DriftFinding): string {
  if (finding.kind === 'status' || finding.kind === 'operation' || finding.kind === 'query-parameter') return '';
  return finding.status !== undefined ? ` (${finding.where} ${finding.status})` : ` (${finding.where})`;
}

function findingLine(finding: DriftFinding): string {
  const at = context(finding);
  return `${KIND_LABEL[finding.kind]} ${finding.name}${at}: seen ${finding.count}×, first in ${finding.first.har} entry ${finding.first.entry}: ${exampleText(finding.first.value)}`;
}

/** A hunk as a reviewer reads it: where it goes and why as comments, then the YAML to merge. */
function hunkText(hunk: PatchHunk): string {
  const comments = [
    `# ${hunk.specLocation} — ${hunk.action} (${hunk.operations.join(', ')})`,
    ...hunk.findings.map((finding) => `#   ${findingLine(finding)}`),
  ];
  return `${comments.join('\n')}\n${stringify(hunk.fragment).trimEnd()}\n`;
}

const countsOf = (findings: readonly DriftFinding[]): Record<DriftKind, number> =>
  Object.fromEntries(DRIFT_KINDS.map((kind) => [kind, findings.filter((finding) => finding.kind === kind).length])) as Record<DriftKind, number>;

/** What one spec is checked against: a file, and with a provider a run recorded, only that provider's samples. */
interface DriftTarget { specFile: string; provider?: string }

/**
 * The specs to check against: `--spec` (a provider the run recorded, a file, or a configured provider), else each
 * provider a `--run` folder recorded, in turn, each against its own samples.
 */
function targetsOf(option: string | undefined, run: RunSamples | undefined, args: ParsedArgs): DriftTarget[] {
  const recorded = Object.entries(run?.specs ?? {});
  if (option !== undefined) {
    const spec = run?.specs[option];
    return [spec !== undefined ? { specFile: spec, provider: option } : { specFile: specPathOf(option, configOf(args)) }];
  }
  if (recorded.length > 0) return recorded.map(([provider, specFile]) => ({ specFile, provider }));
  throw usage('--spec is required', run === undefined ? 'For example: runwarden spec drift --spec specs/api.yaml --har traffic.har' : 'The run folder records no spec (its summary.json has no samples): pass --spec <file|provider>.');
}

/** One spec's drift over the HAR files, as `--json` prints it. */
interface DriftReport {
  provider?: string;
  spec: string;
  har: string[];
  exchanges: number;
  skipped: number;
  /** Entries of the run's samples that belong to other providers, not checked against this spec. */
  otherProviders?: number;
  counts: Record<DriftKind, number>;
  findings: DriftFinding[];
  patch: PatchHunk[];
  violations: Record<string, number>;
  failing: boolean;
}

interface HarInput { file: string; parsed: unknown; fromRun: boolean }

async function driftOf(target: DriftTarget, hars: readonly HarInput[], failOn: string | undefined): Promise<DriftReport> {
  const spec = await loadSpec(target.specFile);
  const collector = new DriftCollector(createValidator(spec, { strict: true }));
  for (const { file, parsed, fromRun } of hars) {
    collector.addHar(parsed, displayPath(file), target.provider !== undefined && fromRun ? ofProvider(target.provider) : undefined);
  }
  const findings = collector.findings();
  return {
    ...(target.provider === undefined ? {} : { provider: target.provider }),
    spec: displayPath(spec.path), har: hars.map(({ file }) => displayPath(file)), exchanges: collector.exchanges, skipped: collector.skipped,
    ...(target.provider === undefined ? {} : { otherProviders: collector.excluded }),
    counts: countsOf(findings), findings, patch: suggestPatch(findings), violations: Object.fromEntries(collector.violations),
    failing: failOn === 'drift' && findings.length > 0,
  };
}

/** The patch to review, then one line of counts, then the violations that are not drift. */
function reportText(report: DriftReport): string {
  const { findings, patch, violations } = report;
  const other = Object.values(violations).reduce((sum, count) => sum + count, 0);
  const notes = [
    ...(report.skipped > 0 ? [`${report.skipped} skipped: outside the API or no response`] : []),
    ...(report.otherProviders ? [`${report.otherProviders} of other providers`] : []),
  ];
  const head = `${findings.length > 0 ? '✗' : '✓'} ${plural(findings.length, 'undocumented item')} in ${plural(report.exchanges, 'exchange')} against ${report.spec}${report.provider === undefined ? '' : ` (${report.provider})`}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
  const tail = other > 0 ? `\n${plural(other, 'other spec violation')} (not drift: ${Object.entries(violations).map(([code, count]) => `${code} ×${count}`).join(', ')}); see runwarden validate --har\n` : '';
  return `${patch.map(hunkText).join('\n')}${patch.length > 0 ? '\n' : ''}${head}\n${tail}`;
}

/** `runwarden spec drift`: what recorded traffic carries that the spec does not document, as a patch to review. */
export const specDriftCommand: Command = {
  name: NAME,
  usage: 'runwarden spec drift --spec <file|provider> --har <file> [--har <file>...] | --run <reports/run> [--spec <provider|file>] [--json] [--fail-on drift]',
  details: [
    'Runs every HAR entry through the strict validator (as runwarden validate --har --strict) and lists what the',
    'provider sends that the spec does not say: undocumented operations, statuses, media types, response headers,',
    'query parameters, body properties and enum values, each counted, with the first example. The suggested',
    'additions are printed as YAML fragments, one per spec location, to review and merge by hand. Request-side',
    'drift counts only when the provider accepted the request (2xx/3xx). Spec violations that are not additions (a',
    'wrong type, a missing required property) are counted, not patched: see runwarden validate --har.',
    'Drift from load traffic: runwarden load --samples <file.har> keeps a bounded, redacted sample of the exchanges,',
    'and runwarden ci writes one to reports/<run>/samples.har; --run <folder> reads it, checked against the spec the',
    'run recorded for each sampled provider, in turn (--spec <provider> for one). Counts are within the sample.',
    'Exit codes: 0 (with --fail-on drift: no drift), 1 drift found and --fail-on drift, 2 unusable spec or HAR.',
  ].join('\n'),
  options: {
    spec: { type: 'string', description: 'OpenAPI file, or a configured provider\'s name' },
    har: { type: 'string', multiple: true, description: 'HAR 1.2 file of recorded traffic; repeat for several' },
    run: { type: 'string', description: 'A runwarden ci run folder (reports/latest, reports/<run>): check its samples.har' },
    ...CONFIG_OPTIONS,
    json: { type: 'boolean', description: 'Print the findings and the suggested patch as JSON' },
    'fail-on': { type: 'string', description: '`drift`: exit 1 when anything undocumented is found (for CI)' },
  },
  async run(args, io) {
    const failOn = stringOption(args, 'fail-on');
    if (failOn !== undefined && failOn !== 'drift') throw usage(`--fail-on must be drift\nReceived: ${failOn}`);
    const har = args.values.har;
    const runDir = stringOption(args, 'run');
    const run = runDir === undefined ? undefined : await readRunSamples(runDir);
    const harFiles = [...(Array.isArray(har) ? har : typeof har === 'string' ? [har] : []), ...(run ? [run.har] : [])];
    if (harFiles.length === 0) throw usage('give at least one --har file, or a run folder with --run', 'Record traffic as HAR 1.2 (a browser\'s "Save all as HAR", a proxy, or runwarden load --samples) and pass it with --har.');
    const targets = targetsOf(stringOption(args, 'spec'), run, args);
    const hars: HarInput[] = [];
    for (const file of harFiles) hars.push({ file, parsed: parseJsonText(await readTextFile(file, 'HAR file'), file), fromRun: file === run?.har });
    const reports: DriftReport[] = [];
    for (const target of targets) reports.push(await driftOf(target, hars, failOn));
    const failing = reports.some((report) => report.failing);
    if (args.values.json === true) {
      // One spec: its report; a run that sampled several providers: one report each.
      const shown = reports.length === 1 ? reports[0] : { run: displayPath(runDir!), providers: reports, failing };
      io.out(`${JSON.stringify(shown, null, 2)}\n`);
    } else {
      io.out(reports.map(reportText).join('\n'));
    }
    return failing ? EXIT.findings : EXIT.ok;
  },
};
