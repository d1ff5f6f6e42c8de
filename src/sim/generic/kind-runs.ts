import type { RunFate } from '../faults/fault-plan.ts';
import { StateError } from '../providers/state-error.ts';
import { Rng, mixSeed } from '../random.ts';
import type { RunStore } from '../store.ts';
import { sampleDuration, type DurationSpec } from '../timing/distribution.ts';
import { GenericRun } from './generic-run.ts';
import type { LifecycleModel } from './lifecycle-model.ts';
import type { RunIdGenerator } from './run-ids.ts';
import { PathPool, cancelPlan, deadlinePlan, divertPlan, placePlan, planRun, stepAt, type HoldTime, type PlanRequest } from './run-plan.ts';

/** Redraws of an id that is taken before the create gives up (ids are random; a clash is rare and bounded). */
const ID_ATTEMPTS = 8;
const CANCEL_SALT = 0xca9c;
const DIVERT_SALT = 0xd1e7;

/** What a kind's runs are drawn with. */
export interface KindTiming {
  /** Duration of each state, by name (`default` for the rest), before the time scale. */
  durations: Readonly<Record<string, DurationSpec>>;
  timeScale: number;
  /** How long a run placed by a provider state stays in a non-terminal state. */
  holdMs: number;
}

/** Creates, finds, cancels and places the runs of one run kind; each run is planned once, from its own seed. */
export class KindRuns {
  private readonly rng = new Rng(0);
  private readonly paths = new PathPool();
  private readonly hold: HoldTime;
  /** When runs with an injected `drop` fault vanish, by id: few runs have one, so it is kept off the run. */
  private readonly vanishAt = new Map<string, number>();

  constructor(
    readonly model: LifecycleModel,
    readonly store: RunStore<GenericRun>,
    private readonly ids: RunIdGenerator,
    /** The kind's seed: run n is planned from mixSeed(seed, n). */
    private readonly seed: number,
    private readonly timing: KindTiming,
  ) {
    const specs = model.states.map((state) => timing.durations[state] ?? timing.durations.default!);
    this.hold = (state, rng) => Math.max(1, sampleDuration(rng, specs[state]!, timing.timeScale));
  }

  /** Plans and stores a new run. `scenario` may name a terminal state to end in, or `stuck`. */
  create(now: number, fate: RunFate, scenario?: string): GenericRun {
    const seq = this.store.nextSeq();
    const rng = this.rng;
    rng.reseed(mixSeed(this.seed, seq));
    const id = this.freshId(rng, seq);
    const plan = planRun(this.model, rng, this.hold, this.planRequest(fate, scenario));
    const run = new GenericRun(id, seq, now, this.paths.intern(plan.path), plan.offsets);
    this.store.add(run);
    if (fate.dropAfterMs !== undefined) this.vanishAt.set(id, now + fate.dropAfterMs);
    else if (this.vanishAt.size > 0) this.vanishAt.delete(id);
    return run;
  }

  /** The run with this id, unless unknown, evicted, expired or dropped. */
  find(id: string, now: number): GenericRun | undefined {
    const run = this.store.get(id);
    if (run === undefined || this.vanishAt.size === 0) return run;
    const vanishAt = this.vanishAt.get(id);
    if (vanishAt !== undefined && now >= vanishAt) {
      this.store.delete(id);
      this.vanishAt.delete(id);
      return undefined;
    }
    return run;
  }

  /** Forgets every run. */
  clear(): void {
    this.store.clear();
    this.vanishAt.clear();
  }

  /** The index in the run's path of the state it is in at `now`. */
  stepOf(run: GenericRun, now: number): number {
    return stepAt(run.offsets, now - run.createdAt);
  }

  /** Moves the run onto the cancel path from `now`; false when it has ended or is already cancelling. */
  cancel(run: GenericRun, now: number): boolean {
    const rng = this.rng;
    rng.reseed(mixSeed(this.seed ^ CANCEL_SALT, run.seq));
    const plan = cancelPlan(this.model, run, now - run.createdAt, rng, this.hold);
    if (plan === undefined) return false;
    run.path = this.paths.intern(plan.path);
    run.offsets = plan.offsets;
    return true;
  }

  /** Moves the run into `state` now and on from there (an answer it waited for); false when it cannot move there now. */
  divert(run: GenericRun, now: number, state: string): boolean {
    const index = this.model.indexOf.get(state);
    const rng = this.rng;
    rng.reseed(mixSeed(this.seed ^ DIVERT_SALT, run.seq + run.path.length));
    const plan = index === undefined ? undefined : divertPlan(this.model, run, now - run.createdAt, index, rng, this.hold);
    if (plan === undefined) return false;
    run.path = this.paths.intern(plan.path);
    run.offsets = plan.offsets;
    return true;
  }

  /** Makes the run end in `state` at `deadlineMs` after its creation unless it ends by then (a request's timeout). */
  endBy(run: GenericRun, deadlineMs: number, state: string): void {
    const index = this.model.indexOf.get(state);
    const plan = index === undefined ? undefined : deadlinePlan(this.model, run, deadlineMs, index);
    if (plan === undefined) return;
    run.path = this.paths.intern(plan.path);
    run.offsets = plan.offsets;
  }

  /** Stores a run that is in `state` now (a provider state); it stays there for the hold time, then moves on. */
  place(state: string, now: number, id?: string): GenericRun {
    const index = this.model.indexOf.get(state);
    if (index === undefined) throw new StateError(`Unknown state "${state}" of run kind ${this.model.kind.name}. States: ${this.model.states.join(', ')}.`);
    if (!this.model.initial.some((start) => this.model.distance[start]![index]! < Infinity)) {
      throw new StateError(`No run of kind ${this.model.kind.name} can reach "${state}" from ${this.model.kind.lifecycle.initial.join(', ')}.`);
    }
    const seq = this.store.nextSeq();
    const rng = this.rng;
    rng.reseed(mixSeed(this.seed, seq));
    const runId = id ?? this.freshId(rng, seq);
    const { plan, enteredAt } = placePlan(this.model, index, this.timing.holdMs, rng, this.hold);
    if (id !== undefined) this.store.delete(id);
    const run = new GenericRun(runId, seq, now - enteredAt, this.paths.intern(plan.path), plan.offsets);
    this.store.add(run);
    return run;
  }

  private freshId(rng: Rng, seq: number): string {
    let id = this.ids.next(rng, seq);
    for (let attempt = 1; attempt < ID_ATTEMPTS && this.store.peek(id) !== undefined; attempt++) id = this.ids.next(rng, seq + attempt * 0x10000);
    return id;
  }

  /** An injected fault (stuck, fail) wins over the outcome a scenario picks: the fault counts must match what clients see. */
  private planRequest(fate: RunFate, scenario: string | undefined): PlanRequest {
    const target = scenario === undefined || fate.fail || fate.stuck ? undefined : this.model.indexOf.get(scenario);
    return {
      ...(target !== undefined && this.model.terminal[target] ? { target } : {}),
      stuck: fate.stuck || scenario === 'stuck',
      failure: fate.fail,
      backward: fate.backward,
    };
  }
}
