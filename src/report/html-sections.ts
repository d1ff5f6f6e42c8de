import type { CheckCase, LoadScenarioSummary, RunSummary, SpecBaselineSummary } from '../core/summary.ts';
import type { Violation } from '../core/violation.ts';
import { escapeHtml as e } from './escape.ts';
import { formatCount, formatMs, formatPercent, formatRate, formatThresholdValue } from './format.ts';
import { checkOutcome, countChecks, groupChecks } from './report-checks.ts';

/** Most violations a page lists; the rest are counted (summary.json has them all). */
const MAX_VIOLATIONS = 200;

/** The "no data" note that replaces an empty chart or table. */
export function noData(what: string): string {
  return `<p class="no-data">No data: ${e(what)}</p>`;
}

/** The headline tiles: verdict, checks, contracts, traffic, runs, violations. */
export function tiles(summary: RunSummary, checks: CheckCase[]): string {
  const counts = countChecks(checks);
  const covered = summary.contracts.filter((cell) => cell.state !== 'not-covered').length;
  const requests = summary.load.reduce((sum, scenario) => sum + scenario.endpoints.reduce((inner, endpoint) => inner + endpoint.requests, 0), 0);
  const created = summary.load.reduce((sum, scenario) => sum + scenario.runs.created, 0);
  const completed = summary.load.reduce((sum, scenario) => sum + scenario.runs.completed, 0);
  const lost = summary.load.reduce((sum, scenario) => sum + scenario.runs.lost, 0);
  const violations = summary.load.reduce((sum, scenario) => sum + scenario.violations.contract + scenario.violations.lifecycle, 0);
  const tile = (label: string, value: string, state: 'ok' | 'bad' | 'plain' = 'plain') => `<div class="tile ${state}"><span class="tile-value">${e(value)}</span><span class="tile-label">${e(label)}</span></div>`;
  return `<section class="tiles" aria-label="Overview">
${tile('checks passed', `${counts.passed} / ${counts.total - counts.skipped}`, counts.failed > 0 ? 'bad' : 'ok')}
${tile('endpoints covered by pacts', `${covered} / ${summary.contracts.length}`, summary.contracts.some((cell) => cell.state === 'fail') ? 'bad' : 'plain')}
${tile('requests', formatCount(requests))}
${tile('runs completed', `${formatCount(completed)} / ${formatCount(created)}`)}
${tile('lost runs', formatCount(lost), lost > 0 ? 'bad' : 'ok')}
${tile('violations under load', formatCount(violations), violations > 0 ? 'bad' : 'ok')}
</section>`;
}

function checkItem(check: CheckCase): string {
  const outcome = checkOutcome(check);
  const message = check.message ? `<pre>${e(check.message)}</pre>` : '';
  const violations = check.violations?.length ? `<ul class="violations">${check.violations.map((violation) => `<li><code>${e(violation.code)}</code> ${e(violation.message)}</li>`).join('')}</ul>` : '';
  return `<li class="check ${outcome}"><span class="badge ${outcome}">${outcome}</span> <span class="check-name">${e(check.name)}</span>${message}${violations}</li>`;
}

/** The failing checks, in full, first thing after the tiles. */
export function failures(checks: CheckCase[]): string {
  const failing = checks.filter((check) => checkOutcome(check) === 'fail');
  if (failing.length === 0) return '<p class="all-good">Every check passed.</p>';
  return `<ul class="checks">${failing.map((check) => checkItem({ ...check, name: `${check.suite} › ${check.group} › ${check.name}` })).join('')}</ul>`;
}

/** Every check, grouped by suite and group, collapsed unless the group has a failure. */
export function allChecks(checks: CheckCase[]): string {
  if (checks.length === 0) return noData('no checks ran');
  return groupChecks(checks)
    .map(({ suite, group, checks: cases }) => {
      const counts = countChecks(cases);
      return `<details${counts.failed > 0 ? ' open' : ''}><summary><strong>${e(suite)}</strong> › ${e(group)} <span class="muted">${counts.passed} passed · ${counts.failed} failed · ${counts.skipped} skipped</span></summary><ul class="checks">${cases.map(checkItem).join('')}</ul></details>`;
    })
    .join('\n');
}

/** Provider × endpoint matrix: rows are operations, columns providers; a dash where a provider has no such operation. */
export function contractMatrix(summary: RunSummary): string {
  if (summary.contracts.length === 0) return noData('no contracts were verified');
  const providers = [...new Set(summary.contracts.map((cell) => cell.provider))];
  const operations = [...new Set(summary.contracts.map((cell) => cell.operationId))];
  const rows = operations.map((operationId) => {
    const cells = providers.map((provider) => {
      const cell = summary.contracts.find((candidate) => candidate.provider === provider && candidate.operationId === operationId);
      if (!cell) return '<td class="cell n-a" title="not in this provider\'s spec">—</td>';
      const title = `${cell.interactions} interaction(s)${cell.statuses.length ? `; statuses ${cell.statuses.join(', ')}` : ''}`;
      const detail = cell.state === 'not-covered' ? '' : ` <span class="muted">${cell.interactions}</span>`;
      return `<td class="cell ${cell.state}" title="${e(title)}">${cell.state}${detail}</td>`;
    });
    return `<tr><th scope="row"><code>${e(operationId)}</code></th>${cells.join('')}</tr>`;
  });
  return `<table class="matrix"><thead><tr><th scope="col">endpoint</th>${providers.map((provider) => `<th scope="col">${e(provider)}</th>`).join('')}</tr></thead><tbody>${rows.join('\n')}</tbody></table>
<p class="legend"><span class="cell pass">pass</span> <span class="cell fail">fail</span> <span class="cell not-covered">not covered</span> <span class="cell n-a">—</span> not in the provider's spec · numbers are pact interactions</p>`;
}

/** Per-scenario tables: SLO thresholds and endpoints with their latency percentiles, rates and errors. */
export function scenarioTables(scenario: LoadScenarioSummary): string {
  const thresholds = scenario.thresholds.length === 0
    ? '<p class="muted">No SLO thresholds.</p>'
    : `<table><thead><tr><th>SLO</th><th class="num">threshold</th><th class="num">measured</th><th>result</th></tr></thead><tbody>${scenario.thresholds
        .map((threshold) => `<tr class="${threshold.ok ? 'pass' : 'fail'}"><td><code>${e(threshold.name)}</code></td><td class="num">${e(formatThresholdValue(threshold.name, threshold.threshold))}</td><td class="num">${e(formatThresholdValue(threshold.name, threshold.measured))}</td><td><span class="badge ${threshold.ok ? 'pass' : 'fail'}"${threshold.note ? ` title="${e(threshold.note)}"` : ''}>${e(threshold.verdict ?? (threshold.ok ? 'pass' : 'fail'))}</span></td></tr>`)
        .join('')}</tbody></table>`;
  const endpoints = scenario.endpoints.length === 0
    ? noData('no requests in this scenario')
    : `<table><thead><tr><th>endpoint</th><th class="num">requests</th><th class="num">rate</th><th class="num">p50</th><th class="num">p90</th><th class="num">p99</th><th class="num">p99.9</th><th class="num">max</th><th class="num">errors</th><th class="num">timeouts</th><th>statuses</th></tr></thead><tbody>${scenario.endpoints
        .map((endpoint) => {
          const latency = endpoint.latency;
          const statuses = Object.entries(endpoint.statuses).map(([status, count]) => `${status}×${count}`).join(' ');
          return `<tr><td><code>${e(endpoint.operationId)}</code></td><td class="num">${formatCount(endpoint.requests)}</td><td class="num">${formatRate(endpoint.ratePerSec)}</td><td class="num">${formatMs(latency.p50)}</td><td class="num">${formatMs(latency.p90)}</td><td class="num">${formatMs(latency.p99)}</td><td class="num">${formatMs(latency.p999)}</td><td class="num">${formatMs(latency.max)}</td><td class="num">${formatCount(endpoint.errors)}</td><td class="num">${formatCount(endpoint.timeouts)}</td><td class="muted">${e(statuses)}</td></tr>`;
        })
        .join('')}</tbody></table>`;
  const runs = scenario.runs;
  const facts = `${scenario.model} model · ${formatMs(scenario.durationMs)} · runs ${formatCount(runs.completed)} completed, ${formatCount(runs.failed)} failed, ${formatCount(runs.lost)} lost, ${formatCount(runs.inFlight)} in flight of ${formatCount(runs.created)} · run completion p50 ${formatMs(runs.completion.p50)}, p99 ${formatMs(runs.completion.p99)} · ${runs.pollsPerRun.toFixed(1)} polls per run (${runs.wastedPolls.toFixed(1)} wasted) · generator lag ${formatMs(scenario.generatorLagMs)}`;
  return `<h3>${e(scenario.scenario)} <span class="muted">(${e(scenario.provider)})</span></h3><p class="muted">${e(facts)}</p>${thresholds}${endpoints}`;
}

/** Violations from failed checks and the samples kept under load, one row each. */
export function violationsTable(summary: RunSummary, checks: CheckCase[]): string {
  const rows: Array<{ source: string; violation: Violation }> = [
    ...checks.flatMap((check) => (check.violations ?? []).map((violation) => ({ source: `${check.suite} › ${check.group}`, violation }))),
    ...summary.load.flatMap((scenario) => scenario.violations.samples.map((violation) => ({ source: `load › ${scenario.scenario}`, violation }))),
  ];
  if (rows.length === 0) return '<p class="all-good">No violations.</p>';
  const shown = rows.slice(0, MAX_VIOLATIONS).map(({ source, violation }) =>
    `<tr><td>${e(source)}</td><td><code>${e(violation.operationId)}</code></td><td><code>${e(violation.code)}</code></td><td>${e([violation.where, violation.part, violation.pointer].filter(Boolean).join(' '))}</td><td><pre>${e(violation.message)}</pre></td></tr>`,
  );
  const more = rows.length > MAX_VIOLATIONS ? `<p class="muted">…and ${rows.length - MAX_VIOLATIONS} more in summary.json.</p>` : '';
  const totals = summary.load.map((scenario) => `${scenario.scenario}: ${scenario.violations.contract} contract, ${scenario.violations.lifecycle} lifecycle`).join(' · ');
  return `${totals ? `<p class="muted">Counted under load — ${e(totals)} (samples below).</p>` : ''}<table><thead><tr><th>source</th><th>operation</th><th>code</th><th>where</th><th>message</th></tr></thead><tbody>${shown.join('\n')}</tbody></table>${more}`;
}

/** Runs that never reached a terminal state, by scenario. */
export function lostRuns(summary: RunSummary): string {
  const lost = summary.load.filter((scenario) => scenario.runs.lost > 0);
  if (lost.length === 0) return `<p class="all-good">${summary.load.length === 0 ? 'No load scenarios ran.' : 'No runs were lost.'}</p>`;
  return `<ul class="lost">${lost
    .map((scenario) => `<li><strong>${e(scenario.scenario)}</strong>: ${formatCount(scenario.runs.lost)} lost (${formatPercent(scenario.runs.lost / Math.max(scenario.runs.created, 1), 2)} of created)${scenario.runs.lostIds.length ? ` — ${scenario.runs.lostIds.map((id) => `<code>${e(id)}</code>`).join(' ')}` : ''}</li>`)
    .join('')}</ul>`;
}

/** Most spec changes the page lists per provider; summary.json has them all. */
const MAX_SPEC_CHANGES = 200;

/** `--spec-baseline`: per provider, the changes since the ref (breaking first) and the pact interactions they break. */
export function specBaselineSection(baseline: SpecBaselineSummary): string {
  if (baseline.specs.length === 0) return noData('no provider spec was compared');
  return baseline.specs.map((entry) => {
    const { breaking, warning, info } = entry.counts;
    const state = entry.skipped !== undefined ? 'skip' : entry.error !== undefined || breaking > 0 || (entry.consumers?.length ?? 0) > 0 ? 'fail' : 'pass';
    const heading = `<h3>${e(entry.provider)} <span class="badge ${state}">${state}</span> <span class="muted">${e(entry.base)} → ${e(entry.revision)}</span></h3>`;
    if (entry.skipped !== undefined) return `${heading}<p class="muted">${e(entry.skipped)}</p>`;
    if (entry.error !== undefined) return `${heading}<pre>${e(entry.error)}</pre>`;
    const facts = `<p class="muted">${breaking} breaking · ${warning} warning · ${info} info</p>`;
    const rows = entry.changes.slice(0, MAX_SPEC_CHANGES).map((change) =>
      `<tr class="${change.level === 'breaking' ? 'fail' : ''}"><td><code>${e(change.operation ?? '(document)')}</code></td><td><span class="level ${e(change.level)}">${e(change.level)}</span></td><td><code>${e(change.id)}</code></td><td>${e(change.message)}</td><td class="muted">${e([change.base && `base ${change.base}`, change.revision && `revision ${change.revision}`].filter(Boolean).join(' · '))}</td></tr>`);
    const more = entry.changes.length > MAX_SPEC_CHANGES ? `<p class="muted">…and ${entry.changes.length - MAX_SPEC_CHANGES} more in summary.json.</p>` : '';
    const table = rows.length === 0 ? '<p class="all-good">No changes.</p>'
      : `<table><thead><tr><th>operation</th><th>level</th><th>rule</th><th>who breaks</th><th>where</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>${more}`;
    const consumers = entry.consumers === undefined ? ''
      : entry.consumers.length === 0 ? '<p class="all-good">Every pact interaction that matched the base still matches the revision.</p>'
        : `<p><strong>${entry.consumers.length} pact interaction(s) break:</strong></p><ul class="violations">${entry.consumers.map((consumer) => `<li><code>${e(consumer.pact)}</code> → ${e(consumer.provider)} '${e(consumer.interaction)}'<pre>${e(consumer.because.join('\n'))}</pre></li>`).join('')}</ul>`;
    return `${heading}${facts}${table}${consumers}`;
  }).join('\n');
}
