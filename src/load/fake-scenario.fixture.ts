import { lifecycleFromDefinition } from '../core/profile/index.ts';
import { defineScenario, type CreatePollFlow, type Scenario } from './scenario.ts';

/** The lifecycle of `startFakeRunApi`'s runs, written as a profile would (queued → running → completed, with a question). */
export const fakeLifecycle = lifecycleFromDefinition('fake.run', {
  status: '/status',
  initial: ['queued'],
  success: ['completed'],
  failure: ['failed', 'canceled'],
  transitions: {
    queued: ['running', 'failed', 'canceled'],
    running: ['interaction_required', 'completed', 'failed', 'canceled'],
    interaction_required: ['running', 'failed', 'canceled'],
  },
});

/** A create-and-poll flow against `startFakeRunApi`, for provider `fake`. */
export function fakeFlow(overrides: Partial<CreatePollFlow> = {}): CreatePollFlow {
  return {
    kind: 'create-poll', name: 'fake', provider: 'fake', lifecycle: fakeLifecycle,
    create: { operationId: 'runTask', method: 'POST', path: '/tasks/t/run', body: { input: {} }, headers: { 'Idempotency-Key': '{uuid}' } },
    poll: { operationId: 'getTaskRun', method: 'GET', path: '/task-runs/{runId}', intervalMs: 0 },
    interact: { whenStatus: 'interaction_required', request: { operationId: 'submitInteractionInput', method: 'POST', path: '/task-runs/{runId}/interaction', body: { input: { code: '123456' } } } },
    successStatuses: ['completed'],
    runTimeoutMs: 5_000,
    ...overrides,
  };
}

export function fakeScenario(overrides: Partial<Scenario> = {}, flow: Partial<CreatePollFlow> = {}): Scenario {
  return defineScenario({
    name: 'fake', description: 'fake create-and-poll', model: { kind: 'closed', connections: 2 }, durationMs: 500,
    flows: [fakeFlow(flow)], ...overrides,
  });
}
