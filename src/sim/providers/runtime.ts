import type { ExhaustedLimits } from '../limits/exhausted-limits.ts';
import type { OptionsChecker } from '../options-checker.ts';
import type { ProviderSections, SimConfig } from '../options.ts';
import type { Scheduler } from '../scheduler.ts';
import { RunStore, type StoredRun } from '../store.ts';

/** What a provider is built from: the resolved config, the clock's scheduler, and its mount. */
export interface ProviderRuntime {
  config: SimConfig;
  scheduler: Scheduler;
  /** Rate limits provider states declared exhausted, keyed by provider name. */
  exhausted: ExhaustedLimits;
  /** Where this provider is mounted (profile.basePath, else the path of its spec's first server). */
  basePath: string;
  /** This provider's own sections of the simulator options, as written. */
  sections: ProviderSections;
  /** Records problems with those sections; they are reported together once every provider is built. */
  check: OptionsChecker;
}

/** A run store with the configured limits and clock. */
export function createStore<R extends StoredRun>(runtime: ProviderRuntime): RunStore<R> {
  return new RunStore<R>(runtime.config.limits.store, runtime.scheduler.clock);
}
