import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RunSummary } from '../core/summary.ts';
import { escapeHtml as e, jsonForScript } from './escape.ts';
import { formatMs } from './format.ts';
import { chartData, type ChartData } from './html-data.ts';
import { allChecks, contractMatrix, failures, lostRuns, noData, scenarioTables, specBaselineSection, tiles, violationsTable } from './html-sections.ts';
import { redactDeep, redactSecrets } from './redact.ts';
import { reportableChecks } from './report-checks.ts';

/** No network at all: only inline scripts and styles, images only from data: URLs. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Where Chart.js goes once the rest of the page is redacted; NUL cannot occur in escaped page text. */
const CHART_JS_SLOT = '\u0000chart.js\u0000';

interface Assets {
  chartJs: string;
  script: string;
  style: string;
}

let assets: Promise<Assets> | undefined;

/** Makes a script safe to inline: no `</script` inside, no source-map comment pointing at a file that is not there. */
function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/^\/\/# sourceMappingURL=.*$/gm, '');
}

/** Chart.js's UMD build and the page's own script and style, read once per process. */
function loadAssets(): Promise<Assets> {
  assets ??= (async () => {
    // chart.js does not export its UMD file; find it next to the package's main entry.
    const chartJsPath = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js');
    const [chartJs, script, style] = await Promise.all([
      readFile(chartJsPath, 'utf8'),
      readFile(new URL('./assets/report.js', import.meta.url), 'utf8'),
      readFile(new URL('./assets/report.css', import.meta.url), 'utf8'),
    ]);
    return { chartJs: inlineScript(chartJs), script: inlineScript(script), style };
  })();
  return assets;
}

/** A chart's canvas, or the "no data" note when there is nothing to draw. */
function chart(kind: string, title: string, hasData: boolean, empty: string, index = 0): string {
  const body = hasData
    ? `<div class="chart-box"><canvas data-chart="${e(kind)}" data-index="${index}" role="img" aria-label="${e(title)}"></canvas></div>`
    : noData(empty);
  return `<figure class="chart"><figcaption>${e(title)}</figcaption>${body}</figure>`;
}

function charts(data: ChartData): string {
  const timelines = data.timelines.length === 0
    ? [chart('timeline', 'Request and run rates over time', false, 'no per-second timeline was recorded')]
    : data.timelines.map((timeline, index) => chart('timeline', `Rates over time — ${timeline.scenario}`, true, '', index));
  return `<div class="charts">
${chart('latency', 'Latency percentiles per endpoint (ms)', data.latency.labels.length > 0, 'no requests were measured')}
${chart('completion', 'Run completion time (CDF)', data.completion.length > 0, 'no runs completed')}
${timelines.join('\n')}
${chart('statuses', 'Responses by status', data.statuses.labels.length > 0, 'no responses were recorded')}
${chart('outcomes', 'Run outcomes', data.outcomes.data.length > 0, 'no runs were started')}
</div>`;
}

/** index.html: one self-contained page (Chart.js inlined, data as JSON, no network) with charts, matrix and lists. */
export async function renderHtml(unsafe: RunSummary): Promise<string> {
  const summary = redactDeep(unsafe);
  const { chartJs, script, style } = await loadAssets();
  const checks = reportableChecks(summary);
  const data = chartData(summary);
  const verdict = summary.verdict;
  const meta = `${summary.startedAt} · ${formatMs(summary.durationMs)} · ${summary.target.kind === 'simulator' ? 'embedded simulator' : 'remote target'} · runwarden ${summary.runwardenVersion}`;
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>runwarden ${e(verdict.toUpperCase())} · ${e(summary.runId)}</title>
<style>${style}</style>
</head>
<body>
<header>
<h1>runwarden <span class="verdict ${verdict}">${e(verdict)}</span></h1>
<p class="muted">Run <code>${e(summary.runId)}</code> · ${e(meta)}</p>
</header>
<main>
${tiles(summary, checks)}
<section id="failures"><h2>Failures</h2>${failures(checks)}</section>
${summary.specBaseline ? `<section id="spec-baseline"><h2>Spec changes since <code>${e(summary.specBaseline.ref)}</code></h2>${specBaselineSection(summary.specBaseline)}</section>` : ''}
<section id="load"><h2>Load</h2>
${charts(data)}
${summary.load.length === 0 ? noData('no load scenarios ran') : summary.load.map(scenarioTables).join('\n')}
${summary.samples ? `<p class="muted">Sampled exchanges: <a href="${e(summary.samples.file)}"><code>${e(summary.samples.file)}</code></a> in this folder (${summary.samples.exchanges} of ${summary.samples.offered} responses, credentials redacted); check for provider drift with <code>runwarden spec drift --run &lt;this folder&gt;</code>.</p>` : ''}
</section>
<section id="contracts"><h2>Contract matrix</h2>${contractMatrix(summary)}</section>
<section id="violations"><h2>Violations</h2>${violationsTable(summary, checks)}</section>
<section id="lost-runs"><h2>Lost runs</h2>${lostRuns(summary)}</section>
<section id="checks"><h2>All checks</h2>${allChecks(checks)}</section>
</main>
<footer class="muted">summary.json schema v${summary.schemaVersion} · generated by runwarden ${e(summary.runwardenVersion)} · charts by Chart.js (MIT)</footer>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${CHART_JS_SLOT}</script>
<script>${script}</script>
</body>
</html>
`;
  // Redact everything but the library: a pattern must never be able to corrupt Chart.js's code.
  return redactSecrets(page).replace(CHART_JS_SLOT, () => chartJs);
}
