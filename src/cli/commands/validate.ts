import path from 'node:path';
import { RunwardenError } from '../../core/errors.ts';
import type { Violation } from '../../core/violation.ts';
import { closestNames, displayPath, loadSpec, parseJsonText, readTextFile } from '../../spec/index.ts';
import { createValidator, validateHarFile, type HarEntryResult, type Validator } from '../../validate/index.ts';
import { integerOption, requireOption, stringOption, type Command, type Io, type ParsedArgs } from '../command.ts';
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
    `${nearest.length > 0 ? `Did you mean ${nearest.join(' or ')}? ` : ''}Operations: ${known.join(', ')}.`,
  );
}

async function validateBody(args: ParsedArgs, io: Io, validator: Validator, bodyFile: string): Promise<ExitCode> {
  const operationId = requireOption(args, NAME, 'operation');
  const status = integerOption(args, NAME, 'status', { min: 100, max: 599 });
  if (status === undefined) throw usage('--status is required with a body file', 'For example: --status 200');
  requireOperation(validator, operationId);
  const body = parseJsonText(await readTextFile(bodyFile, 'body file'), bodyFile);
  const contentType = stringOption(args, 'content-type');
  const findings = validator.validateResponse(operationId, { status, body, ...(contentType ? { contentType } : {}) });
  const subject = `${displayPath(bodyFile)} (${operationId} ${status})`;
  if (args.values.json) {
    io.out(`${JSON.stringify({ spec: displayPath(validator.spec.path), operationId, status, conform: findings.length === 0, findings }, null, 2)}\n`);
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

async function validateHar(args: ParsedArgs, io: Io, validator: Validator, harFile: string): Promise<ExitCode> {
  const entries = await validateHarFile(validator, harFile);
  const skipped = entries.filter((entry) => entry.skipped !== undefined);
  const failing = entries.filter((entry) => entry.violations.length > 0);
  const findings = entries.flatMap((entry) => entry.violations);
  const summary = { entries: entries.length, skipped: skipped.length, withFindings: failing.length, findings: findings.length };
  if (args.values.json) {
    io.out(`${JSON.stringify({ spec: displayPath(validator.spec.path), har: displayPath(harFile), conform: findings.length === 0, summary, entries }, null, 2)}\n`);
    return findings.length === 0 ? EXIT.ok : EXIT.findings;
  }
  const labels = new Map<Violation, string>();
  for (const entry of failing) for (const violation of entry.violations) labels.set(violation, entryLabel(entry));
  if (findings.length > 0) io.out(`${findingsTable(findings, (violation) => labels.get(violation) ?? '')}\n`);
  const skippedText = skipped.length > 0 ? ` (${skipped.length} skipped: ${[...new Set(skipped.map((entry) => entry.skipped))].join('; ')})` : '';
  const where = `${displayPath(harFile)} against ${displayPath(validator.spec.path)}`;
  io.out(findings.length === 0
    ? `✓ ${plural(entries.length, 'entry', 'entries')} in ${where}: all conform${skippedText}\n`
    : `✗ ${plural(findings.length, 'finding')} in ${failing.length} of ${entries.length} entries in ${where}${skippedText}\n`);
  return findings.length === 0 ? EXIT.ok : EXIT.findings;
}

/** `runwarden validate`: checks a response body, or every exchange in a HAR file, against a spec. */
export const validateCommand: Command = {
  name: NAME,
  usage: 'runwarden validate --spec <file> --operation <id> --status <code> <body.json> | --spec <file> --har <file.har>  [--strict] [--json]',
  details: [
    '--spec takes a file (YAML or JSON, OpenAPI 3.0 or 3.1) or a bundled provider name: rightbrain, deck, refactor.',
    'With --har, each entry is routed by method and URL pathname (any host); entries outside the spec\'s base path are skipped.',
    'Exit codes: 0 conforms, 1 findings, 2 unusable input (unknown operation, missing or invalid file).',
  ].join('\n'),
  options: {
    spec: { type: 'string', description: 'OpenAPI document, or a provider name (deck, rightbrain, refactor)' },
    operation: { type: 'string', description: 'operationId the body is a response of' },
    status: { type: 'string', description: 'HTTP status of that response' },
    'content-type': { type: 'string', description: 'Content-Type of the body (default: the documented JSON type)' },
    har: { type: 'string', description: 'HAR 1.2 file: validate every request and response in it' },
    strict: { type: 'boolean', description: 'Also report properties the spec does not declare' },
    json: { type: 'boolean', description: 'Print the findings as JSON' },
  },
  async run(args, io) {
    const specFile = specPathOf(requireOption(args, NAME, 'spec'));
    const harFile = stringOption(args, 'har');
    const [bodyFile, ...extra] = args.positionals;
    if (extra.length > 0) throw usage(`expected one body file\nReceived: ${args.positionals.join(' ')}`);
    if (harFile !== undefined && bodyFile !== undefined) throw usage('give either a body file or --har, not both');
    if (harFile === undefined && bodyFile === undefined) {
      throw usage('nothing to validate', `Give a body file (with --operation and --status) or --har <file.har>. ${HELP}`);
    }
    const spec = await loadSpec(specFile);
    const validator = createValidator(spec, { strict: args.values.strict === true });
    return harFile !== undefined ? validateHar(args, io, validator, path.resolve(harFile)) : validateBody(args, io, validator, path.resolve(bodyFile!));
  },
};
