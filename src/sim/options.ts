import { PROVIDERS, type ProviderName } from '../core/providers.ts';
import { realClock, type Clock } from './clock.ts';
import type { FaultRule } from './faults/fault-rule.ts';
import { DECK_RATE_LIMIT, type RateLimit } from './limits/rate-limiter.ts';
import { DEFAULT_STORE_LIMITS, type StoreLimits } from './store.ts';
import type { DurationSpec } from './timing/distribution.ts';

/** The bearer token every provider accepts unless `token` says otherwise. */
export const DEFAULT_TOKEN = 'runwarden-dev-token';

/** Deck run scenarios: how a run ends (or pauses). `stuck` never ends. */
export const DECK_SCENARIOS = ['success', 'failure', 'unknown', 'failed', 'interaction', 'review', 'stuck'] as const;
export type DeckScenario = (typeof DECK_SCENARIOS)[number];

/** re-factor run scenarios. `timeout` runs past `timeout_seconds`; `stuck` never ends. */
export const REFACTOR_SCENARIOS = ['completed', 'failed', 'waiting', 'cancelled', 'timeout', 'stuck'] as const;
export type RefactorScenario = (typeof REFACTOR_SCENARIOS)[number];

/** Rightbrain task-run scenarios (Run Task is synchronous, so each is an outcome). */
export const RIGHTBRAIN_TASK_SCENARIOS = ['success', 'error', 'fallback', 'fallback_error'] as const;
export type RightbrainTaskScenario = (typeof RIGHTBRAIN_TASK_SCENARIOS)[number];

/** Rightbrain task-agent run scenarios. */
export const RIGHTBRAIN_AGENT_SCENARIOS = ['completed', 'failed', 'waiting_for_human', 'stuck'] as const;
export type RightbrainAgentScenario = (typeof RIGHTBRAIN_AGENT_SCENARIOS)[number];

/** Duration distributions (before the time scale) of every simulated phase. */
export interface TimingConfig {
  deck: {
    queued: DurationSpec;
    running: DurationSpec;
    /** Running again after an interaction was answered. */
    resume: DurationSpec;
    review: DurationSpec;
    canceling: DurationSpec;
    /** How long an interaction waits for an answer before the run fails with `interaction_timeout`. */
    interactionWindowMs: number;
  };
  refactor: {
    running: DurationSpec;
    waiting: DurationSpec;
    /** Longest a `mode=sync` request blocks before answering with the run as it is. */
    syncMaxWaitMs: number;
  };
  rightbrain: {
    /** The model call of Run Task (the response is delayed by it). */
    llm: DurationSpec;
    /** Gap between two events of a task-agent stream. */
    agentStep: DurationSpec;
    agentWaiting: DurationSpec;
  };
  /** How long a run placed by a provider state stays in a non-terminal status. */
  stateHoldMs: number;
}

/** Default timings: a run ends within about 1–3 s. */
export const DEFAULT_TIMING: TimingConfig = {
  deck: {
    queued: { medianMs: 200, p99Ms: 800 },
    running: { medianMs: 1200, p99Ms: 2500 },
    resume: { medianMs: 800, p99Ms: 2000 },
    review: { medianMs: 800, p99Ms: 2000 },
    canceling: { medianMs: 300, p99Ms: 1000 },
    interactionWindowMs: 60_000,
  },
  refactor: {
    running: { medianMs: 1200, p99Ms: 2800 },
    waiting: { medianMs: 1000, p99Ms: 3000 },
    syncMaxWaitMs: 300_000,
  },
  rightbrain: {
    llm: { medianMs: 900, p99Ms: 2500 },
    agentStep: { medianMs: 250, p99Ms: 900 },
    agentWaiting: { medianMs: 1500, p99Ms: 4000 },
  },
  stateHoldMs: 60 * 60 * 1000,
};

/** Weights of the scenarios a run gets when nothing (header, input flag, config) picks one. */
export interface OutcomeConfig {
  deck: Partial<Record<DeckScenario, number>>;
  refactor: Partial<Record<RefactorScenario, number>>;
  rightbrainTask: Partial<Record<RightbrainTaskScenario, number>>;
  rightbrainAgent: Partial<Record<RightbrainAgentScenario, number>>;
}

/** Default mixes: mostly successes, some failures; nothing that needs a client's answer to finish. */
export const DEFAULT_OUTCOMES: OutcomeConfig = {
  deck: { success: 0.85, failure: 0.05, failed: 0.05, review: 0.05 },
  refactor: { completed: 0.85, failed: 0.07, waiting: 0.08 },
  rightbrainTask: { success: 0.9, fallback: 0.06, error: 0.02, fallback_error: 0.02 },
  rightbrainAgent: { completed: 0.88, failed: 0.07, waiting_for_human: 0.05 },
};

/** Request and store limits. */
export interface LimitsConfig {
  /** Largest accepted request body; larger ones get 413. */
  bodyLimitBytes: number;
  /** Per run kind. */
  store: StoreLimits;
  /** Deck's 200 requests / 10 s; off (null) unless configured. */
  deckRateLimit: RateLimit | null;
  idempotencyTtlMs: number;
  idempotencyMaxKeys: number;
}

export const DEFAULT_LIMITS: LimitsConfig = {
  bodyLimitBytes: 1024 * 1024,
  store: DEFAULT_STORE_LIMITS,
  deckRateLimit: null,
  idempotencyTtlMs: 24 * 60 * 60 * 1000,
  idempotencyMaxKeys: 100_000,
};

/** Per-id scenario choices: Deck task ids, re-factor runnable ids, Rightbrain task / task-agent ids. */
export interface ScenarioConfig {
  deck?: Record<string, DeckScenario>;
  refactor?: Record<string, RefactorScenario>;
  rightbrainTask?: Record<string, RightbrainTaskScenario>;
  rightbrainAgent?: Record<string, RightbrainAgentScenario>;
}

/** What a config file may hold (JSON). Every key is optional; CLI flags override it. */
export interface SimulatorFileConfig {
  host?: string;
  port?: number;
  token?: string;
  providers?: ProviderName[];
  seed?: number;
  timeScale?: number;
  /** Enables the admin endpoint (`/_runwarden/...`), protected by this token. */
  adminToken?: string;
  timing?: {
    deck?: Partial<TimingConfig['deck']>;
    refactor?: Partial<TimingConfig['refactor']>;
    rightbrain?: Partial<TimingConfig['rightbrain']>;
    stateHoldMs?: number;
  };
  /** Each provider's mix replaces the default mix for that provider (missing scenarios weigh 0). */
  outcomes?: Partial<OutcomeConfig>;
  /** `deckRateLimit: true` turns on Deck's documented 200 requests / 10 s; an object sets another budget. */
  limits?: Partial<Omit<LimitsConfig, 'store' | 'deckRateLimit'>> & { store?: Partial<StoreLimits>; deckRateLimit?: RateLimit | boolean | null };
  faults?: FaultRule[];
  scenarios?: ScenarioConfig;
  /** Ids (tasks, task agents, runnables, projects…) the provider answers 404 for. */
  unknownIds?: Partial<Record<ProviderName, string[]>>;
}

/** Options of `startSimulator`: the file config plus what only code can pass. */
export interface SimulatorOptions extends SimulatorFileConfig {
  /** Defaults to the wall clock; pass `createVirtualClock()` to move time by hand. */
  clock?: Clock;
  /**
   * Also check POST bodies against the bundled specs' compiled request schemas (default true). Costs one
   * spec load per provider per process at start-up; false skips it (handlers still validate on their own).
   */
  validateRequestBodies?: boolean;
}

/** Options with every default filled in. Never mutated after start-up. */
export interface SimConfig {
  host: string;
  port: number;
  token: string;
  providers: readonly ProviderName[];
  seed: number;
  timeScale: number;
  adminToken: string | undefined;
  timing: TimingConfig;
  outcomes: OutcomeConfig;
  limits: LimitsConfig;
  faults: readonly FaultRule[];
  scenarios: Required<ScenarioConfig>;
  unknownIds: Record<ProviderName, ReadonlySet<string>>;
  clock: Clock;
}

/** Fills in defaults. Does not mutate `options`. */
export function resolveOptions(options: SimulatorOptions = {}): SimConfig {
  const timing = options.timing ?? {};
  const limits = options.limits ?? {};
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    token: options.token ?? DEFAULT_TOKEN,
    providers: options.providers && options.providers.length > 0 ? [...new Set(options.providers)] : PROVIDERS,
    seed: options.seed ?? 1,
    timeScale: options.timeScale ?? 1,
    adminToken: options.adminToken,
    timing: {
      deck: { ...DEFAULT_TIMING.deck, ...timing.deck },
      refactor: { ...DEFAULT_TIMING.refactor, ...timing.refactor },
      rightbrain: { ...DEFAULT_TIMING.rightbrain, ...timing.rightbrain },
      stateHoldMs: timing.stateHoldMs ?? DEFAULT_TIMING.stateHoldMs,
    },
    outcomes: { ...DEFAULT_OUTCOMES, ...options.outcomes },
    limits: {
      ...DEFAULT_LIMITS,
      ...limits,
      store: { ...DEFAULT_LIMITS.store, ...limits.store },
      deckRateLimit: limits.deckRateLimit === true ? DECK_RATE_LIMIT
        : limits.deckRateLimit === undefined ? DEFAULT_LIMITS.deckRateLimit
          : limits.deckRateLimit === false ? null : limits.deckRateLimit,
    },
    faults: [...(options.faults ?? [])],
    scenarios: {
      deck: { ...options.scenarios?.deck },
      refactor: { ...options.scenarios?.refactor },
      rightbrainTask: { ...options.scenarios?.rightbrainTask },
      rightbrainAgent: { ...options.scenarios?.rightbrainAgent },
    },
    unknownIds: {
      rightbrain: new Set(options.unknownIds?.rightbrain ?? []),
      deck: new Set(options.unknownIds?.deck ?? []),
      refactor: new Set(options.unknownIds?.refactor ?? []),
    },
    clock: options.clock ?? realClock,
  };
}
