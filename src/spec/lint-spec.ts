import path from 'node:path';
import type { Config, NormalizedProblem } from '@redocly/openapi-core';
import { RunwardenError } from '../core/errors.ts';
import { displayPath, parseSpecText, readTextFile } from './read-source.ts';

/** One problem Redocly's `recommended` ruleset finds in a spec. */
export interface LintFinding {
  ruleId: string;
  severity: 'error' | 'warn';
  /**
   * `structural`: the document breaks the OpenAPI schema or has a `$ref` that does not resolve (rules `struct`,
   * `no-unresolved-refs`); `style`: a `recommended` rule about how a good spec reads (a summary on every operation,
   * no trailing slash), whatever severity Redocly gives it.
   */
  kind: 'structural' | 'style';
  message: string;
  location: { file: string; pointer?: string; line?: number; column?: number };
}

type Redocly = typeof import('@redocly/openapi-core');

/** Redocly rules whose findings mean the document is not valid OpenAPI, as opposed to style advice. */
const STRUCTURAL_RULES = new Set(['struct', 'no-unresolved-refs', 'spec']);

let redocly: Promise<Redocly> | undefined;
let recommended: Promise<Config> | undefined;

/**
 * Redocly, imported on first use: importing it takes seconds, and every command that reads a spec (validate, serve,
 * load) imports this layer, while only `spec check` and `ci` lint.
 */
function redoclyModule(): Promise<Redocly> {
  redocly ??= import('@redocly/openapi-core');
  return redocly;
}

/** A resolver that reads `$ref`s to local files but never fetches a URL: runwarden sends no traffic off the machine. */
function localResolver(module: Redocly): InstanceType<Redocly['BaseResolver']> {
  class LocalResolver extends module.BaseResolver {
    override loadExternalRef(absoluteRef: string): ReturnType<InstanceType<Redocly['BaseResolver']>['loadExternalRef']> {
      if (/^[a-z][a-z\d+.-]*:\/\//i.test(absoluteRef) && !absoluteRef.startsWith('file:')) {
        return Promise.reject(new Error(`remote references are not fetched: ${absoluteRef}`));
      }
      return super.loadExternalRef(absoluteRef);
    }
  }
  return new LocalResolver();
}

/** The `recommended` ruleset, built once per process. */
function recommendedConfig(): Promise<Config> {
  recommended ??= redoclyModule().then((module) => module.createConfig({ extends: ['recommended'] }));
  return recommended;
}

function findingOf(problem: NormalizedProblem, getLineColLocation: Redocly['getLineColLocation']): LintFinding {
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
  const kind = STRUCTURAL_RULES.has(problem.ruleId) ? 'structural' : 'style';
  return { ruleId: problem.ruleId, severity: problem.severity, kind, message: problem.message, location };
}

/**
 * Lints a spec file with Redocly's `recommended` ruleset; errors first, then warnings, each in document order.
 * An unreadable or unparsable file fails as `loadSpec` does (FILE_NOT_FOUND, YAML_INVALID, JSON_INVALID).
 */
export async function lintSpec(file: string): Promise<LintFinding[]> {
  const absolute = path.resolve(file);
  parseSpecText(await readTextFile(absolute, 'spec'), absolute);
  const module = await redoclyModule();
  let problems: NormalizedProblem[];
  try {
    problems = await module.lint({ ref: absolute, config: await recommendedConfig(), externalRefResolver: localResolver(module) });
  } catch (error) {
    throw new RunwardenError('SPEC_INVALID', `${displayPath(absolute)} cannot be linted: ${(error as Error).message}`);
  }
  const findings = problems.filter((problem) => !problem.ignored).map((problem) => findingOf(problem, module.getLineColLocation));
  const rank = (finding: LintFinding): number => (finding.severity === 'error' ? 0 : 1);
  return findings.sort((a, b) => rank(a) - rank(b) || (a.location.line ?? 0) - (b.location.line ?? 0));
}
