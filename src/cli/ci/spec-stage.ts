import { bundledSpecPath, type ProviderName } from '../../core/providers.ts';
import type { CheckCase } from '../../core/summary.ts';
import { checkSpec, type SpecCheck } from '../spec-checks.ts';

/** Loads, lints and checks the examples of each provider's bundled spec: three checks per spec. */
export async function specStage(providers: readonly ProviderName[]): Promise<CheckCase[]> {
  const cases: CheckCase[] = [];
  for (const provider of providers) {
    const started = performance.now();
    const check = await checkSpec(bundledSpecPath(provider), false);
    cases.push(...specCases(provider, check, performance.now() - started));
  }
  return cases;
}

function specCases(provider: ProviderName, check: SpecCheck, durationMs: number): CheckCase[] {
  const base = { suite: 'spec' as const, group: provider };
  if (check.error) {
    return [{ ...base, name: `${check.spec} loads and compiles`, ok: false, durationMs, message: `${check.error.message}${check.error.hint ? `\nHint: ${check.error.hint}` : ''}` }];
  }
  const lintErrors = check.lint.filter((finding) => finding.severity === 'error');
  return [
    { ...base, name: `${check.spec} loads and compiles (OpenAPI ${check.version}, ${check.operations} operations)`, ok: true, durationMs },
    {
      ...base, name: `${check.spec} lints clean (Redocly recommended)`, ok: lintErrors.length === 0,
      ...(lintErrors.length === 0 ? {} : { message: lintErrors.map((finding) => `${finding.ruleId}: ${finding.message} (${finding.location.pointer ?? finding.location.file})`).join('\n') }),
    },
    {
      ...base, name: `${check.spec}: all ${check.examplesChecked} examples match their schemas`, ok: check.examples.length === 0,
      ...(check.examples.length === 0 ? {} : { message: check.examples.map((finding) => `${finding.location}${finding.pointer ? ` at ${finding.pointer}` : ''}: ${finding.message}`).join('\n') }),
    },
  ];
}
