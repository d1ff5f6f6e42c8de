import { existsSync } from 'node:fs';
import path from 'node:path';
import { RunwardenError } from '../../core/errors.ts';
import type { Violation } from '../../core/violation.ts';
import { closestNames, displayPath, isFlaw, loadSpec, locatedWarnings, parseJsonText, readTextFile, type SpecWarning } from '../../spec/index.ts';
import { createValidator, listOperations, validateHarFile, type HarEntryResult, type Validator } from '../../validate/index.ts';
import type { ProviderProfile } from '../../core/profile/index.ts';
import { integerOption, requireOption, stringOption, type Command, type Io, type ParsedArgs } from '../command.ts';
import { CONFIG_OPTIONS, configOf } from '../config-option.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { findingsTable, plural } from '../print-findings.ts';
import { specPathOf } from '../spec-path.ts';

const NAME = 'validate';
const HELP = `Run \`runwarden ${NAME} --help\` for the options.`;

function usage(message: string, hint = HELP): RunwardenError {
  return new RunwardenError('USAGE', `runwarden ${NAME}: ${message}`, hint);
}

/** The operation named by --operation, or OPERATION_UNKNOWN suggesting the nearest ids. */
function requireOperation(validator: Validator, operationId: string): void {
  const known = validator.spec.operations.map((operation) => operation.operationId);
  if (known.includes(operationId)) return;
  const nearest = closestNames(operationId, known);
  throw new RunwardenError(
    'OPERATION_UNKNOWN',
    `unknown operation "${operationId}" in ${displayPath(validator.spec.path)}`,
    `${nearest.length > 0 ? `Did you mean ${nearest.join(' or ')}? ` : ''}Operations: ${listOperations(known)}.`,
  );
}

/** At most this many spec warnings are printed (all of them with --json). */
const WARNINGS_SHOWN = 10;

function warningLine(spec: string, warning: SpecWarning): string {
  const where = warning.line !== undefined ? `${spec}:${warning.line}:${warning.column}` : spec;
  return `${where}: ${warning.code}: ${warning.message}${warning.location ? ` (${warning.location})` : ''}`;
}

/**
 * The spec's flaws met while validating (the schemas used, the operations routed to): printed to stderr, as
 * warnings, or with --strict-spec as the reason the spec is refused (exit 2).
 */
function reportSpecWarnings(args: ParsedArgs, io: Io, validator: Validator): SpecWarning[] {
  const warnings = locatedWarnings(validator.spec);
  const spec = displayPath(validator.spec.path);
  const flaws = warnings.filter(isFlaw);
  if (args.values['strict-spec'] === true && flaws.length > 0) {
    throw new RunwardenError(
      'SPEC_INVALID',
      `${spec} has ${plural(flaws.length, 'flaw')} (--strict-spec):\n${flaws.map((warning) => `  ${warningLine(spec, warning)}`).join('\n')}`,
      'Fix them in the spec, or drop --strict-spec to validate with them worked around.',
    );
  }
  if (!args.values.json) {
    for (const warning of warnings.slice(0, WARNINGS_SHOWN)) io.err(`warning: ${warningLine(spec, warning)}\n`);
    if (warnings.length > WARNINGS_SHOWN) io.err(`warning: … and ${warnings.length - WARNINGS_SHOWN} more (--json lists them all)\n`);
  }
  return warnings;
}

async function validateBody(args: ParsedArgs, io: Io, validator: Validator, bodyFile: string): Promise<ExitCode> {
  const operationId = requireOption(args, NAME, 'operation');
  const status = integerOption(args, NAME, 'status', { min: 100, max: 599 });
  if (status === undefined) throw usage('--status is required with a body file', 'For example: --status 200');
  requireOperation(validator, operationId);
  const body = parseJsonText(await readTextFile(bodyFile, 'body file'), bodyFile);
  const contentType = stringOption(args, 'content-type');
  // Only this operation's schemas compile, and of the shared schemas they refer to those the body reaches.
  validator.prepare(operationId, { reachable: false });
  const specWarnings = reportSpecWarnings(args, io, validator);
  const findings = validator.validateResponse(operationId, { status, body, ...(contentType ? { contentType } : {}) });
  const subject = `${displayPath(bodyFile)} (${operationId} ${status})`;
  if (args.values.json) {
    io.out(`${JSON.stringify({ spec: displayPath(validator.spec.path), operationId, status, conform: findings.length === 0, findings, specWarnings }, null, 2)}\n`);
  } else if (findings.length === 0) {
    io.out(`✓ ${subject} conforms to ${displayPath(validator.spec.path)}\n`);
  } else {
    io.out(`${findingsTable(findings)}\n✗ ${plural(findings.length, 'finding')} in ${subject} against ${displayPath(validator.spec.path)}\n`);
  }
  return findings.length === 0 ? EXIT.ok : EXIT.findings;
}

function entryLabel(entry: HarEntryResult): string {
  let pathname = entry.url;
  try {
    pathname = new URL(entry.url, 'http://runwarden.invalid').pathname;
  } catch {
    // Keep the raw URL.
  }
  return `#${entry.index} ${entry.method} ${pathname} → ${entry.status}`;
}

async function validateHar(args: ParsedArgs, io: Io, validator: Validator, harFile: string, profile: ProviderProfile | undefined): Promise<ExitCode> {
  const entries = await validateHarFile(validator, harFile, { ...(profile ? { profile } : {}), responsesOnly: args.values['responses-only'] === true });
  const specWarnings = reportSpecWarnings(args, io, validator);
  const skipped = entries.filter((entry) => entry.skipped !== undefined);
  const checked = entries.length - skipped.length;
  const failing = entries.filter((entry) => entry.violations.length > 0);
  const findings = entries.flatMap((entry) => entry.violations);
  const notes = [...new Set(entries.flatMap((entry) => entry.notes ?? []))];
  const summary = { entries: entries.length, checked, skipped: skipped.length, withFindings: failing.length, findings: findings.length };
  // Nothing checked is no evidence of conformance: the HAR is of another API, or the spec's servers are wrong.
  const passed = findings.length === 0 && checked > 0;
  if (args.values.json) {
    io.out(`${JSON.stringify({ spec: displayPath(validator.spec.path), har: displayPath(harFile), conform: passed, summary, entries, specWarnings }, null, 2)}\n`);
    return passed ? EXIT.ok : EXIT.findings;
  }
  const labels = new Map<Violation, string>();
  for (const entry of failing) for (const violation of entry.violations) labels.set(violation, entryLabel(entry));
  if (findings.length > 0) io.out(`${findingsTable(findings, (violation) => labels.get(violation) ?? '')}\n`);
  for (const note of notes) io.out(`– ${plural(entries.filter((entry) => entry.notes?.includes(note)).length, 'entry', 'entries')}: ${note}\n`);
  const skippedText = skipped.length > 0 ? ` (${skipped.length} skipped: ${[...new Set(skipped.map((entry) => entry.skipped))].join('; ')})` : '';
  const where = `${displayPath(harFile)} against ${displayPath(validator.spec.path)}`;
  if (checked === 0) {
    io.out(`✗ none of the ${plural(entries.length, 'entry', 'entries')} in ${displayPath(harFile)} was checked against ${displayPath(validator.spec.path)}${skippedText}\n`);
    io.out('  Is the HAR of this API? Entries are matched against the pathname of every `servers` URL of the spec.\n');
    return EXIT.findings;
  }
  io.out(findings.length === 0
    ? `✓ ${plural(entries.length, 'entry', 'entries')} in ${where}: all ${checked} checked conform${skippedText}\n`
    : `✗ ${plural(findings.length, 'finding')} in ${failing.length} of ${entries.length} entries (${checked} checked) in ${where}${skippedText}\n`);
  return findings.length === 0 ? EXIT.ok : EXIT.findings;
}

/** `runwarden validate`: checks a response body, or every exchange in a HAR file, against a spec. */
export const validateCommand: Command = {
  name: NAME,
  positionals: Number.POSITIVE_INFINITY, // counted by run()
  usage: 'runwarden validate (--spec <file> | --provider <name>) --operation <id> --status <code> <body.json> | (--spec <file> | --provider <name>) --har <file.har> [--responses-only] [--strict] [--strict-spec] [--json]',
  details: [
    '--spec takes a file (YAML or JSON, OpenAPI 3.0 or 3.1) or a configured provider\'s name; --provider takes that provider\'s spec.',
    'With --har, each entry is routed by method and URL pathname (any host); entries under none of the spec\'s servers\' base paths',
    'are skipped, and exit 1 when no entry was checked. A body the HAR did not keep (or kept gzip-compressed) is noted, not checked.',
    'When the spec is a configured provider\'s, --har also follows each run across the entries: every state change must be',
    'legal in the provider\'s lifecycle (an illegal or backward transition is a finding naming the run).',
    'Only the schemas of the operations used compile, so a large spec (Stripe, GitHub, Microsoft Graph) answers in seconds.',
    'The spec\'s flaws met on the way (a duplicated operationId, a pattern for another regex engine…) are warnings on stderr;',
    '--strict-spec refuses the spec on them instead. Swagger 2.0 is converted to OpenAPI 3.0 with swagger2openapi.',
    'Exit codes: 0 conforms, 1 findings, 2 unusable input (unknown operation, missing or invalid file, a schema that cannot compile).',
  ].join('\n'),
  options: {
    spec: { type: 'string', description: 'OpenAPI document, or a configured provider\'s name' },
    ...CONFIG_OPTIONS,
    operation: { type: 'string', description: 'operationId the body is a response of' },
    status: { type: 'string', description: 'HTTP status of that response' },
    'content-type': { type: 'string', description: 'Content-Type of the body (default: the documented JSON type)' },
    har: { type: 'string', description: 'HAR 1.2 file: validate every request and response in it' },
    'responses-only': { type: 'boolean', description: 'With --har: check responses only (for traffic with deliberately bad requests)' },
    strict: { type: 'boolean', description: 'Also report properties the spec does not declare' },
    'strict-spec': { type: 'boolean', description: 'Refuse the spec (exit 2) on the flaws it has that are otherwise warnings' },
    json: { type: 'boolean', description: 'Print the findings as JSON' },
  },
  async run(args, io) {
    const providerName = stringOption(args, 'provider');
    const specOption = stringOption(args, 'spec');
    const harFile = stringOption(args, 'har');
    // A body checked against a spec file needs no config: reading it is a third of a second saved on every call.
    const needsConfig = providerName !== undefined || harFile !== undefined || specOption === undefined || args.values.config !== undefined || !existsSync(specOption);
    const config = needsConfig ? configOf(args) : undefined;
    if (specOption === undefined && providerName === undefined) throw usage('--spec (or --provider) is required', `For example: --spec openapi.yaml, or --provider ${config?.providers.names[0] ?? 'jobs'}. ${HELP}`);
    const specFile = specOption === undefined ? config!.providers.get(providerName!, '--provider: ').spec : config ? specPathOf(specOption, config) : specOption;
    // The provider whose runs a HAR shows: --provider's, else the configured provider this spec belongs to.
    const profile = !config ? undefined : providerName !== undefined ? config.providers.get(providerName, '--provider: ') : config.providers.all().find((candidate) => path.resolve(candidate.spec) === path.resolve(specFile));
    const [bodyFile, ...extra] = args.positionals;
    if (extra.length > 0) throw usage(`expected one body file\nReceived: ${args.positionals.join(' ')}`);
    if (harFile !== undefined && bodyFile !== undefined) throw usage('give either a body file or --har, not both');
    if (harFile === undefined && bodyFile === undefined) {
      throw usage('nothing to validate', `Give a body file (with --operation and --status) or --har <file.har>. ${HELP}`);
    }
    const spec = await loadSpec(specFile);
    const validator = createValidator(spec, { strict: args.values.strict === true });
    return harFile !== undefined ? validateHar(args, io, validator, path.resolve(harFile), profile) : validateBody(args, io, validator, path.resolve(bodyFile!));
  },
};
