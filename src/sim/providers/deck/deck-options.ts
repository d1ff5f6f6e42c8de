import type { ProviderProfile } from '../../../core/profile/index.ts';
import type { RateLimit } from '../../limits/rate-limiter.ts';
import type { DurationSpec } from '../../timing/distribution.ts';
import { stringOptions } from '../run-kind.ts';
import type { ProviderRuntime } from '../runtime.ts';
import { readSections } from '../sections.ts';

/** Deck run scenarios: how a run ends (or pauses). `stuck` never ends. */
export const DECK_SCENARIOS = ['success', 'failure', 'unknown', 'failed', 'interaction', 'review', 'stuck'] as const;
export type DeckScenario = (typeof DECK_SCENARIOS)[number];

/** Durations (before the time scale) of a Deck run's phases: `timing.<provider>`. */
export interface DeckTiming {
  queued: DurationSpec;
  running: DurationSpec;
  /** Running again after an interaction was answered. */
  resume: DurationSpec;
  review: DurationSpec;
  canceling: DurationSpec;
  /** How long an interaction waits for an answer before the run fails with `interaction_timeout`. */
  interactionWindowMs: number;
}

export const DEFAULT_DECK_TIMING: DeckTiming = {
  queued: { medianMs: 200, p99Ms: 800 },
  running: { medianMs: 1200, p99Ms: 2500 },
  resume: { medianMs: 800, p99Ms: 2000 },
  review: { medianMs: 800, p99Ms: 2000 },
  canceling: { medianMs: 300, p99Ms: 1000 },
  interactionWindowMs: 60_000,
};

/** Default mix: mostly successes, some failures; nothing that needs a client's answer to finish. */
export const DEFAULT_DECK_OUTCOMES: Partial<Record<DeckScenario, number>> = { success: 0.85, failure: 0.05, failed: 0.05, review: 0.05 };

/** Deck's documented limit: 200 requests per 10 seconds per organization. */
export const DECK_RATE_LIMIT: RateLimit = { requests: 200, windowMs: 10_000 };

/** A Deck provider's settings: its sections of the simulator options and its profile's `extensionOptions`. */
export interface DeckOptions {
  timing: DeckTiming;
  outcomes: Partial<Record<DeckScenario, number>>;
  /** Scenario by task id. */
  scenarios: Readonly<Record<string, DeckScenario>>;
  /** Task ids answered with 404. */
  unknownTasks: readonly string[];
  /** Task of the runs provider states place without one (`extensionOptions.taskId`; default the profile's create `task_id`). */
  taskId: string;
  stateHoldMs: number;
  timeScale: number;
}

/** Reads a Deck provider's settings; problems with its sections go to `runtime.check`. */
export function readDeckOptions(profile: ProviderProfile, runtime: ProviderRuntime, createTaskId: string | undefined): DeckOptions {
  const sections = readSections(profile, runtime, 'deck', {
    timing: (c) => c.fields({ queued: c.duration(), running: c.duration(), resume: c.duration(), review: c.duration(), canceling: c.duration(), interactionWindowMs: c.number({ min: 0 }) }),
    outcomes: (c) => c.weights(DECK_SCENARIOS),
    scenarios: (c) => c.record(c.oneOf(DECK_SCENARIOS)),
  });
  const ids = stringOptions(profile, 'deck', { taskId: createTaskId ?? 'task_8mQ2vX4nR7pL1zK6' });
  return {
    timing: { ...DEFAULT_DECK_TIMING, ...(sections.timing as Partial<DeckTiming>) },
    outcomes: (sections.outcomes as DeckOptions['outcomes'] | undefined) ?? DEFAULT_DECK_OUTCOMES,
    scenarios: sections.scenarios as Record<string, DeckScenario>,
    unknownTasks: runtime.sections.unknownIds,
    taskId: ids.taskId,
    stateHoldMs: runtime.config.timing.stateHoldMs,
    timeScale: runtime.config.timeScale,
  };
}
