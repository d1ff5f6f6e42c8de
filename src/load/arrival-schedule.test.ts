import { describe, expect, it } from 'vitest';
import { fixedRate, ramp, type ArrivalSchedule } from './arrival-schedule.ts';

const all = (schedule: ArrivalSchedule): number[] => {
  const times: number[] = [];
  for (let at = schedule(); at !== undefined; at = schedule()) times.push(at);
  return times;
};

describe('arrival schedules', () => {
  it('paces a fixed rate evenly, never in bursts at the start of each second', () => {
    const times = all(fixedRate(50, 2_000));
    expect(times).toHaveLength(100);
    expect(times.slice(0, 3)).toEqual([0, 20, 40]);
    const gaps = times.slice(1).map((at, i) => at - times[i]!);
    expect(Math.min(...gaps)).toBeCloseTo(20);
    expect(Math.max(...gaps)).toBeCloseTo(20);
  });

  it('ramps linearly: the count of arrivals is the integral of the rate', () => {
    // 0 → 100/s over 2 s: ∫ = 100 arrivals, a quarter of them in the first half.
    const times = all(ramp(0, [{ durationMs: 2_000, toRate: 100 }], 2_000));
    expect(times.length).toBeGreaterThanOrEqual(99);
    expect(times.length).toBeLessThanOrEqual(100);
    expect(times.filter((at) => at < 1_000).length).toBeCloseTo(25, -1);
    const gaps = times.slice(1).map((at, i) => at - times[i]!);
    expect(gaps.at(-1)!).toBeLessThan(gaps[1]!);
  });

  it('scales ramp stages to the duration and holds flat stages at their rate', () => {
    const times = all(ramp(10, [{ durationMs: 1, toRate: 10 }, { durationMs: 1, toRate: 30 }], 4_000));
    // 10/s for 2 s, then 10 → 30/s for 2 s: 20 + 40 arrivals.
    expect(times.length).toBeGreaterThanOrEqual(59);
    expect(times.length).toBeLessThanOrEqual(60);
    expect(times.filter((at) => at < 2_000)).toHaveLength(20);
  });
});
