import { describe, expect, it } from 'vitest';
import { beta, gamma, normalQuantile, seededRandom } from './random.ts';

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
  });
});

describe('gamma and beta', () => {
  it('have the textbook means, for small and very large shapes', () => {
    const random = seededRandom(1);
    expect(mean(Array.from({ length: 20_000 }, () => gamma(random, 3)))).toBeCloseTo(3, 1);
    expect(mean(Array.from({ length: 20_000 }, () => beta(random, 2, 6)))).toBeCloseTo(0.25, 2);
    // The order statistic of the median of a million samples sits tightly at 0.5.
    const draws = Array.from({ length: 2000 }, () => beta(random, 500_000, 500_001));
    expect(mean(draws)).toBeCloseTo(0.5, 4);
    expect(Math.max(...draws.map((draw) => Math.abs(draw - 0.5)))).toBeLessThan(0.003);
  });
});

describe('normalQuantile', () => {
  it('matches the standard normal table', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 10);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(normalQuantile(1 - 0.05 / 48)).toBeCloseTo(3.0781, 3);
  });
});
