import type { RunSummary } from '../core/summary.ts';
import { writeReports, type ReportFiles } from './write-reports.ts';

/**
 * Listens to one run: `start` once, `onEvent` for every event (must not block the run), `finish` once with the
 * final summary. Runs never know which reporters exist; the CLI wires them.
 */
export interface Reporter<TEvent = unknown> {
  start(run: { runId: string; startedAt: string }): void;
  onEvent(event: TEvent): void;
  finish(summary: RunSummary): Promise<void>;
}

/** The reporter behind reports/: it needs only the final summary, so it ignores live events and writes on finish. */
export function createFileReporter(dir: string): Reporter & { readonly written: ReportFiles | undefined } {
  let written: ReportFiles | undefined;
  return {
    start() {},
    onEvent() {},
    async finish(summary) {
      written = await writeReports(summary, dir);
    },
    get written() {
      return written;
    },
  };
}
