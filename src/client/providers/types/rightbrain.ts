/** Rightbrain task-agent run statuses (`specs/rightbrain.profile.yaml`). */
export type RightbrainAgentStatus = 'running' | 'waiting_for_human' | 'completed' | 'failed';

/** Hand-written from `specs/rightbrain.openapi.yaml`; `types.test.ts` checks property names and requiredness against it. */

/** `#/components/schemas/TaskFile`. */
export interface RightbrainTaskFile {
  name: string;
  content: string;
  mime_type: string;
}

/** `#/components/schemas/RunTaskRequest`. */
export interface RightbrainRunTaskRequest {
  task_input: Record<string, unknown>;
  task_files?: RightbrainTaskFile[];
  task_reference?: string;
}

/** Query of `runTask`. */
export interface RightbrainRunTaskQuery {
  revision_id?: string;
  revision_tag?: string;
  reporting_group?: string;
  use_fallback_model?: boolean;
}

/** `#/components/schemas/TaskRun`: a finished run (Run Task is synchronous); `is_error` marks failure. */
export interface RightbrainTaskRun {
  task_id: string;
  task_revision_id: string;
  response: string | Record<string, unknown>;
  run_data: { submitted?: Record<string, unknown>; files?: string[]; [key: string]: unknown };
  id: string;
  created: string;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  is_error?: boolean | null;
  input_processor_timing?: number | null;
  llm_call_timing?: number | null;
  charged_credits?: string | null;
  files?: Record<string, unknown>[] | null;
  llm_retries?: number | null;
  used_fallback_model?: boolean | null;
  primary_failure_reason?: string | null;
  fallback_llm_model_id?: string | null;
  user_id?: string | null;
  reporting_group_id?: string | null;
  reference?: string | null;
  context_id?: string | null;
  reporting_group?: { id?: string; name?: string; [key: string]: unknown } | null;
}

/** `#/components/schemas/Pagination`. */
export interface RightbrainPagination {
  next_cursor: string | null;
  has_next: boolean;
  page_limit: number;
}

/** `#/components/schemas/TaskRunList` and `TaskAgentRunList`. */
export interface RightbrainPage<T> {
  results: T[];
  pagination: RightbrainPagination | null;
}

/** Query of `listTaskRuns` (`listProjectTaskRuns` takes only the page fields). */
export interface RightbrainListTaskRunsQuery {
  page_limit?: number;
  cursor?: string;
  status?: string;
  task_revision_id?: string;
}

/** `#/components/schemas/TaskAgentRun`. */
export interface RightbrainTaskAgentRun {
  id: string;
  task_agent_id: string;
  session_id: string;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  created: string;
  status: RightbrainAgentStatus;
  is_error: boolean;
  model_usages: Record<string, unknown>[];
  files: Record<string, unknown>[];
  user_id?: string | null;
  charged_credits?: string | null;
  completed?: string | null;
  duration_ms?: number | null;
  task_tools_invoked?: Record<string, unknown>[] | null;
  task_agent_revision_id?: string | null;
  invocation_id?: string | null;
  is_continuation?: boolean;
  primary_llm_model_id?: string | null;
  fallback_llm_model_id?: string | null;
  used_fallback_model?: boolean;
  primary_failure_reason?: string | null;
  total_charged_credits?: string | null;
  had_task_tool_fail?: boolean;
  had_mcp_tool_fail?: boolean;
  had_integration_tool_fail?: boolean;
  skills_activated?: Record<string, unknown>[] | null;
  mcp_tools_invoked?: Record<string, unknown>[] | null;
  integration_tools_invoked?: Record<string, unknown>[] | null;
  phase_timings?: Record<string, unknown>[] | null;
  context_usage?: Record<string, unknown> | null;
  termination_reason?: string | null;
  last_activity_at?: string | null;
}

/** Query of `listTaskAgentRuns`. */
export interface RightbrainListTaskAgentRunsQuery {
  session_id?: string;
  is_error?: boolean;
  had_task_tool_fail?: boolean;
  had_mcp_tool_fail?: boolean;
  status?: RightbrainAgentStatus;
  created_after?: string;
  created_before?: string;
  min_duration_ms?: number;
  task_agent_revision_id?: string;
  page_limit?: number;
  cursor?: string;
}

/** `#/components/schemas/RunTaskAgentRequest`. */
export interface RightbrainRunTaskAgentRequest {
  message: string;
  session_id?: string;
}

export type RightbrainAgentEventType = 'session_id' | 'tool_call' | 'tool_result' | 'text_chunk' | 'memory_compaction' | 'done' | 'error';

/** One Server-Sent Event of `runTaskAgent` (framing described on its 200 response). */
export interface RightbrainAgentEvent {
  event_type: RightbrainAgentEventType | (string & {});
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/** An agent stream read to its end: every event, and the ids the stream named. */
export interface RightbrainAgentStream {
  events: RightbrainAgentEvent[];
  sessionId?: string;
  runId?: string;
  /** The terminal event type, or undefined when the stream ended without one. */
  outcome?: 'done' | 'error';
  /** The text chunks joined. */
  text: string;
}

/** Application error bodies: `{"detail": {"reason", "message"}}`; 401 `{"error": {"code": 401}}`; 422 `{"detail": [...]}`. */
export type RightbrainErrorResponse =
  | { detail: { reason: string; message: string } }
  | { error: { code: 401; message: string } }
  | { detail: { loc: (string | number)[]; msg: string; type: string }[] };
