import type { ProviderProfile } from '../../../core/profile/index.ts';
import type { DurationSpec } from '../../timing/distribution.ts';
import { stringOptions } from '../run-kind.ts';
import type { ProviderRuntime } from '../runtime.ts';
import { readSections } from '../sections.ts';

/** re-factor run scenarios. `timeout` runs past `timeout_seconds`; `stuck` never ends. */
export const REFACTOR_SCENARIOS = ['completed', 'failed', 'waiting', 'cancelled', 'timeout', 'stuck'] as const;
export type RefactorScenario = (typeof REFACTOR_SCENARIOS)[number];

/** Durations (before the time scale) of a re-factor run: `timing.<provider>`. */
export interface RefactorTiming {
  running: DurationSpec;
  waiting: DurationSpec;
  /** Longest a `mode=sync` request blocks before answering with the run as it is. */
  syncMaxWaitMs: number;
}

export const DEFAULT_REFACTOR_TIMING: RefactorTiming = {
  running: { medianMs: 1200, p99Ms: 2800 },
  waiting: { medianMs: 1000, p99Ms: 3000 },
  syncMaxWaitMs: 300_000,
};

export const DEFAULT_REFACTOR_OUTCOMES: Partial<Record<RefactorScenario, number>> = { completed: 0.85, failed: 0.07, waiting: 0.08 };

/** A re-factor provider's settings: its sections of the simulator options and its profile's `extensionOptions`. */
export interface RefactorOptions {
  timing: RefactorTiming;
  outcomes: Partial<Record<RefactorScenario, number>>;
  /** Scenario by runnable id. */
  scenarios: Readonly<Record<string, RefactorScenario>>;
  /** Runnable ids answered with 404. */
  unknownRunnables: readonly string[];
  /** Runnable of the runs provider states place without one (`extensionOptions.runnableId`). */
  runnableId: string;
  stateHoldMs: number;
  timeScale: number;
}

/** Reads a re-factor provider's settings; problems with its sections go to `runtime.check`. */
export function readRefactorOptions(profile: ProviderProfile, runtime: ProviderRuntime): RefactorOptions {
  const sections = readSections(profile, runtime, 'refactor', {
    timing: (c) => c.fields({ running: c.duration(), waiting: c.duration(), syncMaxWaitMs: c.number({ min: 0 }) }),
    outcomes: (c) => c.weights(REFACTOR_SCENARIOS),
    scenarios: (c) => c.record(c.oneOf(REFACTOR_SCENARIOS)),
  });
  const ids = stringOptions(profile, 'refactor', { runnableId: '3810af67-38c6-4183-a744-0be370b5311e' });
  return {
    timing: { ...DEFAULT_REFACTOR_TIMING, ...(sections.timing as Partial<RefactorTiming>) },
    outcomes: (sections.outcomes as RefactorOptions['outcomes'] | undefined) ?? DEFAULT_REFACTOR_OUTCOMES,
    scenarios: sections.scenarios as Record<string, RefactorScenario>,
    unknownRunnables: runtime.sections.unknownIds,
    runnableId: ids.runnableId,
    stateHoldMs: runtime.config.timing.stateHoldMs,
    timeScale: runtime.config.timeScale,
  };
}
