import { Rng, mixSeed } from '../random.ts';
import { sampleDuration } from '../timing/distribution.ts';
import type { FaultCounter } from './fault-counter.ts';
import { DEFAULT_WRONG_STATUS, FAULT_ERROR_STATUSES, FAULT_KINDS, type FaultKind, type FaultRule } from './fault-rule.ts';
import { faultKindsOf } from './run-fault-ledger.ts';

/** Request-level faults decided for one request. */
export interface RequestFaults {
  reset: boolean;
  errorStatus: number | undefined;
  /** Retry-After seconds when the request falls into a 429 burst. */
  burstRetryAfter: number | undefined;
  latencyMs: number;
  slowFirstByteMs: number;
}

/** Run-level faults for a run created by one request. */
export interface RunFate {
  stuck: boolean;
  fail: boolean;
  /** Ms after creation at which the run vanishes; undefined when it stays. */
  dropAfterMs: number | undefined;
  /** The run moves back once along the way (an illegal transition). */
  backward: boolean;
}

/** No faults at all. */
export const NO_FAULTS: RequestFaults = { reset: false, errorStatus: undefined, burstRetryAfter: undefined, latencyMs: 0, slowFirstByteMs: 0 };
export const NO_FATE: RunFate = { stuck: false, fail: false, dropAfterMs: undefined, backward: false };

interface CompiledRule {
  rule: FaultRule;
  operations: Set<string> | undefined;
  /** One stream per fault kind, so enabling one kind never shifts the draws of another. */
  rngs: Record<FaultKind, Rng>;
  burstUntil: number;
}

/**
 * Decides which faults hit a request or a new run, from seeded per-rule streams: the same seed and the same
 * sequence of requests inject the same faults. Every injected fault is counted.
 */
export class FaultPlan {
  private readonly rules: CompiledRule[];
  private readonly cache = new Map<string, CompiledRule[]>();

  constructor(
    rules: readonly FaultRule[],
    seed: number,
    private readonly timeScale: number,
    private readonly counter: FaultCounter,
  ) {
    this.rules = rules.map((rule, index) => ({
      rule,
      operations: rule.operations ? new Set(rule.operations) : undefined,
      rngs: Object.fromEntries(
        FAULT_KINDS.map((kind, kindIndex) => [kind, new Rng(mixSeed(mixSeed(seed, 0xfa017 + index), kindIndex))]),
      ) as Record<FaultKind, Rng>,
      burstUntil: Number.NEGATIVE_INFINITY,
    }));
  }

  /** True when no rule is configured (the hot path skips fault handling entirely). */
  get empty(): boolean {
    return this.rules.length === 0;
  }

  /** Decides (and counts) the request-level faults of one request. */
  decide(provider: string, operationId: string, now: number): RequestFaults {
    const rules = this.matching(provider, operationId);
    if (rules.length === 0) return NO_FAULTS;
    const faults: RequestFaults = { ...NO_FAULTS };
    for (const entry of rules) {
      const { rule, rngs } = entry;
      if (rule.reset && rngs.reset.chance(rule.reset.rate)) faults.reset = true;
      if (rule.rateLimitBurst) {
        if (now < entry.burstUntil) faults.burstRetryAfter = rule.rateLimitBurst.retryAfterSeconds;
        else if (rngs.rate_limit_burst.chance(rule.rateLimitBurst.rate)) {
          entry.burstUntil = now + rule.rateLimitBurst.durationMs * this.timeScale;
          faults.burstRetryAfter = rule.rateLimitBurst.retryAfterSeconds;
        }
      }
      if (rule.error && rngs.error.chance(rule.error.rate)) {
        const statuses = rule.error.statuses?.length ? rule.error.statuses : FAULT_ERROR_STATUSES;
        faults.errorStatus = rngs.error.pick(statuses);
      }
      if (rule.latency && rngs.latency.chance(rule.latency.rate)) {
        faults.latencyMs += sampleDuration(rngs.latency, rule.latency, this.timeScale);
      }
      if (rule.slowFirstByte && rngs.slow_first_byte.chance(rule.slowFirstByte.rate)) {
        faults.slowFirstByteMs += Math.round(rule.slowFirstByte.ms * this.timeScale);
      }
    }
    // One outcome per request: a reset wins over a 429, which wins over a 5xx; delays apply to what is left.
    if (faults.reset) {
      this.counter.record('reset', provider, operationId);
      return { ...NO_FAULTS, reset: true };
    }
    if (faults.burstRetryAfter !== undefined) {
      this.counter.record('rate_limit_burst', provider, operationId);
      faults.errorStatus = undefined;
    } else if (faults.errorStatus !== undefined) {
      this.counter.record('error', provider, operationId);
    }
    if (faults.latencyMs > 0) this.counter.record('latency', provider, operationId);
    if (faults.slowFirstByteMs > 0) this.counter.record('slow_first_byte', provider, operationId);
    return faults;
  }

  /** Decides (and counts) the run-level faults of a run created by `operationId`. */
  runFate(provider: string, operationId: string): RunFate {
    const rules = this.matching(provider, operationId);
    if (rules.length === 0) return NO_FATE;
    let stuck = false;
    let fail = false;
    let dropAfterMs: number | undefined;
    let backward = false;
    for (const { rule, rngs } of rules) {
      if (rule.stuck && rngs.stuck.chance(rule.stuck.rate)) stuck = true;
      if (rule.fail && rngs.fail.chance(rule.fail.rate)) fail = true;
      if (rule.drop && rngs.drop.chance(rule.drop.rate)) dropAfterMs = Math.round(rule.drop.afterMs * this.timeScale);
      if (rule.backward && rngs.backward.chance(rule.backward.rate)) backward = true;
    }
    // A stuck run cannot also fail; a dropped run may be either.
    if (stuck) fail = false;
    if (stuck) this.counter.record('stuck', provider, operationId);
    if (fail) this.counter.record('fail', provider, operationId);
    if (dropAfterMs !== undefined) this.counter.record('drop', provider, operationId);
    if (backward) this.counter.record('backward', provider, operationId);
    return { stuck, fail, dropAfterMs, backward };
  }

  /**
   * Decides (and counts) whether an answer carrying a run's status says a wrong one instead: the value to write,
   * undefined when no rule fires. Call it only for answers that do carry a status, so the count matches them.
   */
  wrongStatus(provider: string, operationId: string): string | undefined {
    let value: string | undefined;
    for (const { rule, rngs } of this.matching(provider, operationId)) {
      if (rule.wrongStatus && rngs.wrong_status.chance(rule.wrongStatus.rate)) value ??= rule.wrongStatus.value ?? DEFAULT_WRONG_STATUS;
    }
    if (value !== undefined) this.counter.record('wrong_status', provider, operationId);
    return value;
  }

  /**
   * Names the run a `runFate` was decided for, once its create has answered: `id` is what the answer carries
   * (undefined when it names none). Only faulted runs are recorded.
   */
  identify(fate: RunFate, provider: string, operationId: string, id: string | undefined): void {
    const kinds = faultKindsOf(fate);
    if (kinds.length > 0) this.counter.recordRun(kinds, provider, operationId, id);
  }

  private matching(provider: string, operationId: string): CompiledRule[] {
    const key = `${provider}.${operationId}`;
    let rules = this.cache.get(key);
    if (!rules) {
      rules = this.rules.filter(
        (entry) => (entry.rule.provider === undefined || entry.rule.provider === provider)
          && (entry.operations === undefined || entry.operations.has(operationId)),
      );
      this.cache.set(key, rules);
    }
    return rules;
  }
}
