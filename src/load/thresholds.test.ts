import { describe, expect, it } from 'vitest';
import { isRunwardenError } from '../core/errors.ts';
import { mergeThresholds, parseThresholds, thresholdProblems } from './thresholds.ts';

describe('thresholds', () => {
  it('accepts thresholds written as data', () => {
    const thresholds = { p99Ms: 500, endpoints: { getTaskRun: { p99Ms: 50 } }, runP95Ms: 5_000, maxErrorRate: 0.01, maxLostRuns: 0, maxViolations: 0 };
    expect(parseThresholds(thresholds, 'slo.json')).toEqual(thresholds);
  });

  it('reports every problem at once, naming the file and the known keys', () => {
    const problems = thresholdProblems({ p99: 5, maxErrorRate: 2, endpoints: { getTaskRun: { p99Ms: -1, p95Ms: 3 } }, maxLostRuns: '0' });
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/thresholds.p99 is not a threshold \(known: p99Ms/);
    expect(problems.join('\n')).toMatch(/maxErrorRate must be a number ≥ 0 and ≤ 1/);
    try {
      parseThresholds({ p99: 5 }, 'slo.json');
      expect.unreachable();
    } catch (error) {
      expect(isRunwardenError(error) && error.code).toBe('CONFIG_INVALID');
      expect((error as Error).message).toMatch(/invalid thresholds in slo.json/);
    }
  });

  it('takes maxFailedRunRate as a share from 0 to 1', () => {
    expect(thresholdProblems({ maxFailedRunRate: 0.05 })).toEqual([]);
    expect(thresholdProblems({ maxFailedRunRate: 5 })).toEqual(['thresholds.maxFailedRunRate must be a number ≥ 0 and ≤ 1 (received 5)']);
  });

  it('merges a config file over a scenario, endpoint by endpoint', () => {
    expect(mergeThresholds({ p99Ms: 100, endpoints: { a: { p99Ms: 1, p50Ms: 1 } } }, { maxLostRuns: 0, endpoints: { a: { p99Ms: 2 }, b: { p90Ms: 3 } } }))
      .toEqual({ p99Ms: 100, maxLostRuns: 0, endpoints: { a: { p99Ms: 2, p50Ms: 1 }, b: { p90Ms: 3 } } });
  });
});
