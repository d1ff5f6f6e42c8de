/**
 * Rate limits a provider state declared exhausted: the next `requests` requests to the provider (until `until`,
 * if set) answer 429 in its documented shape. Not a fault: nothing is counted.
 */
export class ExhaustedLimits {
  private readonly entries = new Map<string, { remaining: number; until: number }>();

  exhaust(provider: string, requests: number, until: number): void {
    this.entries.set(provider, { remaining: requests, until });
  }

  /** True (and one request used up) when the provider's limit is exhausted at `now`. */
  take(provider: string, now: number): boolean {
    const entry = this.entries.get(provider);
    if (entry === undefined) return false;
    if (entry.remaining <= 0 || now >= entry.until) {
      this.entries.delete(provider);
      return false;
    }
    entry.remaining--;
    return true;
  }

  /** Forgets one provider's exhausted limit, or every provider's. */
  clear(provider?: string): void {
    if (provider === undefined) this.entries.clear();
    else this.entries.delete(provider);
  }
}
