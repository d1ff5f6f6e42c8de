import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderJson } from '../../report/json-report.ts';
import { buildRunSummary } from '../../report/testing/fixtures.ts';
import { runMain as run } from '../testing/run-main.ts';

describe('runwarden report compare', () => {
  let dir: string;
  let baseline: string;
  let same: string;
  let slower: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runwarden-compare-'));
    baseline = join(dir, 'baseline.json');
    same = join(dir, 'same.json');
    slower = join(dir, 'slower.json');
    await writeFile(baseline, renderJson(buildRunSummary({ seed: 1, runId: 'baseline' })));
    await writeFile(same, renderJson(buildRunSummary({ seed: 2, runId: 'same' })));
    await writeFile(slower, renderJson(buildRunSummary({ seed: 3, runId: 'slower', slowdown: 1.3 })));
    await writeFile(join(dir, 'v2.json'), JSON.stringify({ ...buildRunSummary({ requests: 20 }), schemaVersion: 2 }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 when nothing regressed significantly', async () => {
    const { code, out } = await run(['report', 'compare', baseline, same]);
    expect(code).toBe(0);
    expect(out).toContain('Verdict: no significant regression beyond 10%');
  });

  it('exits 1 on a significant regression beyond the tolerance', async () => {
    const { code, out } = await run(['report', 'compare', baseline, slower]);
    expect(code).toBe(1);
    expect(out).toContain('REGRESSION');
  });

  it('exits 0 for the same data when the tolerance is wider than the slowdown', async () => {
    const { code } = await run(['report', 'compare', baseline, slower, '--tolerance', '60%']);
    expect(code).toBe(0);
  });

  it('prints machine-readable JSON with --json and Markdown with --markdown', async () => {
    const json = await run(['report', 'compare', baseline, slower, '--json']);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.out) as { verdict: string; metrics: unknown[]; settings: { tolerance: number } };
    expect(parsed.verdict).toBe('regression');
    expect(parsed.settings.tolerance).toBe(0.1);
    expect(parsed.metrics.length).toBe(24);
    const markdown = await run(['report', 'compare', baseline, slower, '--markdown', '--tolerance', '15']);
    expect(markdown.out.startsWith('## ❌ runwarden compare')).toBe(true);
  });

  it('exits 2 with a hint on unusable input', async () => {
    const missing = await run(['report', 'compare', join(dir, 'nope.json'), slower]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('No such file or folder');
    expect(missing.err).toContain('Hint:');
    const version = await run(['report', 'compare', join(dir, 'v2.json'), slower]);
    expect(version.code).toBe(2);
    expect(version.err).toContain('Supported: 1');
    const usage = await run(['report', 'compare', baseline]);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('expected two runs');
    const tolerance = await run(['report', 'compare', baseline, slower, '--tolerance', 'ten']);
    expect(tolerance.code).toBe(2);
    expect(tolerance.err).toContain('--tolerance must be a percentage');
  });
});
