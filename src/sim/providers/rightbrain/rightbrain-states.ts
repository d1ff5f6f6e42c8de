import type { SimEngine } from '../../generic/sim-engine.ts';
import { optionalString } from '../../states/params.ts';
import { aliasState, stateNamed, type ProviderState } from '../../states/provider-state.ts';
import { StateError } from '../state-error.ts';

/** What Rightbrain's states change beyond the engine's: the projects whose routes answer 403. */
export interface RightbrainStateHooks {
  deny(projectId: string): void;
}

/**
 * Rightbrain's provider states on the engine's: runs of either kind placed in a state, tasks and task agents whose
 * runs end one way (pinned outcomes, until a reset), a project the caller may not use, and the pacts' words for them.
 */
export function rightbrainStates(engine: SimEngine, hooks: RightbrainStateHooks): ProviderState[] {
  const { context, states } = engine;
  const placeKind = stateNamed(states, 'a {kind} run is {state}');
  const task = engine.kindOf('fetchTaskRun', 'rightbrain').kind.name;
  const agent = engine.kindOf('getTaskAgentRun', 'rightbrain').kind.name;
  const pin = (name: string, param: string, outcome: string, description: string): ProviderState => ({
    name, description, params: { [param]: `The ${param.replace(/_id$/, '').replace(/_/g, ' ')} id. Required.` },
    apply: (params) => {
      const id = optionalString(params, param);
      if (id === undefined) throw new StateError(`Parameter ${param} is required.`);
      context.unknownIds.delete(id);
      context.scenarios.set(id, outcome);
      return { [param]: id };
    },
  });
  const place = (name: string, kind: string, idParam: string, description: string, fixed: Record<string, unknown> = {}): ProviderState => ({
    name, description, params: { [idParam]: 'The run id (default: a fresh one).', ...(fixed.state === undefined ? { state: 'The state (or `status`).' } : {}) },
    apply: (params, now) => placeKind.apply({ ...params, state: optionalString(params, 'status') ?? optionalString(params, 'state'), ...fixed, kind, id: optionalString(params, idParam) }, now),
  });
  const own: ProviderState[] = [
    place('a Rightbrain task run exists', task, 'task_run_id', 'A task run that completed (`state: error` for one that errored).', {}),
    place('an agent run exists', agent, 'run_id', 'A task agent run in `state` (running, waiting_for_human, completed, failed).'),
    pin('task {task_id} succeeds', 'task_id', 'completed', 'The task exists and its runs complete.'),
    pin('task {task_id} fails', 'task_id', 'error', 'The task exists and its runs end in an error.'),
    pin('task agent {task_agent_id} completes its runs', 'task_agent_id', 'completed', 'The task agent exists and its runs complete.'),
    pin('task agent {task_agent_id} fails its runs', 'task_agent_id', 'failed', 'The task agent exists and its runs fail.'),
    {
      name: 'the caller lacks permission on the project',
      description: 'Every route under the project answers the spec\'s 403, until the next reset.',
      params: { org_id: 'The organization id.', project_id: 'The project id. Required.' },
      apply: (params) => {
        const projectId = optionalString(params, 'project_id');
        if (projectId === undefined) throw new StateError('Parameter project_id is required.');
        hooks.deny(projectId);
        return { project_id: projectId };
      },
    },
  ];
  const named = (name: string) => stateNamed([...own, ...states], name);
  return [
    ...own,
    aliasState('a task exists in the project', named('task {task_id} succeeds')),
    aliasState('a task agent exists in the project', named('task agent {task_agent_id} completes its runs')),
    aliasState('the task agent fails its runs', named('task agent {task_agent_id} fails its runs')),
    aliasState('the task run fails on both models', named('task {task_id} fails')),
    aliasState('no task run has the id', named('no such run')),
    aliasState('no task agent run has the id', named('no such run')),
    aliasState('a task run exists', named('a Rightbrain task run exists'), { state: 'completed' }),
    aliasState('a task run with an error exists', named('a Rightbrain task run exists'), { state: 'error' }),
    aliasState('a task agent run is running', named('an agent run exists'), { state: 'running' }),
    aliasState('a task agent run is waiting for a human', named('an agent run exists'), { state: 'waiting_for_human' }),
    aliasState('a task agent run completed', named('an agent run exists'), { state: 'completed' }),
    aliasState('a task agent run failed', named('an agent run exists'), { state: 'failed' }),
    aliasState('the API client lacks permission on the project', named('the caller lacks permission on the project')),
  ];
}
