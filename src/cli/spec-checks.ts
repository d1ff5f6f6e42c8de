import { describeError, isRunwardenError } from '../core/errors.ts';
import { auditRefs, displayPath, isFlaw, lintSpec, loadSpec, locatedWarnings, type LintFinding, type SpecWarning } from '../spec/index.ts';
import { checkExamples, createValidator, type ExampleFinding } from '../validate/index.ts';

/**
 * Which lint findings fail a spec check. `structural` (the default): only problems that make the document invalid
 * OpenAPI (Redocly's `struct` and `no-unresolved-refs`); `error`: every finding Redocly rates an error, style rules
 * included; `warn`: every finding; `off`: do not lint.
 */
export type LintLevel = 'off' | 'structural' | 'error' | 'warn';

export const LINT_LEVELS: readonly LintLevel[] = ['off', 'structural', 'error', 'warn'];

/** How a spec is checked. */
export interface SpecCheckOptions {
  /** Also report example properties the schema does not declare. */
  strict?: boolean;
  /** The document's flaws (warnings) fail the check too. */
  strictSpec?: boolean;
  lintLevel?: LintLevel;
  /** Progress lines for a large spec ("linting…", "examples 2,500 of 9,000"), meant for stderr. */
  progress?(line: string): void;
}

/** What checking one spec found. */
export interface SpecCheck {
  spec: string;
  /** Set when the spec could not be read or parsed: nothing else was checked. */
  error?: { code: string; message: string; hint?: string };
  version?: string;
  operations?: number;
  lintLevel: LintLevel;
  lint: LintFinding[];
  /** Operations whose schemas cannot compile (each fails only itself). */
  uncompilable: Array<{ operationId: string; message: string }>;
  examplesChecked: number;
  examples: ExampleFinding[];
  /** The document's flaws runwarden worked around, located in the file where it can be. */
  warnings: SpecWarning[];
  strictSpec: boolean;
}

const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/**
 * Loads a spec, lints it, compiles every operation and checks every example against its schema; a spec that cannot
 * be read or parsed is reported, not thrown. The order is the one a large spec is worth watching in: progress lines
 * say what is being done.
 */
export async function checkSpec(file: string, options: SpecCheckOptions = {}): Promise<SpecCheck> {
  const lintLevel = options.lintLevel ?? 'structural';
  const result: SpecCheck = {
    spec: displayPath(file), lintLevel, lint: [], uncompilable: [], examplesChecked: 0, examples: [], warnings: [], strictSpec: options.strictSpec === true,
  };
  const progress = (line: string): void => options.progress?.(`${result.spec}: ${line}`);
  try {
    let started = performance.now();
    const spec = await loadSpec(file);
    result.version = spec.version;
    result.operations = spec.operations.length;
    progress(`loaded, ${spec.operations.length} operations (${seconds(started)})`);
    if (lintLevel !== 'off') {
      started = performance.now();
      progress('linting (Redocly recommended)…');
      result.lint = await lintSpec(file);
      progress(`linted: ${result.lint.length} findings (${seconds(started)})`);
    }
    started = performance.now();
    progress(`compiling ${spec.operations.length} operations…`);
    const validator = createValidator(spec);
    result.uncompilable = validator.compileAll().failed;
    progress(`compiled (${seconds(started)})`);
    started = performance.now();
    const report = checkExamples(spec, {
      compiler: validator.compiler, strict: options.strict === true,
      onProgress: (done, total) => progress(`examples ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`),
    });
    progress(`examples checked (${seconds(started)})`);
    result.examplesChecked = report.checked;
    result.examples = report.findings;
    auditRefs(spec);
    // An operation that cannot compile is listed once, under `uncompilable`.
    const listed = new Set(result.uncompilable.map((failure) => failure.message));
    result.warnings = locatedWarnings(spec).filter((warning) => warning.code !== 'SCHEMA_UNCOMPILABLE' || !listed.has(warning.message));
  } catch (error) {
    if (!isRunwardenError(error)) throw error;
    result.error = { code: error.code, message: describeError(error), ...(error.hint ? { hint: error.hint } : {}) };
  }
  return result;
}

/** Whether a lint finding fails the check at its level. */
export function lintFails(finding: LintFinding, level: LintLevel): boolean {
  if (level === 'off') return false;
  if (level === 'warn') return true;
  if (level === 'error') return finding.severity === 'error';
  return finding.severity === 'error' && finding.kind === 'structural';
}

/** The warnings that fail the check: the document's flaws, with --strict-spec only. */
export const failingWarnings = (check: SpecCheck): SpecWarning[] => (check.strictSpec ? check.warnings.filter(isFlaw) : []);

/**
 * What fails a spec check: lint findings at its level, operations that cannot compile, examples that do not match
 * their schema and, with --strict-spec, the document's flaws.
 */
export const failing = (check: SpecCheck): number => check.lint.filter((finding) => lintFails(finding, check.lintLevel)).length
  + check.uncompilable.length + check.examples.length + failingWarnings(check).length;
