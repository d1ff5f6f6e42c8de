/** A cancellable handle returned by `Clock.setTimeout`. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Where the simulator reads time and schedules work. Run states are computed from `now()` at read time,
 * so a virtual clock moves every run without sleeping; timers are only used to delay responses.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Calls `fn` once, `ms` from now (in this clock's time). */
  setTimeout(fn: () => void, ms: number): TimerHandle;
}

/** Wall-clock time and Node timers (unref'd, so pending simulator work never keeps a process alive on its own). */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, Math.max(0, ms));
    return { cancel: () => clearTimeout(timer) };
  },
};

/** A clock that only moves when told to; timers fire in time order during `advance`. */
export interface VirtualClock extends Clock {
  readonly virtual: true;
  /** Moves time forward by `ms`, firing every timer that falls due (in order, each at its own time). */
  advance(ms: number): void;
  /** Moves time to `at` (never backwards). */
  advanceTo(at: number): void;
  /** Number of timers not yet fired or cancelled. */
  pending(): number;
  /** Resolves once at least `count` timers are pending (e.g. a delayed response has been scheduled). */
  whenPending(count?: number): Promise<void>;
}

interface VirtualTimer {
  at: number;
  order: number;
  fn: () => void;
  live: boolean;
}

/** Default start of virtual time: a fixed instant, so seeded runs render the same timestamps. */
export const VIRTUAL_EPOCH = Date.parse('2025-06-03T12:00:00.000Z');

/** Creates a virtual clock starting at `start` (ms since epoch). */
export function createVirtualClock(start: number = VIRTUAL_EPOCH): VirtualClock {
  let current = start;
  let order = 0;
  const timers: VirtualTimer[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];

  const livePending = () => timers.filter((timer) => timer.live).length;
  const notify = () => {
    const count = livePending();
    for (let i = waiters.length - 1; i >= 0; i--) {
      const waiter = waiters[i]!;
      if (count >= waiter.count) {
        waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  };

  const advanceTo = (target: number) => {
    for (;;) {
      let next: VirtualTimer | undefined;
      for (const timer of timers) {
        if (!timer.live || timer.at > target) continue;
        if (!next || timer.at < next.at || (timer.at === next.at && timer.order < next.order)) next = timer;
      }
      if (!next) break;
      next.live = false;
      timers.splice(timers.indexOf(next), 1);
      current = Math.max(current, next.at);
      next.fn();
    }
    current = Math.max(current, target);
  };

  return {
    virtual: true,
    now: () => current,
    setTimeout(fn, ms) {
      const timer: VirtualTimer = { at: current + Math.max(0, ms), order: order++, fn, live: true };
      timers.push(timer);
      notify();
      return {
        cancel() {
          if (!timer.live) return;
          timer.live = false;
          timers.splice(timers.indexOf(timer), 1);
        },
      };
    },
    advance: (ms) => advanceTo(current + Math.max(0, ms)),
    advanceTo,
    pending: livePending,
    whenPending(count = 1) {
      if (livePending() >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}
