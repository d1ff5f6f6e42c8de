import type { Clock, TimerHandle } from './clock.ts';

/** Clock timers the simulator can cancel all at once when it closes. */
export class Scheduler {
  private readonly timers = new Set<TimerHandle>();

  constructor(readonly clock: Clock) {}

  /** Runs `fn` after `ms` of clock time; the handle cancels it. */
  after(ms: number, fn: () => void): TimerHandle {
    const handle: TimerHandle = {
      cancel: () => {
        inner.cancel();
        this.timers.delete(handle);
      },
    };
    const inner = this.clock.setTimeout(() => {
      this.timers.delete(handle);
      fn();
    }, ms);
    this.timers.add(handle);
    return handle;
  }

  /** Resolves after `ms` of clock time (never, if the scheduler is closed first). */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.after(ms, resolve);
    });
  }

  cancelAll(): void {
    for (const handle of [...this.timers]) handle.cancel();
  }
}
