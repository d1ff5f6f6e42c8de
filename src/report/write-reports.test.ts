import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSummary } from './read-summary.ts';
import { buildRunSummary } from './testing/fixtures.ts';
import { writeReports } from './write-reports.ts';

describe('writeReports', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runwarden-reports-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the four formats into reports/<run>/ and the same files into reports/latest/', async () => {
    const summary = buildRunSummary({ requests: 200 });
    const written = await writeReports(summary, dir);
    expect(written.runDir).toBe(join(dir, summary.runId));
    const expected = ['index.html', 'junit.xml', 'summary.json', 'summary.md'];
    expect((await readdir(written.runDir)).sort()).toEqual(expected);
    expect((await readdir(written.latestDir)).sort()).toEqual(expected);
    for (const name of expected) {
      expect(await readFile(join(written.latestDir, name), 'utf8')).toBe(await readFile(join(written.runDir, name), 'utf8'));
    }
    expect(await readSummary(written.latestDir)).toEqual(summary);
  });

  it('names the reports directory it wrote to in the summary.md footer', async () => {
    const summary = buildRunSummary({ runId: 'run-9', requests: 10 });
    const written = await writeReports(summary, join(dir, 'custom-out'));
    expect(await readFile(written.files.markdown, 'utf8')).toContain(`Full report: \`${join(dir, 'custom-out')}/run-9/index.html\``);
  });

  it('replaces reports/latest entirely, leaving no stale file or staging folder behind', async () => {
    await mkdir(join(dir, 'latest'), { recursive: true });
    await writeFile(join(dir, 'latest', 'stale.txt'), 'from an older run');
    const first = await writeReports(buildRunSummary({ runId: 'run-1', requests: 100 }), dir);
    await writeReports(buildRunSummary({ runId: 'run-2', requests: 100 }), dir);
    expect(await readdir(first.latestDir)).not.toContain('stale.txt');
    expect((await readSummary(join(dir, 'latest'))).runId).toBe('run-2');
    expect((await readdir(dir)).sort()).toEqual(['latest', 'run-1', 'run-2']);
  });

  it('keeps a run id that is not a safe folder name inside reports/', async () => {
    const written = await writeReports(buildRunSummary({ runId: '../../etc/latest', requests: 50 }), dir);
    expect(written.runDir).toBe(join(dir, 'etc-latest'));
    const latest = await writeReports(buildRunSummary({ runId: 'latest', requests: 50 }), dir);
    expect(latest.runDir).toBe(join(dir, 'run-latest'));
  });
});
