import { isTerminal, type Lifecycle } from '../../../core/lifecycle/lifecycle.ts';
import type { RunFate } from '../../faults/fault-plan.ts';
import { prefixedId } from '../../ids.ts';
import { pickWeighted } from '../../random.ts';
import type { RunStore } from '../../store.ts';
import { sampleDuration } from '../../timing/distribution.ts';
import type { ProviderSeeds } from '../runtime.ts';
import { StateError } from '../state-error.ts';
import type { DeckInteractionType } from './deck-content.ts';
import type { DeckOptions, DeckScenario } from './deck-options.ts';
import { DeckRun } from './deck-run.ts';
import { DECK_SIM_STATUSES, deckViewAt, type DeckStatus } from './deck-timeline.ts';
import { DECK_IDS } from './deck-requests.ts';

/** What a new run is made of. */
export interface NewDeckRun {
  taskId: string;
  credentialId: string | null;
  sourceId: string | null;
  sessionId: string | null;
  input: Record<string, unknown> | null;
  /** Undefined: drawn from the configured outcome mix with the run's seed. */
  scenario: DeckScenario | undefined;
  fate: RunFate;
  now: number;
  /** Use this id instead of drawing one (provider states). */
  id?: string;
}

/** Parameters of the Deck provider states that place a run in a given status. */
export interface PlaceDeckRunParams {
  run_id?: string;
  task_id?: string;
  /** Any status of the lifecycle; the API reference's `cancelling` places a `canceling` run. */
  status: string;
  /** For `completed`: success (default), failure or unknown. */
  result?: 'success' | 'failure' | 'unknown';
  /** For `failed`: why (default task_failed). */
  reason?: 'task_failed' | 'interaction_timeout';
  /** For `interaction_required`: the prompt's type (drawn from the seed when absent). */
  interaction?: DeckInteractionType;
  input?: Record<string, unknown>;
}

/** Creates, finds and places Deck runs. Schedules are drawn from the run's own seed, so a seed replays. */
export class DeckRuns {
  constructor(
    readonly store: RunStore<DeckRun>,
    private readonly options: DeckOptions,
    private readonly seeds: ProviderSeeds,
    /** The profile's lifecycle of Deck task runs. */
    readonly lifecycle: Lifecycle,
  ) {}

  /** Task of the runs provider states place without one. */
  get placedTaskId(): string {
    return this.options.taskId;
  }

  /** Creates and stores a run at `spec.now`, applying run faults: stuck wins, then fail, and drop sets a vanishing time. */
  create(spec: NewDeckRun): DeckRun {
    const seq = this.store.nextSeq();
    const seed = this.seeds.runSeed('deck-run', seq);
    // `derive` reseeds one shared scratch generator: draw the scenario before the schedule.
    const drawn = spec.scenario ?? pickWeighted(this.seeds.derive(seed, 2), this.options.outcomes, 'success');
    const rng = this.seeds.derive(seed, 1);
    const id = spec.id ?? prefixedId(rng, 'trun_');
    const timing = this.options.timing;
    const scale = this.options.timeScale;
    const scenario: DeckScenario = spec.fate.stuck ? 'stuck' : spec.fate.fail ? 'failed' : drawn;
    const queuedMs = sampleDuration(rng, timing.queued, scale);
    const runningMs = Math.max(1, sampleDuration(rng, timing.running, scale));
    const tailMs = Math.max(1, sampleDuration(rng, scenario === 'review' ? timing.review : timing.resume, scale));
    const cancelMs = Math.max(1, sampleDuration(rng, timing.canceling, scale));
    const run = new DeckRun(
      id, seq, seed, spec.now, spec.taskId, spec.credentialId, spec.sourceId, spec.sessionId, spec.input, scenario,
      queuedMs, runningMs, tailMs, cancelMs, Math.round(timing.interactionWindowMs * scale),
      spec.fate.dropAfterMs === undefined ? Number.POSITIVE_INFINITY : spec.now + spec.fate.dropAfterMs,
    );
    this.store.add(run);
    return run;
  }

  /** The run with this id, unless unknown, evicted, expired or dropped (a dropped run is forgotten on first miss). */
  find(id: string, now: number): DeckRun | undefined {
    const run = this.store.get(id);
    if (run !== undefined && now >= run.vanishAt) {
      this.store.delete(id);
      return undefined;
    }
    return run;
  }

  /** Stores a run whose schedule puts it in `params.status` at `now`, holding non-terminal statuses for the configured hold. */
  place(params: PlaceDeckRunParams, now: number): DeckRun {
    const asked = params.status === 'cancelling' ? 'canceling' : params.status;
    if (!this.lifecycle.statuses.includes(params.status) || !(DECK_SIM_STATUSES as readonly string[]).includes(asked)) {
      throw new StateError(`Unknown Deck status ${String(params.status)}; one of ${this.lifecycle.statuses.join(', ')}.`);
    }
    const status = asked as DeckStatus;
    if (params.run_id !== undefined && !DECK_IDS.run.test(params.run_id)) throw new StateError('run_id must look like trun_ followed by letters and digits.');
    if (params.task_id !== undefined && !DECK_IDS.task.test(params.task_id)) throw new StateError('task_id must look like task_ followed by letters and digits.');
    const hold = this.options.stateHoldMs;
    const scenarios: Record<DeckStatus, DeckScenario> = {
      queued: 'success', running: 'success', interaction_required: 'interaction', review_required: 'review',
      completed: params.result ?? 'success', failed: params.reason === 'interaction_timeout' ? 'interaction' : 'failed',
      canceling: 'success', canceled: 'success',
    };
    const createdAgo: Record<DeckStatus, number> = {
      queued: 0, running: 1000, interaction_required: 1500, review_required: 3000, completed: 5000, failed: 5000,
      canceling: 2000, canceled: 5000,
    };
    if (params.run_id !== undefined) this.store.delete(params.run_id);
    const run = this.create({
      id: params.run_id, taskId: params.task_id ?? this.options.taskId, credentialId: null, sourceId: null, sessionId: null,
      input: params.input ?? null, scenario: scenarios[status], fate: { stuck: false, fail: false, dropAfterMs: undefined },
      now: now - createdAgo[status],
    });
    run.queuedMs = status === 'queued' ? hold : 300;
    run.interactionType = params.interaction ?? null;
    switch (status) {
      case 'running': run.runningMs = hold + 700; break;
      case 'interaction_required': run.runningMs = 1000; run.windowMs = hold; break;
      case 'review_required': run.runningMs = 2000; run.tailMs = hold; break;
      case 'completed': run.runningMs = 3000; break;
      case 'failed':
        run.runningMs = 1000;
        if (params.reason === 'interaction_timeout') run.windowMs = 2000;
        break;
      case 'canceling':
        run.runningMs = hold;
        run.cancelMs = hold;
        run.addEvent({ kind: 'cancel', at: now - 500, wrong: false });
        break;
      case 'canceled':
        run.runningMs = hold;
        run.cancelMs = 1000;
        run.addEvent({ kind: 'cancel', at: now - 3000, wrong: false });
        break;
      default: break;
    }
    const reached = deckViewAt(run, now).status;
    if (reached !== status) throw new StateError(`Internal: placed run is ${reached}, not ${status}.`);
    return run;
  }

  /** True when the run's status at `now` is terminal. */
  isTerminalAt(run: DeckRun, now: number): boolean {
    return isTerminal(this.lifecycle, deckViewAt(run, now).status);
  }
}
