// `npm run soak [-- --duration 3m]` (bench/soak-entry.mjs → soak-cli.ts → runSoak): every bundled load scenario at once against the simulator (in a child
// process) with faults; lost runs reconciled id by id with the simulator's fault ledger, RSS of both processes
// sampled every 10 s. Writes reports/bench/soak.json at the end, after every sample, and on SIGINT. See docs/soak.md.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BUNDLED_SCENARIOS } from '../load/index.ts';
import { resolveScenarios } from '../src/cli/load-scenarios.ts';
import { loadConfig } from '../src/config/index.ts';
import { runLoad, type LoadOptions, type LoadResult, type Scenario } from '../src/load/index.ts';
import type { FaultCounts, FaultRule } from '../src/sim/index.ts';
import { fullGc } from './full-gc.ts';
import { reconcile, rssTrend, type Reconciliation, type RssSample } from './soak-figures.ts';
import { startSimProcess, type SimProcess } from './soak-sim-process.ts';

/**
 * The soak's faults: 5% server errors and a few resets on every operation, rare 429 bursts with Retry-After, and
 * 1% dropped + 1% stuck runs on Deck's runTask, the create whose runs the harness follows by id in two scenario
 * families. (re-factor's runRunnable also serves mode=sync, where a stuck run ends at its own timeout_seconds and a
 * dropped one is answered finished; Rightbrain's creates are synchronous or streamed: there a run fault is not a
 * lost run, so they get the request faults only. docs/soak.md.)
 */
export const SOAK_FAULTS: FaultRule[] = [
  { error: { rate: 0.05 } },
  { reset: { rate: 0.002 } },
  { rateLimitBurst: { rate: 0.00001, durationMs: 1_000, retryAfterSeconds: 1 } },
  { provider: 'deck', operations: ['runTask'], drop: { rate: 0.01, afterMs: 50 }, stuck: { rate: 0.01 } },
];

/** Read-only flows poll as fast as answers come in their bundled form: paced here so the soak leaves CPU for the rest. */
const READ_MODEL = { kind: 'open', rate: 100 } as const;
const MAX_RUNS_PER_SCENARIO = 1_000_000;

export interface SoakOptions {
  durationMs: number;
  timeScale: number;
  seed: number;
  /** Overrides every create-poll flow's run timeout (default: each flow's own, 30 s). */
  runTimeoutMs?: number;
  sampleEveryMs: number;
  outFile: string;
  signal: AbortSignal;
  log: (line: string) => void;
}

interface ScenarioFigures {
  model: unknown;
  stopReason: LoadResult['stopReason'];
  runs: Omit<LoadResult['runs'], 'completionMs' | 'completionHistogram' | 'polls' | 'terminalStatuses'>;
  requests: LoadResult['requests'];
  createTimeouts: number;
  violations: number;
  /** How late the generator fired arrivals: a starved generator (a busy machine) shows here. */
  generatorLagMs: { p99: number; max: number };
  /** Requests that got no answer within the request timeout, or lost their connection, by endpoint (non-zero only). */
  unanswered: Record<string, { timeouts: number; connectionErrors: number }>;
}

/** The soak's report, as written to reports/bench/soak.json. */
export interface SoakReport {
  format: 'runwarden.soak.v1';
  status: 'starting' | 'running' | 'completed' | 'interrupted' | 'failed';
  error?: string;
  startedAt: string;
  endedAt?: string;
  plannedDurationMs: number;
  elapsedMs: number;
  settings: { timeScale: number; seed: number; runTimeoutMs: number | null; sampleEveryMs: number; readModel: typeof READ_MODEL; faults: FaultRule[] };
  scenarios: Record<string, ScenarioFigures>;
  runs: { created: number; completed: number; failed: number; createFailed: number; unfinished: number; lost: number; inFlight: number };
  requests: { sent: number; responses: number; errors: number; timeouts: number; createTimeouts: number; statusCounts: Record<string, number> };
  simulator: { pid: number | null; faults: Omit<FaultCounts, 'runs'> | null; faultedRunsListed: number | null; internalErrors: number | null };
  reconciliation: Reconciliation | null;
  rss: {
    warmUpMs: number; samples: RssSample[]; harness: ReturnType<typeof rssTrend>; simulator: ReturnType<typeof rssTrend>;
    /** The same fit of heap in use after the GC: what the process retains, apart from pages V8 or malloc keep. */
    heap: { harness: ReturnType<typeof rssTrend>; simulator: ReturnType<typeof rssTrend> };
  };
}

/** Runs the soak; returns its report (also written to `outFile`), partial when `signal` aborts. Never throws. */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = Date.now();
  const report = emptyReport(options, started);
  // Writes one at a time, each of the report as it is then (a sample's write never races the final one).
  let writing = Promise.resolve();
  const write = (): Promise<void> => {
    const snapshot = { ...report, elapsedMs: Date.now() - started };
    writing = writing.then(() => writeReport(options.outFile, snapshot)).catch((error: unknown) => options.log(`soak: could not write ${options.outFile}: ${(error as Error).message}`));
    return writing;
  };
  const running: Array<Promise<LoadResult>> = [];
  let sim: SimProcess | undefined;
  let sampler: NodeJS.Timeout | undefined;
  const loads = new AbortController();
  const stopLoads = (): void => loads.abort();
  options.signal.addEventListener('abort', stopLoads, { once: true });
  try {
    if (options.signal.aborted) throw new Error('interrupted before the simulator started');
    sim = await startSimProcess({
      seed: options.seed, timeScale: options.timeScale, faults: SOAK_FAULTS,
      // Idle runs and idempotency keys are forgotten after a minute, so the store reaches its steady state early
      // and a rising RSS means a leak, not a store still filling up.
      limits: { store: { ttlMs: 60_000 }, idempotencyTtlMs: 60_000 },
    }, options.signal);
    report.simulator.pid = sim.pid;
    void sim.exited.then((why) => { report.error = why; loads.abort(); });
    const { scenarios } = await resolveScenarios(BUNDLED_SCENARIOS.map((entry) => entry.name), loadConfig({ cwd: '/' }).providers);
    if (options.signal.aborted) throw new Error('interrupted before traffic');
    const tokens = Object.fromEntries(Object.keys(sim.urls).map((name) => [name, sim!.token]));
    const plan = (scenario: Scenario, onStart?: () => void): LoadOptions => ({
      scenario, targets: sim!.urls, tokens, durationMs: options.durationMs, drainMs: drainFor(scenario, options.runTimeoutMs),
      maxRuns: MAX_RUNS_PER_SCENARIO, signal: loads.signal,
      ...(options.runTimeoutMs === undefined ? {} : { runTimeoutMs: options.runTimeoutMs }),
      ...(scenario.flows.some((flow) => flow.kind === 'read') ? { model: READ_MODEL } : {}),
      ...(onStart ? { listeners: [(event) => { if (event.type === 'start') onStart(); }] } : {}),
    });
    // Read flows create their runs before traffic and never follow them: seed them first, and note which of those
    // runs the simulator faulted, so the reconciliation leaves exactly those out.
    const readers = scenarios.filter((scenario) => scenario.flows.some((flow) => flow.kind === 'read'));
    for (const scenario of readers) {
      let seeded!: () => void;
      const ready = new Promise<void>((resolve) => { seeded = resolve; });
      running.push(runLoad(plan(scenario, seeded)));
      await Promise.race([ready, running[running.length - 1]]);
    }
    const seedIds = new Set((await sim.faults())?.faults.runs.runs.map((entry) => entry.id) ?? []);
    const t0 = Date.now();
    for (const scenario of scenarios) if (!readers.includes(scenario)) running.push(runLoad(plan(scenario)));
    report.status = 'running';
    options.log(`soak: ${scenarios.length} scenarios against the simulator (pid ${sim.pid}) for ${options.durationMs / 1000} s`);
    // Each process is sampled right after a full GC (bench/full-gc.ts): the trend is of memory retained.
    const sample = async (afterTraffic = false): Promise<void> => {
      const simulator = await sim!.memory();
      fullGc();
      const harness = process.memoryUsage();
      report.rss.samples.push({
        ...(afterTraffic ? { afterTraffic } : {}),
        atMs: Date.now() - t0, harnessMiB: mib(harness.rss), simulatorMiB: simulator && mib(simulator.rssBytes),
        harnessHeapMiB: mib(harness.heapUsed), simulatorHeapMiB: simulator && mib(simulator.heapUsedBytes),
        simulatorStoredRuns: simulator && Object.values(simulator.storedRuns).reduce((sum, count) => sum + count, 0),
      });
      updateTrends(report);
      const last = report.rss.samples[report.rss.samples.length - 1]!;
      options.log(`soak: ${Math.round(last.atMs / 1000)} s, RSS harness ${last.harnessMiB} MiB, simulator ${last.simulatorMiB ?? '?'} MiB (heap ${last.simulatorHeapMiB ?? '?'} MiB, ${last.simulatorStoredRuns ?? '?'} runs stored)`);
      await write();
    };
    await sample();
    sampler = setInterval(() => { sample().catch((error: unknown) => options.log(`soak: sample failed: ${(error as Error).message}`)); }, options.sampleEveryMs);
    const results = await Promise.allSettled(running);
    clearInterval(sampler);
    await sample(true);
    const settled = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failures = results.flatMap((result) => (result.status === 'rejected' ? [String((result.reason as Error)?.message ?? result.reason)] : []));
    if (failures.length > 0) report.error = [report.error, ...failures].filter(Boolean).join('; ');
    summarize(report, settled, scenarios);
    const ledger = await sim.faults();
    if (ledger) {
      const { runs: _listed, ...counts } = ledger.faults;
      report.simulator.faults = counts;
      report.simulator.faultedRunsListed = ledger.faults.runs.runs.length;
      report.simulator.internalErrors = ledger.stats.internalErrors;
      report.reconciliation = reconcile({ lostIds: settled.flatMap((r) => r.runs.lostIds), inFlightIds: settled.flatMap((r) => r.runs.inFlightIds) }, ledger.faults, seedIds);
    }
    report.status = report.error !== undefined && !options.signal.aborted ? 'failed' : options.signal.aborted ? 'interrupted' : 'completed';
  } catch (error) {
    report.status = options.signal.aborted ? 'interrupted' : 'failed';
    report.error = error instanceof Error ? error.message : String(error);
  } finally {
    clearInterval(sampler);
    options.signal.removeEventListener('abort', stopLoads);
    // After a failure, stop whatever still sends before the simulator goes (aborted loads return at once).
    loads.abort();
    await Promise.allSettled(running);
    await sim?.close();
    report.endedAt = new Date().toISOString();
    await write();
  }
  return { ...report, elapsedMs: Date.now() - started };
}

/** Long enough for every run created at the last moment to reach its deadline, so none is left merely in flight. */
function drainFor(scenario: Scenario, runTimeoutMs: number | undefined): number {
  const longest = Math.max(0, ...scenario.flows.map((flow) => (flow.kind === 'create-poll' ? runTimeoutMs ?? flow.runTimeoutMs : 0)));
  return longest + 2_000;
}

function summarize(report: SoakReport, results: readonly LoadResult[], scenarios: readonly Scenario[]): void {
  for (const result of results) {
    const { completionMs: _c, completionHistogram: _h, polls: _p, terminalStatuses: _t, ...runs } = result.runs;
    // A create that timed out may have made a run nobody follows: counted apart.
    const creates = new Set(scenarios.find((scenario) => scenario.name === result.scenario)?.flows.flatMap((flow) => (flow.kind === 'create-poll' ? [`${flow.provider}.${flow.create.operationId}`] : [])));
    const createTimeouts = Object.values(result.endpoints).reduce((sum, endpoint) => sum + (creates.has(`${endpoint.provider}.${endpoint.operationId}`) ? endpoint.timeouts : 0), 0);
    report.scenarios[result.scenario] = {
      model: result.model, stopReason: result.stopReason, runs, requests: result.requests, createTimeouts, violations: result.violations.total,
      generatorLagMs: { p99: result.generator.lagMs.p99, max: result.generator.lagMs.max },
      unanswered: Object.fromEntries(Object.entries(result.endpoints)
        .filter(([, endpoint]) => endpoint.timeouts + endpoint.connectionErrors > 0)
        .map(([key, endpoint]) => [key, { timeouts: endpoint.timeouts, connectionErrors: endpoint.connectionErrors }])),
    };
    for (const key of ['created', 'completed', 'failed', 'createFailed', 'unfinished', 'lost', 'inFlight'] as const) report.runs[key] += runs[key];
    report.requests.sent += result.requests.sent;
    report.requests.responses += result.requests.responses;
    report.requests.errors += result.requests.errors;
    report.requests.timeouts += result.requests.timeouts;
    report.requests.createTimeouts += createTimeouts;
    for (const [status, count] of Object.entries(result.requests.statusCounts)) report.requests.statusCounts[status] = (report.requests.statusCounts[status] ?? 0) + count;
  }
}

function updateTrends(report: SoakReport): void {
  report.rss.harness = rssTrend(report.rss.samples, (sample) => sample.harnessMiB, report.rss.warmUpMs);
  report.rss.simulator = rssTrend(report.rss.samples, (sample) => sample.simulatorMiB, report.rss.warmUpMs);
  report.rss.heap = {
    harness: rssTrend(report.rss.samples, (sample) => sample.harnessHeapMiB ?? null, report.rss.warmUpMs),
    simulator: rssTrend(report.rss.samples, (sample) => sample.simulatorHeapMiB ?? null, report.rss.warmUpMs),
  };
}

function emptyReport(options: SoakOptions, started: number): SoakReport {
  return {
    format: 'runwarden.soak.v1', status: 'starting', startedAt: new Date(started).toISOString(), plannedDurationMs: options.durationMs, elapsedMs: 0,
    settings: { timeScale: options.timeScale, seed: options.seed, runTimeoutMs: options.runTimeoutMs ?? null, sampleEveryMs: options.sampleEveryMs, readModel: READ_MODEL, faults: SOAK_FAULTS },
    scenarios: {},
    runs: { created: 0, completed: 0, failed: 0, createFailed: 0, unfinished: 0, lost: 0, inFlight: 0 },
    requests: { sent: 0, responses: 0, errors: 0, timeouts: 0, createTimeouts: 0, statusCounts: {} },
    simulator: { pid: null, faults: null, faultedRunsListed: null, internalErrors: null },
    reconciliation: null,
    // The first minute (or third of a short soak) is warm-up: JIT, pools and the store filling to its steady state.
    rss: { warmUpMs: Math.min(60_000, Math.round(options.durationMs / 3)), samples: [], harness: null, simulator: null, heap: { harness: null, simulator: null } },
  };
}

/** Written to a temporary file and renamed, so a reader (or a SIGINT mid-write) never sees half a report. */
async function writeReport(file: string, report: SoakReport): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(report, null, 2)}\n`);
  await rename(temporary, file);
}

const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
