/** re-factor run statuses (`specs/refactor.profile.yaml`). */
export type RefactorStatus = 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled' | 'timeout';

/** Hand-written from `specs/refactor.openapi.yaml`; `types.test.ts` checks property names and requiredness against it. */

export type RefactorErrorCode =
  | 'INTERNAL_ERROR' | 'INVALID_INPUT' | 'RESOURCE_NOT_FOUND' | 'TIMEOUT' | 'RATE_LIMIT_EXCEEDED' | 'AUTHORIZATION_ERROR';

/** `#/components/schemas/RunError`. */
export interface RefactorRunError {
  code: RefactorErrorCode;
  message: string;
}

/** `#/components/schemas/HttpError*`: the HTTP error body (the spec's choice; re-factor documents none). */
export interface RefactorErrorResponse {
  error: RefactorRunError;
}

/** `#/components/schemas/ModelUsage`. */
export interface RefactorModelUsage {
  provider: string;
  model: string;
  prompt_tokens: number;
  cached_tokens: number;
  completion_tokens: number;
}

/** `#/components/schemas/RunResult`: partial while the run is running or waiting. */
export interface RefactorRunResult {
  id?: string;
  outputs?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  usage?: RefactorModelUsage[];
  error?: RefactorRunError | null;
}

/** `#/components/schemas/Run`. */
export interface RefactorRun {
  id: string;
  account_id: string;
  status: RefactorStatus;
  created_at: string;
  runnable_id: string;
  parent_run_id?: string | null;
  telemetry_span_id?: string | null;
  experiment_id?: string | null;
  experiment_candidate_id?: string | null;
  state?: Record<string, unknown>;
  created_by?: string;
  completed_at?: string | null;
  failed_at?: string | null;
  total_input_tokens?: number;
  total_cached_tokens?: number;
  total_output_tokens?: number;
  total_token_cost_usd?: number;
  result?: RefactorRunResult | null;
  metadata?: Record<string, unknown>;
}

/** `#/components/schemas/RunReference`: the 202 body of an async run. */
export interface RefactorRunReference {
  id: string;
}

/** `#/components/schemas/ResourceBinding`: a resource bound to a name (by id, or created inline). */
export interface RefactorResourceBinding {
  name: string;
  resource: { id: string } | { type?: string; content?: unknown; mime_type?: string; [key: string]: unknown };
}

export type RefactorTelemetryStrategy = 'disable' | 'default' | 'force';

/** `#/components/schemas/RunRequest`: the body of both modes. */
export interface RefactorRunRequest {
  resources?: RefactorResourceBinding[];
  timeout_seconds?: number | null;
  telemetry_strategy?: RefactorTelemetryStrategy;
  callback_url?: string;
  callback_headers?: Record<string, string>;
}

export type RefactorMode = 'async' | 'sync';
