import { BASE_PATHS } from '../../../core/providers.ts';
import { uuidFrom } from '../../ids.ts';
import { Rng, mixSeed } from '../../random.ts';
import type { SimProvider } from '../provider.ts';
import { ProviderSeeds, StringPool, createStore, type ProviderRuntime } from '../runtime.ts';
import { ProjectPermissions } from './project-permissions.ts';
import { agentRoutes } from './rightbrain-agents.ts';
import type { AgentRun } from './agent-run.ts';
import { rightbrainErrors } from './rightbrain-errors.ts';
import { RightbrainRuns } from './rightbrain-runs.ts';
import { taskRoutes } from './rightbrain-tasks.ts';
import type { TaskRun } from './task-run.ts';

/** The Rightbrain provider and the handles provider states use. */
export interface RightbrainSim {
  provider: SimProvider;
  runs: RightbrainRuns;
  /** Org, project, task and task-agent ids (lower-case) answered with 404. */
  unknownIds: Set<string>;
  /** Projects answered with 403 (cleared on reset). */
  permissions: ProjectPermissions;
}

/** Builds the Rightbrain simulator: every operation of specs/rightbrain.openapi.yaml. */
export function createRightbrainSim(runtime: ProviderRuntime): RightbrainSim {
  const seeds = new ProviderSeeds(runtime.config.seed, 'rightbrain');
  const runs = new RightbrainRuns(createStore<TaskRun>(runtime), createStore<AgentRun>(runtime), runtime.config, seeds);
  const unknownIds = new Set([...runtime.config.unknownIds.rightbrain].map((id) => id.toLowerCase()));
  const permissions = new ProjectPermissions();
  const context = {
    runtime, runs, unknownIds, permissions, ids: new StringPool(), scratch: new Rng(0),
    userId: uuidFrom(new Rng(mixSeed(runtime.config.seed, 0x05e7))),
  };
  return {
    runs,
    unknownIds,
    permissions,
    provider: {
      name: 'rightbrain',
      basePath: BASE_PATHS.rightbrain,
      routes: [...taskRoutes(context), ...agentRoutes(context)],
      errors: rightbrainErrors,
      reset() {
        runs.tasks.clear();
        runs.agents.clear();
        permissions.clear();
      },
      sizes: () => ({ 'rightbrain.task_run': runs.tasks.size, 'rightbrain.task_agent_run': runs.agents.size }),
    },
  };
}
