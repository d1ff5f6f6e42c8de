import { isoTime, uuidFrom } from '../../ids.ts';
import type { Rng } from '../../random.ts';
import { agentStatusAt, type AgentPlan, type AgentRun } from './agent-run.ts';
import { FALLBACK_MODEL_ID, PRIMARY_MODEL_ID, creditsFor } from './task-run-render.ts';

/** The session a run belongs to: the continued one, or one derived from the run's seed. */
export function agentSessionId(scratch: Rng, run: AgentRun): string {
  if (run.continuedSession !== null) return run.continuedSession;
  scratch.reseed(run.seed ^ 0x5e55);
  return uuidFrom(scratch);
}

function cents(credits: string): number {
  return Math.round(Number(credits) * 100);
}

/**
 * Renders a TaskAgentRun at `now`. While running, usage is zero and credits null (as the spec's running
 * example); at the end tokens add up, model usage rows sum to the run's tokens and total credits include
 * the task tools' runs.
 */
export function renderAgentRun(scratch: Rng, userId: string, run: AgentRun, plan: AgentPlan, now: number): Record<string, unknown> {
  const offset = now - run.createdAt;
  const status = agentStatusAt(plan, offset);
  const ended = status === 'completed' || status === 'failed';
  const seen = plan.events.filter((event) => event.at <= offset);
  const lastActivity = seen.length > 0 ? run.createdAt + seen[seen.length - 1]!.at : run.createdAt;
  const finished = plan.tools.filter((tool) => seen.some((event) => event.type === 'tool_result' && event.tool === tool));
  const taskTools = finished.filter((tool) => tool.kind === 'task');
  const mcpTools = finished.filter((tool) => tool.kind === 'mcp');
  const input = ended ? plan.inputTokens : 0;
  const output = ended ? plan.outputTokens : 0;
  const charged = ended ? creditsFor(input + output) : null;
  const toolCents = taskTools.reduce((sum, tool) => sum + cents(creditsFor(tool.tokens)), 0);
  const duration = ended && plan.endAt !== undefined ? plan.endAt : null;
  const toolMs = finished.reduce((sum, tool) => sum + tool.durationMs, 0);
  const waitMs = plan.waitFrom !== undefined && plan.waitUntil !== undefined ? plan.waitUntil - plan.waitFrom : 0;
  const session = agentSessionId(scratch, run);
  scratch.reseed(run.seed ^ 0x1d1d);
  const invocation = `e-${uuidFrom(scratch)}`;
  return {
    id: run.id,
    task_agent_id: run.taskAgentId,
    session_id: session,
    user_id: userId,
    input_tokens: input,
    output_tokens: output,
    total_tokens: input + output,
    charged_credits: charged,
    created: isoTime(run.createdAt),
    completed: duration === null ? null : isoTime(run.createdAt + duration),
    duration_ms: duration,
    status,
    is_error: status === 'failed',
    task_tools_invoked: taskTools.map((tool) => ({ task_id: tool.taskId, task_run_id: tool.taskRunId, tool_name: tool.name, is_error: tool.isError, duration_ms: tool.durationMs })),
    task_agent_revision_id: run.revisionId,
    invocation_id: invocation,
    is_continuation: run.continuedSession !== null,
    primary_llm_model_id: PRIMARY_MODEL_ID,
    fallback_llm_model_id: FALLBACK_MODEL_ID,
    used_fallback_model: plan.usedFallback,
    primary_failure_reason: plan.usedFallback ? 'Primary model returned HTTP 429 (rate limited)' : null,
    total_charged_credits: charged === null ? null : ((cents(charged) + toolCents) / 100).toFixed(2),
    had_task_tool_fail: taskTools.some((tool) => tool.isError),
    had_mcp_tool_fail: mcpTools.some((tool) => tool.isError),
    had_integration_tool_fail: false,
    skills_activated: ended ? [] : null,
    mcp_tools_invoked: mcpTools.length === 0 ? null : mcpTools.map((tool) => ({ server_name: tool.server, tool_name: tool.name, is_error: tool.isError, duration_ms: tool.durationMs })),
    integration_tools_invoked: null,
    phase_timings: duration === null ? null : [
      { phase: 'llm', duration_ms: Math.max(0, duration - toolMs - plan.compactionMs - waitMs) },
      { phase: 'tool_execution', duration_ms: toolMs },
      ...(plan.compactionMs > 0 ? [{ phase: 'memory_compaction', duration_ms: plan.compactionMs }] : []),
      ...(waitMs > 0 ? [{ phase: 'waiting_for_human', duration_ms: waitMs }] : []),
    ],
    context_usage: ended ? { used_tokens: input, context_window_tokens: 200_000 } : null,
    termination_reason: !ended ? null : status === 'failed' ? 'tool_failure' : 'final_response',
    last_activity_at: isoTime(lastActivity),
    model_usages: !ended ? [] : plan.usedFallback
      ? [
        { llm_model_id: PRIMARY_MODEL_ID, input_tokens: 0, output_tokens: 0, charged_credits: '0.00' },
        { llm_model_id: FALLBACK_MODEL_ID, input_tokens: input, output_tokens: output, charged_credits: charged },
      ]
      : [{ llm_model_id: PRIMARY_MODEL_ID, input_tokens: input, output_tokens: output, charged_credits: charged }],
    files: [],
  };
}
