// The report layer's public API: render a RunSummary in every format, write reports/, compare two runs.
export { compareRuns } from './compare.ts';
export type { CompareOptions, MetricComparison, MetricName, MetricVerdict, RunComparison } from './comparison.ts';
export { renderComparisonMarkdown, renderComparisonText } from './comparison-report.ts';
export { renderHtml } from './html-report.ts';
export { renderJson } from './json-report.ts';
export { renderJunit } from './junit-report.ts';
export { renderMarkdown } from './markdown-report.ts';
export { parseSummary, readSummary } from './read-summary.ts';
export { redactSecrets } from './redact.ts';
export { runFolderName } from './run-folder.ts';
export { createFileReporter, type Reporter } from './reporter.ts';
export { writeReports, type ReportFiles } from './write-reports.ts';
