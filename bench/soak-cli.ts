// The command line of `npm run soak` (bench/soak-entry.mjs calls `main`; the soak itself is bench/soak.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseDuration } from '../src/load/duration.ts';
import { runSoak, type SoakReport } from './soak.ts';

/**
 * The command line (`npm run soak`, through bench/soak-entry.mjs, which owns SIGINT from the first moment):
 * `--duration 10m --time-scale 1 --seed 1 --run-timeout 30s --sample-every 10s --out file`. Exit 0 when the
 * reconciliation is exact, 1 when it is not, 2 for bad flags, 130 when interrupted (the report is written anyway).
 */
export async function main(argv: string[], signal: AbortSignal): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: {
      duration: { type: 'string', default: '10m' }, 'time-scale': { type: 'string', default: '1' }, seed: { type: 'string', default: '1' },
      'run-timeout': { type: 'string' }, 'sample-every': { type: 'string', default: '10s' }, out: { type: 'string', default: 'reports/bench/soak.json' },
    } }));
  } catch (error) {
    process.stderr.write(`soak: ${(error as Error).message}\nUsage: npm run soak -- [--duration 10m] [--time-scale 1] [--seed 1] [--run-timeout 30s] [--sample-every 10s] [--out reports/bench/soak.json]\n`);
    return 2;
  }
  const timeScale = Number(values['time-scale']);
  const seed = Number(values.seed);
  let durationMs: number, sampleEveryMs: number, runTimeoutMs: number | undefined;
  try {
    durationMs = parseDuration(values.duration, '--duration');
    sampleEveryMs = parseDuration(values['sample-every'], '--sample-every');
    runTimeoutMs = values['run-timeout'] === undefined ? undefined : parseDuration(values['run-timeout'], '--run-timeout');
    if (!(timeScale > 0 && timeScale <= 100)) throw new Error(`invalid --time-scale\nReceived: ${values['time-scale']}\nExpected: a number in (0, 100], e.g. 0.25`);
    if (!Number.isInteger(seed)) throw new Error(`invalid --seed\nReceived: ${values.seed}\nExpected: an integer`);
  } catch (error) {
    process.stderr.write(`soak: ${(error as Error).message}\n`);
    return 2;
  }
  const outFile = path.resolve(fileURLToPath(new URL('..', import.meta.url)), values.out);
  const report = await runSoak({ durationMs, timeScale, seed, runTimeoutMs, sampleEveryMs, outFile, signal, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${renderSummary(report)}\nwritten: ${path.relative(process.cwd(), outFile)}\n`);
  if (report.status === 'interrupted') return 130;
  return report.status === 'completed' && report.reconciliation?.exact === true && report.simulator.internalErrors === 0 ? 0 : 1;
}

/** A few lines for the terminal; the JSON has everything. */
export function renderSummary(report: SoakReport): string {
  const r = report.reconciliation;
  const trend = (t: SoakReport['rss']['harness']): string => (t ? `${t.slopeMiBPerMinute} MiB/min, drift ${(t.relativeDrift * 100).toFixed(1)}% (${t.flatWithin10Percent ? 'flat' : 'NOT flat'})` : 'too few samples');
  return [
    `soak ${report.status}${report.error ? ` (${report.error})` : ''}: ${Math.round(report.elapsedMs / 1000)} s`,
    `runs: ${report.runs.created} created, ${report.runs.completed} completed, ${report.runs.failed} failed, ${report.runs.lost} lost, ${report.runs.inFlight} in flight; ${report.runs.createFailed} creates refused (${report.requests.createTimeouts} timed out)`,
    r ? `lost ${r.lost} = dropped ${r.dropped} + stuck ${r.stuck} − both ${r.droppedAndStuck}: ${r.exact ? 'exact' : 'NOT exact'}; lost by the harness: ${r.lostByHarness.length}; faulted but not lost: ${r.faultedNotLost.length}; faulted and still in flight: ${r.faultedInFlight.length}` : 'no reconciliation (the simulator did not answer)',
    ...(r && r.lostByHarness.length > 0 ? [`lost by the harness: ${r.lostByHarness.slice(0, 10).join(', ')}${r.lostByHarness.length > 10 ? ', …' : ''}`] : []),
    ...(r && r.faultedNotLost.length > 0 ? [`faulted but seen to end: ${r.faultedNotLost.slice(0, 10).map((run) => `${run.id} (${run.fault})`).join(', ')}`] : []),
    `RSS harness: ${trend(report.rss.harness)}; simulator: ${trend(report.rss.simulator)}`,
    `heap after GC harness: ${trend(report.rss.heap.harness)}; simulator: ${trend(report.rss.heap.simulator)}`,
  ].join('\n');
}
