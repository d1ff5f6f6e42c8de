import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunwardenError } from '../core/errors.ts';
import { renderJson } from './json-report.ts';
import { parseSummary, readSummary } from './read-summary.ts';
import { buildRunSummary } from './testing/fixtures.ts';

async function failure(promise: Promise<unknown>): Promise<RunwardenError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  if (!(error instanceof RunwardenError)) throw new Error(`expected a RunwardenError, got ${String(error)}`);
  return error;
}

describe('readSummary', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runwarden-read-'));
    await mkdir(join(dir, 'reports', 'latest'), { recursive: true });
    await writeFile(join(dir, 'reports', 'latest', 'summary.json'), renderJson(buildRunSummary({ runId: 'latest-run', requests: 50 })));
    await writeFile(join(dir, 'not-json.json'), '{ nope');
    await writeFile(join(dir, 'other.json'), JSON.stringify({ name: 'package' }));
    await writeFile(join(dir, 'future.json'), JSON.stringify({ ...buildRunSummary({ requests: 20 }), schemaVersion: 2 }));
    await writeFile(join(dir, 'broken.json'), JSON.stringify({ schemaVersion: 1, runId: 7, verdict: 'pass', checks: [], contracts: {}, load: [{}] }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a summary.json or a run folder', async () => {
    expect((await readSummary(join(dir, 'reports', 'latest'))).runId).toBe('latest-run');
    expect((await readSummary(join(dir, 'reports', 'latest', 'summary.json'))).runId).toBe('latest-run');
  });

  it('names a missing path, and suggests reports/latest when given reports/', async () => {
    expect((await failure(readSummary(join(dir, 'nowhere')))).code).toBe('FILE_NOT_FOUND');
    const error = await failure(readSummary(join(dir, 'reports')));
    expect(error.message).toContain('No summary.json in');
    expect(error.hint).toBe(`Did you mean ${join(dir, 'reports', 'latest')}?`);
  });

  it('rejects text that is not JSON, JSON that is not a summary, and another schema version', async () => {
    expect((await failure(readSummary(join(dir, 'not-json.json')))).code).toBe('JSON_INVALID');
    const other = await failure(readSummary(join(dir, 'other.json')));
    expect(other.code).toBe('REPORT_INVALID');
    expect(other.message).toContain('not a runwarden summary');
    const future = await failure(readSummary(join(dir, 'future.json')));
    expect(future.code).toBe('REPORT_INVALID');
    expect(future.message).toContain('Received: 2\nSupported: 1');
    expect(future.hint).toMatch(/same major version/);
  });

  it('lists every structural problem at once', async () => {
    const error = await failure(readSummary(join(dir, 'broken.json')));
    expect(error.message).toContain('runId: expected a string');
    expect(error.message).toContain('contracts: expected an array');
    expect(error.message).toContain('load[0].scenario: expected a string');
    expect(error.message).toContain('load[0].runs: expected an object');
  });

  it('parses text directly for callers that already hold it', () => {
    expect(() => parseSummary('[]', 'inline')).toThrow(/not a runwarden summary/);
  });
});
