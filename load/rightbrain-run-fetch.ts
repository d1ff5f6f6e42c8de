import { rightbrainTaskLifecycle } from '../src/core/lifecycle/index.ts';
import { defineScenario, type CreatePollFlow } from '../src/load/index.ts';
import { RIGHTBRAIN } from './ids.ts';

/** Rightbrain: Run Task (synchronous, returns the finished run), then Fetch a Task Run once to read it back. */
export const rightbrainRunFetchFlow: CreatePollFlow = {
  kind: 'create-poll',
  name: 'rightbrain-task',
  provider: 'rightbrain',
  lifecycle: rightbrainTaskLifecycle,
  params: { org: RIGHTBRAIN.org, project: RIGHTBRAIN.project, task: RIGHTBRAIN.task },
  create: {
    operationId: 'runTask', method: 'POST', path: '/org/{org}/project/{project}/task/{task}/run',
    body: { task_input: { review_text: 'Battery lasts two full days.', product_name: 'Pulse 3 fitness watch' } },
  },
  poll: { operationId: 'fetchTaskRun', method: 'GET', path: '/org/{org}/project/{project}/task/{task}/run/{runId}', intervalMs: 0, minPolls: 1 },
  runTimeoutMs: 30_000,
};

export default defineScenario({
  name: 'rightbrain-run-fetch',
  description: 'Rightbrain: synchronous Run Task, then Fetch a Task Run',
  model: { kind: 'closed', connections: 20 },
  durationMs: 10_000,
  flows: [rightbrainRunFetchFlow],
  thresholds: { endpoints: { fetchTaskRun: { p99Ms: 50 } }, runP95Ms: 10_000, maxErrorRate: 0.01, maxLostRuns: 0, maxViolations: 0 },
});
