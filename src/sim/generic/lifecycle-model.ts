import { RunwardenError } from '../../core/errors.ts';
import type { RunKind } from '../../core/profile/index.ts';

/** A terminal state a run may be planned to end in, with its weight among the outcomes. */
export interface Outcome {
  readonly state: number;
  readonly weight: number;
  readonly failure: boolean;
}

/**
 * A run kind's lifecycle as indexed tables, computed once: states by index, direct moves, which state reaches
 * which (and how far), and the weighted outcomes runs are planned towards. Plans store state indices only.
 */
export interface LifecycleModel {
  readonly kind: RunKind;
  readonly states: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly terminal: readonly boolean[];
  readonly initial: readonly number[];
  /** Direct transitions by state. */
  readonly next: readonly (readonly number[])[];
  /** `distance[a][b]`: fewest moves from a to b (0 for a itself), Infinity when b cannot be reached. */
  readonly distance: readonly (readonly number[])[];
  /** The states of the cancel path: a run walks them only when cancelled (or when nothing else leads on). */
  readonly cancelOnly: readonly boolean[];
  /** The states a cancel moves a run through; the profile's `cancel`, else its first failure state. */
  readonly cancelPath: readonly number[] | undefined;
  readonly outcomes: readonly Outcome[];
  /** The share of runs that never end (the `stuck` outcome weight); 0 by default. */
  readonly stuckShare: number;
}

/** Runs that end in a success state when no outcome weights are configured; failures share the rest. */
export const DEFAULT_SUCCESS_RATE = 0.9;

/**
 * Builds the model of a run kind. `weights` (by terminal state name, and `stuck`) replace the default mix; a state
 * they leave out weighs 0. CONFIG_INVALID when no terminal state can be reached from an initial one.
 */
export function lifecycleModel(kind: RunKind, weights: Readonly<Record<string, number>> | undefined, where: string): LifecycleModel {
  const { lifecycle } = kind;
  const states = [...lifecycle.statuses];
  const indexOf = new Map(states.map((state, index) => [state, index]));
  const terminal = states.map((state) => lifecycle.terminal.includes(state));
  const next = states.map((state) => (lifecycle.transitions[state] ?? []).map((to) => indexOf.get(to)!));
  const distance = states.map((_, from) => distancesFrom(from, next));
  const initial = lifecycle.initial.map((state) => indexOf.get(state)!);
  const cancelPath = (kind.cancelPath ?? (kind.cancel ? kind.failure.slice(0, 1) : undefined))?.map((state) => indexOf.get(state)!);
  // A state with the same moves in and out as one of the cancel path is another spelling of it (`cancelling`).
  const movesInto = (state: number) => next.flatMap((targets, from) => (targets.includes(state) ? [from] : [])).join(',');
  const mirrors = (a: number, b: number) => next[a]!.join(',') === next[b]!.join(',') && movesInto(a) === movesInto(b);
  const cancelOnly = states.map((_, index) => cancelPath?.some((state) => state === index || (!terminal[index] && mirrors(state, index))) === true);
  const reachable = (state: number) => initial.some((start) => distance[start]![state]! < Infinity);
  const successes = kind.success.map((state) => indexOf.get(state)!).filter(reachable);
  let failures = kind.failure.map((state) => indexOf.get(state)!).filter(reachable);
  // A run cancels itself only when cancelling is the only way it can fail.
  if (failures.some((state) => !cancelOnly[state])) failures = failures.filter((state) => !cancelOnly[state]);
  if (successes.length === 0 && failures.length === 0) {
    throw new RunwardenError('CONFIG_INVALID', `${where}: run kind "${kind.name}" can never end: no success or failure state is reachable from ${lifecycle.initial.join(', ')}`,
      'Add transitions from the initial states towards a success or failure state (docs/config.md#lifecycle).');
  }
  const successShare = failures.length === 0 ? 1 : successes.length === 0 ? 0 : DEFAULT_SUCCESS_RATE;
  const defaults: Outcome[] = [
    ...successes.map((state) => ({ state, weight: successShare / successes.length, failure: false })),
    ...failures.map((state) => ({ state, weight: (1 - successShare) / failures.length, failure: true })),
  ];
  const configured = weights === undefined ? [] : [...kind.success, ...kind.failure]
    .map((name) => ({ state: indexOf.get(name)!, weight: Math.max(0, Object.hasOwn(weights, name) ? weights[name]! : 0), failure: kind.failure.includes(name) }))
    .filter((outcome) => outcome.weight > 0 && reachable(outcome.state));
  const stuck = Math.max(0, weights?.stuck ?? 0);
  const total = configured.reduce((sum, outcome) => sum + outcome.weight, 0) + stuck;
  const outcomes = configured.length > 0 ? configured : defaults;
  return { kind, states, indexOf, terminal, initial, next, distance, cancelOnly, cancelPath, outcomes, stuckShare: total > 0 ? stuck / total : 0 };
}

/** Breadth-first distances from one state over the direct transitions. */
function distancesFrom(from: number, next: readonly (readonly number[])[]): number[] {
  const distance = next.map(() => Infinity);
  distance[from] = 0;
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    for (const to of next[state]!) {
      if (distance[to] !== Infinity) continue;
      distance[to] = distance[state]! + 1;
      queue.push(to);
    }
  }
  return distance;
}
