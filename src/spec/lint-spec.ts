import path from 'node:path';
import { createConfig, getLineColLocation, lint, type Config, type NormalizedProblem } from '@redocly/openapi-core';
import { RunwardenError } from '../core/errors.ts';
import { displayPath, parseSpecText, readTextFile } from './read-source.ts';

/** One problem Redocly's `recommended` ruleset finds in a spec. */
export interface LintFinding {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { file: string; pointer?: string; line?: number; column?: number };
}

let recommended: Promise<Config> | undefined;

/** The `recommended` ruleset, built once per process. */
function recommendedConfig(): Promise<Config> {
  recommended ??= createConfig({ extends: ['recommended'] });
  return recommended;
}

function findingOf(problem: NormalizedProblem): LintFinding {
  const first = problem.location[0];
  const location: LintFinding['location'] = { file: first ? displayPath(first.source.absoluteRef) : '' };
  if (first) {
    if (first.pointer !== undefined) location.pointer = first.pointer;
    try {
      const { start } = getLineColLocation(first);
      location.line = start.line;
      location.column = start.col;
    } catch {
      // The pointer no longer exists in the source (a decorator moved it): keep the pointer only.
    }
  }
  return { ruleId: problem.ruleId, severity: problem.severity, message: problem.message, location };
}

/**
 * Lints a spec file with Redocly's `recommended` ruleset; errors first, then warnings, each in document order.
 * An unreadable or unparsable file fails as `loadSpec` does (FILE_NOT_FOUND, YAML_INVALID, JSON_INVALID).
 */
export async function lintSpec(file: string): Promise<LintFinding[]> {
  const absolute = path.resolve(file);
  parseSpecText(await readTextFile(absolute, 'spec'), absolute);
  let problems: NormalizedProblem[];
  try {
    problems = await lint({ ref: absolute, config: await recommendedConfig() });
  } catch (error) {
    throw new RunwardenError('SPEC_INVALID', `${displayPath(absolute)} cannot be linted: ${(error as Error).message}`);
  }
  const findings = problems.filter((problem) => !problem.ignored).map(findingOf);
  const rank = (finding: LintFinding): number => (finding.severity === 'error' ? 0 : 1);
  return findings.sort((a, b) => rank(a) - rank(b) || (a.location.line ?? 0) - (b.location.line ?? 0));
}
