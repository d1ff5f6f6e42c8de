import { defineScenario, type InteractDocument } from '../src/load/index.ts';

/**
 * When a Deck run asks for an MFA code (`interaction_required`), answer every field its prompt lists, as a client
 * would. Building the answer from the prompt is why this scenario is TypeScript: the rest is the Deck profile's.
 */
const answerMfa: InteractDocument = {
  whenStatus: 'interaction_required',
  operationId: 'submitInteractionInput',
  answer: { fieldsAt: 'interaction.fields', into: 'input', value: '482913' },
};

export default defineScenario({
  name: 'deck-create-poll',
  description: 'Deck: POST a task run, poll GET until terminal; 1 run in 10 asks for MFA and is answered',
  model: { connections: 10 },
  duration: '10s',
  flows: [
    { provider: 'deck', weight: 9, interact: answerMfa },
    // The simulator honours X-Runwarden-Scenario; a real Deck ignores the header.
    { provider: 'deck', name: 'deck-interaction', weight: 1, create: { headers: { 'X-Runwarden-Scenario': 'interaction' } }, interact: answerMfa },
  ],
  thresholds: {
    endpoints: { runTask: { p99Ms: 100 }, getTaskRun: { p99Ms: 50 } },
    runP95Ms: 15_000, maxErrorRate: 0.01, maxLostRuns: 0, maxViolations: 0,
  },
});
