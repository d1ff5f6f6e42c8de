import type { CheckCase } from '../core/summary.ts';
import type { CheckSpecReport } from './check-spec.ts';
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

/** One skipped check per provider that has no pacts: a note in the reports, not a failure. */
export function skippedCases(skipped: ReadonlyArray<{ provider: string; note: string }>): CheckCase[] {
  return skipped.map(({ provider, note }) => ({ suite: 'contract', group: provider, name: 'pacts', ok: true, skipped: true, message: `${note}: contracts not verified` }));
}

/** One passing check per interaction consistent with its spec, and one failing check per finding. */
export function crossCheckCases(report: CheckSpecReport): CheckCase[] {
  return report.checks.flatMap((check): CheckCase[] => {
    const name = `${check.interaction} (${check.method} ${check.path} → ${check.status})`;
    if (check.findings.length === 0) return [{ suite: 'cross-check', group: check.provider, name, ok: true }];
    return check.findings.map((finding) => ({
      suite: 'cross-check',
      group: check.provider,
      name: `${name}: ${finding.code}${finding.pointer ? ` at ${finding.pointer}` : ''}`,
      ok: false,
      message: `${finding.pact}${finding.pactLocation}\n${finding.message}${finding.specLocation ? `\nSpec: ${finding.specLocation}` : ''}`,
      violations: [finding],
    }));
  });
}
