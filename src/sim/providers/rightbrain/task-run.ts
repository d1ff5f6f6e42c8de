import type { RightbrainTaskScenario } from './rightbrain-options.ts';
import type { StoredRun } from '../../store.ts';

/**
 * A stored Rightbrain task run. Run Task is synchronous, so a run is stored once finished and never changes;
 * its body is rendered from these fields and its seed.
 */
export class TaskRun implements StoredRun {
  touchedAt = 0;
  alive = true;

  constructor(
    readonly id: string,
    readonly seq: number,
    readonly seed: number,
    readonly createdAt: number,
    readonly orgId: string,
    readonly projectId: string,
    readonly taskId: string,
    /** The revision asked for with `revision_id`; the task's active revision otherwise. */
    readonly revisionId: string | null,
    readonly scenario: RightbrainTaskScenario,
    /** True when the caller asked for the fallback model (`use_fallback_model=true`). */
    readonly fallbackRequested: boolean,
    readonly llmMs: number,
    readonly inputTokens: number,
    readonly taskInput: Record<string, unknown>,
    readonly fileNames: string[],
    readonly reference: string | null,
    readonly reportingGroup: string | null,
    public vanishAt: number,
  ) {}
}
