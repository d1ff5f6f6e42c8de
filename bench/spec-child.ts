// Child process for bench/specs.bench.ts: loads one spec and compiles every operation (the simulator's and a load
// run's start-up; `spec check` without lint or examples), then reports its times and peak memory as one JSON line.
import { loadSpec } from '../src/spec/index.ts';
import { createValidator } from '../src/validate/index.ts';

const file = process.argv[2]!;
const started = performance.now();
const spec = await loadSpec(file);
const loaded = performance.now();
const report = createValidator(spec).compileAll();
const compiled = performance.now();
process.stdout.write(`${JSON.stringify({
  operations: report.operations,
  failed: report.failed.length,
  firstFailure: report.failed[0]?.message.slice(0, 300),
  warnings: spec.warnings.size,
  loadMs: Math.round(loaded - started),
  compileMs: Math.round(compiled - loaded),
  maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
})}\n`);
