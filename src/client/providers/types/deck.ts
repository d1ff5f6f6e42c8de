/** Deck task-run statuses (`specs/deck.profile.yaml`): both spellings of canceling are documented. */
export type DeckStatus =
  | 'queued' | 'running' | 'interaction_required' | 'review_required'
  | 'canceling' | 'cancelling' | 'completed' | 'failed' | 'canceled';

/** Hand-written from `specs/deck.openapi.yaml`; `types.test.ts` checks property names and requiredness against it. */

export type DeckResult = 'success' | 'failure' | 'unknown';
export type DeckInclude = 'input' | 'storage' | 'artifacts';

/** `#/components/schemas/ErrorItem`. */
export interface DeckErrorItem {
  type: string;
  code: string;
  message: string;
  field?: string;
}

/** `#/components/schemas/ErrorResponse`: the envelope of every Deck error. */
export interface DeckErrorResponse {
  errors: DeckErrorItem[];
  request_id: string;
}

/** `#/components/schemas/InteractionField`. */
export interface DeckInteractionField {
  name: string;
  type: string;
  label: string;
}

/** `#/components/schemas/Interaction`: the prompt a run in `interaction_required` waits on. */
export interface DeckInteraction {
  type: 'mfa' | 'security_question' | 'account_selection';
  message: string;
  fields: DeckInteractionField[];
}

/** `#/components/schemas/StorageItem`. */
export interface DeckStorageItem {
  id: string;
  object: string;
  file_name: string;
  file_type: string;
  file_size: number;
  created_at: string;
  url?: string;
  extraction?: unknown;
}

/** `#/components/schemas/Screenshot`. */
export interface DeckScreenshot {
  file_name: string;
  file_type: string;
  file_size: number;
  created_at: string;
  url: string;
  reasoning?: string | null;
}

/** `#/components/schemas/Artifacts`. */
export interface DeckArtifacts {
  screenshots: DeckScreenshot[];
}

/** `#/components/schemas/TaskRun`: one execution of a task. `input`, `storage`, `artifacts` only with `include`. */
export interface DeckTaskRun {
  id: string;
  object: 'task_run';
  status: DeckStatus;
  result: DeckResult | null;
  task_id: string;
  agent_id: string;
  credential_id: string | null;
  session_id: string | null;
  source_id: string | null;
  runtime_ms: number | null;
  output: unknown;
  errors: DeckErrorItem[];
  interaction: DeckInteraction | null;
  created_at: string;
  updated_at: string;
  workflow_id?: string | null;
  canceled_at?: string | null;
  input?: Record<string, unknown>;
  vaulted_fields?: string[];
  storage?: DeckStorageItem[];
  artifacts?: DeckArtifacts;
  request_id?: string;
}

/** `#/components/schemas/TaskRunList`: one page of runs. */
export interface DeckTaskRunList {
  data: DeckTaskRun[];
  has_more: boolean;
  next_cursor: string | null;
  request_id: string;
}

/** `#/components/schemas/RunTaskRequest`. */
export interface DeckRunTaskRequest {
  input?: Record<string, unknown>;
  credential_id?: string | null;
  source_id?: string | null;
  session_id?: string | null;
  request_id?: string;
}

/** `#/components/schemas/SubmitInteractionRequest`. */
export interface DeckSubmitInteractionRequest {
  input: Record<string, string>;
}

/** Query of `listTaskRuns`. */
export interface DeckListTaskRunsQuery {
  limit?: number;
  cursor?: string;
  starting_after?: string;
  ending_before?: string;
  status?: DeckStatus[];
  outcome?: DeckResult[];
  task_id?: string;
  agent_id?: string;
  credential_id?: string;
  source_id?: string[];
  workflow_id?: string;
  created_after?: string;
  created_before?: string;
}
