import type { Rng } from '../random.ts';
import type { LifecycleModel } from './lifecycle-model.ts';

/** Everything a stored run needs to answer any read: which states it enters, and when. */
export interface RunPlan {
  /** State indices in the order the run enters them; runs with the same path share one array. */
  readonly path: readonly number[];
  /** Ms after creation at which each state of `path` is entered; `offsets[0]` is 0. The last state holds for good. */
  readonly offsets: readonly number[];
}

/** How long a run stays in a state before its next move: clock ms, time scale applied, at least 1. */
export type HoldTime = (state: number, rng: Rng) => number;

/** What a plan must do besides following the lifecycle. */
export interface PlanRequest {
  /** End in this terminal state (a scenario picked it). */
  target?: number;
  /** Never end: the run stays in its last non-terminal state (an injected `stuck` fault). */
  stuck?: boolean;
  /** End in a failure state when there is one (an injected `fail` fault). */
  failure?: boolean;
  /** Move back once along the way, against the lifecycle (an injected `backward` fault): see `withMoveBack`. */
  backward?: boolean;
}

/**
 * Draws the terminal state a run ends in, by the model's weights. An injected failure (`failure`) ends in the first
 * failure state of the profile's list that is an outcome (`failed` rather than `cancelled`), when there is one.
 */
export function drawOutcome(model: LifecycleModel, rng: Rng, failure = false, from?: number): number {
  const outcomes = from === undefined ? model.outcomes : model.outcomes.filter((outcome) => model.distance[from]![outcome.state]! < Infinity);
  const failed = failure ? outcomes.find((outcome) => outcome.failure) : undefined;
  if (failed) return failed.state;
  const total = outcomes.reduce((sum, outcome) => sum + outcome.weight, 0);
  let roll = rng.next() * total;
  for (const outcome of outcomes) {
    roll -= outcome.weight;
    if (roll < 0) return outcome.state;
  }
  return outcomes[outcomes.length - 1]?.state ?? -1;
}

/** A seeded plan from an initial state, through non-terminal states along the transitions, to a drawn terminal state. */
export function planRun(model: LifecycleModel, rng: Rng, hold: HoldTime, request: PlanRequest = {}): RunPlan {
  const target = request.target ?? drawOutcome(model, rng, request.failure === true);
  const starts = model.initial.filter((state) => model.distance[state]![target]! < Infinity);
  const path = walk(model, rng.pick(starts.length > 0 ? starts : model.initial), target, rng);
  const stuck = request.stuck === true || (model.stuckShare > 0 && request.target === undefined && rng.chance(model.stuckShare));
  // A stuck run gets going and then never moves on: it stays in the state of its first move that does not end it.
  if (stuck) {
    const first = path.length > 1 && !model.terminal[path[1]!] ? path[1] : model.next[path[0]!]!.find((to) => !model.terminal[to] && !model.cancelOnly[to]);
    path.splice(1, path.length - 1, ...(first === undefined ? [] : [first]));
  }
  const planned = request.backward === true ? withMoveBack(model, path) : path;
  return { path: planned, offsets: offsetsOf(planned, 0, rng, hold) };
}

/**
 * The path with one illegal move in it: from its last working state back to the earliest state before it that the
 * lifecycle cannot reach from there, then the same way on again (pending → working → pending → working → done).
 * When every earlier state is reachable (or there is none), the run ends, reads back its state before the end, and
 * ends again: a terminal status that changes. Unchanged when the path is a single state.
 */
export function withMoveBack(model: LifecycleModel, path: readonly number[]): number[] {
  const last = model.terminal[path[path.length - 1]!] ? path.length - 2 : path.length - 1;
  if (last < 0) return [...path];
  const current = path[last]!;
  const back = path.slice(0, last).findIndex((state) => model.distance[current]![state] === Infinity);
  if (back !== -1) return [...path.slice(0, last + 1), ...path.slice(back)];
  if (last === path.length - 1) return [...path];
  return [...path, current, path[path.length - 1]!];
}

/** The index in `path` of the state a run is in `elapsed` ms after its creation. */
export function stepAt(offsets: readonly number[], elapsed: number): number {
  let step = 0;
  while (step + 1 < offsets.length && offsets[step + 1]! <= elapsed) step++;
  return step;
}

/**
 * The plan of a run cancelled `elapsed` ms after creation: what it went through so far, then the cancel path from
 * now on. Undefined when it cannot be cancelled: it has ended, it is already cancelling, or the kind has no cancel path.
 */
export function cancelPlan(model: LifecycleModel, plan: RunPlan, elapsed: number, rng: Rng, hold: HoldTime): RunPlan | undefined {
  const cancel = model.cancelPath;
  if (cancel === undefined) return undefined;
  const step = stepAt(plan.offsets, elapsed);
  const current = plan.path[step]!;
  if (model.terminal[current] || cancel.includes(current)) return undefined;
  const path = [...plan.path.slice(0, step + 1), ...cancel];
  const offsets = plan.offsets.slice(0, step + 1);
  let at = Math.max(elapsed, offsets[step]!);
  for (const state of cancel) {
    offsets.push(at);
    at += hold(state, rng);
  }
  return { path, offsets: offsets.slice() };
}

/**
 * The plan of a run that moves into `state` now, `elapsed` ms after creation (an answer the API was waiting for),
 * then on to a drawn outcome. Undefined when it has ended or cannot move into `state` from where it is.
 */
export function divertPlan(model: LifecycleModel, plan: RunPlan, elapsed: number, state: number, rng: Rng, hold: HoldTime): RunPlan | undefined {
  const step = stepAt(plan.offsets, elapsed);
  const current = plan.path[step]!;
  if (model.terminal[current] || !model.next[current]!.includes(state)) return undefined;
  const path = [...plan.path.slice(0, step + 1), state];
  const offsets = [...plan.offsets.slice(0, step + 1), Math.max(elapsed, plan.offsets[step]!)];
  const target = drawOutcome(model, rng, false, state);
  if (target !== -1) {
    let at = offsets[offsets.length - 1]! + hold(state, rng);
    for (const next of walk(model, state, target, rng).slice(1)) {
      path.push(next);
      offsets.push(at);
      at += hold(next, rng);
    }
  }
  return { path, offsets: offsets.slice() };
}

/**
 * The plan of a run that must have ended by `deadline` ms after creation (a timeout the request set): a run still
 * going then moves into `state` at the deadline. Undefined when it ends in time or cannot move into `state` then.
 */
export function deadlinePlan(model: LifecycleModel, plan: RunPlan, deadline: number, state: number): RunPlan | undefined {
  const last = plan.path.length - 1;
  if (model.terminal[plan.path[last]!] && plan.offsets[last]! <= deadline) return undefined;
  const step = stepAt(plan.offsets, deadline);
  const current = plan.path[step]!;
  if (model.terminal[current] || !model.next[current]!.includes(state)) return undefined;
  return { path: [...plan.path.slice(0, step + 1), state], offsets: [...plan.offsets.slice(0, step + 1), Math.max(deadline, plan.offsets[step]!)] };
}

/**
 * A plan that is in `state` at offset `enteredAt` (the caller backdates the creation by it): the shortest way there
 * from an initial state, `holdMs` in it, then on to a drawn outcome. For provider states that place a run.
 */
export function placePlan(model: LifecycleModel, state: number, holdMs: number, rng: Rng, hold: HoldTime): { plan: RunPlan; enteredAt: number } {
  const start = model.initial.reduce((best, candidate) => (model.distance[candidate]![state]! < model.distance[best]![state]! ? candidate : best));
  const path = [start];
  while (path[path.length - 1] !== state && path.length <= model.states.length) path.push(closerStep(model, path[path.length - 1]!, state));
  const offsets = offsetsOf(path, 0, rng, hold);
  const enteredAt = offsets[offsets.length - 1]!;
  if (model.terminal[state]) return { plan: { path, offsets }, enteredAt };
  const target = drawOutcome(model, rng, false, state);
  if (target === -1) return { plan: { path, offsets }, enteredAt };
  const rest = walk(model, state, target, rng).slice(1);
  let at = enteredAt + holdMs;
  for (const next of rest) {
    path.push(next);
    offsets.push(at);
    at += hold(next, rng);
  }
  return { plan: { path, offsets: offsets.slice() }, enteredAt };
}

/** Keeps one array per distinct path, so a million runs on a handful of paths share a handful of arrays. */
export class PathPool {
  private readonly paths = new Map<string, readonly number[]>();

  constructor(private readonly max = 10_000) {}

  intern(path: readonly number[]): readonly number[] {
    const key = path.join(',');
    const known = this.paths.get(key);
    if (known !== undefined) return known;
    if (this.paths.size < this.max) this.paths.set(key, path);
    return path;
  }
}

/**
 * A random walk to `target`: each move picks among the transitions that can still reach it (never another terminal
 * state, cancel-only states only when nothing else leads on). Past 2 × the state count it takes the shortest way,
 * so a lifecycle with loops (running ⇄ waiting) still ends.
 */
function walk(model: LifecycleModel, from: number, target: number, rng: Rng): number[] {
  const path = [from];
  const limit = model.states.length * 2;
  let current = from;
  while (current !== target && model.distance[current]![target]! < Infinity) {
    current = path.length <= limit ? pickNext(model, current, target, rng) : closerStep(model, current, target);
    path.push(current);
  }
  return path;
}

function pickNext(model: LifecycleModel, current: number, target: number, rng: Rng): number {
  const forward = model.next[current]!.filter((to) => model.distance[to]![target]! < Infinity && (to === target || !model.terminal[to]));
  const preferred = forward.filter((to) => to === target || !model.cancelOnly[to]);
  return rng.pick(preferred.length > 0 ? preferred : forward);
}

/** A move one step closer to `target` (not through the cancel path when another move is as close). */
function closerStep(model: LifecycleModel, current: number, target: number): number {
  const wanted = model.distance[current]![target]! - 1;
  const closer = model.next[current]!.filter((to) => model.distance[to]![target] === wanted);
  return closer.find((to) => !model.cancelOnly[to]) ?? closer[0]!;
}

/**
 * Cumulative entry times of a path from `start`: each state but the last is held for a drawn time. Sized exactly:
 * every stored run keeps this array, and one grown by `push` reserves room for 17 numbers.
 */
function offsetsOf(path: readonly number[], start: number, rng: Rng, hold: HoldTime): number[] {
  const offsets = new Array<number>(path.length);
  offsets[0] = start;
  for (let index = 1; index < path.length; index++) offsets[index] = offsets[index - 1]! + hold(path[index - 1]!, rng);
  return offsets;
}
