import { describe, expect, it } from 'vitest';
import { VIRTUAL_EPOCH, createVirtualClock } from './clock.ts';

describe('virtual clock', () => {
  it('only moves when advanced, firing due timers in time order at their own time', () => {
    const clock = createVirtualClock();
    const fired: [string, number][] = [];
    clock.setTimeout(() => fired.push(['b', clock.now()]), 200);
    clock.setTimeout(() => fired.push(['a', clock.now()]), 100);
    const cancelled = clock.setTimeout(() => fired.push(['never', clock.now()]), 150);
    cancelled.cancel();
    expect(clock.now()).toBe(VIRTUAL_EPOCH);
    clock.advance(150);
    expect(fired).toEqual([['a', VIRTUAL_EPOCH + 100]]);
    clock.advance(100);
    expect(fired).toEqual([['a', VIRTUAL_EPOCH + 100], ['b', VIRTUAL_EPOCH + 200]]);
    expect(clock.now()).toBe(VIRTUAL_EPOCH + 250);
    expect(clock.pending()).toBe(0);
  });

  it('fires timers scheduled by timers within the same advance', () => {
    const clock = createVirtualClock(0);
    const fired: number[] = [];
    clock.setTimeout(() => clock.setTimeout(() => fired.push(clock.now()), 10), 10);
    clock.advance(100);
    expect(fired).toEqual([20]);
  });

  it('resolves whenPending once a timer is scheduled', async () => {
    const clock = createVirtualClock(0);
    let resolved = false;
    const waiting = clock.whenPending().then(() => { resolved = true; });
    await Promise.resolve();
    expect(resolved).toBe(false);
    clock.setTimeout(() => undefined, 5);
    await waiting;
    expect(resolved).toBe(true);
  });
});
