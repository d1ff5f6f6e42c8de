import type { CheckCase, CheckSuite } from '../core/summary.ts';
import type { CheckSpecReport } from './check-spec.ts';
import type { SkippedNote } from './skipped-interactions.ts';
import type { InteractionResult } from './verify-results.ts';

/** One line per way the provider departed from an interaction. */
export function describeMismatches(result: InteractionResult): string[] {
  return result.mismatches.map((mismatch) => `${mismatch.kind}${mismatch.path === undefined ? '' : ` ${mismatch.path}`}: ${mismatch.message}`);
}

/** One check per verified interaction; a pending interaction that fails is reported as skipped, not failed. */
export function verificationCases(results: readonly InteractionResult[]): CheckCase[] {
  return results.map((result) => ({
    suite: 'contract',
    group: result.provider,
    name: result.description,
    ok: result.ok || result.pending,
    ...(result.pending && !result.ok ? { skipped: true } : {}),
    ...(result.durationMs === undefined ? {} : { durationMs: result.durationMs }),
    ...(result.ok ? {} : { message: [`${result.pact}${result.states.length > 0 ? ` (given ${result.states.join('; ')})` : ''}`, ...describeMismatches(result)].join('\n') }),
  }));
}

/** One skipped check per provider that has no pacts and per message interaction: a note in the reports, not a failure. */
export function skippedCases(skipped: readonly SkippedNote[], suite: CheckSuite = 'contract'): CheckCase[] {
  return skipped.map(({ provider, note, interaction }) => ({
    suite, group: provider, name: interaction ?? 'pacts', ok: true, skipped: true, message: interaction === undefined ? `${note}: contracts not verified` : note,
  }));
}

/** One passing check per interaction consistent with its spec, one failing check per finding, one skipped per message interaction. */
export function crossCheckCases(report: CheckSpecReport): CheckCase[] {
  const skipped = skippedCases(report.skipped.filter((note) => note.interaction !== undefined), 'cross-check');
  const seen = new Map<string, number>();
  for (const check of report.checks) seen.set(`${check.pact} ${check.interaction}`, (seen.get(`${check.pact} ${check.interaction}`) ?? 0) + 1);
  return [...report.checks.flatMap((check): CheckCase[] => {
    // A description a pact repeats is told apart by the interaction's index.
    const repeated = seen.get(`${check.pact} ${check.interaction}`)! > 1 ? ` [${check.pactLocation.replace('#/interactions/', '#')}]` : '';
    const name = `${check.interaction}${repeated} (${check.method} ${check.path} → ${check.status})`;
    if (check.findings.length === 0) return [{ suite: 'cross-check', group: check.provider, name, ok: true }];
    return check.findings.map((finding) => ({
      suite: 'cross-check',
      group: check.provider,
      name: `${name}: ${finding.code}${finding.pointer ? ` at ${finding.pointer}` : ''}`,
      ok: false,
      message: `${finding.pact}${finding.pactLocation}\n${finding.message}${finding.specLocation ? `\nSpec: ${finding.specLocation}` : ''}`,
      violations: [finding],
    }));
  }), ...skipped];
}
