import { describeError, isRunwardenError } from '../core/errors.ts';
import { displayPath, lintSpec, loadSpec, type LintFinding } from '../spec/index.ts';
import { checkExamples, createValidator, type ExampleFinding } from '../validate/index.ts';

/** What checking one spec found. */
export interface SpecCheck {
  spec: string;
  /** Set when the spec could not be loaded or compiled: nothing else was checked. */
  error?: { code: string; message: string; hint?: string };
  version?: string;
  operations?: number;
  lint: LintFinding[];
  examplesChecked: number;
  examples: ExampleFinding[];
}

/** Loads, lints and checks every example of one spec; a spec that cannot be loaded is reported, not thrown. */
export async function checkSpec(file: string, strict: boolean): Promise<SpecCheck> {
  const result: SpecCheck = { spec: displayPath(file), lint: [], examplesChecked: 0, examples: [] };
  try {
    const spec = await loadSpec(file);
    result.version = spec.version;
    result.operations = spec.operations.length;
    result.lint = await lintSpec(file);
    const validator = createValidator(spec);
    const report = checkExamples(spec, { compiler: validator.compiler, strict });
    result.examplesChecked = report.checked;
    result.examples = report.findings;
  } catch (error) {
    if (!isRunwardenError(error)) throw error;
    result.error = { code: error.code, message: describeError(error), ...(error.hint ? { hint: error.hint } : {}) };
  }
  return result;
}

/** Lint errors plus examples that do not match their schema: what fails a spec check. */
export const failing = (check: SpecCheck): number => check.lint.filter((finding) => finding.severity === 'error').length + check.examples.length;
