import type { ProviderProfile } from '../../core/profile/index.ts';
import type { CheckCase } from '../../core/summary.ts';
import { checkSpec, lintFails, type SpecCheck } from '../spec-checks.ts';

/**
 * Loads, lints, compiles and checks the examples of each provider's spec: four checks per spec. The LoadedSpec and
 * its compiled validators stay cached for the later stages (simulator, contracts, load), which reuse them.
 */
export async function specStage(providers: readonly ProviderProfile[]): Promise<CheckCase[]> {
  const cases: CheckCase[] = [];
  for (const provider of providers) {
    const started = performance.now();
    const check = await checkSpec(provider.spec);
    cases.push(...specCases(provider.name, check, performance.now() - started));
  }
  return cases;
}

function specCases(provider: string, check: SpecCheck, durationMs: number): CheckCase[] {
  const base = { suite: 'spec' as const, group: provider };
  if (check.error) {
    return [{ ...base, name: `${check.spec} loads and compiles`, ok: false, durationMs, message: `${check.error.message}${check.error.hint ? `\nHint: ${check.error.hint}` : ''}` }];
  }
  const lintErrors = check.lint.filter((finding) => lintFails(finding, check.lintLevel));
  const warnings = check.warnings.length > 0 ? { message: check.warnings.map((warning) => `warning ${warning.code}: ${warning.message} (${warning.location})`).join('\n') } : {};
  return [
    { ...base, name: `${check.spec} loads (OpenAPI ${check.version}, ${check.operations} operations)`, ok: true, durationMs, ...warnings },
    {
      ...base, name: `${check.spec}: every operation's schemas compile`, ok: check.uncompilable.length === 0,
      ...(check.uncompilable.length === 0 ? {} : { message: check.uncompilable.map((failure) => failure.message).join('\n') }),
    },
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
