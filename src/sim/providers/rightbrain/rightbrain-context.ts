import type { JsonReply } from '../../http/reply.ts';
import type { Rng } from '../../random.ts';
import type { RunStore, StoredRun } from '../../store.ts';
import type { ProviderRuntime, StringPool } from '../runtime.ts';
import type { ProjectPermissions } from './project-permissions.ts';
import type { RightbrainAgentScenario, RightbrainTaskScenario } from './rightbrain-options.ts';
import { notFound, permissionDenied, validationError } from './rightbrain-errors.ts';
import type { RightbrainRuns } from './rightbrain-runs.ts';

/** What the Rightbrain handlers share. */
export interface RightbrainContext {
  runtime: ProviderRuntime;
  runs: RightbrainRuns;
  /** Org, project, task and task-agent ids answered with 404. */
  unknownIds: Set<string>;
  /** Projects answered with 403. */
  permissions: ProjectPermissions;
  /** Outcomes provider states pinned by task id and by task-agent id (lower-case), until the next reset. */
  pins: RightbrainPins;
  /** The user every run is attributed to. */
  userId: string;
  ids: StringPool;
  /** Scratch generator for derived values (never the faker's own). */
  scratch: Rng;
}

/** Outcomes provider states pinned by id. */
export interface RightbrainPins {
  task: Map<string, RightbrainTaskScenario>;
  agent: Map<string, RightbrainAgentScenario>;
}

/**
 * The application's access checks on a request's path ids, after validation: 403 when the API client lacks
 * permission on the project, then 404 for the first id made unknown (config or provider state), naming its kind.
 */
export function accessReply(context: RightbrainContext, params: Record<string, string>, names: readonly string[]): JsonReply | undefined {
  const { org_id: org, project_id: project } = params;
  if (!context.permissions.allows(org!, project!)) return permissionDenied(project!);
  const labels: Record<string, string> = { org_id: 'Organization', project_id: 'Project', task_id: 'Task', task_agent_id: 'Task agent' };
  for (const name of names) {
    const value = params[name]!;
    if (context.unknownIds.has(value.toLowerCase())) return notFound(`${labels[name] ?? 'Resource'} ${value} not found`);
  }
  return undefined;
}

/** One page of a cursor-paginated list, newest first; the cursor is the id of the last row of the previous page. */
export function pageOf<R extends StoredRun>(
  store: RunStore<R>, cursor: string | undefined, limit: number, keep: (run: R) => boolean,
): { rows: R[]; hasNext: boolean } | JsonReply {
  let before = Number.POSITIVE_INFINITY;
  if (cursor !== undefined) {
    const anchor = store.peek(cursor);
    if (anchor === undefined) return validationError([{ type: 'value_error', loc: ['query', 'cursor'], msg: 'Value error, unknown or expired cursor', input: cursor }]);
    before = anchor.seq;
  }
  const rows: R[] = [];
  for (const run of store.newestFirst(before)) {
    if (!keep(run)) continue;
    rows.push(run);
    if (rows.length > limit) break;
  }
  return { rows: rows.slice(0, limit), hasNext: rows.length > limit };
}

/** The `pagination` block of a page. */
export function pagination(rows: readonly StoredRun[], hasNext: boolean, limit: number): Record<string, unknown> {
  return { next_cursor: hasNext ? rows[rows.length - 1]!.id : null, has_next: hasNext, page_limit: limit };
}
