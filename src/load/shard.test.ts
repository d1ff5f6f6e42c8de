import { describe, expect, it } from 'vitest';
import { RunwardenError } from '../core/errors.ts';
import { fixedRate, ramp, type ArrivalSchedule } from './arrival-schedule.ts';
import { parseShard, shardSchedule, shareOf, type Shard } from './shard.ts';

const drain = (schedule: ArrivalSchedule): number[] => {
  const out: number[] = [];
  for (let at = schedule(); at !== undefined && out.length < 100_000; at = schedule()) out.push(at);
  return out;
};
const shards = (count: number): Shard[] => Array.from({ length: count }, (_, i) => ({ index: i + 1, count, runId: 'r1' }));

describe('parseShard', () => {
  it('reads i/n with the run id', () => {
    expect(parseShard('2/4', 'ci-17')).toEqual({ index: 2, count: 4, runId: 'ci-17' });
    expect(parseShard(' 1 / 1 ', 'x')).toEqual({ index: 1, count: 1, runId: 'x' });
  });

  it.each(['0/4', '5/4', '1/0', '2', 'a/b', '1/2000', '-1/2'])('refuses %s with a usage error naming the flag', (text) => {
    expect(() => parseShard(text, 'r')).toThrowError(RunwardenError);
    expect(() => parseShard(text, 'r')).toThrow(/--shard must be i\/n/);
  });

  it('refuses a run id that could not name a file or a Kubernetes label', () => {
    expect(() => parseShard('1/2', 'a b')).toThrow(/run id/);
    expect(() => parseShard('1/2', '')).toThrow(/run id/);
  });
});

describe('shareOf', () => {
  it('splits any total into shares that add up to it and differ by at most one', () => {
    for (const total of [0, 1, 3, 10, 11, 97]) {
      for (const count of [1, 2, 3, 4, 7]) {
        const shares = shards(count).map((shard) => shareOf(total, shard));
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      }
    }
    expect(shareOf(10, undefined)).toBe(10);
  });
});

describe('shardSchedule', () => {
  const schedules: Array<[string, () => ArrivalSchedule]> = [
    ['fixed rate', () => fixedRate(37, 2_000)],
    ['ramp', () => ramp(5, [{ durationMs: 1_000, toRate: 80 }, { durationMs: 1_000, toRate: 10 }], 3_000)],
  ];

  it.each(schedules)('%s: the shards\' arrivals are disjoint and together are the unsharded schedule, at the same due times', (_, make) => {
    const full = drain(make());
    expect(full.length).toBeGreaterThan(50);
    for (const count of [2, 3, 4]) {
      const slices = shards(count).map((shard) => drain(shardSchedule(make(), shard)));
      // Arrival k goes to shard (k mod n) + 1: the slices interleave back into the full list exactly.
      slices.forEach((slice, s) => expect(slice).toEqual(full.filter((_, k) => k % count === s)));
      expect(slices.flat().sort((a, b) => a - b)).toEqual(full);
    }
  });

  it('leaves the schedule alone without a shard or with one shard', () => {
    expect(drain(shardSchedule(fixedRate(10, 1_000), undefined))).toEqual(drain(fixedRate(10, 1_000)));
    expect(drain(shardSchedule(fixedRate(10, 1_000), { index: 1, count: 1, runId: 'r' }))).toEqual(drain(fixedRate(10, 1_000)));
  });
});
