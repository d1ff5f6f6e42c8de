import type { CheckCase, CheckSuite, RunSummary } from '../core/summary.ts';
import { formatThresholdValue } from './format.ts';

/** The order suites appear in every report: static checks first, then contracts, then load. */
export const SUITE_ORDER: readonly CheckSuite[] = ['spec', 'spec-baseline', 'contract', 'cross-check', 'lifecycle', 'slo'];

/**
 * Every check the reports show, in suite order. SLO thresholds a scenario reported only under `load[].thresholds`
 * become `slo` checks here, so JUnit, Markdown and HTML list exactly the same cases; the verdicts are the summary's own.
 */
export function reportableChecks(summary: RunSummary): CheckCase[] {
  const sloGroups = new Set(summary.checks.filter((check) => check.suite === 'slo').map((check) => check.group));
  const fromThresholds: CheckCase[] = summary.load
    .filter((scenario) => !sloGroups.has(scenario.scenario))
    .flatMap((scenario) =>
      scenario.thresholds.map((threshold) => ({
        suite: 'slo' as const,
        group: scenario.scenario,
        name: threshold.name,
        ok: threshold.ok,
        message: threshold.ok
          ? undefined
          : `Measured: ${formatThresholdValue(threshold.name, threshold.measured)}\nThreshold: ${formatThresholdValue(threshold.name, threshold.threshold)}`,
      })),
    );
  const all = [...summary.checks, ...fromThresholds];
  const unknown = all.filter((check) => !SUITE_ORDER.includes(check.suite));
  return [...SUITE_ORDER.flatMap((suite) => all.filter((check) => check.suite === suite)), ...unknown];
}

/** Checks grouped by suite and group, preserving order: one JUnit `<testsuite>` per entry. */
export function groupChecks(checks: CheckCase[]): Array<{ suite: CheckSuite; group: string; checks: CheckCase[] }> {
  const groups = new Map<string, { suite: CheckSuite; group: string; checks: CheckCase[] }>();
  for (const check of checks) {
    const key = `${check.suite}\u0000${check.group}`;
    const entry = groups.get(key) ?? { suite: check.suite, group: check.group, checks: [] };
    entry.checks.push(check);
    groups.set(key, entry);
  }
  return [...groups.values()];
}

/** Pass, fail and skip counts for a list of checks. */
export function countChecks(checks: CheckCase[]): { passed: number; failed: number; skipped: number; total: number } {
  const skipped = checks.filter((check) => check.skipped).length;
  const failed = checks.filter((check) => !check.skipped && !check.ok).length;
  return { passed: checks.length - skipped - failed, failed, skipped, total: checks.length };
}

/** A check's outcome as one word. */
export function checkOutcome(check: CheckCase): 'pass' | 'fail' | 'skip' {
  if (check.skipped) return 'skip';
  return check.ok ? 'pass' : 'fail';
}
