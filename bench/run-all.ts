import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { benchDiff } from './diff.bench.ts';
import { benchLoad } from './load.bench.ts';
import { benchStartUnderLoad } from './npm-start-under-load.ts';
import { benchScale } from './scale.bench.ts';
import { benchSimulator } from './sim.bench.ts';
import { benchSpecs } from './specs.bench.ts';
import { benchValidate } from './validate.bench.ts';

/** Every benchmark, by the name `npm run bench -- <name>` selects it with. */
const BENCHMARKS: Record<string, () => Promise<object>> = {
  validate: benchValidate,
  sim: benchSimulator,
  load: benchLoad,
  specs: benchSpecs,
  scale: benchScale,
  diff: benchDiff,
  'start-under-load': () => benchStartUnderLoad(),
};

/** Run only when named: 30 `npm start` runs under CPU load take ~15 minutes. */
const OPT_IN = new Set(['start-under-load']);
/** Report file names that differ from the benchmark's name. */
const REPORT_NAMES: Record<string, string> = { 'start-under-load': 'npm-start-under-load' };

/**
 * Runs the selected benchmarks (all by default) one after another, so they do not compete for the CPU, and writes
 * each one's figures to reports/bench/<name>.json. Figures are ratios against a reference measured in the same run.
 */
export async function runBenchmarks(argv: string[]): Promise<number> {
  const unknown = argv.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown benchmark(s) ${unknown.join(', ')}\nKnown: ${Object.keys(BENCHMARKS).join(', ')}\n`);
    return 2;
  }
  const selected = argv.length > 0 ? argv : Object.keys(BENCHMARKS).filter((name) => !OPT_IN.has(name));
  const outDir = new URL('../reports/bench/', import.meta.url);
  await mkdir(outDir, { recursive: true });
  const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown' };
  for (const name of selected) {
    process.stderr.write(`bench: ${name}…\n`);
    const started = Date.now();
    const figures = await BENCHMARKS[name]!();
    const record = { benchmark: name, measuredAt: new Date(started).toISOString(), durationMs: Date.now() - started, machine, figures };
    await writeFile(new URL(`${REPORT_NAMES[name] ?? name}.json`, outDir), `${JSON.stringify(record, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
  }
  return 0;
}
