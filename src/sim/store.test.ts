import { describe, expect, it } from 'vitest';
import { createVirtualClock } from './clock.ts';
import { RunStore, type StoredRun } from './store.ts';

class Run implements StoredRun {
  touchedAt = 0;
  alive = true;
  constructor(readonly id: string, readonly seq: number) {}
}

function fill(store: RunStore<Run>, ids: string[]): void {
  for (const id of ids) store.add(new Run(id, store.nextSeq()));
}

describe('run store', () => {
  it('tells its listeners of every run it lets go: evicted, expired, deleted, replaced or cleared, each once', () => {
    const clock = createVirtualClock();
    const store = new RunStore<Run>({ ttlMs: 1000, maxRuns: 2 }, clock);
    const forgotten: string[] = [];
    store.onForget((run) => forgotten.push(`${run.id}#${run.seq}`));
    fill(store, ['a', 'b', 'c']); // a evicted
    store.delete('b');
    store.add(new Run('c', store.nextSeq())); // the first c replaced
    fill(store, ['d']);
    clock.advance(1000);
    expect(store.get('d')).toBeUndefined(); // expired
    store.clear(); // the second c
    expect(forgotten).toEqual(['a#0', 'b#1', 'c#2', 'd#4', 'c#3']);
  });

  it('evicts the least recently used run beyond maxRuns', () => {
    const store = new RunStore<Run>({ ttlMs: 60_000, maxRuns: 3 }, createVirtualClock());
    fill(store, ['a', 'b', 'c']);
    store.get('a');
    fill(store, ['d']);
    expect(store.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((id) => store.get(id)?.id)).toEqual(['a', 'c', 'd']);
    expect(store.evicted).toBe(1);
    expect(store.size).toBe(3);
  });

  it('forgets runs idle for the TTL; reading a run keeps it alive', () => {
    const clock = createVirtualClock();
    const store = new RunStore<Run>({ ttlMs: 1000, maxRuns: 10 }, clock);
    fill(store, ['a', 'b']);
    clock.advance(600);
    store.get('a');
    clock.advance(600);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')?.id).toBe('a');
    expect(store.expired).toBe(1);
  });

  it('lists live runs newest first from a position, and oldest first after one', () => {
    const store = new RunStore<Run>({ ttlMs: 60_000, maxRuns: 100 }, createVirtualClock());
    fill(store, ['a', 'b', 'c', 'd']);
    store.delete('c');
    expect([...store.newestFirst()].map((run) => run.id)).toEqual(['d', 'b', 'a']);
    expect([...store.newestFirst(3)].map((run) => run.id)).toEqual(['b', 'a']);
    expect([...store.oldestFirst(0)].map((run) => run.id)).toEqual(['b', 'd']);
  });

  it('stays bounded and consistent through many insertions (index compaction)', () => {
    const store = new RunStore<Run>({ ttlMs: 60_000, maxRuns: 500 }, createVirtualClock());
    fill(store, Array.from({ length: 10_000 }, (_, index) => `r${index}`));
    expect(store.size).toBe(500);
    const listed = [...store.newestFirst()];
    expect(listed).toHaveLength(500);
    expect(listed[0]!.id).toBe('r9999');
    expect(listed.at(-1)!.id).toBe('r9500');
  });
});
