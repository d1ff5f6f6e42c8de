import { RIGHTBRAIN_AGENT_STATUSES } from '../../core/lifecycle/index.ts';
import { isUuid, isoTime } from '../ids.ts';
import type { ProviderSims } from '../providers/create-providers.ts';
import { agentStatusAt } from '../providers/rightbrain/agent-run.ts';
import { DEFAULT_SCOPE } from '../providers/rightbrain/rightbrain-runs.ts';
import { StateError } from '../providers/state-error.ts';
import type { StateDefinition } from './catalog.ts';
import { need, optionalBoolean, optionalEnum, optionalString } from './params.ts';

const SCOPE = {
  org_id: 'Organization (UUID); 3f0c2a9e-6b1d-4c8e-9a57-2d4e8b1f6c03 when absent.',
  project_id: 'Project (UUID); 8a6e4d12-0f3b-4b7a-b1c9-5e2d7f9a4c18 when absent.',
} as const;

function markUnknown(sims: ProviderSims, id: string | undefined, name: string): Record<string, unknown> {
  if (id === undefined) throw new StateError(`${name} is required.`);
  need(sims.rightbrain, 'rightbrain').unknownIds.add(id.toLowerCase());
  return { [name]: id };
}

function denyProject(sims: ProviderSims, params: Record<string, unknown>): Record<string, unknown> {
  const orgId = optionalString(params, 'org_id') ?? DEFAULT_SCOPE.orgId;
  const projectId = optionalString(params, 'project_id') ?? DEFAULT_SCOPE.projectId;
  for (const [name, value] of [['org_id', orgId], ['project_id', projectId]] as const) {
    if (!isUuid(value)) throw new StateError(`${name} must be a UUID.`);
  }
  need(sims.rightbrain, 'rightbrain').permissions.deny(orgId, projectId);
  return { org_id: orgId, project_id: projectId };
}

/** Rightbrain provider states. */
export const RIGHTBRAIN_STATES: readonly StateDefinition[] = [
  {
    name: 'a Rightbrain task run exists',
    provider: 'rightbrain',
    description: 'A finished task run, fetchable and listed.',
    params: {
      ...SCOPE,
      task_id: 'Task (UUID); 01968f2e-7c41-7a3b-9d52-6e1f0b8c4a27 when absent.',
      task_run_id: 'Id of the run (UUID); drawn from the seed when absent.',
      is_error: 'true for an errored run (default false).',
    },
    apply: (sims, params, now) => {
      const run = need(sims.rightbrain, 'rightbrain').runs.placeTaskRun({
        org_id: optionalString(params, 'org_id'), project_id: optionalString(params, 'project_id'), task_id: optionalString(params, 'task_id'),
        task_run_id: optionalString(params, 'task_run_id'), is_error: optionalBoolean(params, 'is_error'),
      }, now);
      return { org_id: run.orgId, project_id: run.projectId, task_id: run.taskId, task_run_id: run.id, created: isoTime(run.createdAt) };
    },
  },
  {
    name: 'an agent run exists',
    provider: 'rightbrain',
    description: 'A task-agent run in `status` (default completed); running and waiting_for_human hold.',
    params: {
      ...SCOPE,
      task_agent_id: 'Task agent (UUID); 0198b2d4-6f70-7a81-b293-a4b5c6d7e8f9 when absent.',
      run_id: 'Id of the run (UUID); drawn from the seed when absent.',
      session_id: 'Session the run continues (any string); a new session when absent.',
      status: `One of ${RIGHTBRAIN_AGENT_STATUSES.join(', ')}.`,
    },
    apply: (sims, params, now) => {
      const rightbrain = need(sims.rightbrain, 'rightbrain');
      const run = rightbrain.runs.placeAgentRun({
        org_id: optionalString(params, 'org_id'), project_id: optionalString(params, 'project_id'),
        task_agent_id: optionalString(params, 'task_agent_id'), run_id: optionalString(params, 'run_id'),
        session_id: optionalString(params, 'session_id'), status: optionalEnum(params, 'status', RIGHTBRAIN_AGENT_STATUSES),
      }, now);
      return {
        org_id: run.orgId, project_id: run.projectId, task_agent_id: run.taskAgentId, run_id: run.id,
        status: agentStatusAt(rightbrain.runs.plan(run), now - run.createdAt),
      };
    },
  },
  {
    name: 'the caller lacks permission on the project',
    provider: 'rightbrain',
    description: 'Every route under the project answers 403 PERMISSION_CHECK_FAILED (after 400/422, before 404), until the next reset.',
    params: SCOPE,
    apply: (sims, params) => denyProject(sims, params),
  },
  {
    name: 'task agent {task_agent_id} is unknown',
    provider: 'rightbrain',
    description: 'Every task-agent route answers 404 for this task agent.',
    params: { task_agent_id: 'The task agent id (UUID). Required.' },
    apply: (sims, params) => markUnknown(sims, optionalString(params, 'task_agent_id'), 'task_agent_id'),
  },
  {
    name: 'project {project_id} is unknown',
    provider: 'rightbrain',
    description: 'Every route under this project answers 404.',
    params: { project_id: 'The project id (UUID). Required.' },
    apply: (sims, params) => markUnknown(sims, optionalString(params, 'project_id'), 'project_id'),
  },
];
