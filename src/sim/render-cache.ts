/**
 * Serialized bodies of runs that can no longer change (terminal runs), keyed by run and rendering variant.
 * Bounded (oldest entries go first), so it speeds up repeated polls without growing with the store.
 */
export class RenderCache {
  private readonly entries = new Map<string | number, string>();

  constructor(private readonly max = 10_000) {}

  get(key: string | number): string | undefined {
    return this.entries.get(key);
  }

  set(key: string | number, text: string): string {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string | number);
    this.entries.set(key, text);
    return text;
  }

  clear(): void {
    this.entries.clear();
  }
}
