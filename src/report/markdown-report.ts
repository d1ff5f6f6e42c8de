import type { CheckCase, LoadScenarioSummary, RunSummary } from '../core/summary.ts';
import { codeSpan, escapeMarkdown } from './escape.ts';
import { formatCount, formatMs, formatPercent, formatRate, formatThresholdValue } from './format.ts';
import { redactDeep, redactSecrets } from './redact.ts';
import { countChecks, reportableChecks, SUITE_ORDER } from './report-checks.ts';
import { runFolderName } from './run-folder.ts';

/** Failures listed in full; the rest are counted and left to junit.xml and index.html. */
const MAX_FAILURES = 25;
/** GitHub rejects PR comments over 65 536 characters; stay well below. */
const MAX_LENGTH = 60_000;

function headline(summary: RunSummary): string[] {
  const icon = summary.verdict === 'pass' ? '✅' : '❌';
  const target = summary.target.kind === 'simulator' ? 'embedded simulator' : 'remote target';
  return [
    `## ${icon} runwarden: ${summary.verdict.toUpperCase()}`,
    '',
    `Run ${codeSpan(summary.runId)} · ${formatMs(summary.durationMs)} · ${target} · runwarden ${escapeMarkdown(summary.runwardenVersion)}`,
  ];
}

function suiteTable(checks: CheckCase[]): string[] {
  if (checks.length === 0) return ['', '_No checks ran._'];
  const rows = [...SUITE_ORDER, ...new Set(checks.map((check) => check.suite))]
    .filter((suite, index, all) => all.indexOf(suite) === index)
    .map((suite) => ({ suite, counts: countChecks(checks.filter((check) => check.suite === suite)) }))
    .filter(({ counts }) => counts.total > 0)
    .map(({ suite, counts }) => `| ${counts.failed > 0 ? '❌' : '✅'} ${suite} | ${counts.passed} | ${counts.failed} | ${counts.skipped} |`);
  return ['', '| Checks | Passed | Failed | Skipped |', '|---|---:|---:|---:|', ...rows];
}

function failureList(checks: CheckCase[]): string[] {
  const failures = checks.filter((check) => !check.ok && !check.skipped);
  if (failures.length === 0) return [];
  const lines = failures.slice(0, MAX_FAILURES).map((check) => {
    const where = `${check.suite} › ${check.group}`;
    const detail = check.message ?? check.violations?.[0]?.message;
    const violations = check.violations && check.violations.length > 0 ? ` (${check.violations.map((violation) => violation.code).join(', ')})` : '';
    return `- **${escapeMarkdown(check.name)}** — ${escapeMarkdown(where)}${detail ? `: ${escapeMarkdown(detail)}` : ''}${escapeMarkdown(violations)}`;
  });
  const more = failures.length > MAX_FAILURES ? [`- …and ${failures.length - MAX_FAILURES} more (see junit.xml or index.html)`] : [];
  return ['', `### Failures (${failures.length})`, '', ...lines, ...more];
}

function contractLine(summary: RunSummary): string[] {
  if (summary.contracts.length === 0) return [];
  const count = (state: string) => summary.contracts.filter((cell) => cell.state === state).length;
  const covered = summary.contracts.length - count('not-covered');
  return ['', '### Contracts', '', `${covered} of ${summary.contracts.length} endpoints covered by pacts · ${count('pass')} pass · ${count('fail')} fail · ${count('not-covered')} not covered`];
}

function scenarioRow(scenario: LoadScenarioSummary): string {
  const requests = scenario.endpoints.reduce((sum, endpoint) => sum + endpoint.requests, 0);
  const errors = scenario.endpoints.reduce((sum, endpoint) => sum + endpoint.errors + endpoint.timeouts, 0);
  const worstP99 = Math.max(0, ...scenario.endpoints.map((endpoint) => endpoint.latency.p99));
  const slos = scenario.thresholds.length === 0 ? '–' : scenario.thresholds.every((threshold) => threshold.ok) ? '✅' : '❌';
  const runs = scenario.runs;
  return `| ${escapeMarkdown(scenario.scenario)} | ${scenario.model} | ${formatCount(requests)} (${formatRate(requests / Math.max(scenario.durationMs / 1000, 1e-9))}) | ${formatMs(worstP99)} | ${requests > 0 ? formatPercent(errors / requests, 2) : '–'} | ${formatCount(runs.completed)}/${formatCount(runs.created)} | ${runs.lost} | ${formatMs(runs.completion.p50)} / ${formatMs(runs.completion.p99)} | ${slos} |`;
}

function loadSection(summary: RunSummary): string[] {
  if (summary.load.length === 0) return [];
  // Failed gates, and the ones that did not fail but were not a plain pass (advisory breach, inconclusive).
  const mark = { advisory: '⚠️ advisory', inconclusive: '❔ inconclusive' } as const;
  const breached = summary.load.flatMap((scenario) =>
    scenario.thresholds.filter((threshold) => !threshold.ok || threshold.verdict === 'advisory' || threshold.verdict === 'inconclusive').map((threshold) =>
      `- ${threshold.ok ? mark[threshold.verdict as keyof typeof mark] : '❌'} ${escapeMarkdown(scenario.scenario)}: ${codeSpan(threshold.name)} measured ${formatThresholdValue(threshold.name, threshold.measured)}, threshold ${formatThresholdValue(threshold.name, threshold.threshold)}${threshold.ok && threshold.note ? ` (${escapeMarkdown(threshold.note)})` : ''}`,
    ),
  );
  return [
    '',
    '### Load',
    '',
    '| Scenario | Model | Requests | Worst p99 | Errors | Runs done | Lost | Run p50 / p99 | SLOs |',
    '|---|---|---:|---:|---:|---:|---:|---:|:---:|',
    ...summary.load.map(scenarioRow),
    ...(breached.length > 0 ? ['', ...breached] : []),
    ...(summary.samples ? ['', `Sampled exchanges: ${codeSpan(summary.samples.file)} in the run folder (${formatCount(summary.samples.exchanges)} of ${formatCount(summary.samples.offered)} responses, credentials redacted); check for provider drift with ${codeSpan('runwarden spec drift --run <run folder>')}.`] : []),
  ];
}

/** Most spec changes summary.md lists; the rest are in index.html and summary.json. */
const MAX_SPEC_CHANGES = 30;

/** `--spec-baseline`: one line per provider, then its breaking changes and warnings, and the pacts they break. */
function specBaselineSection(summary: RunSummary): string[] {
  const baseline = summary.specBaseline;
  if (!baseline) return [];
  const lines = ['', `### Spec changes since ${codeSpan(baseline.ref)}`, ''];
  for (const entry of baseline.specs) {
    const { breaking, warning, info } = entry.counts;
    const broken = entry.consumers?.length ?? 0;
    if (entry.skipped !== undefined || entry.error !== undefined) {
      lines.push(`- ${entry.error !== undefined ? '❌' : '⏭️'} **${escapeMarkdown(entry.provider)}**: ${escapeMarkdown((entry.error ?? entry.skipped ?? '').split('\n')[0] ?? '')}`);
      continue;
    }
    lines.push(`- ${breaking > 0 || broken > 0 ? '❌' : '✅'} **${escapeMarkdown(entry.provider)}** ${codeSpan(entry.revision)}: ${breaking} breaking, ${warning} warning, ${info} info${entry.consumers ? ` · ${broken} pact interaction(s) broken` : ''}`);
    const notable = entry.changes.filter((change) => change.level !== 'info');
    for (const change of notable.slice(0, MAX_SPEC_CHANGES)) {
      lines.push(`  - ${change.level === 'breaking' ? '🔴' : '🟡'} ${codeSpan(change.id)}${change.operation ? ` ${codeSpan(change.operation)}` : ''}: ${escapeMarkdown(change.message)}`);
    }
    if (notable.length > MAX_SPEC_CHANGES) lines.push(`  - …and ${notable.length - MAX_SPEC_CHANGES} more (see index.html)`);
    for (const consumer of entry.consumers ?? []) {
      lines.push(`  - 💔 ${codeSpan(consumer.pact)} → ${escapeMarkdown(consumer.provider)} '${escapeMarkdown(consumer.interaction)}' because ${escapeMarkdown(consumer.because[0] ?? 'it no longer matches')}`);
    }
  }
  return lines;
}

/** summary.md: verdict, check counts, failures, contracts and load at a glance — fit for a job summary or PR comment. */
export function renderMarkdown(unsafe: RunSummary, reportsDir = 'reports'): string {
  const summary = redactDeep(unsafe);
  const checks = reportableChecks(summary);
  const footer = ['', `<sub>Full report: ${codeSpan(`${reportsDir.replace(/\/+$/, '')}/${runFolderName(summary.runId)}/index.html`)} · schema v${summary.schemaVersion}</sub>`, ''];
  let text = [...headline(summary), ...suiteTable(checks), ...failureList(checks), ...specBaselineSection(summary), ...contractLine(summary), ...loadSection(summary), ...footer].join('\n');
  if (text.length > MAX_LENGTH) {
    text = `${text.slice(0, MAX_LENGTH)}\n\n…truncated; see index.html for the full report.\n`;
  }
  return redactSecrets(text);
}
