import { defineLifecycle, stamps, stringField } from './lifecycle.ts';

/** Rightbrain task-agent run statuses (first-party code names running/completed/failed; notes add waiting_for_human). */
export const RIGHTBRAIN_AGENT_STATUSES = ['running', 'waiting_for_human', 'completed', 'failed'] as const;
export type RightbrainAgentStatus = (typeof RIGHTBRAIN_AGENT_STATUSES)[number];

export const rightbrainAgentLifecycle = defineLifecycle<RightbrainAgentStatus>({
  name: 'rightbrain-agent',
  statuses: RIGHTBRAIN_AGENT_STATUSES,
  initial: ['running'],
  terminal: ['completed', 'failed'],
  transitions: {
    running: ['waiting_for_human', 'completed', 'failed'],
    waiting_for_human: ['running', 'failed'],
    completed: [],
    failed: [],
  },
  statusOf: (body) => stringField(body, 'status'),
  timestampsOf: (body) => stamps(body, 'created', 'completed'),
});

/**
 * Rightbrain task runs carry no status: Run Task is synchronous and returns a finished run, so every
 * fetched task run is terminal. `is_error` tells success from failure.
 */
export const rightbrainTaskLifecycle = defineLifecycle<'completed' | 'error'>({
  name: 'rightbrain-task',
  statuses: ['completed', 'error'],
  initial: ['completed', 'error'],
  terminal: ['completed', 'error'],
  transitions: { completed: [], error: [] },
  statusOf: (body) => {
    if (typeof body !== 'object' || body === null || !('id' in body)) return undefined;
    return (body as { is_error?: unknown }).is_error === true ? 'error' : 'completed';
  },
  timestampsOf: (body) => stamps(body, 'created'),
});
