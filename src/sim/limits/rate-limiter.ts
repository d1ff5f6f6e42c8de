/** A request budget: at most `requests` per `windowMs`. */
export interface RateLimit {
  requests: number;
  windowMs: number;
}

/** Deck's documented limit: 200 requests per 10 seconds per organization. */
export const DECK_RATE_LIMIT: RateLimit = { requests: 200, windowMs: 10_000 };

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

  reset(): void {
    this.windows.clear();
  }
}
