// Bench (not a test): bytes per stored run of the generic engine at 100,000 runs. Creates the runs through the jobs
// fixture's create route (request check, plan, store, render) and measures the heap after a full GC.
//   node --import tsx --expose-gc src/sim/generic/bench/memory.ts [runs]
import { NO_FATE } from '../../faults/fault-plan.ts';
import type { SimRequest } from '../../providers/provider.ts';
import { loadFixture, startHarness } from '../generic-harness.fixture.ts';
import { JOBS_PROFILE, JOBS_SPEC } from '../jobs-api.fixture.ts';

const count = Number(process.argv[2] ?? 100_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const { spec, profile } = await loadFixture(JOBS_SPEC, JOBS_PROFILE);
const harness = await startHarness(profile, spec, { sim: { limits: { store: { maxRuns: count, ttlMs: 24 * 3600_000 } } } });
const create = harness.provider.routes.find((route) => route.operationId === 'createJob')!;
const request = (index: number): SimRequest => ({
  operationId: 'createJob', method: 'POST', url: '/api/jobs', params: {}, search: '', query: () => new URLSearchParams(),
  headers: { 'content-type': 'application/json', host: '127.0.0.1' },
  // A fresh object per run, as JSON.parse gives each request.
  body: JSON.parse(`{"task":"resize","size":${1 + (index % 4096)}}`), now: harness.clock.now(), token: 't', scenario: undefined,
  runFate: () => NO_FATE,
});
await create.handle(request(0));
harness.provider.reset();
gc();
const before = process.memoryUsage().heapUsed;
const started = performance.now();
for (let index = 0; index < count; index++) {
  await create.handle(request(index));
  if (index % 1000 === 999) harness.clock.advance(1);
}
const insertMs = performance.now() - started;
gc();
const after = process.memoryUsage().heapUsed;
process.stdout.write(`${JSON.stringify({
  runs: harness.provider.sizes()['jobs.job'], insertMs: Math.round(insertMs), heapGrowthMiB: Math.round((after - before) / 1024 / 1024),
  bytesPerRun: Math.round((after - before) / count),
})}\n`);
await harness.close();
