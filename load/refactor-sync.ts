import { refactorLifecycle } from '../src/core/lifecycle/index.ts';
import { defineScenario } from '../src/load/index.ts';
import { REFACTOR_RUNNABLE_ID } from './ids.ts';

export default defineScenario({
  name: 'refactor-sync',
  description: 're-factor: POST runs?mode=sync, one request that blocks until the run ends',
  model: { kind: 'closed', connections: 20 },
  durationMs: 10_000,
  flows: [{
    kind: 'create-poll',
    name: 'refactor-sync',
    provider: 'refactor',
    lifecycle: refactorLifecycle,
    params: { runnableId: REFACTOR_RUNNABLE_ID },
    create: { operationId: 'runRunnable', method: 'POST', path: '/runnable/{runnableId}/runs', query: { mode: 'sync' }, body: { resources: [], timeout_seconds: 30 } },
    preflight: { operationId: 'getRunState', method: 'GET', path: '/run/{runId}' },
    runTimeoutMs: 35_000,
  }],
  requestTimeoutMs: 35_000,
  thresholds: { runP95Ms: 15_000, maxErrorRate: 0.01, maxLostRuns: 0, maxViolations: 0 },
});
