/** A request budget: at most `requests` per `windowMs`. */
export interface RateLimit {
  requests: number;
  windowMs: number;
}

/** Fixed-window request counter per key (the bearer token stands for the organization). */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limit: RateLimit) {}

  /** Counts one request; false when it exceeds the budget of its window. */
  allow(key: string, now: number): boolean {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.limit.windowMs) {
      if (this.windows.size > 10_000) this.windows.clear();
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    return window.count <= this.limit.requests;
  }

  /** The budget in words: `200 requests per 10 seconds`. */
  describe(): string {
    const seconds = this.limit.windowMs / 1000;
    return `${this.limit.requests} request${this.limit.requests === 1 ? '' : 's'} per ${seconds} second${seconds === 1 ? '' : 's'}`;
  }

  reset(): void {
    this.windows.clear();
  }
}
