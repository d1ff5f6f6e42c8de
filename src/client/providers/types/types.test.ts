import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundledProfile } from '../../../config/index.ts';
import type * as Deck from './deck.ts';
import type * as Refactor from './refactor.ts';
import type * as Rightbrain from './rightbrain.ts';

const specOf = (provider: string): string => bundledProfile(provider).spec;

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type OptionalKeys<T> = Exclude<keyof T, RequiredKeys<T>>;
type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? unknown : { missing: Exclude<All, Listed> };

/**
 * Lists a type's required and optional property names at runtime. The compiler rejects a list that misses a key,
 * names a key the type lacks, or files a key under the wrong requiredness; the test then compares with the spec.
 */
function shape<T>() {
  return <const R extends readonly RequiredKeys<T>[], const O extends readonly OptionalKeys<T>[]>(
    required: R & Exhaustive<RequiredKeys<T>, R[number]>,
    optional: O & Exhaustive<OptionalKeys<T>, O[number]>,
  ) => ({ required: [...required] as string[], optional: [...optional] as string[] });
}

const cases: { provider: string; schema: string; type: { required: string[]; optional: string[] } }[] = [
  { provider: 'deck', schema: 'TaskRun', type: shape<Deck.DeckTaskRun>()(
    ['id', 'object', 'status', 'result', 'task_id', 'agent_id', 'credential_id', 'session_id', 'source_id', 'runtime_ms', 'output', 'errors', 'interaction', 'created_at', 'updated_at'],
    ['workflow_id', 'canceled_at', 'input', 'vaulted_fields', 'storage', 'artifacts', 'request_id']) },
  { provider: 'deck', schema: 'TaskRunList', type: shape<Deck.DeckTaskRunList>()(['data', 'has_more', 'next_cursor', 'request_id'], []) },
  { provider: 'deck', schema: 'Interaction', type: shape<Deck.DeckInteraction>()(['type', 'message', 'fields'], []) },
  { provider: 'deck', schema: 'InteractionField', type: shape<Deck.DeckInteractionField>()(['name', 'type', 'label'], []) },
  { provider: 'deck', schema: 'StorageItem', type: shape<Deck.DeckStorageItem>()(['id', 'object', 'file_name', 'file_type', 'file_size', 'created_at'], ['url', 'extraction']) },
  { provider: 'deck', schema: 'Screenshot', type: shape<Deck.DeckScreenshot>()(['file_name', 'file_type', 'file_size', 'created_at', 'url'], ['reasoning']) },
  { provider: 'deck', schema: 'Artifacts', type: shape<Deck.DeckArtifacts>()(['screenshots'], []) },
  { provider: 'deck', schema: 'ErrorItem', type: shape<Deck.DeckErrorItem>()(['type', 'code', 'message'], ['field']) },
  { provider: 'deck', schema: 'ErrorResponse', type: shape<Deck.DeckErrorResponse>()(['errors', 'request_id'], []) },
  { provider: 'deck', schema: 'RunTaskRequest', type: shape<Deck.DeckRunTaskRequest>()([], ['input', 'credential_id', 'source_id', 'session_id', 'request_id']) },
  { provider: 'deck', schema: 'SubmitInteractionRequest', type: shape<Deck.DeckSubmitInteractionRequest>()(['input'], []) },
  { provider: 'refactor', schema: 'Run', type: shape<Refactor.RefactorRun>()(
    ['id', 'status', 'created_at', 'runnable_id', 'account_id'],
    ['parent_run_id', 'telemetry_span_id', 'experiment_id', 'experiment_candidate_id', 'state', 'created_by', 'completed_at', 'failed_at',
      'total_input_tokens', 'total_cached_tokens', 'total_output_tokens', 'total_token_cost_usd', 'result', 'metadata']) },
  { provider: 'refactor', schema: 'RunResult', type: shape<Refactor.RefactorRunResult>()([], ['id', 'outputs', 'metadata', 'usage', 'error']) },
  { provider: 'refactor', schema: 'ModelUsage', type: shape<Refactor.RefactorModelUsage>()(['provider', 'model', 'prompt_tokens', 'cached_tokens', 'completion_tokens'], []) },
  { provider: 'refactor', schema: 'RunError', type: shape<Refactor.RefactorRunError>()(['code', 'message'], []) },
  { provider: 'refactor', schema: 'HttpErrorResourceNotFound', type: shape<Refactor.RefactorErrorResponse>()(['error'], []) },
  { provider: 'refactor', schema: 'RunReference', type: shape<Refactor.RefactorRunReference>()(['id'], []) },
  { provider: 'refactor', schema: 'RunRequest', type: shape<Refactor.RefactorRunRequest>()([], ['resources', 'timeout_seconds', 'telemetry_strategy', 'callback_url', 'callback_headers']) },
  { provider: 'refactor', schema: 'ResourceBinding', type: shape<Refactor.RefactorResourceBinding>()(['name', 'resource'], []) },
  { provider: 'rightbrain', schema: 'TaskRun', type: shape<Rightbrain.RightbrainTaskRun>()(
    ['task_id', 'task_revision_id', 'response', 'run_data', 'id', 'created', 'input_tokens', 'output_tokens', 'total_tokens'],
    ['is_error', 'input_processor_timing', 'llm_call_timing', 'charged_credits', 'files', 'llm_retries', 'used_fallback_model',
      'primary_failure_reason', 'fallback_llm_model_id', 'user_id', 'reporting_group_id', 'reference', 'context_id', 'reporting_group']) },
  { provider: 'rightbrain', schema: 'TaskAgentRun', type: shape<Rightbrain.RightbrainTaskAgentRun>()(
    ['id', 'task_agent_id', 'session_id', 'input_tokens', 'output_tokens', 'total_tokens', 'created', 'status', 'is_error', 'model_usages', 'files'],
    ['user_id', 'charged_credits', 'completed', 'duration_ms', 'task_tools_invoked', 'task_agent_revision_id', 'invocation_id', 'is_continuation',
      'primary_llm_model_id', 'fallback_llm_model_id', 'used_fallback_model', 'primary_failure_reason', 'total_charged_credits', 'had_task_tool_fail',
      'had_mcp_tool_fail', 'had_integration_tool_fail', 'skills_activated', 'mcp_tools_invoked', 'integration_tools_invoked', 'phase_timings',
      'context_usage', 'termination_reason', 'last_activity_at']) },
  { provider: 'rightbrain', schema: 'Pagination', type: shape<Rightbrain.RightbrainPagination>()(['next_cursor', 'has_next', 'page_limit'], []) },
  { provider: 'rightbrain', schema: 'RunTaskRequest', type: shape<Rightbrain.RightbrainRunTaskRequest>()(['task_input'], ['task_files', 'task_reference']) },
  { provider: 'rightbrain', schema: 'TaskFile', type: shape<Rightbrain.RightbrainTaskFile>()(['name', 'content', 'mime_type'], []) },
  { provider: 'rightbrain', schema: 'RunTaskAgentRequest', type: shape<Rightbrain.RightbrainRunTaskAgentRequest>()(['message'], ['session_id']) },
];

/** Properties that a spec declares only to forbid them (`not: {}`), which a type rightly leaves out. */
const FORBIDDEN = (schema: { properties?: Record<string, unknown> }): Set<string> =>
  new Set(Object.entries(schema.properties ?? {})
    .filter(([, value]) => JSON.stringify((value as { not?: unknown }).not) === '{}')
    .map(([key]) => key));

const specs = new Map<string, { components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> } }>();
function schemaOf(provider: string, name: string) {
  if (!specs.has(provider)) specs.set(provider, parse(readFileSync(specOf(provider), 'utf8')));
  const schema = specs.get(provider)!.components.schemas[name];
  if (!schema) throw new Error(`${provider} spec has no #/components/schemas/${name}`);
  return schema;
}

describe('hand-written client types', () => {
  it.each(cases)('$provider $schema has the spec\'s property names and requiredness', ({ provider, schema, type }) => {
    const spec = schemaOf(provider, schema);
    const forbidden = FORBIDDEN(spec);
    const specProperties = Object.keys(spec.properties ?? {}).filter((key) => !forbidden.has(key)).sort();
    expect([...type.required, ...type.optional].sort()).toEqual(specProperties);
    expect([...type.required].sort()).toEqual([...(spec.required ?? [])].sort());
  });
});
