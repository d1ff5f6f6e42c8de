import type { StoredRun } from '../store.ts';
import type { RunPlan } from './run-plan.ts';

/**
 * A stored run of the generic engine: its id, creation time and plan, nothing rendered. The plan's path is shared
 * with other runs; only `offsets` (a few small integers) is the run's own.
 */
export class GenericRun implements StoredRun, RunPlan {
  touchedAt = 0;
  alive = true;

  constructor(
    readonly id: string,
    readonly seq: number,
    readonly createdAt: number,
    public path: readonly number[],
    public offsets: readonly number[],
  ) {}
}
