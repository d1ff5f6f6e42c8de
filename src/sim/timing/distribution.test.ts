import { describe, expect, it } from 'vitest';
import { Rng } from '../random.ts';
import { sampleDuration } from './distribution.ts';

describe('log-normal durations', () => {
  it('have the configured median and p99 (within sampling error), multiplied by the time scale', () => {
    const rng = new Rng(42);
    const draws = Array.from({ length: 20_000 }, () => sampleDuration(rng, { medianMs: 1000, p99Ms: 3000 }, 1)).sort((a, b) => a - b);
    expect(draws[10_000]! / 1000).toBeCloseTo(1, 1);
    expect(draws[19_800]! / 3000).toBeGreaterThan(0.9);
    expect(draws[19_800]! / 3000).toBeLessThan(1.1);
    const scaled = sampleDuration(new Rng(7), { medianMs: 1000, p99Ms: 3000 }, 0.1);
    expect(scaled).toBe(Math.round(sampleDuration(new Rng(7), { medianMs: 1000, p99Ms: 3000 }, 1) / 10));
  });

  it('replay the same sequence for the same seed', () => {
    const draw = (seed: number) => { const rng = new Rng(seed); return Array.from({ length: 5 }, () => sampleDuration(rng, { medianMs: 200, p99Ms: 800 }, 1)); };
    expect(draw(9)).toEqual(draw(9));
    expect(draw(9)).not.toEqual(draw(10));
  });
});
