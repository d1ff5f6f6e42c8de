import { deckLifecycle } from '../core/lifecycle/index.ts';
import { defineScenario, type CreatePollFlow, type Scenario } from './scenario.ts';

/** A Deck-shaped create-and-poll flow against `startFakeRunApi`. */
export function fakeFlow(overrides: Partial<CreatePollFlow> = {}): CreatePollFlow {
  return {
    kind: 'create-poll', name: 'fake', provider: 'deck', lifecycle: deckLifecycle,
    create: { operationId: 'runTask', method: 'POST', path: '/tasks/t/run', body: { input: {} }, headers: { 'Idempotency-Key': '{uuid}' } },
    poll: { operationId: 'getTaskRun', method: 'GET', path: '/task-runs/{runId}', intervalMs: 0 },
    interact: { whenStatus: 'interaction_required', request: { operationId: 'submitInteractionInput', method: 'POST', path: '/task-runs/{runId}/interaction', body: { input: { code: '123456' } } } },
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
