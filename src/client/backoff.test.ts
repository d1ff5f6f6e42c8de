import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

const policy = { initialMs: 100, factor: 2, maxMs: 1_000, jitter: 0.5 };

describe('backoffDelay', () => {
  it('grows exponentially up to the cap when jitter draws zero', () => {
    expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, policy, () => 0))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('keeps every jittered delay within [base × (1 − jitter), base]', () => {
    let seed = 7;
    const random = (): number => { seed = (seed * 16807) % 2147483647; return (seed - 1) / 2147483646; };
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const base = Math.min(1_000, 100 * 2 ** attempt);
      for (let sample = 0; sample < 200; sample += 1) {
        const delay = backoffDelay(attempt, policy, random);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.5));
        expect(delay).toBeLessThanOrEqual(base);
      }
    }
  });

  it('reaches the lower bound when the random draw is at its maximum', () => {
    expect(backoffDelay(2, policy, () => 1)).toBe(200);
  });

  it('never jitters when jitter is 0 and clamps jitter above 1', () => {
    expect(backoffDelay(1, { ...policy, jitter: 0 }, () => 0.9)).toBe(200);
    expect(backoffDelay(1, { ...policy, jitter: 5 }, () => 1)).toBe(0);
  });
});
