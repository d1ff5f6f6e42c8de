import type { StateDefinition } from './catalog.ts';
import { StateError } from '../providers/state-error.ts';
import { need, optionalEnum, optionalNumber, optionalString } from './params.ts';

/** States that apply across providers. */
export const GENERAL_STATES: readonly StateDefinition[] = [
  {
    name: 'no such run',
    provider: 'any',
    description: 'Makes sure the run does not exist (deletes it from every store): reads answer 404.',
    params: {
      run_id: 'The run id (Deck trun_…, Rightbrain agent run id).',
      id: 'The run id (re-factor).',
      task_run_id: 'The run id (Rightbrain task run).',
    },
    apply: (sims, params) => {
      const ids = ['run_id', 'id', 'task_run_id'].map((name) => optionalString(params, name)).filter((id): id is string => id !== undefined);
      let deleted = 0;
      for (const id of ids) {
        if (sims.deck?.runs.store.delete(id)) deleted++;
        if (sims.refactor?.runs.store.delete(id)) deleted++;
        if (sims.rightbrain?.runs.tasks.delete(id)) deleted++;
        if (sims.rightbrain?.runs.agents.delete(id)) deleted++;
      }
      return { ids, deleted };
    },
  },
  {
    name: 'task {task_id} is unknown',
    provider: 'any',
    description: 'The task answers 404: Deck runTask / listTaskRuns?task_id (task_… ids), Rightbrain task routes (UUIDs).',
    params: { task_id: 'The task id. Required.', provider: 'deck or rightbrain; inferred from the id when absent.' },
    apply: (sims, params) => {
      const taskId = optionalString(params, 'task_id');
      if (taskId === undefined) throw new StateError('task_id is required.');
      const provider = optionalEnum(params, 'provider', ['deck', 'rightbrain'] as const) ?? (taskId.startsWith('task_') ? 'deck' : 'rightbrain');
      if (provider === 'deck') need(sims.deck, 'deck').unknownTasks.add(taskId);
      else need(sims.rightbrain, 'rightbrain').unknownIds.add(taskId.toLowerCase());
      return { task_id: taskId, provider };
    },
  },
  {
    name: 'the rate limit is exceeded',
    provider: 'any',
    description: 'The next requests to the provider answer 429 in its documented shape (Deck rate_limit_exceeded, re-factor RATE_LIMIT_EXCEEDED).',
    params: {
      provider: 'deck or refactor (the providers that document a 429). Required.',
      requests: 'How many requests get the 429 (default 1).',
      duration_ms: 'Or until this much clock time has passed (default: no time limit).',
    },
    apply: (sims, params, now) => {
      const provider = optionalEnum(params, 'provider', ['deck', 'refactor'] as const);
      if (provider === undefined) throw new StateError('provider (deck or refactor) is required.');
      need(sims[provider], provider);
      const requests = optionalNumber(params, 'requests') ?? 1;
      const duration = optionalNumber(params, 'duration_ms');
      sims.exhausted.exhaust(provider, requests, duration === undefined ? Number.POSITIVE_INFINITY : now + duration);
      return { provider, requests };
    },
  },
];
