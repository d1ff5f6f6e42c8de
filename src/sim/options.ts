import type { ProviderProfile } from '../core/profile/index.ts';
import { realClock, type Clock } from './clock.ts';
import type { FaultRule } from './faults/fault-rule.ts';
import type { RateLimit } from './limits/rate-limiter.ts';
import { DEFAULT_STORE_LIMITS, type StoreLimits } from './store.ts';

/** The token every provider accepts unless `token` says otherwise. */
export const DEFAULT_TOKEN = 'runwarden-dev-token';

/** Request and store limits. */
export interface LimitsConfig {
  /** Largest accepted request body; larger ones get 413. */
  bodyLimitBytes: number;
  /** Deepest nesting of arrays and objects in a JSON body; deeper bodies get the provider's malformed-JSON answer (400/422). */
  jsonDepth: number;
  /** Per run kind. */
  store: StoreLimits;
  /** Request budgets by provider name; `true` enforces the limit the provider documents (its extension knows it). */
  rateLimits: Readonly<Record<string, RateLimit | true>>;
  idempotencyTtlMs: number;
  idempotencyMaxKeys: number;
  /** Longest a client may take to send a request body it announced; then 408 and the socket closes. */
  requestTimeoutMs: number;
  /** Longest a client may take to send a request's headers; then 408 and the socket closes (Node's default, 60 s). */
  headersTimeoutMs: number;
}

export const DEFAULT_LIMITS: LimitsConfig = {
  bodyLimitBytes: 1024 * 1024,
  jsonDepth: 64,
  store: DEFAULT_STORE_LIMITS,
  rateLimits: {},
  idempotencyTtlMs: 24 * 60 * 60 * 1000,
  idempotencyMaxKeys: 100_000,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 60_000,
};

/** How long a run placed by a provider state keeps a non-terminal status, by default. */
export const DEFAULT_STATE_HOLD_MS = 60 * 60 * 1000;

/**
 * One provider's own sections of the options, as written: the generic engine reads and checks them (the keys
 * are documented in docs/simulator-generic.md).
 */
export interface ProviderSections {
  timing?: unknown;
  outcomes?: unknown;
  scenarios?: unknown;
  /** Ids (tasks, runnables, projects…) the provider answers 404 for. */
  unknownIds: readonly string[];
}

/** What a simulator config file may hold (JSON). Every key is optional; CLI flags override it. Provider keys are provider names. */
export interface SimulatorFileConfig {
  host?: string;
  port?: number;
  token?: string;
  /** Serve only the providers with these names, of those given (the file's `providers` key). */
  only?: string[];
  seed?: number;
  timeScale?: number;
  /** Enables the admin endpoint (`/_runwarden/...`) and the provider-states endpoints, protected by this token. */
  adminToken?: string;
  /** `stateHoldMs`, and each provider's phase durations under its name. */
  timing?: { stateHoldMs?: number; [provider: string]: unknown };
  /** Each provider's outcome mix under its name; it replaces the provider's default mix (missing scenarios weigh 0). */
  outcomes?: Record<string, unknown>;
  /** Per-id scenario choices under each provider's name. */
  scenarios?: Record<string, unknown>;
  /** Ids each provider answers 404 for, under its name. */
  unknownIds?: Record<string, string[]>;
  limits?: Partial<Omit<LimitsConfig, 'store' | 'rateLimits'>> & {
    store?: Partial<StoreLimits>;
    /** By provider name: a budget, `true` for its documented limit, `false`/`null` for none. */
    rateLimits?: Record<string, RateLimit | boolean | null>;
  };
  faults?: FaultRule[];
}

/** Options of `startSimulator`: the file config plus what only code can pass. */
export interface SimulatorOptions extends SimulatorFileConfig {
  /** The providers to mount, each at its base path; default: the bundled profiles. */
  providers?: readonly ProviderProfile[];
  /** Defaults to the wall clock; pass `createVirtualClock()` to move time by hand. */
  clock?: Clock;
  /**
   * Check request bodies against each provider's spec (compiled request schemas, default true); false lets any
   * JSON body through (paths, queries and headers are still checked).
   */
  validateRequestBodies?: boolean;
  /** Where the options were read from (a simulator config file), for messages. */
  source?: string;
}

/** Options with every default filled in. Never mutated after start-up. */
export interface SimConfig {
  host: string;
  port: number;
  token: string;
  seed: number;
  timeScale: number;
  adminToken: string | undefined;
  timing: { stateHoldMs: number };
  limits: LimitsConfig;
  faults: readonly FaultRule[];
  clock: Clock;
  /** Where the options came from, for messages. */
  source: string;
  /** A provider's own sections (empty when the options name it nowhere). */
  sectionsOf(provider: string): ProviderSections;
}

/** Fills in defaults. Does not mutate `options`. */
export function resolveOptions(options: SimulatorOptions = {}): SimConfig {
  const limits = options.limits ?? {};
  const rateLimits: Record<string, RateLimit | true> = {};
  for (const [provider, limit] of Object.entries(limits.rateLimits ?? {})) {
    if (limit === true || (typeof limit === 'object' && limit !== null)) rateLimits[provider] = limit;
  }
  const { stateHoldMs, ...timing } = options.timing ?? {};
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    token: options.token ?? DEFAULT_TOKEN,
    seed: options.seed ?? 1,
    timeScale: options.timeScale ?? 1,
    adminToken: options.adminToken,
    timing: { stateHoldMs: stateHoldMs ?? DEFAULT_STATE_HOLD_MS },
    limits: {
      ...DEFAULT_LIMITS,
      ...withoutUndefined({ bodyLimitBytes: limits.bodyLimitBytes, jsonDepth: limits.jsonDepth, idempotencyTtlMs: limits.idempotencyTtlMs, idempotencyMaxKeys: limits.idempotencyMaxKeys,
        requestTimeoutMs: limits.requestTimeoutMs, headersTimeoutMs: limits.headersTimeoutMs }),
      store: { ...DEFAULT_LIMITS.store, ...limits.store },
      rateLimits,
    },
    faults: [...(options.faults ?? [])],
    clock: options.clock ?? realClock,
    source: options.source ?? 'simulator options',
    sectionsOf: (provider) => ({
      ...(timing[provider] === undefined ? {} : { timing: timing[provider] }),
      ...(options.outcomes?.[provider] === undefined ? {} : { outcomes: options.outcomes[provider] }),
      ...(options.scenarios?.[provider] === undefined ? {} : { scenarios: options.scenarios[provider] }),
      unknownIds: [...(options.unknownIds?.[provider] ?? [])],
    }),
  };
}

/** Names every provider the options speak of (sections, rate limits, fault rules), for checks against the mounted ones. */
export function providerNamesIn(options: SimulatorFileConfig): Array<{ name: string; path: string }> {
  const named: Array<{ name: string; path: string }> = [];
  const { stateHoldMs: _stateHoldMs, ...timing } = options.timing ?? {};
  for (const [section, value] of [['timing', timing], ['outcomes', options.outcomes], ['scenarios', options.scenarios], ['unknownIds', options.unknownIds], ['limits.rateLimits', options.limits?.rateLimits]] as const) {
    for (const name of Object.keys(value ?? {})) named.push({ name, path: `${section}.${name}` });
  }
  (options.faults ?? []).forEach((rule, index) => {
    if (rule.provider !== undefined) named.push({ name: rule.provider, path: `faults[${index}].provider` });
  });
  (options.only ?? []).forEach((name, index) => named.push({ name, path: `providers[${index}]` }));
  return named;
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
