import { describe, expect, it } from 'vitest';
import { FaultCounter } from './fault-counter.ts';
import { FaultPlan } from './fault-plan.ts';
import type { FaultRule } from './fault-rule.ts';

function decisions(rules: FaultRule[], seed: number): string[] {
  const plan = new FaultPlan(rules, seed, 1, new FaultCounter());
  return Array.from({ length: 200 }, (_, index) => {
    const faults = plan.decide('deck', 'getTaskRun', index);
    return `${faults.reset}/${faults.errorStatus}/${faults.latencyMs}`;
  });
}

describe('fault plan', () => {
  it('injects the same faults for the same seed and request sequence', () => {
    const rules: FaultRule[] = [{ error: { rate: 0.2 }, latency: { rate: 0.3, medianMs: 50, p99Ms: 200 } }];
    expect(decisions(rules, 5)).toEqual(decisions(rules, 5));
    expect(decisions(rules, 5)).not.toEqual(decisions(rules, 6));
  });

  it('only applies rules to their provider and operations, and counts what it injects', () => {
    const counter = new FaultCounter();
    const plan = new FaultPlan([{ provider: 'deck', operations: ['runTask'], error: { rate: 1, statuses: [503] }, stuck: { rate: 1 } }], 1, 1, counter);
    expect(plan.decide('deck', 'getTaskRun', 0).errorStatus).toBeUndefined();
    expect(plan.decide('refactor', 'runTask' as string, 0).errorStatus).toBeUndefined();
    expect(plan.decide('deck', 'runTask', 0).errorStatus).toBe(503);
    expect(plan.runFate('deck', 'runTask')).toEqual({ stuck: true, fail: false, dropAfterMs: undefined, backward: false });
    expect(counter.snapshot()).toMatchObject({ total: 2, byKind: expect.objectContaining({ error: 1, stuck: 1, reset: 0 }) as unknown, byOperation: { 'deck.runTask': { error: 1, stuck: 1 } } });
    plan.identify(plan.runFate('deck', 'runTask'), 'deck', 'runTask', 'trun_1');
    plan.identify({ stuck: false, fail: false, dropAfterMs: undefined, backward: false }, 'deck', 'runTask', 'trun_2');
    expect(counter.snapshot().runs).toEqual({ runs: [{ id: 'trun_1', provider: 'deck', operationId: 'runTask', kinds: ['stuck'] }], unidentified: { stuck: 0, fail: 0, drop: 0, backward: 0 }, overflow: 0 });
  });

  it('keeps a 429 burst going for its duration', () => {
    const counter = new FaultCounter();
    const plan = new FaultPlan([{ rateLimitBurst: { rate: 1, durationMs: 1000, retryAfterSeconds: 2 } }], 1, 1, counter);
    expect(plan.decide('deck', 'getTaskRun', 0).burstRetryAfter).toBe(2);
    const quiet = new FaultPlan([{ rateLimitBurst: { rate: 0, durationMs: 1000, retryAfterSeconds: 2 } }], 1, 1, counter);
    expect(quiet.decide('deck', 'getTaskRun', 0).burstRetryAfter).toBeUndefined();
  });
});
