import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { reconcile, rssTrend, type RssSample } from '../../bench/soak-figures.ts';
import type { SoakReport } from '../../bench/soak.ts';
import type { FaultCounts } from '../../src/sim/index.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * Runs `npm run soak`'s entry with `args`; `interruptWhen` sends SIGINT once stderr matches it. Bounded: the
 * soak is killed after 80 s whatever happens (the test then fails on its exit code).
 */
async function soak(args: string[], interruptWhen?: RegExp): Promise<{ code: number | null; stderr: string; report: SoakReport }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'runwarden-soak-'));
  dirs.push(dir);
  const out = path.join(dir, 'soak.json');
  const child = spawn(process.execPath, ['bench/soak-entry.mjs', ...args, '--out', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
    if (interruptWhen && interruptWhen.test(stderr) && child.exitCode === null && !child.killed) {
      interruptWhen = undefined;
      child.kill('SIGINT');
    }
  });
  child.stdout.resume();
  const guard = setTimeout(() => child.kill('SIGKILL'), 80_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(guard);
  return { code, stderr, report: JSON.parse(await readFile(out, 'utf8')) as SoakReport };
}

describe('soak (npm run soak)', () => {
  it('loses exactly the runs the simulator dropped or made stuck, id by id, over one simulated minute under faults', async () => {
    // 15 s of traffic at time scale 0.25 is one minute of simulated run time; a run timeout of 12 s (runs end within ~2 s here) leaves room for a busy machine.
    const { code, stderr, report } = await soak(['--duration', '15s', '--time-scale', '0.25', '--run-timeout', '12s', '--sample-every', '5s']);
    expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(code).toBe(0);
    expect(report.status).toBe('completed');
    const reconciliation = report.reconciliation!;
    expect(reconciliation.lostByHarness).toEqual([]);
    expect(reconciliation.faultedNotLost).toEqual([]);
    expect(reconciliation.faultedInFlight).toEqual([]);
    expect(reconciliation.lost).toBeGreaterThan(0);
    expect(reconciliation.lost).toBe(reconciliation.dropped + reconciliation.stuck - reconciliation.droppedAndStuck);
    expect(reconciliation.exact).toBe(true);
    expect(reconciliation.lostRuns.map((run) => run.fault)).not.toContain('none');
    // Every run the simulator faulted is accounted for: followed by the harness, or a read flow's seed.
    const faults = report.simulator.faults!;
    const listed = reconciliation.dropped + reconciliation.stuck - reconciliation.droppedAndStuck + reconciliation.seededFaulted.length;
    expect(report.simulator.faultedRunsListed).toBe(listed);
    // The counters count each kind once per run; a seed has one or both kinds.
    const beyondFollowed = faults.byKind.drop + faults.byKind.stuck - (reconciliation.dropped + reconciliation.stuck);
    expect(beyondFollowed).toBeGreaterThanOrEqual(reconciliation.seededFaulted.length);
    expect(beyondFollowed).toBeLessThanOrEqual(2 * reconciliation.seededFaulted.length);
    expect(reconciliation.unidentified).toEqual({ stuck: 0, fail: 0, drop: 0, backward: 0 });
    expect(report.simulator.internalErrors).toBe(0);
    // Every scenario family ran, under injected 5xx and resets, and every run has one outcome.
    expect(Object.keys(report.scenarios)).toHaveLength(7);
    expect(faults.byKind.error).toBeGreaterThan(0);
    expect(faults.byKind.reset).toBeGreaterThan(0);
    const { runs } = report;
    expect(runs.created).toBe(runs.completed + runs.failed + runs.lost + runs.unfinished + runs.inFlight);
    expect(runs.inFlight).toBe(0);
    expect(report.rss.samples.length).toBeGreaterThanOrEqual(2);
    expect(report.rss.samples.every((sample) => sample.harnessMiB > 0 && sample.simulatorMiB !== null)).toBe(true);
    // Only the closing sample is taken after traffic, and the trend leaves it out.
    expect(report.rss.samples.map((sample) => sample.afterTraffic === true)).toEqual(report.rss.samples.map((_, i) => i === report.rss.samples.length - 1));
  }, 90_000);

  it('writes its report when interrupted with SIGINT during traffic, and exits 130', async () => {
    const { code, report } = await soak(['--duration', '60s', '--time-scale', '0.25', '--run-timeout', '6s'], /soak: 0 s, RSS/);
    expect(code).toBe(130);
    expect(report.status).toBe('interrupted');
    expect(report.endedAt).toBeDefined();
    expect(Object.keys(report.scenarios)).toHaveLength(7);
    expect(report.reconciliation!.lostByHarness).toEqual([]);
  }, 90_000);
});


describe('soak figures', () => {
  const ledger = (runs: FaultCounts['runs']['runs']): FaultCounts => ({
    total: 0, byKind: { error: 0, latency: 0, slow_first_byte: 0, reset: 0, rate_limit_burst: 0, stuck: 0, fail: 0, drop: 0, wrong_status: 0, backward: 0 }, byOperation: {},
    runs: { runs, unidentified: { stuck: 0, fail: 0, drop: 0, backward: 0 }, overflow: 0 },
  });
  const entry = (id: string, ...kinds: Array<'stuck' | 'drop' | 'fail'>) => ({ id, provider: 'deck', operationId: 'runTask', kinds });

  it('is exact only when the lost ids are the dropped and stuck ids, leaving seeds and failed-only runs out', () => {
    const faults = ledger([entry('a', 'drop'), entry('b', 'stuck'), entry('c', 'stuck', 'drop'), entry('d', 'fail'), entry('seed', 'drop')]);
    const exact = reconcile({ lostIds: ['a', 'b', 'c'], inFlightIds: [] }, faults, new Set(['seed']));
    expect(exact).toMatchObject({ dropped: 2, stuck: 2, droppedAndStuck: 1, lost: 3, exact: true, seededFaulted: ['seed'] });
    expect(exact.lostRuns.map((run) => run.fault)).toEqual(['drop', 'stuck', 'stuck+drop']);
    const harnessLoss = reconcile({ lostIds: ['a', 'b', 'c', 'x'], inFlightIds: [] }, faults, new Set(['seed']));
    expect(harnessLoss).toMatchObject({ exact: false, lostByHarness: ['x'] });
    const missed = reconcile({ lostIds: ['a', 'b'], inFlightIds: [] }, faults, new Set(['seed']));
    expect(missed).toMatchObject({ exact: false, faultedNotLost: [{ id: 'c', provider: 'deck', fault: 'stuck+drop' }] });
    const interrupted = reconcile({ lostIds: ['a', 'b'], inFlightIds: ['c'] }, faults, new Set(['seed']));
    expect(interrupted).toMatchObject({ exact: false, faultedNotLost: [], faultedInFlight: ['c'] });
  });

  it('calls RSS flat when its fitted line moves less than 10% after the warm-up, and not when it climbs', () => {
    const series = (mib: (minute: number) => number): RssSample[] => Array.from({ length: 60 }, (_, i) => ({ atMs: i * 10_000, harnessMiB: mib(i / 6), simulatorMiB: null }));
    const flat = rssTrend(series((minute) => 200 + (minute < 1 ? 100 * minute : 100) + (Math.round(minute * 6) % 2) * 4), (s) => s.harnessMiB, 60_000)!;
    expect(flat.flatWithin10Percent).toBe(true);
    const leaking = rssTrend(series((minute) => 200 + 10 * minute), (s) => s.harnessMiB, 60_000)!;
    expect(leaking).toMatchObject({ flatWithin10Percent: false, slopeMiBPerMinute: 10 });
    expect(rssTrend(series(() => 1), (s) => s.simulatorMiB, 0)).toBeNull();
    // The closing sample, after every scenario returned its memory, is not part of the trend.
    const closed = [...series(() => 300), { atMs: 600_000, harnessMiB: 100, simulatorMiB: null, afterTraffic: true }];
    expect(rssTrend(closed, (s) => s.harnessMiB, 60_000)).toMatchObject({ slopeMiBPerMinute: 0, toMs: 590_000 });
  });
});
