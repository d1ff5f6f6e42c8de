/**
 * Serialized bodies of runs that can no longer change (terminal runs), keyed by run and rendering variant.
 * Bounded (oldest entries go first), and its owner deletes a run's entry when the run store lets the run go
 * (`RunStore.onForget`), so it never holds bodies of runs the store has forgotten.
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

  delete(key: string | number): void {
    this.entries.delete(key);
  }

  /** Bodies held now. */
  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
