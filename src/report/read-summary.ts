import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { displayPath } from '../core/display-path.ts';
import { RunwardenError } from '../core/errors.ts';
import { parseJsonText } from '../core/json-text.ts';
import { readTextFile } from '../core/read-text-file.ts';
import { SUMMARY_SCHEMA_VERSION, type RunSummary } from '../core/summary.ts';

/** Where the summary of a run lives, given a summary.json or a run folder (`reports/<run>`, `reports/latest`). */
async function summaryPath(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    throw new RunwardenError('FILE_NOT_FOUND', `No such file or folder: ${displayPath(path)}`, 'Pass a summary.json or a run folder such as reports/latest.');
  }
  if (!info.isDirectory()) return path;
  const inside = join(path, 'summary.json');
  if (await stat(inside).catch(() => undefined)) return inside;
  const latest = join(path, 'latest', 'summary.json');
  const hint = (await stat(latest).catch(() => undefined))
    ? `Did you mean ${join(path, 'latest')}?`
    : 'Pass a summary.json or a run folder written by `runwarden ci` (reports/<run>/).';
  throw new RunwardenError('FILE_NOT_FOUND', `No summary.json in ${displayPath(path)}`, hint);
}

/** Every structural problem that makes a value unusable as a v1 summary, listed together. */
function problems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['not a JSON object'];
  const record = value as Record<string, unknown>;
  const found: string[] = [];
  if (typeof record.runId !== 'string') found.push('runId: expected a string');
  if (record.verdict !== 'pass' && record.verdict !== 'fail') found.push('verdict: expected "pass" or "fail"');
  for (const field of ['checks', 'contracts', 'load'] as const) {
    if (!Array.isArray(record[field])) found.push(`${field}: expected an array`);
  }
  if (Array.isArray(record.load)) {
    record.load.forEach((scenario: unknown, index) => {
      const entry = (scenario ?? {}) as Record<string, unknown>;
      if (typeof entry.scenario !== 'string') found.push(`load[${index}].scenario: expected a string`);
      if (!Array.isArray(entry.endpoints)) found.push(`load[${index}].endpoints: expected an array`);
      if (typeof entry.runs !== 'object' || entry.runs === null) found.push(`load[${index}].runs: expected an object`);
    });
  }
  return found;
}

/** Parses and checks summary.json text; `source` names the file in errors. */
export function parseSummary(text: string, source: string): RunSummary {
  const value = parseJsonText(text, source);
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version === undefined) {
    throw new RunwardenError('REPORT_INVALID', `${source} is not a runwarden summary (no schemaVersion)`, 'Pass the summary.json from reports/<run>/.');
  }
  if (version !== SUMMARY_SCHEMA_VERSION) {
    throw new RunwardenError(
      'REPORT_INVALID',
      `${source}: unsupported summary schema version\nReceived: ${JSON.stringify(version)}\nSupported: ${SUMMARY_SCHEMA_VERSION}`,
      'Compare runs written by the same major version of runwarden, or re-run the baseline with this version.',
    );
  }
  const found = problems(value);
  if (found.length > 0) {
    throw new RunwardenError('REPORT_INVALID', `${source} is not a valid summary:\n  ${found.join('\n  ')}`, 'See docs/summary-schema.md.');
  }
  return value as RunSummary;
}

/** Reads a run's summary from a summary.json or a run folder; throws RunwardenError with a hint when it cannot. */
export async function readSummary(path: string): Promise<RunSummary> {
  const file = await summaryPath(path);
  return parseSummary(await readTextFile(file, 'summary'), displayPath(file));
}
