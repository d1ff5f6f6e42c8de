import { defineScenario } from '../src/load/index.ts';
import { deckFlow } from './deck-create-poll.ts';

export default defineScenario({
  name: 'deck-hot-read',
  description: 'Deck: poll-only hot read — 50 runs created up front, then GET /task-runs/{id} as fast as they come back',
  model: { kind: 'closed', connections: 10 },
  durationMs: 10_000,
  flows: [{
    kind: 'read',
    name: 'deck-read',
    provider: 'deck',
    params: deckFlow.params!,
    seed: { create: deckFlow.create, count: 50 },
    read: deckFlow.poll!,
  }],
  validateEvery: 100,
  thresholds: { endpoints: { getTaskRun: { p99Ms: 25 } }, maxErrorRate: 0, maxViolations: 0 },
});
