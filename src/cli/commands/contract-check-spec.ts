import { checkPactsAgainstSpecs, type CrossCheckFinding } from '../../contract/index.ts';
import type { Command, Io, ParsedArgs } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { plural } from '../print-findings.ts';
import { renderTextTable } from '../text-table.ts';
import { CONTRACT_OPTIONS, pactsOf, providerOf } from './contract-args.ts';

const NAME = 'contract check-spec';

/** `runwarden contract check-spec`: every pact interaction cross-checked against its provider's OpenAPI spec. */
export const contractCheckSpecCommand: Command = {
  name: NAME,
  usage: 'runwarden contract check-spec [--pacts dir|file] [--provider deck] [--json]',
  options: { ...CONTRACT_OPTIONS },
  details: [
    'Each request must match a documented operation (method, path, query, headers, body) and each response status',
    'must be documented with a body (the matchers\' examples) that validates; properties the spec does not declare',
    'are findings. Interactions that expect 400/413/422 may send invalid requests on purpose: only their route is',
    'checked. Exit codes: 0 consistent, 1 findings, 2 unusable input (corrupt pact, unknown provider, broken spec).',
  ].join('\n'),
  run: runCheckSpec,
};

async function runCheckSpec(args: ParsedArgs, io: Io): Promise<ExitCode> {
  const report = await checkPactsAgainstSpecs({ pacts: pactsOf(args), provider: providerOf(args, NAME) });
  if (args.values.json) {
    io.out(`${JSON.stringify({ specs: report.specs, consistent: report.findings.length === 0, checks: report.checks }, null, 2)}\n`);
    return report.findings.length === 0 ? EXIT.ok : EXIT.findings;
  }
  if (report.findings.length > 0) io.out(`${renderTextTable(['PACT / INTERACTION', 'FINDING', 'WHERE', 'MESSAGE'], report.findings.map(row))}\n\n`);
  const failing = report.checks.filter((check) => check.findings.length > 0).length;
  const pacts = new Set(report.checks.map((check) => check.pact)).size;
  const specs = Object.values(report.specs).join(', ');
  io.out(report.findings.length === 0
    ? `✓ ${plural(report.checks.length, 'interaction')} in ${plural(pacts, 'pact')} consistent with ${specs}\n`
    : `✗ ${plural(report.findings.length, 'finding')} in ${failing} of ${plural(report.checks.length, 'interaction')} (${plural(pacts, 'pact')}) against ${specs}\n`);
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
