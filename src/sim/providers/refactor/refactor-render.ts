import { hexId, isoTime, uuidFrom } from '../../ids.ts';
import type { SeededFaker } from '../../seeded-faker.ts';
import type { Rng } from '../../random.ts';
import { partialOutputs, plannedUsage, runnableNodes, runnableOutputs, usageAt, usageTotals } from './refactor-content.ts';
import type { RefactorRun, RefactorView } from './refactor-run.ts';

/** Identity shared by every run the simulator serves (one account, one user). */
export interface RefactorIdentity {
  accountId: string;
  userId: string;
}

const FAILURES = [
  { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred in the system while executing the run.' },
  { code: 'RESOURCE_NOT_FOUND', message: 'A resource bound to the run was not found.' },
  { code: 'INVALID_INPUT', message: 'The provided input was invalid or malformed for this runnable.' },
] as const;

/** Renders a re-factor Run at `view`: totals are the sums of `result.usage`, cost follows the price table. */
export function renderRefactorRun(seeded: SeededFaker, scratch: Rng, identity: RefactorIdentity, run: RefactorRun, view: RefactorView): Record<string, unknown> {
  scratch.reseed(run.seed ^ 0x7e1e);
  const spanId = hexId(scratch, 16);
  const resultId = uuidFrom(scratch);
  const usagePlan = plannedUsage(scratch);
  const failure = scratch.pick(FAILURES);
  const nodes = runnableNodes(run.runnableId);
  const usage = view.status === 'cancelled' ? [] : usageAt(usagePlan, view.progress);
  const totals = usageTotals(usage);
  const done = Math.min(nodes.length, Math.floor(nodes.length * view.progress));
  let state: Record<string, unknown>;
  if (view.status === 'waiting') {
    state = { awaiting_input: { name: 'approval', prompt: `Approve the proposed action of step ${done + 1}?` }, steps_completed: done };
  } else if (view.status === 'running') {
    state = { current_node: nodes[done] ?? nodes[nodes.length - 1], completed_nodes: nodes.slice(0, done) };
  } else {
    state = view.status === 'completed' ? { completed_nodes: nodes } : { completed_nodes: nodes.slice(0, done) };
  }
  let result: Record<string, unknown> | null = null;
  if (view.status !== 'cancelled' && (view.progress > 0 || view.status !== 'running')) {
    const outputs = view.status === 'completed' ? runnableOutputs(seeded, run.seed, run.runnableId)
      : view.status === 'failed' || view.status === 'timeout' ? {}
        : partialOutputs(runnableOutputs(seeded, run.seed, run.runnableId), view.progress);
    result = {
      id: resultId,
      outputs,
      metadata: view.status === 'completed' ? { runnable_version: 1 + (run.seed >>> 0) % 9 } : {},
      usage,
      error: view.status === 'failed' ? { ...failure }
        : view.status === 'timeout' ? { code: 'TIMEOUT', message: run.timeoutMs > 0 ? `Run exceeded its timeout of ${Math.round(run.timeoutMs / 1000)} seconds.` : 'Run exceeded its maximum execution time.' }
          : null,
    };
  }
  return {
    id: run.id,
    account_id: identity.accountId,
    status: view.status,
    created_at: isoTime(run.createdAt),
    parent_run_id: null,
    runnable_id: run.runnableId,
    telemetry_span_id: run.telemetry === 'disable' ? null : spanId,
    experiment_id: null,
    experiment_candidate_id: null,
    state,
    created_by: identity.userId,
    completed_at: view.completedAt === null ? null : isoTime(view.completedAt),
    failed_at: view.failedAt === null ? null : isoTime(view.failedAt),
    total_input_tokens: totals.input,
    total_cached_tokens: totals.cached,
    total_output_tokens: totals.output,
    total_token_cost_usd: totals.costUsd,
    result,
    metadata: {},
  };
}
