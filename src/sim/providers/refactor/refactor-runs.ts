import type { RunFate } from '../../faults/fault-plan.ts';
import { isUuid, uuidFrom } from '../../ids.ts';
import { pickWeighted } from '../../random.ts';
import type { RunStore } from '../../store.ts';
import { sampleDuration } from '../../timing/distribution.ts';
import type { ProviderSeeds } from '../runtime.ts';
import { StateError } from '../state-error.ts';
import type { RefactorOptions, RefactorScenario } from './refactor-options.ts';
import { REFACTOR_SIM_STATUSES, RefactorRun, refactorViewAt, type RefactorStatus, type TelemetryStrategy } from './refactor-run.ts';

/** What a new run is made of. */
export interface NewRefactorRun {
  runnableId: string;
  scenario: RefactorScenario | undefined;
  timeoutSeconds: number;
  telemetry: TelemetryStrategy;
  fate: RunFate;
  now: number;
  id?: string;
}

/** Parameters of the re-factor states that place a run in a status. */
export interface PlaceRefactorRunParams {
  id?: string;
  runnable_id?: string;
  /** Any status of the lifecycle. */
  status: string;
}

/** Creates, finds and places re-factor runs. */
export class RefactorRuns {
  constructor(
    readonly store: RunStore<RefactorRun>,
    private readonly options: RefactorOptions,
    private readonly seeds: ProviderSeeds,
    /** The statuses of the profile's lifecycle. */
    readonly statuses: readonly string[],
  ) {}

  /** Runnable of the runs provider states place without one. */
  get placedRunnableId(): string {
    return this.options.runnableId;
  }

  /** Creates and stores a run; a stuck fate wins over fail, drop sets a vanishing time. */
  create(spec: NewRefactorRun): RefactorRun {
    const seq = this.store.nextSeq();
    const seed = this.seeds.runSeed('refactor-run', seq);
    const drawn = spec.scenario ?? pickWeighted(this.seeds.derive(seed, 2), this.options.outcomes, 'completed');
    const scenario: RefactorScenario = spec.fate.stuck ? 'stuck' : spec.fate.fail ? 'failed' : drawn;
    const rng = this.seeds.derive(seed, 1);
    const id = spec.id ?? uuidFrom(rng);
    const timing = this.options.timing;
    const runningMs = Math.max(2, sampleDuration(rng, timing.running, this.options.timeScale));
    const waitMs = Math.max(1, sampleDuration(rng, timing.waiting, this.options.timeScale));
    const run = new RefactorRun(
      id, seq, seed, spec.now, spec.runnableId, scenario, runningMs, Math.floor(runningMs * (0.3 + 0.4 * rng.next())), waitMs,
      spec.timeoutSeconds * 1000, spec.telemetry,
      spec.fate.dropAfterMs === undefined ? Number.POSITIVE_INFINITY : spec.now + spec.fate.dropAfterMs,
    );
    this.store.add(run);
    return run;
  }

  /** The run with this id, unless unknown, evicted, expired or dropped. */
  find(id: string, now: number): RefactorRun | undefined {
    const run = this.store.get(id);
    if (run !== undefined && now >= run.vanishAt) {
      this.store.delete(id);
      return undefined;
    }
    return run;
  }

  /** Stores a run whose schedule puts it in `params.status` at `now` (non-terminal statuses hold for the configured hold). */
  place(params: PlaceRefactorRunParams, now: number): RefactorRun {
    if (!this.statuses.includes(params.status) || !(REFACTOR_SIM_STATUSES as readonly string[]).includes(params.status)) {
      throw new StateError(`Unknown re-factor status ${String(params.status)}; one of ${this.statuses.join(', ')}.`);
    }
    const status = params.status as RefactorStatus;
    if (params.id !== undefined && !isUuid(params.id)) throw new StateError('id must be a UUID.');
    if (params.runnable_id !== undefined && !isUuid(params.runnable_id)) throw new StateError('runnable_id must be a UUID.');
    const hold = this.options.stateHoldMs;
    const scenarios: Record<RefactorStatus, RefactorScenario> = {
      running: 'completed', waiting: 'waiting', completed: 'completed', failed: 'failed', cancelled: 'cancelled', timeout: 'timeout',
    };
    const terminal = status !== 'running' && status !== 'waiting';
    if (params.id !== undefined) this.store.delete(params.id);
    const run = this.create({
      id: params.id, runnableId: params.runnable_id ?? this.options.runnableId, scenario: scenarios[status],
      timeoutSeconds: status === 'timeout' ? 2 : 0, telemetry: 'default',
      fate: { stuck: false, fail: false, dropAfterMs: undefined }, now: terminal ? now - 5000 : now - 1000,
    });
    if (terminal) run.runningMs = 3000;
    else if (status === 'running') run.runningMs = hold + 1000;
    else {
      run.runningMs = 2000;
      run.waitAfterMs = 500;
      run.waitMs = hold;
    }
    const reached = refactorViewAt(run, now).status;
    if (reached !== status) throw new StateError(`Internal: placed run is ${reached}, not ${status}.`);
    return run;
  }
}
