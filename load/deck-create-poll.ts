import { deckLifecycle } from '../src/core/lifecycle/index.ts';
import { defineScenario, type CreatePollFlow } from '../src/load/index.ts';
import { DECK_TASK_ID } from './ids.ts';

/** Deck: run a task, poll it until terminal, answer its interactions. */
export const deckFlow: CreatePollFlow = {
  kind: 'create-poll',
  name: 'deck',
  provider: 'deck',
  lifecycle: deckLifecycle,
  params: { taskId: DECK_TASK_ID },
  create: {
    operationId: 'runTask', method: 'POST', path: '/tasks/{taskId}/run',
    headers: { 'Idempotency-Key': '{uuid}' }, body: { input: { billing_period: '2025-05' } },
  },
  poll: { operationId: 'getTaskRun', method: 'GET', path: '/task-runs/{runId}', intervalMs: 100 },
  interact: {
    whenStatus: 'interaction_required',
    request: { operationId: 'submitInteractionInput', method: 'POST', path: '/task-runs/{runId}/interaction', body: { input: { code: '123456' } } },
    answer: { fieldsAt: 'interaction.fields', into: 'input', value: '482913' },
  },
  runTimeoutMs: 30_000,
};

export default defineScenario({
  name: 'deck-create-poll',
  description: 'Deck: POST a task run, poll GET until terminal; 1 run in 10 asks for MFA and is answered',
  model: { kind: 'closed', connections: 10 },
  durationMs: 10_000,
  flows: [
    { ...deckFlow, weight: 9 },
    // The simulator honours X-Runwarden-Scenario; a real Deck ignores the header.
    { ...deckFlow, name: 'deck-interaction', weight: 1, create: { ...deckFlow.create, headers: { ...deckFlow.create.headers, 'X-Runwarden-Scenario': 'interaction' } } },
  ],
  thresholds: {
    endpoints: { runTask: { p99Ms: 100 }, getTaskRun: { p99Ms: 50 } },
    runP95Ms: 15_000, maxErrorRate: 0.01, maxLostRuns: 0, maxViolations: 0,
  },
});
