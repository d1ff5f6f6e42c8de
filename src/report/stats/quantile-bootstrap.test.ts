import { describe, expect, it } from 'vitest';
import { sampleLatencies } from '../testing/fixtures.ts';
import { fromWeighted, type Distribution } from './distribution.ts';
import { bootstrapQuantileShift } from './quantile-bootstrap.ts';
import { seededRandom } from './random.ts';

function distribution(samples: number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  return fromWeighted(sorted, sorted.map(() => 1));
}

describe('bootstrapQuantileShift', () => {
  it('covers the true shift of the median about as often as its level promises', () => {
    const random = seededRandom(3);
    let covered = 0;
    const trials = 200;
    for (let trial = 0; trial < trials; trial++) {
      const baseline = distribution(sampleLatencies(random, 400, 50));
      const current = distribution(sampleLatencies(random, 400, 60));
      const shift = bootstrapQuantileShift(baseline, current, 0.5, { resamples: 1000, alpha: 0.1, random });
      if (shift.difference.low <= 10 && shift.difference.high >= 10) covered++;
    }
    // Nominal 90 %; allow for Monte Carlo error.
    expect(covered / trials).toBeGreaterThan(0.82);
    expect(covered / trials).toBeLessThanOrEqual(0.97);
  });

  it('narrows as samples grow', () => {
    const random = seededRandom(4);
    const width = (n: number) => {
      const shift = bootstrapQuantileShift(distribution(sampleLatencies(random, n, 50)), distribution(sampleLatencies(random, n, 50)), 0.99, { resamples: 2000, alpha: 0.05, random });
      return shift.difference.high - shift.difference.low;
    };
    expect(width(20_000)).toBeLessThan(width(500) / 3);
  });
});
