import { defineScenario } from '../src/load/index.ts';
import { deckFlow } from './deck-create-poll.ts';
import { refactorAsyncFlow } from './refactor-async.ts';
import { rightbrainRunFetchFlow } from './rightbrain-run-fetch.ts';

export default defineScenario({
  name: 'mixed-ramp',
  description: 'All providers, open model ramping 2 → 30 → 30 → 5 runs/s (Deck 50%, re-factor 30%, Rightbrain 20%)',
  model: { kind: 'open', ramp: { fromRate: 2, stages: [{ durationMs: 8_000, toRate: 30 }, { durationMs: 8_000, toRate: 30 }, { durationMs: 4_000, toRate: 5 }] } },
  durationMs: 20_000,
  flows: [{ ...deckFlow, weight: 5 }, { ...refactorAsyncFlow, weight: 3 }, { ...rightbrainRunFetchFlow, weight: 2 }],
  // Rightbrain's Run Task is synchronous: it answers when the model call is done.
  thresholds: { p99Ms: 100, endpoints: { 'rightbrain.runTask': { p99Ms: 5_000 } }, runP95Ms: 15_000, maxErrorRate: 0.01, maxLostRuns: 0, maxViolations: 0, maxGeneratorLagMs: 50 },
});
