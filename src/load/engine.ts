import { RunwardenError } from '../core/errors.ts';
import { fixedRate, ramp } from './arrival-schedule.ts';
import { ClosedRunner } from './closed-runner.ts';
import type { LoadListener } from './events.ts';
import type { ExchangeSampler } from './exchange-sampler.ts';
import { compileFlows, PoolSet, type CompileContext, type CompiledFlow } from './flow-compiler.ts';
import { weightedPicker } from './flow-picker.ts';
import { FlowRunner, type ValidateResponse } from './flow-runner.ts';
import { EndpointStats, LoadMetrics } from './metrics.ts';
import { OpenScheduler } from './open-scheduler.ts';
import { shardSchedule, shareOf, type Shard } from './shard.ts';
import { buildResult } from './result-builder.ts';
import type { LoadResult } from './result.ts';
import { RunTracker } from './run-tracker.ts';
import { Timeline } from './timeline.ts';
import { scenarioProblems, type Scenario, type WorkloadModel } from './scenario.ts';
import { mergeThresholds, type Thresholds } from './thresholds.ts';

export interface LoadOptions {
  scenario: Scenario;
  /** Base URL (with base path) of each provider the scenario's flows use, by provider name. */
  targets: Readonly<Record<string, string>>;
  /** Each provider's token, sent as its flows' auth scheme says (bearer, API-key header or query parameter). */
  tokens?: Readonly<Record<string, string | undefined>>;
  /** Overrides of the scenario's own settings (e.g. from CLI flags). */
  model?: WorkloadModel;
  durationMs?: number;
  pollIntervalMs?: number;
  /** How long each run may take before it counts as lost (overrides every create-poll flow's `runTimeoutMs`). */
  runTimeoutMs?: number;
  drainMs?: number;
  maxRuns?: number;
  requestTimeoutMs?: number;
  /** Merged over the scenario's thresholds. */
  thresholds?: Thresholds;
  /** Contract check for sampled responses, built (and compiled) by the caller before traffic. */
  validate?: ValidateResponse;
  validateEvery?: number;
  /** Offered every response (seeding excluded); keeps a bounded, redacted sample of exchanges for the caller to write. */
  sampler?: ExchangeSampler;
  /** Aborting stops traffic at once; the partial result is still returned. */
  signal?: AbortSignal;
  listeners?: readonly LoadListener[];
  progressIntervalMs?: number;
  /** Run only this slice of the scenario (docs/scale-out.md); the result is tagged with it. */
  shard?: Shard;
  /** false: record the thresholds but evaluate no gate (a shard of several; the merge gates once). */
  gates?: boolean;
}

const SEED_TIMEOUT_MS = 30_000;
/** Iterations (runs or reads) one load run may start when the scenario sets no `maxRuns`: a count bound besides time. */
export const DEFAULT_MAX_ITERATIONS = 10_000_000;

/**
 * Runs one scenario and returns its result. Bounded: arrivals stop after the duration (or `maxRuns`), runs in
 * flight are followed for at most `drainMs`, and every request times out. Throws only for unusable input.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const scenario = effectiveScenario(options);
  const { model } = scenario;
  const requestTimeoutMs = scenario.requestTimeoutMs ?? 10_000;
  const drainMs = scenario.drainMs ?? defaultDrainMs(scenario);
  const validateEvery = options.validate ? (options.validateEvery ?? scenario.validateEvery ?? 10) : undefined;
  const emit: LoadListener = (event) => { for (const listener of options.listeners ?? []) listener(event); };

  const metrics = new LoadMetrics();
  const tracker = new RunTracker(metrics);
  const runner = new FlowRunner(tracker, options.validate, validateEvery ?? 1, options.sampler);
  const clients = model.kind === 'closed' ? shareOf(model.connections, options.shard) : 0;
  if (model.kind === 'closed' && clients === 0) {
    throw new RunwardenError('USAGE', `load ${scenario.name}: shard ${options.shard!.index}/${options.shard!.count} gets none of the ${model.connections} clients`, 'Use at most as many shards as the closed model has clients.');
  }
  const compileContext: CompileContext = {
    targets: options.targets, tokens: options.tokens ?? {}, metrics, seedStats: (id, provider) => new EndpointStats(id, provider),
    poolLimits: model.kind === 'closed' ? { initial: clients, max: clients } : { initial: Math.min(16, model.maxConnections ?? 16), max: model.maxConnections ?? 512 },
    onFailure: (request, reason) => runner.handleFailure(request, reason),
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
  };
  const pools = new PoolSet(compileContext);
  const sweeper = setInterval(() => { for (const pool of pools.all()) pool.expire(performance.now(), requestTimeoutMs); }, Math.min(100, requestTimeoutMs / 4));
  try {
    const flows = compileFlows(scenario.flows, compileContext, pools);
    await seed(flows, runner);
    return await drive({ options, scenario, flows, metrics, tracker, runner, pools, drainMs, validateEvery, emit });
  } finally {
    clearInterval(sweeper);
    runner.stop();
    for (const pool of pools.all()) pool.close();
  }
}

function effectiveScenario(options: LoadOptions): Scenario & { model: WorkloadModel; durationMs: number } {
  const { scenario } = options;
  const { runTimeoutMs } = options;
  const merged = {
    ...scenario,
    flows: runTimeoutMs === undefined ? scenario.flows : scenario.flows.map((flow) => (flow.kind === 'create-poll' ? { ...flow, runTimeoutMs } : flow)),
    model: options.model ?? scenario.model,
    durationMs: options.durationMs ?? scenario.durationMs,
    thresholds: mergeThresholds(scenario.thresholds, options.thresholds),
    ...(options.drainMs === undefined ? {} : { drainMs: options.drainMs }),
    ...(options.maxRuns === undefined ? {} : { maxRuns: options.maxRuns }),
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
  };
  const problems = scenarioProblems(merged);
  if (problems.length > 0) throw new RunwardenError('CONFIG_INVALID', `load ${scenario.name}: ${problems.join('; ')}`);
  return merged;
}

function defaultDrainMs(scenario: Scenario): number {
  const longest = Math.max(0, ...scenario.flows.map((flow) => (flow.kind === 'create-poll' ? flow.runTimeoutMs : 0)));
  return Math.min(30_000, Math.max(longest, scenario.requestTimeoutMs ?? 10_000));
}

async function seed(flows: readonly CompiledFlow[], runner: FlowRunner): Promise<void> {
  for (const flow of flows) {
    if (flow.kind !== 'read') continue;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([runner.seed(flow), new Promise((resolve) => { timer = setTimeout(resolve, SEED_TIMEOUT_MS); })]);
    clearTimeout(timer);
    if (flow.ids.length === 0) {
      throw new RunwardenError('HOST_UNREACHABLE', `flow ${flow.name}: seeding created no runs (${flow.seed.request.label})`, 'Check that the target accepts the seed request.');
    }
  }
}

interface DriveContext {
  options: LoadOptions;
  scenario: Scenario & { model: WorkloadModel; durationMs: number };
  flows: readonly CompiledFlow[];
  metrics: LoadMetrics;
  tracker: RunTracker;
  runner: FlowRunner;
  pools: PoolSet;
  drainMs: number;
  validateEvery: number | undefined;
  emit: LoadListener;
}

/** The arrival phase, then the drain; returns the result. */
async function drive(context: DriveContext): Promise<LoadResult> {
  const { options, scenario, flows, metrics, tracker, runner, pools, drainMs, emit } = context;
  const { model, durationMs } = scenario;
  const targets = Object.fromEntries(Object.entries(options.targets).filter(([provider]) => scenario.flows.some((flow) => flow.provider === provider))) as Record<string, string>;
  const maxRuns = shareOf(scenario.maxRuns ?? DEFAULT_MAX_ITERATIONS, options.shard);
  const pick = weightedPicker(flows.map((flow, i) => ({ item: flow, weight: scenario.flows[i]!.weight ?? 1 })));
  let iterations = 0;
  const state: { stopReason: LoadResult['stopReason'] } = { stopReason: 'duration' };
  let endArrivals!: () => void;
  const arrivalsOver = new Promise<void>((resolve) => { endArrivals = resolve; });
  let accepting = true;
  const stopArrivals = (reason: LoadResult['stopReason']): void => {
    if (!accepting) return;
    accepting = false;
    state.stopReason = reason;
    endArrivals();
  };
  const accept = (): boolean => {
    if (!accepting) return false;
    if (iterations >= maxRuns) {
      stopArrivals('max-runs');
      return false;
    }
    iterations++;
    return true;
  };

  const startedAt = new Date();
  const t0 = performance.now();
  emit({ type: 'start', scenario: scenario.name, model, durationMs, drainMs, targets });
  const generator = model.kind === 'closed'
    ? new ClosedRunner(shareOf(model.connections, options.shard), (dueAt, done) => { if (accept()) runner.start(pick(), dueAt, done); })
    : new OpenScheduler(
      shardSchedule('rate' in model ? fixedRate(model.rate, durationMs) : ramp(model.ramp.fromRate, model.ramp.stages, durationMs), options.shard),
      (dueAt) => { if (!accept()) return false; runner.start(pick(), dueAt); return true; },
      (lag) => metrics.recordLag(lag),
      () => undefined,
    );
  const onAbort = (): void => stopArrivals('aborted');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  const durationTimer = setTimeout(() => stopArrivals('duration'), durationMs);
  let phase: 'arrivals' | 'drain' = 'arrivals';
  let lastResponses = 0, lastAt = t0;
  const timeline = new Timeline();
  const sampleTimeline = (): void => {
    const totals = metrics.totals();
    timeline.sample({ responses: totals.responses, errors: totals.errors, runsCreated: tracker.created, runsEnded: tracker.completed + tracker.failed });
  };
  const timelineTimer = setInterval(sampleTimeline, 1000);
  const progress = setInterval(() => {
    const now = performance.now();
    const totals = metrics.totals();
    emit({
      type: 'progress', phase, elapsedMs: now - t0, totalMs: durationMs + drainMs, responses: totals.responses,
      ratePerSecond: ((totals.responses - lastResponses) / (now - lastAt)) * 1000, runsInFlight: tracker.inFlight, errors: totals.errors,
    });
    lastResponses = totals.responses;
    lastAt = now;
  }, options.progressIntervalMs ?? 1000);

  try {
    if (accepting) generator.start(t0);
    await arrivalsOver;
    generator.stop();
    const windowMs = performance.now() - t0;
    const windowResponses = new Map([...metrics.endpoints].map(([id, stats]) => [id, stats.responses]));
    if (state.stopReason !== 'aborted') {
      phase = 'drain';
      emit({ type: 'drain', runsInFlight: tracker.inFlight });
      await drained(tracker, runner, drainMs, options.signal);
      if (options.signal?.aborted) state.stopReason = 'aborted';
    }
    runner.stop();
    for (const pool of pools.all()) pool.close();
    const elapsedMs = performance.now() - t0;
    clearInterval(timelineTimer);
    sampleTimeline();
    const inFlight = tracker.close(performance.now());
    const totals = metrics.totals();
    let failures = 0;
    for (const stats of metrics.endpoints.values()) failures += stats.timeouts + stats.connectionErrors;
    const built = buildResult({
      scenario, model, targets, startedAt, durationMs, elapsedMs, drainMs, windowMs, windowResponses, stopReason: state.stopReason,
      abandoned: totals.sent - totals.responses - failures, arrivals: iterations, inFlight,
      validateEvery: context.validateEvery, thresholds: scenario.thresholds ?? {}, timeline: timeline.toJSON(),
    }, metrics, tracker, runner);
    const result: LoadResult = {
      ...built,
      ...(options.shard ? { shard: { ...options.shard } } : {}),
      ...(options.gates === false ? { gates: [], passed: true } : {}),
    };
    emit({ type: 'end', result });
    return result;
  } finally {
    clearTimeout(durationTimer);
    clearInterval(progress);
    clearInterval(timelineTimer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** Resolves when no run or read is left in flight, the drain time is up, or the signal aborts. */
function drained(tracker: RunTracker, runner: FlowRunner, drainMs: number, signal: AbortSignal | undefined): Promise<void> {
  const deadline = performance.now() + drainMs;
  return new Promise((resolve) => {
    const check = (): void => {
      if ((tracker.inFlight === 0 && runner.readsInFlight === 0) || performance.now() >= deadline || signal?.aborted) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(check, 10);
    check();
  });
}
