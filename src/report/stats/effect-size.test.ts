import { describe, expect, it } from 'vitest';
import { fromWeighted } from './distribution.ts';
import { cliffsDelta, cohensH } from './effect-size.ts';

describe('cliffsDelta', () => {
  it('counts dominance over all pairs, ties included', () => {
    // current {2,3,4} vs baseline {1,2,3}: 6 pairs greater, 1 smaller, 2 ties → 5/9.
    const delta = cliffsDelta(fromWeighted([1, 2, 3], [1, 1, 1]), fromWeighted([2, 3, 4], [1, 1, 1]));
    expect(delta.value).toBeCloseTo(5 / 9, 10);
    expect(delta.magnitude).toBe('large');
  });

  it('is 0 for identical distributions, ±1 for disjoint ones, and honours weights', () => {
    const a = fromWeighted([5, 7], [10, 30]);
    expect(cliffsDelta(a, a).value).toBe(0);
    expect(cliffsDelta(fromWeighted([1], [3]), fromWeighted([9], [4])).value).toBe(1);
    expect(cliffsDelta(fromWeighted([9], [4]), fromWeighted([1], [3])).value).toBe(-1);
    expect(cliffsDelta(fromWeighted([1, 3], [1, 1]), fromWeighted([2], [8])).magnitude).toBe('negligible');
  });
});

describe('cohensH', () => {
  it('uses the arcsine transform and Cohen\'s labels', () => {
    expect(cohensH(0.5, 0.5).value).toBe(0);
    expect(cohensH(0.01, 0.05).value).toBeCloseTo(0.2510, 3);
    expect(cohensH(0.01, 0.05).magnitude).toBe('small');
    expect(cohensH(0.2, 0.5).magnitude).toBe('medium');
  });
});
