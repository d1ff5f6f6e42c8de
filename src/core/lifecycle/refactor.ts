import { defineLifecycle, stamps, stringField } from './lifecycle.ts';

/** re-factor run statuses (seed 003). */
export const REFACTOR_STATUSES = ['running', 'waiting', 'completed', 'failed', 'cancelled', 'timeout'] as const;
export type RefactorStatus = (typeof REFACTOR_STATUSES)[number];

export const refactorLifecycle = defineLifecycle<RefactorStatus>({
  name: 'refactor',
  statuses: REFACTOR_STATUSES,
  initial: ['running'],
  terminal: ['completed', 'failed', 'cancelled', 'timeout'],
  transitions: {
    running: ['waiting', 'completed', 'failed', 'cancelled', 'timeout'],
    waiting: ['running', 'failed', 'cancelled', 'timeout'],
    completed: [],
    failed: [],
    cancelled: [],
    timeout: [],
  },
  statusOf: (body) => stringField(body, 'status'),
  timestampsOf: (body) => stamps(body, 'created_at', 'completed_at', 'failed_at'),
});
