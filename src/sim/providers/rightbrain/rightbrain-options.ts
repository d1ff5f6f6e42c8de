import type { ProviderProfile } from '../../../core/profile/index.ts';
import type { DurationSpec } from '../../timing/distribution.ts';
import { stringOptions } from '../run-kind.ts';
import type { ProviderRuntime } from '../runtime.ts';
import { readSections } from '../sections.ts';

/** Rightbrain task-run scenarios (Run Task is synchronous, so each is an outcome). */
export const RIGHTBRAIN_TASK_SCENARIOS = ['success', 'error', 'fallback', 'fallback_error'] as const;
export type RightbrainTaskScenario = (typeof RIGHTBRAIN_TASK_SCENARIOS)[number];

/** Rightbrain task-agent run scenarios. */
export const RIGHTBRAIN_AGENT_SCENARIOS = ['completed', 'failed', 'waiting_for_human', 'stuck'] as const;
export type RightbrainAgentScenario = (typeof RIGHTBRAIN_AGENT_SCENARIOS)[number];

/** Durations (before the time scale) of Rightbrain's runs: `timing.<provider>`. */
export interface RightbrainTiming {
  /** The model call of Run Task (the response is delayed by it). */
  llm: DurationSpec;
  /** Gap between two events of a task-agent stream. */
  agentStep: DurationSpec;
  agentWaiting: DurationSpec;
}

export const DEFAULT_RIGHTBRAIN_TIMING: RightbrainTiming = {
  llm: { medianMs: 900, p99Ms: 2500 },
  agentStep: { medianMs: 250, p99Ms: 900 },
  agentWaiting: { medianMs: 1500, p99Ms: 4000 },
};

/** Default mixes of task runs and agent runs (`outcomes.<provider>.task` / `.agent`). */
export const DEFAULT_RIGHTBRAIN_OUTCOMES = {
  task: { success: 0.9, fallback: 0.06, error: 0.02, fallback_error: 0.02 } as Partial<Record<RightbrainTaskScenario, number>>,
  agent: { completed: 0.88, failed: 0.07, waiting_for_human: 0.05 } as Partial<Record<RightbrainAgentScenario, number>>,
};

/** Where runs placed by provider states live, and the task and agent they belong to, when a state names none. */
export interface RightbrainDefaults {
  orgId: string;
  projectId: string;
  taskId: string;
  taskAgentId: string;
}

/** A Rightbrain provider's settings: its sections of the simulator options and its profile's `extensionOptions`. */
export interface RightbrainOptions {
  timing: RightbrainTiming;
  outcomes: typeof DEFAULT_RIGHTBRAIN_OUTCOMES;
  /** Scenario by task id and by task-agent id. */
  scenarios: { task: Readonly<Record<string, RightbrainTaskScenario>>; agent: Readonly<Record<string, RightbrainAgentScenario>> };
  /** Org, project, task and task-agent ids answered with 404. */
  unknownIds: readonly string[];
  defaults: RightbrainDefaults;
  stateHoldMs: number;
  timeScale: number;
}

/** Reads a Rightbrain provider's settings; problems with its sections go to `runtime.check`. */
export function readRightbrainOptions(profile: ProviderProfile, runtime: ProviderRuntime): RightbrainOptions {
  const sections = readSections(profile, runtime, 'rightbrain', {
    timing: (c) => c.fields({ llm: c.duration(), agentStep: c.duration(), agentWaiting: c.duration() }),
    outcomes: (c) => c.fields({ task: c.weights(RIGHTBRAIN_TASK_SCENARIOS), agent: c.weights(RIGHTBRAIN_AGENT_SCENARIOS) }),
    scenarios: (c) => c.fields({ task: c.record(c.oneOf(RIGHTBRAIN_TASK_SCENARIOS)), agent: c.record(c.oneOf(RIGHTBRAIN_AGENT_SCENARIOS)) }),
  });
  const outcomes = (sections.outcomes ?? {}) as Partial<RightbrainOptions['outcomes']>;
  const scenarios = sections.scenarios as Partial<RightbrainOptions['scenarios']>;
  return {
    timing: { ...DEFAULT_RIGHTBRAIN_TIMING, ...(sections.timing as Partial<RightbrainTiming>) },
    outcomes: { task: outcomes.task ?? DEFAULT_RIGHTBRAIN_OUTCOMES.task, agent: outcomes.agent ?? DEFAULT_RIGHTBRAIN_OUTCOMES.agent },
    scenarios: { task: scenarios.task ?? {}, agent: scenarios.agent ?? {} },
    unknownIds: runtime.sections.unknownIds.map((id) => id.toLowerCase()),
    defaults: stringOptions(profile, 'rightbrain', {
      orgId: '3f0c2a9e-6b1d-4c8e-9a57-2d4e8b1f6c03',
      projectId: '8a6e4d12-0f3b-4b7a-b1c9-5e2d7f9a4c18',
      taskId: '01968f2e-7c41-7a3b-9d52-6e1f0b8c4a27',
      taskAgentId: '0198b2d4-6f70-7a81-b293-a4b5c6d7e8f9',
    }),
    stateHoldMs: runtime.config.timing.stateHoldMs,
    timeScale: runtime.config.timeScale,
  };
}
