import type { ProviderProfile } from '../../../core/profile/index.ts';
import { uuidFrom } from '../../ids.ts';
import { Rng, mixSeed } from '../../random.ts';
import type { SimProvider } from '../provider.ts';
import { runKindFor } from '../run-kind.ts';
import { ProviderSeeds, StringPool, createStore, type ProviderRuntime } from '../runtime.ts';
import { AGENT_SIM_STATUSES, type AgentRun } from './agent-run.ts';
import { ProjectPermissions } from './project-permissions.ts';
import { agentRoutes } from './rightbrain-agents.ts';
import type { RightbrainContext, RightbrainPins } from './rightbrain-context.ts';
import { rightbrainErrors } from './rightbrain-errors.ts';
import { readRightbrainOptions } from './rightbrain-options.ts';
import { rightbrainPactStates } from './rightbrain-pact-states.ts';
import { RightbrainRuns } from './rightbrain-runs.ts';
import { rightbrainStates } from './rightbrain-states.ts';
import { taskRoutes } from './rightbrain-tasks.ts';
import type { TaskRun } from './task-run.ts';

/** The Rightbrain provider and the handles provider states use. */
export interface RightbrainSim {
  provider: SimProvider;
  runs: RightbrainRuns;
  /** Org, project, task and task-agent ids (lower-case) answered with 404 (configured, plus states' until reset). */
  unknownIds: Set<string>;
  /** Projects answered with 403 (cleared on reset). */
  permissions: ProjectPermissions;
  pins: RightbrainPins;
}

/** Builds a Rightbrain provider from its profile: every operation of specs/rightbrain.openapi.yaml. */
export function createRightbrainSim(profile: ProviderProfile, runtime: ProviderRuntime): RightbrainSim {
  const agentKind = runKindFor(profile, 'rightbrain', 'getTaskAgentRun', AGENT_SIM_STATUSES);
  const options = readRightbrainOptions(profile, runtime);
  const seeds = new ProviderSeeds(runtime.config.seed, profile.name);
  const runs = new RightbrainRuns(createStore<TaskRun>(runtime), createStore<AgentRun>(runtime), options, seeds, agentKind.lifecycle.statuses);
  const unknownIds = new Set(options.unknownIds);
  const permissions = new ProjectPermissions();
  const pins: RightbrainPins = { task: new Map(), agent: new Map() };
  const context: RightbrainContext = {
    runtime, runs, unknownIds, permissions, pins, ids: new StringPool(), scratch: new Rng(0),
    userId: uuidFrom(new Rng(mixSeed(runtime.config.seed, 0x05e7))),
  };
  const provider: SimProvider = {
    name: profile.name,
    basePath: runtime.basePath,
    routes: [...taskRoutes(context), ...agentRoutes(context)],
    errors: rightbrainErrors,
    reset() {
      runs.tasks.clear();
      runs.agents.clear();
      permissions.clear();
      pins.task.clear();
      pins.agent.clear();
      unknownIds.clear();
      for (const id of options.unknownIds) unknownIds.add(id);
    },
    sizes: () => ({ [`${profile.name}.task_run`]: runs.tasks.size, [`${profile.name}.task_agent_run`]: runs.agents.size }),
  };
  const sim: RightbrainSim = { provider, runs, unknownIds, permissions, pins };
  const states = rightbrainStates(sim);
  provider.states = [...states, ...rightbrainPactStates(states)];
  return sim;
}
