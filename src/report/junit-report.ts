import type { CheckCase, RunSummary } from '../core/summary.ts';
import type { Violation } from '../core/violation.ts';
import { escapeXml } from './escape.ts';
import { redactDeep, redactSecrets } from './redact.ts';
import { countChecks, groupChecks, reportableChecks } from './report-checks.ts';

function seconds(ms: number | undefined): string {
  return ((ms ?? 0) / 1000).toFixed(3);
}

function describeViolation(violation: Violation): string {
  const where = [violation.where, violation.part, violation.pointer].filter(Boolean).join(' ');
  const lines = [`[${violation.code}] ${violation.operationId} — ${where}`, ...violation.message.split('\n').map((line) => `  ${line}`)];
  if (violation.specLocation) lines.push(`  Spec: ${violation.specLocation}`);
  return lines.join('\n');
}

/** The `<failure>` of a failed check: its first line as the message, everything (violations included) as the body. */
function failure(check: CheckCase): string {
  const message = check.message ?? check.violations?.[0]?.message ?? 'check failed';
  const body = [check.message, ...(check.violations ?? []).map(describeViolation)].filter(Boolean).join('\n\n');
  const type = check.violations?.[0]?.code ?? `${check.suite.toUpperCase().replace('-', '_')}_FAILED`;
  return `      <failure message="${escapeXml(message.split('\n')[0] ?? '')}" type="${escapeXml(type)}">${escapeXml(body || message)}</failure>\n`;
}

function testcase(check: CheckCase, classname: string): string {
  const open = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(check.name)}" time="${seconds(check.durationMs)}"`;
  if (check.skipped) return `${open}>\n      <skipped${check.message ? ` message="${escapeXml(check.message)}"` : ''}/>\n    </testcase>\n`;
  if (check.ok) return `${open}/>\n`;
  return `${open}>\n${failure(check)}    </testcase>\n`;
}

/**
 * junit.xml: one `<testsuite>` per suite and group (e.g. `contract.deck`, `slo.checkout`), one `<testcase>` per check,
 * so CI systems list every spec check, pact interaction, cross-check finding and SLO threshold on its own line.
 */
export function renderJunit(unsafe: RunSummary): string {
  const summary = redactDeep(unsafe);
  const checks = reportableChecks(summary);
  const total = countChecks(checks);
  const totalMs = checks.reduce((sum, check) => sum + (check.durationMs ?? 0), 0);
  const suites = groupChecks(checks).map(({ suite, group, checks: cases }) => {
    const counts = countChecks(cases);
    const name = `${suite}.${group}`;
    const time = seconds(cases.reduce((sum, check) => sum + (check.durationMs ?? 0), 0));
    return (
      `  <testsuite name="${escapeXml(name)}" tests="${counts.total}" failures="${counts.failed}" errors="0" skipped="${counts.skipped}" time="${time}" timestamp="${escapeXml(summary.startedAt)}">\n` +
      cases.map((check) => testcase(check, `runwarden.${name}`)).join('') +
      '  </testsuite>\n'
    );
  });
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="runwarden ${escapeXml(summary.runId)}" tests="${total.total}" failures="${total.failed}" errors="0" skipped="${total.skipped}" time="${seconds(totalMs)}">\n` +
    suites.join('') +
    '</testsuites>\n';
  return redactSecrets(xml);
}
