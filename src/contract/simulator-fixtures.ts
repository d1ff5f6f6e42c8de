/**
 * Simulator configuration the pacts rely on, passed by the CLI to `startSimulator` when it verifies against the
 * embedded simulator. Outcomes the simulator cannot set per request (Rightbrain tasks and agents, the re-factor
 * runnable run synchronously) are pinned here by id; the provider states that need them check the ids below.
 * Plain data: src/contract never imports src/sim.
 */
export const SIMULATOR_FIXTURES = {
  /** Runs created during verification finish quickly (synchronous runs and agent streams included). */
  timeScale: 0.05,
  scenarios: {
    deck: { task_8mQ2vX4nR7pL1zK6: 'success' },
    refactor: {
      '3810af67-38c6-4183-a744-0be370b5311e': 'completed',
      '3810af67-38c6-4183-a744-0be370b5311f': 'completed',
    },
    rightbrainTask: {
      '01968f2e-7c41-7a3b-9d52-6e1f0b8c4a27': 'success',
      '01968f2e-7c41-7a3b-9d52-6e1f0b8c4e77': 'error',
    },
    rightbrainAgent: {
      '0198b2d4-6f70-7a81-b293-a4b5c6d7e8f9': 'completed',
      '0198b2d4-6f70-7a81-b293-a4b5c6d7e8fa': 'failed',
    },
  },
} as const;

export type FixtureScenarios = typeof SIMULATOR_FIXTURES.scenarios;
