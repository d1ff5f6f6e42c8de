import { cp, rename, rm } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { RunwardenError, describeError } from '../core/errors.ts';
import { makeDirectory, writeOutputFile } from '../core/output-files.ts';
import type { RunSummary } from '../core/summary.ts';
import { renderHtml } from './html-report.ts';
import { renderJson } from './json-report.ts';
import { renderJunit } from './junit-report.ts';
import { renderMarkdown } from './markdown-report.ts';
import { runFolderName } from './run-folder.ts';

/** Where `writeReports` put a run's reports. Paths are absolute. */
export interface ReportFiles {
  /** reports/<run>/ */
  runDir: string;
  /** reports/latest/, a plain copy of runDir (artifact uploaders do not all follow symlinks). */
  latestDir: string;
  files: { json: string; markdown: string; junit: string; html: string };
}

/**
 * Writes summary.json, summary.md, junit.xml and index.html into `<dir>/<runId>/`, then replaces `<dir>/latest/`
 * with a copy. The copy is staged beside it and swapped in, so `latest` is never half-written.
 */
export async function writeReports(summary: RunSummary, dir: string): Promise<ReportFiles> {
  const root = resolve(dir);
  const runDir = join(root, runFolderName(summary.runId));
  const latestDir = join(root, 'latest');
  const names = { json: 'summary.json', markdown: 'summary.md', junit: 'junit.xml', html: 'index.html' } as const;
  const contents = { json: renderJson(summary), markdown: renderMarkdown(summary, shownAs(root)), junit: renderJunit(summary), html: await renderHtml(summary) };

  await makeDirectory(runDir, 'reports to');
  await Promise.all((Object.keys(names) as Array<keyof typeof names>).map((key) => writeOutputFile(join(runDir, names[key]), contents[key], 'the report')));

  const staging = join(root, `.latest-${process.pid}-${Date.now()}`);
  try {
    await cp(runDir, staging, { recursive: true });
    await rm(latestDir, { recursive: true, force: true });
    await rename(staging, latestDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw new RunwardenError('OUTPUT_UNWRITABLE', `cannot refresh ${shownAs(latestDir)}: ${describeError(error)}`, `The run's reports are in ${shownAs(runDir)}; check that ${shownAs(root)} is writable.`);
  }

  const files = {
    json: join(runDir, names.json),
    markdown: join(runDir, names.markdown),
    junit: join(runDir, names.junit),
    html: join(runDir, names.html),
  };
  return { runDir, latestDir, files };
}

/** The reports directory as the Markdown footer names it: relative to the working directory when inside it. */
function shownAs(root: string): string {
  const inside = relative(process.cwd(), root);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : root;
}
