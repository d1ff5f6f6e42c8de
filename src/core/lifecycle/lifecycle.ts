/**
 * A provider's run lifecycle: its statuses, where runs start, where they end, and the direct moves between them.
 * Built from a provider profile's data (`lifecycleFromDefinition`) and shared by the simulator (to drive runs), the poller (to know when to stop)
 * and the lifecycle check (to flag `completed → running`).
 */
export interface Lifecycle<S extends string = string> {
  readonly name: string;
  readonly statuses: readonly S[];
  readonly initial: readonly S[];
  readonly terminal: readonly S[];
  /** Direct transitions; a poller may observe any state reachable through them. */
  readonly transitions: Readonly<Record<S, readonly S[]>>;
  /** The run's status in a response body, or undefined when the body carries none. */
  statusOf(body: unknown): string | undefined;
  /** The run's timestamps present in a response body, in the order they must happen (e.g. created before ended). */
  timestampsOf(body: unknown): ReadonlyArray<{ field: string; value: string }>;
}

/** Builds a lifecycle and checks its table is closed (every target is a known status). */
export function defineLifecycle<S extends string>(lifecycle: Lifecycle<S>): Lifecycle<S> {
  for (const [from, targets] of Object.entries(lifecycle.transitions) as [S, readonly S[]][]) {
    for (const to of targets) {
      if (!lifecycle.statuses.includes(to)) throw new Error(`${lifecycle.name}: ${from} → ${to} targets an unknown status`);
    }
  }
  return lifecycle;
}

export function isTerminal(lifecycle: Lifecycle, status: string): boolean {
  return (lifecycle.terminal as readonly string[]).includes(status);
}

/** All statuses reachable from `from` in one or more steps. */
export function reachableFrom(lifecycle: Lifecycle, from: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...((lifecycle.transitions as Record<string, readonly string[]>)[from] ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...((lifecycle.transitions as Record<string, readonly string[]>)[next] ?? []));
  }
  return seen;
}
