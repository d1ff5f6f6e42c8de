import type { DeckErrorItem } from './deck-errors.ts';
import { INCLUDE_ARTIFACTS, INCLUDE_INPUT, INCLUDE_STORAGE } from './deck-render.ts';

/** Deck id patterns (prefix + letters and digits). */
export const DECK_IDS = {
  run: /^trun_[A-Za-z0-9]+$/,
  task: /^task_[A-Za-z0-9]+$/,
  credential: /^cred_[A-Za-z0-9]+$/,
  source: /^src_[A-Za-z0-9]+$/,
  session: /^sess_[A-Za-z0-9]+$/,
  agent: /^agt_[A-Za-z0-9]+$/,
  workflow: /^wflo_[A-Za-z0-9]+$/,
} as const;

/** A request problem, reported as 400 `request/<code>`. */
export type DeckProblem = DeckErrorItem;

function invalid(field: string, message: string, code = 'input_invalid'): DeckProblem {
  return { type: 'request', code, field, message };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parsed body of `runTask`. */
export interface RunTaskBody {
  input: Record<string, unknown> | null;
  credentialId: string | null;
  sourceId: string | null;
  sessionId: string | null;
}

const RUN_TASK_KEYS = new Set(['input', 'credential_id', 'source_id', 'session_id', 'request_id']);

/** Checks a `runTask` body against RunTaskRequest (closed object, prefixed ids or null). */
export function parseRunTaskBody(body: unknown): RunTaskBody | DeckProblem {
  if (body === undefined) return invalid('body', 'A JSON request body is required (it may be {}).');
  if (!isObject(body)) return invalid('body', 'The request body must be a JSON object.');
  for (const key of Object.keys(body)) {
    if (!RUN_TASK_KEYS.has(key)) return invalid(key, `Unknown field ${key}. Allowed: input, credential_id, source_id, session_id.`);
  }
  if (body.input !== undefined && !isObject(body.input)) return invalid('input', 'input must be an object matching the task\'s input schema.');
  const ids = [['credential_id', DECK_IDS.credential, 'cred_'], ['source_id', DECK_IDS.source, 'src_'], ['session_id', DECK_IDS.session, 'sess_']] as const;
  for (const [field, pattern, prefix] of ids) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || !pattern.test(value)) return invalid(field, `${field} must be null or an id starting with ${prefix}.`);
  }
  if (body.request_id !== undefined && typeof body.request_id !== 'string') return invalid('request_id', 'request_id must be a string.');
  return {
    input: (body.input as Record<string, unknown> | undefined) ?? null,
    credentialId: (body.credential_id as string | null | undefined) ?? null,
    sourceId: (body.source_id as string | null | undefined) ?? null,
    sessionId: (body.session_id as string | null | undefined) ?? null,
  };
}

/** Checks a `submitInteractionInput` body: `{"input": {"<field>": "<string>", ...}}` and nothing else. */
export function parseInteractionBody(body: unknown): { answers: Record<string, string> } | { problem: DeckProblem } {
  const fail = (field: string, message: string) => ({ problem: invalid(field, message) });
  if (body === undefined) return fail('body', 'A JSON request body with input is required.');
  if (!isObject(body)) return fail('body', 'The request body must be a JSON object.');
  for (const key of Object.keys(body)) {
    if (key !== 'input') return fail(key, `Unknown field ${key}. The body has one field, input.`);
  }
  if (!isObject(body.input)) return fail('input', 'input is required and must be an object of field names to answers.');
  const entries = Object.entries(body.input);
  if (entries.length === 0) return fail('input', 'input must answer at least one field.');
  for (const [key, value] of entries) {
    if (typeof value !== 'string') return fail(`input.${key}`, `input.${key} must be a string.`);
  }
  return { answers: body.input as Record<string, string> };
}

const INCLUDE_BITS: Record<string, number> = { input: INCLUDE_INPUT, storage: INCLUDE_STORAGE, artifacts: INCLUDE_ARTIFACTS };

/** Parses `include` (comma-separated input, storage, artifacts) into bits. */
export function parseInclude(query: URLSearchParams): number | DeckProblem {
  const values = query.getAll('include');
  let bits = 0;
  for (const value of values) {
    for (const part of value.split(',')) {
      const bit = INCLUDE_BITS[part];
      if (bit === undefined) return invalid('include', 'include may only contain: input, storage, artifacts.');
      bits |= bit;
    }
  }
  return bits;
}

/** The filters and position of a `listTaskRuns` request. */
export interface DeckListQuery {
  limit: number;
  cursor: string | undefined;
  startingAfter: string | undefined;
  endingBefore: string | undefined;
  statuses: Set<string> | undefined;
  outcomes: Set<string> | undefined;
  taskId: string | undefined;
  agentId: string | undefined;
  credentialId: string | undefined;
  sourceIds: Set<string> | undefined;
  workflowId: string | undefined;
  createdAfter: number | undefined;
  createdBefore: number | undefined;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function dateTime(query: URLSearchParams, field: string): number | DeckProblem | undefined {
  const value = query.get(field);
  if (value === null) return undefined;
  const ms = DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? invalid(field, `${field} must be an RFC 3339 date-time, such as 2025-06-01T00:00:00Z.`) : ms;
}

function idFilter(query: URLSearchParams, field: string, pattern: RegExp, prefix: string): string | DeckProblem | undefined {
  const value = query.get(field);
  if (value === null) return undefined;
  return pattern.test(value) ? value : invalid(field, `${field} must be an id starting with ${prefix}.`);
}

function setFilter(query: URLSearchParams, field: string, accept: (value: string) => boolean, expected: string): Set<string> | DeckProblem | undefined {
  const values = query.getAll(field);
  if (values.length === 0) return undefined;
  for (const value of values) if (!accept(value)) return invalid(field, `${field} must be ${expected}.`);
  return new Set(values);
}

function isProblem(value: unknown): value is DeckProblem {
  return typeof value === 'object' && value !== null && 'code' in value && 'type' in value;
}

/** Parses and checks the query of `listTaskRuns`; `statuses` are the lifecycle's, which `status` filters by. */
export function parseListQuery(query: URLSearchParams, statuses: readonly string[]): DeckListQuery | DeckProblem {
  const rawLimit = query.get('limit');
  let limit = 20;
  if (rawLimit !== null) {
    limit = /^\d{1,4}$/.test(rawLimit) ? Number(rawLimit) : Number.NaN;
    if (!(limit >= 1 && limit <= 100)) return invalid('limit', 'limit must be between 1 and 100.');
  }
  const cursor = query.get('cursor') ?? undefined;
  if (cursor === '') return invalid('cursor', 'The cursor is invalid or has expired. Start again from the first page.', 'cursor_invalid');
  const fields = {
    startingAfter: idFilter(query, 'starting_after', DECK_IDS.run, 'trun_'),
    endingBefore: idFilter(query, 'ending_before', DECK_IDS.run, 'trun_'),
    statuses: setFilter(query, 'status', (value) => statuses.includes(value), `one of ${statuses.join(', ')}`),
    outcomes: setFilter(query, 'outcome', (value) => value === 'success' || value === 'failure' || value === 'unknown', 'one of success, failure, unknown'),
    taskId: idFilter(query, 'task_id', DECK_IDS.task, 'task_'),
    agentId: idFilter(query, 'agent_id', DECK_IDS.agent, 'agt_'),
    credentialId: idFilter(query, 'credential_id', DECK_IDS.credential, 'cred_'),
    sourceIds: setFilter(query, 'source_id', (value) => DECK_IDS.source.test(value), 'ids starting with src_'),
    workflowId: idFilter(query, 'workflow_id', DECK_IDS.workflow, 'wflo_'),
    createdAfter: dateTime(query, 'created_after'),
    createdBefore: dateTime(query, 'created_before'),
  };
  for (const value of Object.values(fields)) if (isProblem(value)) return value;
  return { limit, cursor, ...(fields as Omit<DeckListQuery, 'limit' | 'cursor'>) };
}

/** Encodes a list position (the seq of the last row returned) as an opaque cursor. */
export function encodeCursor(seq: number): string {
  return Buffer.from(`deck:${seq}`).toString('base64url');
}

/** Decodes a cursor; undefined when it is not one of ours. */
export function decodeCursor(cursor: string): number | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const match = /^deck:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}
