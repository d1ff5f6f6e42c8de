import type { ExhaustedLimits } from '../limits/exhausted-limits.ts';
import type { OptionsChecker } from '../options-checker.ts';
import type { ProviderSections, SimConfig } from '../options.ts';
import { Rng, hashString, mixSeed } from '../random.ts';
import type { Scheduler } from '../scheduler.ts';
import type { SeededFaker } from '../seeded-faker.ts';
import { RunStore, type StoredRun } from '../store.ts';

/** What a provider is built from: the resolved config, the clock's scheduler, one seeded faker, and its mount. */
export interface ProviderRuntime {
  config: SimConfig;
  scheduler: Scheduler;
  faker: SeededFaker;
  /** Rate limits provider states declared exhausted, keyed by provider name. */
  exhausted: ExhaustedLimits;
  /** Where this provider is mounted (profile.basePath, else the path of its spec's first server). */
  basePath: string;
  /** This provider's own sections of the simulator options, as written. */
  sections: ProviderSections;
  /** Records problems with those sections; they are reported together once every provider is built. */
  check: OptionsChecker;
}

/** Per-provider seeding: run seeds and request ids are streams derived from the simulator seed. */
export class ProviderSeeds {
  private readonly base: number;
  /** Draws request ids and other per-response values, in request order. */
  readonly requests: Rng;
  /** Scratch generator, reseeded from a run's seed whenever a run's values are derived. */
  readonly scratch = new Rng(0);

  constructor(seed: number, provider: string) {
    this.base = mixSeed(seed, hashString(provider));
    this.requests = new Rng(mixSeed(this.base, 0x5eed));
  }

  /** The seed of the run with creation sequence `seq` in run kind `kind`. */
  runSeed(kind: string, seq: number): number {
    return mixSeed(mixSeed(this.base, hashString(kind)), seq) | 0;
  }

  /** `scratch`, reseeded from `seed` xor a salt that names what is being derived. */
  derive(seed: number, salt: number): Rng {
    this.scratch.reseed(mixSeed(seed, salt));
    return this.scratch;
  }
}

/** A run store with the configured limits and clock. */
export function createStore<R extends StoredRun>(runtime: ProviderRuntime): RunStore<R> {
  return new RunStore<R>(runtime.config.limits.store, runtime.scheduler.clock);
}

/** Keeps one copy of strings that repeat across runs (task ids, org ids), so a million runs share them. */
export class StringPool {
  private readonly pool = new Map<string, string>();

  constructor(private readonly max = 50_000) {}

  intern(value: string): string {
    const known = this.pool.get(value);
    if (known !== undefined) return known;
    if (this.pool.size < this.max) this.pool.set(value, value);
    return value;
  }
}

/** Picks the scenario named by `value` when it is one of `allowed`. */
export function asScenario<S extends string>(allowed: readonly S[], value: unknown): S | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as S) : undefined;
}
