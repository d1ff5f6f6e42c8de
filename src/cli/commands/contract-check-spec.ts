import { checkPactsAgainstSpecs, type CrossCheckFinding } from '../../contract/index.ts';
import type { Command, Io, ParsedArgs } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { plural } from '../print-findings.ts';
import { renderTextTable } from '../text-table.ts';
import { defaultConfigNote } from '../config-option.ts';
import { CONTRACT_OPTIONS, contractScope, skippedNotes, SPEC_OPTION, specsOf } from './contract-args.ts';

const NAME = 'contract check-spec';

/** `runwarden contract check-spec`: every pact interaction cross-checked against its provider's OpenAPI spec. */
export const contractCheckSpecCommand: Command = {
  name: NAME,
  usage: 'runwarden contract check-spec [--config file] [--pacts dir|file] [--provider name [--spec file]] [--strict] [--json]',
  options: {
    ...CONTRACT_OPTIONS,
    ...SPEC_OPTION,
    strict: { type: 'boolean', description: 'Also require every documented required property, required header and body in pact responses' },
  },
  details: [
    'Each request must match a documented operation (method, path, query, headers, credentials, body) and each',
    'response status must be documented with a body (the matchers\' examples) that validates; properties the spec',
    'does not declare are findings. A pact response is the minimum the consumer needs: it may leave out documented',
    'required properties, headers or the whole body (--strict: it may not). A pact path may include the server\'s',
    'base path (/v2/pets/1) or be relative to it (/pets/1). Interactions that expect an error status may send the',
    'request that status means (400/422: any invalid parameter or body, 404: a path id off its schema, 405: an',
    'undocumented method on a documented path); credentials are checked only where a success is expected.',
    'A pact\'s provider.name selects its profile, whose spec it is checked against (--spec: another one).',
    'A provider without pacts, and each V4 message interaction, is skipped with a note. Form-urlencoded and multipart',
    'request bodies are checked field by field; a Content-Type without a body must be one the operation takes.',
    'Exit codes: 0 consistent, 1 findings, 2 unusable input (corrupt pact, unknown provider, broken spec).',
  ].join('\n'),
  run: runCheckSpec,
};

async function runCheckSpec(args: ParsedArgs, io: Io): Promise<ExitCode> {
  const scope = contractScope(args);
  io.err(defaultConfigNote(scope.config));
  const specs = specsOf(args, scope.profiles, NAME);
  const report = await checkPactsAgainstSpecs({ ...scope, ...(specs ? { specs } : {}), strict: args.values.strict === true });
  if (args.values.json) {
    io.out(`${JSON.stringify({ specs: report.specs, consistent: report.findings.length === 0, checks: report.checks, skipped: report.skipped }, null, 2)}\n`);
    return report.findings.length === 0 ? EXIT.ok : EXIT.findings;
  }
  if (report.findings.length > 0) io.out(`${renderTextTable(['PACT / INTERACTION', 'FINDING', 'WHERE', 'MESSAGE'], report.findings.map(row))}\n\n`);
  const failing = report.checks.filter((check) => check.findings.length > 0).length;
  const pacts = new Set(report.checks.map((check) => check.pact)).size;
  const against = Object.values(report.specs).join(', ') || 'no spec';
  io.out(skippedNotes(report.skipped));
  io.out(report.findings.length === 0
    ? `✓ ${plural(report.checks.length, 'interaction')} in ${plural(pacts, 'pact')} consistent with ${against}\n`
    : `✗ ${plural(report.findings.length, 'finding')} in ${failing} of ${plural(report.checks.length, 'interaction')} (${plural(pacts, 'pact')}) against ${against}\n`);
  return report.findings.length === 0 ? EXIT.ok : EXIT.findings;
}

function row(finding: CrossCheckFinding): string[] {
  const pointer = finding.pointer === undefined ? '' : ` ${finding.pointer === '' ? '(root)' : finding.pointer}`;
  return [
    `${finding.pact}${finding.pactLocation}\n${finding.interaction}`,
    `${finding.code}\n${finding.operationId}`,
    `${finding.where} ${finding.part}${pointer}${finding.specLocation ? `\nspec ${finding.specLocation}` : ''}`,
    finding.message,
  ];
}
