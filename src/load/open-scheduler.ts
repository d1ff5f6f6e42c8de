import type { ArrivalSchedule } from './arrival-schedule.ts';

/**
 * Fires arrivals at their due times whatever the responses do: a slow target never delays the next arrival.
 * Each arrival carries its due time (latency is measured from it); lateness is reported as generator lag.
 */
export class OpenScheduler {
  private timer: NodeJS.Timeout | undefined;
  private next: number | undefined;
  private startedAt = 0;
  private stopped = false;

  constructor(
    private readonly schedule: ArrivalSchedule,
    /** Called once per arrival with its due time (performance.now() clock); returns false to stop arriving. */
    private readonly arrive: (dueAt: number) => boolean,
    private readonly onLag: (lagMs: number) => void,
    private readonly onEnd: () => void,
  ) {}

  start(startedAt: number): void {
    this.startedAt = startedAt;
    this.next = this.schedule();
    this.tick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    const now = performance.now();
    while (!this.stopped && this.next !== undefined && this.startedAt + this.next <= now) {
      const dueAt = this.startedAt + this.next;
      this.onLag(now - dueAt);
      if (!this.arrive(dueAt)) this.next = undefined;
      else this.next = this.schedule();
    }
    if (this.stopped) return;
    if (this.next === undefined) {
      this.stopped = true;
      this.onEnd();
      return;
    }
    this.timer = setTimeout(this.tick, Math.max(0, this.startedAt + this.next - performance.now()));
  };
}
