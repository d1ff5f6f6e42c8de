import { bundledSpecPath, PROVIDERS } from '../../core/providers.ts';
import type { LintFinding } from '../../spec/index.ts';
import type { ExampleFinding } from '../../validate/index.ts';
import type { Command } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { plural } from '../print-findings.ts';
import { checkSpec, failing, type SpecCheck } from '../spec-checks.ts';
import { specPathOf } from '../spec-path.ts';
import { renderTextTable } from '../text-table.ts';

function lintRow(check: SpecCheck, finding: LintFinding): string[] {
  const { file, line, column, pointer } = finding.location;
  const where = line !== undefined ? `${file}:${line}:${column}` : `${file}${pointer ?? ''}`;
  return [check.spec, `lint ${finding.severity}\n${finding.ruleId}`, `${where}${line !== undefined && pointer ? `\n${pointer}` : ''}`, finding.message];
}

function exampleRow(check: SpecCheck, finding: ExampleFinding): string[] {
  const pointer = finding.pointer !== undefined ? `\nat ${finding.pointer === '' ? '(root)' : finding.pointer}` : '';
  return [check.spec, `example\n${finding.code}`, `${finding.location}${pointer}`, finding.message];
}

function summaryLine(check: SpecCheck): string {
  if (check.error) return `✗ ${check.spec}: ${check.error.message}${check.error.hint ? `\n  Hint: ${check.error.hint}` : ''}`;
  const errors = check.lint.filter((finding) => finding.severity === 'error').length;
  const warnings = check.lint.length - errors;
  const mark = failing(check) === 0 ? '✓' : '✗';
  return `${mark} ${check.spec} (OpenAPI ${check.version}, ${plural(check.operations ?? 0, 'operation')}): lint ${plural(errors, 'error')}, ${plural(warnings, 'warning')}; `
    + `${plural(check.examplesChecked, 'example')} checked, ${check.examples.length} not matching their schema`;
}

/** `runwarden spec check`: loads, lints and checks every example of each spec; exit 1 on findings. */
export const specCheckCommand: Command = {
  name: 'spec check',
  usage: 'runwarden spec check [--spec <file>]... [--strict] [--json]',
  details: [
    `Without --spec, checks the bundled specs: ${PROVIDERS.map((provider) => `specs/${provider}.openapi.yaml`).join(', ')}.`,
    'Findings are lint errors and examples that do not match their schema; lint warnings are listed but do not fail.',
    'Exit codes: 0 clean, 1 findings, 2 a spec cannot be read, parsed, resolved or compiled.',
  ].join('\n'),
  options: {
    spec: { type: 'string', multiple: true, description: 'Spec file or provider name; repeat for several (default: all bundled)' },
    strict: { type: 'boolean', description: 'Also report example properties the schema does not declare' },
    json: { type: 'boolean', description: 'Print the results as JSON' },
  },
  async run(args, io) {
    const given = args.values.spec;
    const files = Array.isArray(given) && given.length > 0 ? given.map(specPathOf) : PROVIDERS.map(bundledSpecPath);
    const checks: SpecCheck[] = [];
    for (const file of files) checks.push(await checkSpec(file, args.values.strict === true));
    const unusable = checks.some((check) => check.error !== undefined);
    const findings = checks.reduce((total, check) => total + failing(check), 0);
    if (args.values.json) {
      io.out(`${JSON.stringify({ conform: findings === 0 && !unusable, specs: checks }, null, 2)}\n`);
    } else {
      const rows = checks.flatMap((check) => [...check.lint.map((finding) => lintRow(check, finding)), ...check.examples.map((finding) => exampleRow(check, finding))]);
      if (rows.length > 0) io.out(`${renderTextTable(['SPEC', 'KIND', 'LOCATION', 'MESSAGE'], rows)}\n`);
      io.out(`${checks.map(summaryLine).join('\n')}\n`);
    }
    if (unusable) return EXIT.usage;
    return findings === 0 ? EXIT.ok : EXIT.findings;
  },
};
