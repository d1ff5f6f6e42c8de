import type { Clock } from './clock.ts';

/** What the store needs from a run record. Records are small: a schedule and a seed, never a rendered body. */
export interface StoredRun {
  readonly id: string;
  /** Creation order, unique within a store; list endpoints page by it. */
  readonly seq: number;
  /** Last read or write (clock ms); the idle TTL counts from here. */
  touchedAt: number;
  /** False once evicted, expired or deleted. */
  alive: boolean;
}

/** Store bounds: runs idle for `ttlMs` are forgotten, and beyond `maxRuns` the least recently used go first. */
export interface StoreLimits {
  ttlMs: number;
  maxRuns: number;
}

/** Defaults: one hour idle TTL, 100,000 runs per run kind. */
export const DEFAULT_STORE_LIMITS: StoreLimits = { ttlMs: 60 * 60 * 1000, maxRuns: 100_000 };

/**
 * A bounded run store: LRU by last access (a Map kept in access order) with an idle TTL, plus a
 * creation-ordered index for list endpoints. Expired runs are dropped lazily on access and a few at a
 * time on every insert, so no timer is needed and a virtual clock works unchanged.
 */
export class RunStore<R extends StoredRun> {
  private readonly byId = new Map<string, R>();
  private order: R[] = [];
  private dead = 0;
  private sequence = 0;
  /** Runs dropped because the store was full. */
  evicted = 0;
  /** Runs dropped because they were idle longer than the TTL. */
  expired = 0;
  private readonly forgetListeners: ((run: R) => void)[] = [];

  constructor(
    private readonly limits: StoreLimits,
    private readonly clock: Clock,
  ) {}

  /** Calls `listener` with every run the store lets go (evicted, expired, deleted, replaced, cleared): caches keyed by run follow it. */
  onForget(listener: (run: R) => void): void {
    this.forgetListeners.push(listener);
  }

  /** The next creation sequence number; call once per new run. */
  nextSeq(): number {
    return this.sequence++;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Adds (or replaces) a run, then enforces the TTL and the size bound. */
  add(run: R): void {
    const existing = this.byId.get(run.id);
    if (existing) {
      this.byId.delete(run.id);
      this.kill(existing);
    }
    run.touchedAt = this.clock.now();
    run.alive = true;
    this.byId.set(run.id, run);
    const last = this.order[this.order.length - 1];
    if (last === undefined || last.seq < run.seq) this.order.push(run);
    else this.order.splice(this.lowerBound(run.seq), 0, run);
    this.sweep(4);
    while (this.byId.size > this.limits.maxRuns) {
      const oldest = this.byId.values().next().value as R;
      this.byId.delete(oldest.id);
      this.kill(oldest);
      this.evicted++;
    }
  }

  /** Reads a run and marks it recently used; undefined when unknown, evicted or expired. */
  get(id: string): R | undefined {
    const run = this.byId.get(id);
    if (run === undefined) return undefined;
    const now = this.clock.now();
    if (now - run.touchedAt >= this.limits.ttlMs) {
      this.byId.delete(id);
      this.kill(run);
      this.expired++;
      return undefined;
    }
    run.touchedAt = now;
    this.byId.delete(id);
    this.byId.set(id, run);
    return run;
  }

  /** Reads a run without touching it (listing, admin). */
  peek(id: string): R | undefined {
    const run = this.byId.get(id);
    if (run === undefined || this.clock.now() - run.touchedAt >= this.limits.ttlMs) return undefined;
    return run;
  }

  delete(id: string): boolean {
    const run = this.byId.get(id);
    if (run === undefined) return false;
    this.byId.delete(id);
    this.kill(run);
    return true;
  }

  clear(): void {
    for (const run of this.byId.values()) {
      run.alive = false;
      for (const listener of this.forgetListeners) listener(run);
    }
    this.byId.clear();
    this.order = [];
    this.dead = 0;
  }

  /** Live runs, newest first, whose seq is below `beforeSeq`. Does not touch them. */
  *newestFirst(beforeSeq = Number.POSITIVE_INFINITY): Generator<R> {
    const now = this.clock.now();
    const order = this.order;
    for (let i = this.lowerBound(beforeSeq) - 1; i >= 0; i--) {
      const run = order[i]!;
      if (run.alive && now - run.touchedAt < this.limits.ttlMs) yield run;
    }
  }

  /** Live runs, oldest first, whose seq is above `afterSeq`. Does not touch them. */
  *oldestFirst(afterSeq = -1): Generator<R> {
    const now = this.clock.now();
    const order = this.order;
    for (let i = this.lowerBound(afterSeq + 1); i < order.length; i++) {
      const run = order[i]!;
      if (run.alive && now - run.touchedAt < this.limits.ttlMs) yield run;
    }
  }

  /** Drops up to `max` expired runs from the least recently used end. */
  private sweep(max: number): void {
    const now = this.clock.now();
    let checked = 0;
    for (const run of this.byId.values()) {
      if (checked++ >= max || now - run.touchedAt < this.limits.ttlMs) break;
      this.byId.delete(run.id);
      this.kill(run);
      this.expired++;
    }
  }

  private kill(run: R): void {
    if (!run.alive) return;
    run.alive = false;
    for (const listener of this.forgetListeners) listener(run);
    this.dead++;
    if (this.dead > 1024 && this.dead * 2 > this.order.length) {
      this.order = this.order.filter((entry) => entry.alive);
      this.dead = 0;
    }
  }

  /** First index in `order` whose seq is ≥ `seq`. */
  private lowerBound(seq: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.order[mid]!.seq < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
