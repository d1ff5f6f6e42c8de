import type { StoredRun } from '../../store.ts';
import type { RefactorScenario } from './refactor-options.ts';

/** The statuses a re-factor run's schedule moves it through (the profile's lifecycle must list them). */
export const REFACTOR_SIM_STATUSES = ['running', 'waiting', 'completed', 'failed', 'cancelled', 'timeout'] as const;
export type RefactorStatus = (typeof REFACTOR_SIM_STATUSES)[number];

/** Tracing choice of the request (`disable` runs have no telemetry span). */
export type TelemetryStrategy = 'disable' | 'default' | 'force';

/** A stored re-factor run: its schedule (ms) and seed; the body is rendered at read time. */
export class RefactorRun implements StoredRun {
  touchedAt = 0;
  alive = true;

  constructor(
    readonly id: string,
    readonly seq: number,
    readonly seed: number,
    readonly createdAt: number,
    readonly runnableId: string,
    public scenario: RefactorScenario,
    /** Execution time, not counting a wait. */
    public runningMs: number,
    /** When (ms after creation) a `waiting` run starts waiting. */
    public waitAfterMs: number,
    public waitMs: number,
    /** `timeout_seconds` × 1000, or 0 for no timeout. */
    readonly timeoutMs: number,
    readonly telemetry: TelemetryStrategy,
    public vanishAt: number,
  ) {}
}

/** A run at one instant. */
export interface RefactorView {
  status: RefactorStatus;
  completedAt: number | null;
  failedAt: number | null;
  /** Share of the work done (0–1): drives partial results and usage. */
  progress: number;
}

/** When the run ends by its own schedule, and whether that end is its timeout; `end` undefined if it never ends. */
export function refactorSchedule(run: RefactorRun): { end: number | undefined; timedOut: boolean } {
  if (run.scenario === 'stuck') return { end: undefined, timedOut: false };
  const timeoutAt = run.timeoutMs > 0 ? run.createdAt + run.timeoutMs : undefined;
  if (run.scenario === 'timeout') return { end: timeoutAt ?? run.createdAt + run.runningMs, timedOut: true };
  const natural = run.createdAt + run.runningMs + (run.scenario === 'waiting' ? run.waitMs : 0);
  if (timeoutAt !== undefined && natural > timeoutAt) return { end: timeoutAt, timedOut: true };
  return { end: natural, timedOut: false };
}

/** Execution time spent after `elapsed` ms of wall time (a wait does not count). */
function workedAt(run: RefactorRun, elapsed: number): number {
  if (run.scenario !== 'waiting' || elapsed < run.waitAfterMs) return elapsed;
  return elapsed < run.waitAfterMs + run.waitMs ? run.waitAfterMs : elapsed - run.waitMs;
}

/** The state of a re-factor run at `now`, computed from its schedule. */
export function refactorViewAt(run: RefactorRun, now: number): RefactorView {
  const { end, timedOut } = refactorSchedule(run);
  const elapsed = now - run.createdAt;
  const partial = (at: number) => Math.min(0.95, workedAt(run, at) / Math.max(1, run.runningMs));
  if (end === undefined || now < end) {
    const waiting = run.scenario === 'waiting' && elapsed >= run.waitAfterMs && elapsed < run.waitAfterMs + run.waitMs;
    return { status: waiting ? 'waiting' : 'running', completedAt: null, failedAt: null, progress: partial(elapsed) };
  }
  if (timedOut) return { status: 'timeout', completedAt: end, failedAt: null, progress: partial(end - run.createdAt) };
  switch (run.scenario) {
    case 'failed': return { status: 'failed', completedAt: end, failedAt: end, progress: 0.4 };
    case 'cancelled': return { status: 'cancelled', completedAt: end, failedAt: null, progress: 0 };
    default: return { status: 'completed', completedAt: end, failedAt: null, progress: 1 };
  }
}
