/** Cumulative counters sampled once a second; the timeline stores their per-second differences. */
export interface TimelineCounters {
  responses: number;
  errors: number;
  runsCreated: number;
  runsEnded: number;
}

/** One second of a load run: what happened in it, for rate-over-time charts. */
export interface TimelineBucket {
  second: number;
  requests: number;
  errors: number;
  runsCreated: number;
  runsCompleted: number;
}

/** Turns cumulative counter samples into per-second buckets. Sampling is cheap: four subtractions a second. */
export class Timeline {
  private readonly buckets: TimelineBucket[] = [];
  private previous: TimelineCounters = { responses: 0, errors: 0, runsCreated: 0, runsEnded: 0 };

  /** Called once per elapsed second (and once at the end) with the counters so far. */
  sample(counters: TimelineCounters): void {
    const last = this.previous;
    this.buckets.push({
      second: this.buckets.length + 1,
      requests: counters.responses - last.responses,
      errors: counters.errors - last.errors,
      runsCreated: counters.runsCreated - last.runsCreated,
      runsCompleted: counters.runsEnded - last.runsEnded,
    });
    this.previous = { ...counters };
  }

  toJSON(): TimelineBucket[] {
    return this.buckets.map((bucket) => ({ ...bucket }));
  }
}
