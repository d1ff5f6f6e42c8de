import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderJson } from '../../report/json-report.ts';
import { buildRunSummary } from '../../report/testing/fixtures.ts';
import type { Io } from '../command.ts';
import { main } from '../main.ts';

describe('runwarden report render', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runwarden-render-'));
    await writeFile(join(dir, 'summary.json'), renderJson(buildRunSummary({ runId: 'rendered', requests: 100 })));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('rewrites every report of a run from its summary.json', async () => {
    let out = '';
    const io: Io = { out: (text) => void (out += text), err: () => {}, isTty: false };
    const code = await main(['report', 'render', join(dir, 'summary.json'), '--out', join(dir, 'reports')], io);
    expect(code).toBe(0);
    expect((await readdir(join(dir, 'reports'))).sort()).toEqual(['latest', 'rendered']);
    expect((await readdir(join(dir, 'reports', 'rendered'))).sort()).toEqual(['index.html', 'junit.xml', 'summary.json', 'summary.md']);
    expect(out).toContain(join(dir, 'reports', 'rendered', 'index.html'));
  });
});
