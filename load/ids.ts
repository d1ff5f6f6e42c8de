/** Fixed ids the scenarios use: any well-formed id works against the simulator; set real ones for a real target. */
export const DECK_TASK_ID = 'task_8mQ2vX4nR7pL1zK6';
export const REFACTOR_RUNNABLE_ID = '5f0c7a9e-2b1d-4c8e-9f3a-6d2e1b0c4a7f';
export const RIGHTBRAIN = {
  org: '3f6a9c1e-8b2d-4e7f-a5c0-1d9e8f7a6b5c',
  project: '7c2e5a8b-1f4d-4a9c-b6e3-2d8f0a1c5e9b',
  task: 'b4d1e7a2-9c3f-4e6b-8a5d-0f2c7e9b1a3d',
  agent: 'e8a3c6f1-2d5b-4f9e-a7c0-3b1d8e6f2a4c',
} as const;
