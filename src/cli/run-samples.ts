import { stat } from 'node:fs/promises';
import path from 'node:path';
import { RunwardenError } from '../core/errors.ts';
import { displayPath, parseJsonText, readTextFile } from '../spec/index.ts';
import { SAMPLES_FILE } from './ci/load-samples.ts';

/** What a `runwarden ci` run folder holds for drift: its samples.har, and the spec each sampled provider had. */
export interface RunSamples {
  har: string;
  /** Provider name → spec path, from the folder's summary.json (empty when it records none). */
  specs: Record<string, string>;
}

/** Reads `<dir>/samples.har` and what `<dir>/summary.json` records of it; a folder without samples is unusable input. */
export async function readRunSamples(dir: string): Promise<RunSamples> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new RunwardenError('FILE_NOT_FOUND', `runwarden spec drift --run: ${displayPath(dir)} is not a folder`, 'Pass a run folder of runwarden ci, such as reports/latest or reports/<run>.');
  }
  const har = path.join(dir, SAMPLES_FILE);
  if (!(await stat(har).catch(() => undefined))?.isFile()) {
    throw new RunwardenError('FILE_NOT_FOUND', `runwarden spec drift --run: no ${SAMPLES_FILE} in ${displayPath(dir)}`,
      'Only a runwarden ci run that ran load scenarios writes one; or sample a load run yourself with runwarden load --samples <file.har> and pass it with --har.');
  }
  const summaryFile = path.join(dir, 'summary.json');
  if (!(await stat(summaryFile).catch(() => undefined))?.isFile()) return { har, specs: {} };
  const summary = parseJsonText(await readTextFile(summaryFile, 'run summary'), summaryFile) as { samples?: { specs?: unknown } };
  const recorded = summary.samples?.specs;
  const specs = recorded !== null && typeof recorded === 'object'
    ? Object.fromEntries(Object.entries(recorded).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
    : {};
  return { har, specs };
}

/** Whether a HAR entry may belong to `provider`: a load run's samples name theirs in `_provider`; others name none. */
export function ofProvider(provider: string): (entry: unknown) => boolean {
  return (entry) => {
    const named = (entry as { _provider?: unknown } | null)?._provider;
    return typeof named !== 'string' || named === provider;
  };
}
