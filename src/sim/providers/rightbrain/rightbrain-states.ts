import { isUuid, isoTime } from '../../ids.ts';
import { noSuchRunState } from '../../states/common-states.ts';
import { optionalBoolean, optionalEnum, optionalString } from '../../states/params.ts';
import type { ProviderState } from '../../states/provider-state.ts';
import { StateError } from '../state-error.ts';
import { agentStatusAt } from './agent-run.ts';
import type { RightbrainAgentScenario, RightbrainTaskScenario } from './rightbrain-options.ts';
import type { RightbrainSim } from './rightbrain-provider.ts';

/** A required UUID parameter, lower-cased. */
function requiredUuid(params: Record<string, unknown>, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined || !isUuid(value)) throw new StateError(`${name} is required and must be a UUID.`);
  return value.toLowerCase();
}

/**
 * The Rightbrain provider's own states: finished task runs, agent runs in any status (running and waiting hold
 * for `timing.stateHoldMs`), unknown ids, a denied project, pinned outcomes and missing runs.
 */
export function rightbrainStates(rightbrain: RightbrainSim): ProviderState[] {
  const defaults = rightbrain.runs.options.defaults;
  const scope = {
    org_id: `Organization (UUID); ${defaults.orgId} when absent.`,
    project_id: `Project (UUID); ${defaults.projectId} when absent.`,
  } as const;

  const unknown = (name: string, param: string, description: string): ProviderState => ({
    name,
    description,
    params: { [param]: 'The id (UUID). Required.' },
    apply: (params) => {
      const id = requiredUuid(params, param);
      rightbrain.unknownIds.add(id);
      return { [param]: id };
    },
  });

  const pinTask = (name: string, scenario: RightbrainTaskScenario): ProviderState => ({
    name, description: `The task exists and its new runs end ${scenario === 'success' ? 'successfully' : 'with is_error true'}, unless a request picks another scenario.`,
    params: { task_id: 'The task (UUID). Required.' },
    apply: (params) => {
      const id = requiredUuid(params, 'task_id');
      rightbrain.unknownIds.delete(id);
      rightbrain.pins.task.set(id, scenario);
      return { task_id: id };
    },
  });

  const pinAgent = (name: string, scenario: RightbrainAgentScenario): ProviderState => ({
    name, description: `The task agent exists and its new runs end ${scenario}, unless a request picks another scenario.`,
    params: { task_agent_id: 'The task agent (UUID). Required.' },
    apply: (params) => {
      const id = requiredUuid(params, 'task_agent_id');
      rightbrain.unknownIds.delete(id);
      rightbrain.pins.agent.set(id, scenario);
      return { task_agent_id: id };
    },
  });

  return [
    {
      name: 'a Rightbrain task run exists',
      description: 'A finished task run, fetchable and listed.',
      params: {
        ...scope,
        task_id: `Task (UUID); ${defaults.taskId} when absent.`,
        task_run_id: 'Id of the run (UUID); drawn from the seed when absent.',
        is_error: 'true for an errored run (default false).',
      },
      apply: (params, now) => {
        const run = rightbrain.runs.placeTaskRun({
          org_id: optionalString(params, 'org_id'), project_id: optionalString(params, 'project_id'), task_id: optionalString(params, 'task_id'),
          task_run_id: optionalString(params, 'task_run_id'), is_error: optionalBoolean(params, 'is_error'),
        }, now);
        return { org_id: run.orgId, project_id: run.projectId, task_id: run.taskId, task_run_id: run.id, created: isoTime(run.createdAt) };
      },
    },
    {
      name: 'an agent run exists',
      description: 'A task-agent run in `status` (default completed); running and waiting_for_human hold.',
      params: {
        ...scope,
        task_agent_id: `Task agent (UUID); ${defaults.taskAgentId} when absent.`,
        run_id: 'Id of the run (UUID); drawn from the seed when absent.',
        session_id: 'Session the run continues (any string); a new session when absent.',
        status: `One of ${rightbrain.runs.agentStatuses.join(', ')}.`,
      },
      apply: (params, now) => {
        const run = rightbrain.runs.placeAgentRun({
          org_id: optionalString(params, 'org_id'), project_id: optionalString(params, 'project_id'),
          task_agent_id: optionalString(params, 'task_agent_id'), run_id: optionalString(params, 'run_id'),
          session_id: optionalString(params, 'session_id'), status: optionalEnum(params, 'status', rightbrain.runs.agentStatuses),
        }, now);
        return {
          org_id: run.orgId, project_id: run.projectId, task_agent_id: run.taskAgentId, run_id: run.id,
          status: agentStatusAt(rightbrain.runs.plan(run), now - run.createdAt),
        };
      },
    },
    {
      name: 'the caller lacks permission on the project',
      description: 'Every route under the project answers 403 PERMISSION_CHECK_FAILED (after 400/422, before 404), until the next reset.',
      params: scope,
      apply: (params) => {
        const orgId = optionalString(params, 'org_id') ?? defaults.orgId;
        const projectId = optionalString(params, 'project_id') ?? defaults.projectId;
        for (const [name, value] of [['org_id', orgId], ['project_id', projectId]] as const) {
          if (!isUuid(value)) throw new StateError(`${name} must be a UUID.`);
        }
        rightbrain.permissions.deny(orgId, projectId);
        return { org_id: orgId, project_id: projectId };
      },
    },
    unknown('task {task_id} is unknown', 'task_id', 'Every task route answers 404 for this task.'),
    unknown('task agent {task_agent_id} is unknown', 'task_agent_id', 'Every task-agent route answers 404 for this task agent.'),
    unknown('project {project_id} is unknown', 'project_id', 'Every route under this project answers 404.'),
    pinTask('task {task_id} succeeds', 'success'),
    pinTask('task {task_id} fails', 'error'),
    pinAgent('task agent {task_agent_id} completes its runs', 'completed'),
    pinAgent('task agent {task_agent_id} fails its runs', 'failed'),
    noSuchRunState(
      { task_run_id: 'A task run id (UUID).', run_id: 'A task-agent run id (UUID).' },
      (id) => rightbrain.runs.tasks.delete(id) || rightbrain.runs.agents.delete(id),
    ),
  ];
}
