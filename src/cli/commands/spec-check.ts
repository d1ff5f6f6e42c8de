import { isFlaw, type LintFinding, type SpecWarning } from '../../spec/index.ts';
import type { ExampleFinding } from '../../validate/index.ts';
import { RunwardenError } from '../../core/errors.ts';
import { stringOption, type Command } from '../command.ts';
import { CONFIG_OPTIONS, configOf, selectedProviders } from '../config-option.ts';
import { EXIT } from '../exit-codes.ts';
import { plural } from '../print-findings.ts';
import { checkSpec, failing, failingWarnings, LINT_LEVELS, lintFails, type LintLevel, type SpecCheck } from '../spec-checks.ts';
import { specPathOf } from '../spec-path.ts';
import { renderTextTable } from '../text-table.ts';

function lintRow(check: SpecCheck, finding: LintFinding): string[] {
  const { file, line, column, pointer } = finding.location;
  const where = line !== undefined ? `${file}:${line}:${column}` : `${file}${pointer ?? ''}`;
  const verdict = lintFails(finding, check.lintLevel) ? finding.severity : finding.severity === 'error' ? `${finding.kind} error, not failing` : 'warn';
  return [check.spec, `lint ${verdict}\n${finding.ruleId}`, `${where}${line !== undefined && pointer ? `\n${pointer}` : ''}`, finding.message];
}

function exampleRow(check: SpecCheck, finding: ExampleFinding): string[] {
  const pointer = finding.pointer !== undefined ? `\nat ${finding.pointer === '' ? '(root)' : finding.pointer}` : '';
  return [check.spec, `example\n${finding.code}`, `${finding.location}${pointer}`, finding.message];
}

function warningRow(check: SpecCheck, warning: SpecWarning): string[] {
  const where = warning.line !== undefined ? `${check.spec}:${warning.line}:${warning.column}\n${warning.location}` : warning.location || check.spec;
  const kind = !isFlaw(warning) ? 'spec note' : check.strictSpec ? 'spec error' : 'spec warning';
  return [check.spec, `${kind}\n${warning.code}`, where, warning.message];
}

function summaryLine(check: SpecCheck): string {
  if (check.error) {
    // Most errors already start with the file (and its line:column); others get it in front.
    const message = check.error.message.startsWith(check.spec) ? check.error.message : `${check.spec}: ${check.error.message}`;
    return `✗ ${message}${check.error.hint ? `\n  Hint: ${check.error.hint}` : ''}`;
  }
  const failingLint = check.lint.filter((finding) => lintFails(finding, check.lintLevel)).length;
  const lint = check.lintLevel === 'off' ? 'not linted' : `lint ${plural(failingLint, 'error')}, ${check.lint.length - failingLint} other findings`;
  const uncompilable = check.uncompilable.length > 0 ? `; ${plural(check.uncompilable.length, 'operation')} cannot compile` : '';
  const mark = failing(check) === 0 ? '✓' : '✗';
  return `${mark} ${check.spec} (OpenAPI ${check.version}, ${plural(check.operations ?? 0, 'operation')}): ${lint}${uncompilable}; `
    + `${plural(check.examplesChecked, 'example')} checked, ${check.examples.length} not matching their schema; `
    + `${plural(check.warnings.length, 'spec warning')}${check.strictSpec ? ` (${failingWarnings(check).length} failing: --strict-spec)` : ''}`;
}

/** At most this many rows of findings that do not fail a check are printed per spec (--json has them all). */
const SHOWN = 50;

function bounded(check: SpecCheck, rows: string[][], what: string): string[][] {
  if (rows.length <= SHOWN) return rows;
  return [...rows.slice(0, SHOWN), [check.spec, '…', '', `${rows.length - SHOWN} more ${what} (--json lists them all)`]];
}

function lintLevelOf(value: string | undefined): LintLevel {
  if (value === undefined) return 'structural';
  if ((LINT_LEVELS as readonly string[]).includes(value)) return value as LintLevel;
  throw new RunwardenError('USAGE', `runwarden spec check: --lint-level must be one of ${LINT_LEVELS.join(', ')}\nReceived: ${value}`, 'structural (the default) fails only on problems that make the document invalid OpenAPI.');
}

/** `runwarden spec check`: loads, lints, compiles and checks every example of each spec; exit 1 on findings. */
export const specCheckCommand: Command = {
  name: 'spec check',
  positionals: Number.POSITIVE_INFINITY, // specs, as with --spec
  usage: 'runwarden spec check [<file>... | --spec <file>...] [--config file] [--provider name] [--lint-level structural|error|warn|off] [--strict-spec] [--strict] [--json]',
  details: [
    'Specs may also be given without the flag (runwarden spec check openapi.yaml). Without any, checks the spec of every configured provider (runwarden.config.yaml; else the bundled ones).',
    'Lints with Redocly recommended, compiles every operation, then checks every example against its schema (progress on stderr).',
    'Findings: lint findings at --lint-level (structural, the default: only problems that make the document invalid OpenAPI;',
    'error: also Redocly\'s style rules rated errors; warn: every lint finding; off: no lint), operations whose schemas cannot',
    'compile, and examples that do not match their schema. The document\'s flaws runwarden works around (a duplicated',
    'operationId, duplicate enum values, a pattern for another regex engine…) are listed as spec warnings; --strict-spec fails on them.',
    'Swagger 2.0 documents are converted to OpenAPI 3.0 with swagger2openapi first.',
    'Exit codes: 0 clean, 1 findings, 2 a spec cannot be read, parsed or resolved.',
  ].join('\n'),
  options: {
    spec: { type: 'string', multiple: true, description: 'Spec file or configured provider name; repeat for several (default: every configured provider\'s)' },
    ...CONFIG_OPTIONS,
    'lint-level': { type: 'string', description: 'Which lint findings fail: structural (default), error, warn or off' },
    'strict-spec': { type: 'boolean', description: 'Fail on the document\'s flaws (spec warnings) too' },
    strict: { type: 'boolean', description: 'Also report example properties the schema does not declare' },
    json: { type: 'boolean', description: 'Print the results as JSON' },
  },
  async run(args, io) {
    const given = [...(Array.isArray(args.values.spec) ? args.values.spec : []), ...args.positionals];
    const lintLevel = lintLevelOf(stringOption(args, 'lint-level'));
    const config = configOf(args);
    const files = given.length > 0 ? given.map((value) => specPathOf(value, config)) : [...new Set(selectedProviders(args, config).map((profile) => profile.spec))];
    const checks: SpecCheck[] = [];
    for (const file of files) {
      checks.push(await checkSpec(file, {
        strict: args.values.strict === true, strictSpec: args.values['strict-spec'] === true, lintLevel,
        progress: (line) => io.err(`spec check: ${line}\n`),
      }));
    }
    const unusable = checks.some((check) => check.error !== undefined);
    const findings = checks.reduce((total, check) => total + failing(check), 0);
    if (args.values.json) {
      io.out(`${JSON.stringify({ conform: findings === 0 && !unusable, specs: checks }, null, 2)}\n`);
    } else {
      const rows = checks.flatMap((check) => [
        ...check.lint.filter((finding) => lintFails(finding, check.lintLevel)).map((finding) => lintRow(check, finding)),
        ...check.uncompilable.map((failure) => [check.spec, 'schema\nSCHEMA_UNCOMPILABLE', failure.operationId, failure.message]),
        ...check.examples.map((finding) => exampleRow(check, finding)),
        ...check.strictSpec ? check.warnings.map((warning) => warningRow(check, warning)) : [],
        // What does not fail is listed up to a bound: a large spec has thousands of style findings.
        ...bounded(check, check.lint.filter((finding) => !lintFails(finding, check.lintLevel)).map((finding) => lintRow(check, finding)), 'lint findings'),
        ...check.strictSpec ? [] : bounded(check, check.warnings.map((warning) => warningRow(check, warning)), 'spec warnings'),
      ]);
      if (rows.length > 0) io.out(`${renderTextTable(['SPEC', 'KIND', 'LOCATION', 'MESSAGE'], rows)}\n`);
      io.out(`${checks.map(summaryLine).join('\n')}\n`);
    }
    if (unusable) return EXIT.usage;
    return findings === 0 ? EXIT.ok : EXIT.findings;
  },
};
