import { refactorLifecycle } from '../src/core/lifecycle/index.ts';
import { defineScenario, type CreatePollFlow } from '../src/load/index.ts';
import { REFACTOR_RUNNABLE_ID } from './ids.ts';

/** re-factor: start a run with mode=async (202 {id}), poll GET /run/{id} until it leaves running/waiting. */
export const refactorAsyncFlow: CreatePollFlow = {
  kind: 'create-poll',
  name: 'refactor-async',
  provider: 'refactor',
  lifecycle: refactorLifecycle,
  params: { runnableId: REFACTOR_RUNNABLE_ID },
  create: { operationId: 'runRunnable', method: 'POST', path: '/runnable/{runnableId}/runs', query: { mode: 'async' }, body: { resources: [], telemetry_strategy: 'default' } },
  poll: { operationId: 'getRunState', method: 'GET', path: '/run/{runId}', intervalMs: 100 },
  runTimeoutMs: 30_000,
};

export default defineScenario({
  name: 'refactor-async',
  description: 're-factor: POST runs?mode=async, poll GET /run/{id} until terminal',
  model: { kind: 'open', rate: 20 },
  durationMs: 10_000,
  flows: [refactorAsyncFlow],
  thresholds: { endpoints: { runRunnable: { p99Ms: 100 }, getRunState: { p99Ms: 50 } }, runP95Ms: 15_000, maxErrorRate: 0.01, maxLostRuns: 0, maxViolations: 0 },
});
