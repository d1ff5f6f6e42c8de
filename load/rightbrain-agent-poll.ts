import { rightbrainAgentLifecycle } from '../src/core/lifecycle/index.ts';
import { defineScenario } from '../src/load/index.ts';
import { RIGHTBRAIN } from './ids.ts';

export default defineScenario({
  name: 'rightbrain-agent-poll',
  description: 'Rightbrain: run a task agent (SSE; run_id from the terminal event), poll Get Task Agent Run until terminal',
  model: { kind: 'open', rate: 10 },
  durationMs: 10_000,
  flows: [{
    kind: 'create-poll',
    name: 'rightbrain-agent',
    provider: 'rightbrain',
    lifecycle: rightbrainAgentLifecycle,
    params: { org: RIGHTBRAIN.org, project: RIGHTBRAIN.project, agent: RIGHTBRAIN.agent },
    create: { operationId: 'runTaskAgent', method: 'POST', path: '/org/{org}/project/{project}/task-agent/{agent}/run', body: { message: 'Triage ticket 48213.' } },
    runId: { field: 'metadata.run_id', stream: 'sse' },
    poll: { operationId: 'getTaskAgentRun', method: 'GET', path: '/org/{org}/project/{project}/task-agent/{agent}/run/{runId}', intervalMs: 200, minPolls: 1 },
    runTimeoutMs: 30_000,
  }],
  requestTimeoutMs: 30_000,
  thresholds: { endpoints: { getTaskAgentRun: { p99Ms: 50 } }, maxErrorRate: 0.01, maxLostRuns: 0, maxViolations: 0 },
});
