// Child process for bench/sim.bench.ts: stores N Deck runs the way runTask does (schedule + seed + the input the
// client sent, no rendered body) and reports memory after a full GC.
import { bundledProfile } from '../src/config/index.ts';
import { realClock } from '../src/sim/clock.ts';
import { ExhaustedLimits } from '../src/sim/limits/exhausted-limits.ts';
import { OptionsChecker } from '../src/sim/options-checker.ts';
import { resolveOptions } from '../src/sim/options.ts';
import { createDeckSim } from '../src/sim/providers/deck/deck-provider.ts';
import { Scheduler } from '../src/sim/scheduler.ts';
import { createSeededFaker } from '../src/sim/seeded-faker.ts';

const count = Number(process.argv[2] ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage();
const config = resolveOptions({ limits: { store: { maxRuns: count, ttlMs: 24 * 3600_000 } } });
const deck = createDeckSim(bundledProfile('deck'), {
  config, scheduler: new Scheduler(realClock), faker: createSeededFaker(), exhausted: new ExhaustedLimits(),
  basePath: '/v2', sections: config.sectionsOf('deck'), check: new OptionsChecker(),
});
const started = performance.now();
const tasks = ['task_8mQ2vX4nR7pL1zK6', 'task_3Rf8Kd2Nq6Ty9Bj4', 'task_interaction7Hc4', 'task_review9Wm2Gx5'];
const now = Date.now();
for (let i = 0; i < count; i++) {
  deck.runs.create({
    taskId: tasks[i % tasks.length]!, credentialId: null, sourceId: null, sessionId: null,
    // A fresh object per run, as JSON.parse gives each request.
    input: JSON.parse('{"billing_period":"2025-05"}') as Record<string, unknown>,
    scenario: undefined, fate: { stuck: false, fail: false, dropAfterMs: undefined }, now: now + i,
  });
}
const insertMs = performance.now() - started;
gc?.();
const after = process.memoryUsage();
const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
process.stdout.write(JSON.stringify({
  runs: deck.runs.store.size,
  insertMs: Math.round(insertMs),
  rssMiB: mib(after.rss),
  heapUsedMiB: mib(after.heapUsed),
  rssGrowthMiB: mib(after.rss - before.rss),
  bytesPerRun: Math.round((after.heapUsed - before.heapUsed) / count),
}));
