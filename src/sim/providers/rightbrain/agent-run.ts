import type { StoredRun } from '../../store.ts';
import type { RightbrainAgentScenario } from './rightbrain-options.ts';

/** The statuses a task-agent run's plan moves it through (the profile's lifecycle must list them). */
export const AGENT_SIM_STATUSES = ['running', 'waiting_for_human', 'completed', 'failed'] as const;
export type RightbrainAgentStatus = (typeof AGENT_SIM_STATUSES)[number];

/** A stored Rightbrain task-agent run: identity and seed; its events are re-planned from the seed on read. */
export class AgentRun implements StoredRun {
  touchedAt = 0;
  alive = true;

  constructor(
    readonly id: string,
    readonly seq: number,
    readonly seed: number,
    readonly createdAt: number,
    readonly orgId: string,
    readonly projectId: string,
    readonly taskAgentId: string,
    /** The session continued by this run, or null for a new session (derived from the seed). */
    readonly continuedSession: string | null,
    readonly scenario: RightbrainAgentScenario,
    readonly revisionId: string | null,
    readonly messageTokens: number,
    public vanishAt: number,
    /** Provider states pin the waiting_for_human pause to this length (ms); 0 draws it from the seed. */
    public waitOverrideMs = 0,
  ) {}
}

/** One tool the agent uses. */
export interface ToolUse {
  kind: 'task' | 'mcp';
  name: string;
  server: string | undefined;
  isError: boolean;
  durationMs: number;
  taskId: string | undefined;
  taskRunId: string | undefined;
  tokens: number;
}

/** One stream event, `at` ms after the run was created. */
export interface AgentEvent {
  at: number;
  type: 'session_id' | 'tool_call' | 'tool_result' | 'text_chunk' | 'memory_compaction' | 'done' | 'error';
  tool?: ToolUse;
}

/** Everything a run does, derived from its seed and scenario. */
export interface AgentPlan {
  events: AgentEvent[];
  /** Offsets of the waiting_for_human pause, when the scenario has one. */
  waitFrom: number | undefined;
  waitUntil: number | undefined;
  /** Offset of the terminal event; undefined for a run that never ends. */
  endAt: number | undefined;
  failed: boolean;
  tools: ToolUse[];
  inputTokens: number;
  outputTokens: number;
  usedFallback: boolean;
  compactionMs: number;
}

/** Status of a run at `offset` ms after its creation. */
export function agentStatusAt(plan: AgentPlan, offset: number): RightbrainAgentStatus {
  if (plan.endAt !== undefined && offset >= plan.endAt) return plan.failed ? 'failed' : 'completed';
  if (plan.waitFrom !== undefined && plan.waitUntil !== undefined && offset >= plan.waitFrom && offset < plan.waitUntil) return 'waiting_for_human';
  return 'running';
}
