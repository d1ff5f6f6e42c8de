import { describe, expect, it } from 'vitest';
import { proportionDifferenceInterval, rateRatioInterval } from './count-tests.ts';

describe('rateRatioInterval', () => {
  it('contains 1 for equal rates and excludes it for a large, well-measured drop', () => {
    const equal = rateRatioInterval({ count: 6000, seconds: 60 }, { count: 6000, seconds: 60 }, 1.96);
    expect(equal.ratio).toBe(1);
    expect(equal.low).toBeLessThan(1);
    expect(equal.high).toBeGreaterThan(1);
    const drop = rateRatioInterval({ count: 6000, seconds: 60 }, { count: 4800, seconds: 60 }, 1.96);
    expect(drop.ratio).toBeCloseTo(0.8, 10);
    expect(drop.high).toBeLessThan(1);
  });
});

describe('proportionDifferenceInterval', () => {
  it('is well-behaved when one side has no events', () => {
    const interval = proportionDifferenceInterval({ events: 0, trials: 3000 }, { events: 30, trials: 3000 }, 1.96);
    expect(interval.difference).toBeCloseTo(0.01, 10);
    expect(interval.low).toBeGreaterThan(0);
    const none = proportionDifferenceInterval({ events: 0, trials: 50 }, { events: 0, trials: 50 }, 1.96);
    expect(none.low).toBeLessThan(0);
    expect(none.high).toBeGreaterThan(0);
  });
});
