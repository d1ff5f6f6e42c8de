// Child process for bench/sim.bench.ts: stores N runs in the generic engine serving the Deck spec and profile,
// each created through the create operation's route as a request would (request check, plan, store; the client's
// body parsed fresh per run), and reports memory after a full GC. Needs --expose-gc.
import { loadSpec } from '../src/spec/index.ts';
import { createVirtualClock } from '../src/sim/clock.ts';
import { NO_FATE } from '../src/sim/faults/fault-plan.ts';
import { createGenericSim } from '../src/sim/generic/index.ts';
import { ExhaustedLimits } from '../src/sim/limits/exhausted-limits.ts';
import { OptionsChecker } from '../src/sim/options-checker.ts';
import { resolveOptions } from '../src/sim/options.ts';
import type { SimRequest } from '../src/sim/providers/provider.ts';
import { Scheduler } from '../src/sim/scheduler.ts';
import { genericProfile } from './generic-profile.ts';

const count = Number(process.argv[2] ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('sim-memory-child: run with --expose-gc');

const profile = genericProfile('deck');
const spec = await loadSpec(profile.spec);
// A virtual clock: no run moves or expires while they are stored.
const clock = createVirtualClock();
const config = resolveOptions({ clock, limits: { store: { maxRuns: count, ttlMs: 24 * 3600_000 } } });
const check = new OptionsChecker();
const engine = createGenericSim(profile, spec, {
  config, scheduler: new Scheduler(clock), exhausted: new ExhaustedLimits(), check,
  basePath: profile.basePath ?? spec.basePath, sections: config.sectionsOf(profile.name),
});
if (check.problems.length > 0) throw new Error(check.problems.join('; '));
const kind = profile.runs[0]!;
const route = engine.routes.find((candidate) => candidate.operationId === kind.create.operationId)!;
const tasks = ['task_8mQ2vX4nR7pL1zK6', 'task_3Rf8Kd2Nq6Ty9Bj4', 'task_interaction7Hc4', 'task_review9Wm2Gx5'];
const request = (index: number): SimRequest => ({
  operationId: route.operationId, method: 'POST', url: `/v2/tasks/${tasks[index % tasks.length]}/run`, params: { task_id: tasks[index % tasks.length]! },
  search: '', query: () => new URLSearchParams(), headers: { 'content-type': 'application/json', host: '127.0.0.1' },
  // A fresh object per run, as JSON.parse gives each request.
  body: JSON.parse('{"input":{"billing_period":"2025-05"}}') as unknown, now: clock.now(), token: 't', scenario: undefined,
  runFate: () => NO_FATE,
});
const first = await route.handle(request(0));
if (first.status >= 300) throw new Error(`the create answered ${first.status}`);
engine.reset();
gc();
const before = process.memoryUsage();
const started = performance.now();
for (let index = 0; index < count; index++) {
  await route.handle(request(index));
  if (index % 1000 === 999) clock.advance(1);
}
const insertMs = performance.now() - started;
gc();
const after = process.memoryUsage();
const stored = engine.sizes()[`${profile.name}.${kind.name}`] ?? 0;
if (stored !== count) throw new Error(`stored ${stored} runs, not ${count}`);
const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
process.stdout.write(JSON.stringify({
  engine: 'generic', spec: 'specs/deck.openapi.yaml', runs: stored,
  insertMs: Math.round(insertMs),
  rssMiB: mib(after.rss),
  heapUsedMiB: mib(after.heapUsed),
  rssGrowthMiB: mib(after.rss - before.rss),
  bytesPerRun: Math.round((after.heapUsed - before.heapUsed) / count),
}));
