import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMicrosecondHistogram, decodeHistogram } from '../../src/load/histogram.ts';
import type { LoadResult } from '../../src/load/index.ts';
import { startSimulator, type Simulator } from '../../src/sim/start-simulator.ts';
import { bundled } from '../helpers/sim-kit.ts';

const BIN = fileURLToPath(new URL('../../bin/runwarden.js', import.meta.url));
const SHARDS = 4;

interface Outcome { code: number | null; stdout: string; stderr: string }

/** The real CLI as a separate process; killed after two minutes so a hung shard fails the test instead of hanging it. */
function cli(args: string[], env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CI: '1', RUNWARDEN_DEBUG: '', ...env } });
    let stdout = '', stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk; });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

async function results(dir: string): Promise<LoadResult[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(files.map(async (file) => JSON.parse(await readFile(path.join(dir, file), 'utf8')) as LoadResult));
}

describe('scale out: 4 shards as separate processes against one embedded simulator, merged, vs one process', () => {
  let sim: Simulator;
  let work: string;
  let common: string[];
  let env: Record<string, string>;
  beforeAll(async () => {
    // Every run succeeds (or asks for MFA and is answered), so the two ways of running must end the same runs the same way.
    sim = await startSimulator({ providers: bundled('deck'), port: 0, host: '127.0.0.1', outcomes: { deck: { success: 1 } } });
    work = await mkdtemp(path.join(tmpdir(), 'runwarden-scale-out-'));
    // Latency limits loose enough for 5 processes on 2 cores: the test compares verdicts, not this machine's speed.
    const thresholds = path.join(work, 'thresholds.json');
    await writeFile(thresholds, JSON.stringify({ endpoints: { runTask: { p99Ms: 10_000 }, getTaskRun: { p99Ms: 10_000 } } }));
    // Open model bounded by --max-runs: every process makes exactly its share of 24 arrivals, whatever its speed.
    common = ['load', 'deck-create-poll', '--base-url', sim.urls.deck!, '--token-env', 'SCALE_OUT_TOKEN', '--rate', '40', '--duration', '5s', '--max-runs', '24', '--thresholds', thresholds];
    env = { SCALE_OUT_TOKEN: sim.config.token };
  });
  afterAll(async () => { await sim?.close(); });

  it('merges to the same counts, the histogram of all samples and the same gates', async () => {
    const shardDir = path.join(work, 'shards'), singleDir = path.join(work, 'single'), reports = path.join(work, 'reports');
    const shards = await Promise.all(Array.from({ length: SHARDS }, (_, i) => cli([...common, '--shard', `${i + 1}/${SHARDS}`, '--run-id', 'e2e-1', '--no-gates', '--out', shardDir], env)));
    for (const shard of shards) expect(shard.stderr).not.toMatch(/error/i);
    expect(shards.map((shard) => shard.code)).toEqual([0, 0, 0, 0]);
    const single = await cli([...common, '--out', singleDir], env);
    expect(single.code).toBe(0);

    const parts = (await results(shardDir)).sort((a, b) => (a.shard?.index ?? 0) - (b.shard?.index ?? 0));
    expect(parts.map((part) => part.shard)).toEqual([1, 2, 3, 4].map((index) => ({ index, count: SHARDS, runId: 'e2e-1' })));
    expect(parts.map((part) => part.generator.arrivals)).toEqual([6, 6, 6, 6]);
    expect(parts.every((part) => part.gates.length === 0)).toBe(true);

    const merge = await cli(['report', 'merge', ...(await readdir(shardDir)).map((file) => path.join(shardDir, file)), '--out', reports, '--json'], {});
    expect(merge.stderr).toMatch(/merged 4 shards of run e2e-1/);
    expect(merge.code).toBe(0);
    const merged = JSON.parse(merge.stdout) as LoadResult;
    const [whole] = await results(singleDir);

    expect(merged.runs).toMatchObject({ created: whole!.runs.created, completed: whole!.runs.completed, lost: whole!.runs.lost, failed: whole!.runs.failed });
    expect(merged.runs.created).toBe(24);
    expect(merged.generator.arrivals).toBe(whole!.generator.arrivals);
    // The merged histogram is every shard's samples, added bucket for bucket.
    for (const key of ['runTask', 'getTaskRun']) {
      const all = createMicrosecondHistogram();
      for (const part of parts) if (part.endpoints[key]) all.add(decodeHistogram(part.endpoints[key].histogram));
      const mergedHistogram = decodeHistogram(merged.endpoints[key]!.histogram);
      expect(mergedHistogram.totalCount).toBe(merged.endpoints[key]!.responses);
      for (const percentile of [50, 90, 99, 100]) expect(mergedHistogram.getValueAtPercentile(percentile)).toBe(all.getValueAtPercentile(percentile));
    }
    expect(merged.endpoints.runTask!.responses).toBe(whole!.endpoints.runTask!.responses);
    // Gated once, on the merged result: the same gates, with the same verdicts, as the one-process run.
    expect(merged.gates.map((gate) => [gate.name, gate.pass])).toEqual(whole!.gates.map((gate) => [gate.name, gate.pass]));
    expect(merged.gates.length).toBeGreaterThan(3);
    // The four reports, as `runwarden ci` writes them.
    expect((await readdir(path.join(reports, 'latest'))).sort()).toEqual(['index.html', 'junit.xml', 'summary.json', 'summary.md']);
    expect(await readdir(path.join(reports, 'load'))).toHaveLength(1);
    expect(`${merge.stdout}${merge.stderr}`).not.toContain(sim.config.token);
  }, 240_000);

  it('refuses a merge with a shard missing, with a clear message and exit code 2', async () => {
    const dir = path.join(work, 'partial');
    const one = await cli([...common, '--shard', '1/2', '--run-id', 'e2e-2', '--no-gates', '--out', dir], env);
    expect(one.code).toBe(0);
    const merge = await cli(['report', 'merge', ...(await readdir(dir)).map((file) => path.join(dir, file))], {});
    expect(merge.code).toBe(2);
    expect(merge.stderr).toMatch(/run "e2e-2" has 2 shards; missing 2\/2/);
    expect(merge.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  }, 120_000);

  it('--workers 2 runs two child processes against this process\'s own simulator, merges them and gates once', async () => {
    const dir = path.join(work, 'workers');
    const outcome = await cli(['load', 'deck-create-poll', '--workers', '2', '--rate', '40', '--duration', '5s', '--max-runs', '12', '--out', dir, '--json'], {});
    expect(outcome.stderr).toMatch(/load: 2 workers, shards 1…2 of run workers-/);
    expect(outcome.stderr).toMatch(/workers: 2\/2 done/);
    const merged = JSON.parse(outcome.stdout) as LoadResult;
    expect(merged.merged).toMatchObject({ shards: 2 });
    expect(merged.runs.created).toBe(12);
    expect(merged.generator.arrivals).toBe(12);
    expect(merged.gates.length).toBeGreaterThan(3);
    expect(outcome.code).toBe(merged.passed ? 0 : 1);
    expect(await readdir(dir)).toHaveLength(1);
  }, 120_000);

  it('refuses --shard without a run id before any traffic', async () => {
    const outcome = await cli([...common, '--shard', '1/2'], { RUNWARDEN_RUN_ID: '' });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/every shard of a run needs the same run id/);
  }, 60_000);
});
