import { stringify } from 'yaml';
import { RunwardenError } from '../../core/errors.ts';
import { displayPath, loadSpec, parseJsonText, readTextFile } from '../../spec/index.ts';
import { createValidator, DRIFT_KINDS, DriftCollector, suggestPatch, type DriftFinding, type DriftKind, type PatchHunk } from '../../validate/index.ts';
import { stringOption, type Command } from '../command.ts';
import { CONFIG_OPTIONS, configOf } from '../config-option.ts';
import { EXIT } from '../exit-codes.ts';
import { plural } from '../print-findings.ts';
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

/** `runwarden spec drift`: what recorded traffic carries that the spec does not document, as a patch to review. */
export const specDriftCommand: Command = {
  name: NAME,
  usage: 'runwarden spec drift --spec <file|provider> --har <file> [--har <file>...] [--json] [--fail-on drift]',
  details: [
    'Runs every HAR entry through the strict validator (as runwarden validate --har --strict) and lists what the',
    'provider sends that the spec does not say: undocumented operations, statuses, media types, response headers,',
    'query parameters, body properties and enum values, each counted, with the first example. The suggested',
    'additions are printed as YAML fragments, one per spec location, to review and merge by hand. Request-side',
    'drift counts only when the provider accepted the request (2xx/3xx). Spec violations that are not additions (a',
    'wrong type, a missing required property) are counted, not patched: see runwarden validate --har.',
    'A load run keeps only violation counts and a few examples, not responses: record a HAR for drift.',
    'Exit codes: 0 (with --fail-on drift: no drift), 1 drift found and --fail-on drift, 2 unusable spec or HAR.',
  ].join('\n'),
  options: {
    spec: { type: 'string', description: 'OpenAPI file, or a configured provider\'s name' },
    har: { type: 'string', multiple: true, description: 'HAR 1.2 file of recorded traffic; repeat for several' },
    ...CONFIG_OPTIONS,
    json: { type: 'boolean', description: 'Print the findings and the suggested patch as JSON' },
    'fail-on': { type: 'string', description: '`drift`: exit 1 when anything undocumented is found (for CI)' },
  },
  async run(args, io) {
    const specOption = stringOption(args, 'spec');
    if (specOption === undefined) throw usage('--spec is required', 'For example: runwarden spec drift --spec specs/api.yaml --har traffic.har');
    const har = args.values.har;
    const harFiles = Array.isArray(har) ? har : typeof har === 'string' ? [har] : [];
    if (harFiles.length === 0) throw usage('give at least one --har file', 'Record traffic as HAR 1.2 (a browser\'s "Save all as HAR", or a proxy) and pass it with --har.');
    const failOn = stringOption(args, 'fail-on');
    if (failOn !== undefined && failOn !== 'drift') throw usage(`--fail-on must be drift\nReceived: ${failOn}`);
    const spec = await loadSpec(specPathOf(specOption, configOf(args)));
    const collector = new DriftCollector(createValidator(spec, { strict: true }));
    for (const file of harFiles) collector.addHar(parseJsonText(await readTextFile(file, 'HAR file'), file), displayPath(file));
    const findings = collector.findings();
    const patch = suggestPatch(findings);
    const violations = Object.fromEntries(collector.violations);
    const failing = failOn === 'drift' && findings.length > 0;
    if (args.values.json === true) {
      io.out(`${JSON.stringify({ spec: displayPath(spec.path), har: harFiles.map((file) => displayPath(file)), exchanges: collector.exchanges, skipped: collector.skipped, counts: countsOf(findings), findings, patch, violations, failing }, null, 2)}\n`);
    } else {
      const other = [...collector.violations.values()].reduce((sum, count) => sum + count, 0);
      const head = `${findings.length > 0 ? '✗' : '✓'} ${plural(findings.length, 'undocumented item')} in ${plural(collector.exchanges, 'exchange')} against ${displayPath(spec.path)}${collector.skipped > 0 ? ` (${collector.skipped} skipped: outside the API or no response)` : ''}`;
      const tail = other > 0 ? `\n${plural(other, 'other spec violation')} (not drift: ${Object.entries(violations).map(([code, count]) => `${code} ×${count}`).join(', ')}); see runwarden validate --har\n` : '';
      io.out(`${patch.map(hunkText).join('\n')}${patch.length > 0 ? '\n' : ''}${head}\n${tail}`);
    }
    return failing ? EXIT.findings : EXIT.ok;
  },
};
