import type { MetricComparison, RunComparison } from './comparison.ts';
import { codeSpan, escapeMarkdown } from './escape.ts';
import { formatMs, formatPercent, formatRate, formatSignedPercent } from './format.ts';
import { redactSecrets } from './redact.ts';

const METRIC_LABELS: Record<MetricComparison['metric'], string> = {
  'latency.p50': 'latency p50',
  'latency.p99': 'latency p99',
  rate: 'request rate',
  errorRate: 'error rate',
  'completion.p50': 'run completion p50',
  'completion.p99': 'run completion p99',
  runRate: 'runs completed/s',
  runFailureRate: 'failed + lost runs',
};

function value(metric: MetricComparison, amount: number): string {
  if (metric.unit === 'ms') return formatMs(amount);
  if (metric.unit === 'per-second') return formatRate(amount);
  return formatPercent(amount, 2);
}

function points(ratio: number): string {
  const pp = ratio * 100;
  return `${pp > 0 ? '+' : ''}${pp.toFixed(2)} pp`;
}

function change(metric: MetricComparison): string {
  if (metric.unit === 'ratio') return points(metric.change);
  return metric.relativeChange === null ? 'new' : formatSignedPercent(metric.relativeChange);
}

function interval(metric: MetricComparison): string {
  if (metric.unit === 'ratio' && metric.ci) return `[${points(metric.ci.low)}, ${points(metric.ci.high)}]`;
  if (metric.relativeCi) return `[${formatSignedPercent(metric.relativeCi.low)}, ${formatSignedPercent(metric.relativeCi.high)}]`;
  return '–';
}

function effect(metric: MetricComparison): string {
  if (!metric.effectSize) return '–';
  const symbol = metric.effectSize.kind === 'cliffs-delta' ? 'δ' : 'h';
  const amount = metric.effectSize.value;
  return `${symbol} ${amount > 0 ? '+' : ''}${amount.toFixed(2)} ${metric.effectSize.magnitude}`;
}

function verdict(metric: MetricComparison): string {
  if (metric.verdict === 'regression') return 'REGRESSION';
  if (metric.verdict === 'not-testable') return `not testable (${metric.note ?? 'no data'})`;
  return metric.verdict.replace('-', ' ');
}

function where(metric: MetricComparison): string {
  return metric.operationId ? `${metric.scenario} › ${metric.operationId}` : `${metric.scenario} (runs)`;
}

function rows(comparison: RunComparison): string[][] {
  return comparison.metrics.map((metric) => [
    where(metric), METRIC_LABELS[metric.metric], value(metric, metric.baseline), value(metric, metric.current), change(metric), interval(metric), effect(metric), verdict(metric),
  ]);
}

const HEADER = ['scenario › endpoint', 'metric', 'baseline', 'current', 'change', 'CI of change', 'effect size', 'verdict'];

function settingsLine(comparison: RunComparison): string {
  const s = comparison.settings;
  return `Tolerance ${formatPercent(s.tolerance, 0)} · ${formatPercent(s.confidence, 0)} confidence family-wise (${formatPercent(s.perMetricConfidence, 2)} per metric, Bonferroni over ${s.testedMetrics} tested metrics) · ${s.resamples} bootstrap resamples · seed ${s.seed}`;
}

function verdictLine(comparison: RunComparison): string {
  const untestable = comparison.metrics.filter((metric) => metric.verdict === 'not-testable').length;
  const tolerance = formatPercent(comparison.settings.tolerance, 0);
  const detail = `${comparison.settings.testedMetrics} metrics tested, ${untestable} not testable`;
  return comparison.verdict === 'regression'
    ? `Verdict: REGRESSION — ${comparison.regressions} metric(s) significantly worse by more than ${tolerance} (${detail}).`
    : `Verdict: no significant regression beyond ${tolerance} (${detail}).`;
}

function unmatchedLines(comparison: RunComparison): string[] {
  return comparison.unmatched.map((entry) => `Only in the ${entry.only} run: ${entry.scenario}${entry.operationId ? ` › ${entry.operationId}` : ''}`);
}

/** The comparison as an aligned plain-text table for a terminal or a CI log. */
export function renderComparisonText(comparison: RunComparison): string {
  const table = [HEADER, ...rows(comparison)];
  const widths = HEADER.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
  const lines = table.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd());
  return redactSecrets([
    `Baseline: ${comparison.baseline.runId} (${comparison.baseline.startedAt})`,
    `Current:  ${comparison.current.runId} (${comparison.current.startedAt})`,
    settingsLine(comparison),
    '',
    ...(comparison.metrics.length === 0 ? ['No load scenario appears in both runs: nothing to compare.'] : lines),
    ...(comparison.unmatched.length > 0 ? ['', ...unmatchedLines(comparison)] : []),
    '',
    verdictLine(comparison),
    '',
  ].join('\n'));
}

/** The comparison as Markdown, for a PR comment or a job summary. */
export function renderComparisonMarkdown(comparison: RunComparison): string {
  const icon = comparison.verdict === 'regression' ? '❌' : '✅';
  const table = rows(comparison).map((row) => `| ${row.map(escapeMarkdown).join(' | ')} |`);
  return redactSecrets([
    `## ${icon} runwarden compare`,
    '',
    `Baseline ${codeSpan(comparison.baseline.runId)} → current ${codeSpan(comparison.current.runId)}`,
    '',
    `**${escapeMarkdown(verdictLine(comparison))}**`,
    '',
    ...(table.length > 0 ? [`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => '---').join('|')}|`, ...table] : ['_No load scenario appears in both runs._']),
    ...(comparison.unmatched.length > 0 ? ['', ...unmatchedLines(comparison).map((line) => `- ${escapeMarkdown(line)}`)] : []),
    '',
    `<sub>${escapeMarkdown(settingsLine(comparison))}</sub>`,
    '',
  ].join('\n'));
}
