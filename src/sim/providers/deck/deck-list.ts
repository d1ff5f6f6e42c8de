import type { GenericRun } from '../../generic/generic-run.ts';
import type { KindEntry } from '../../generic/run-kind.ts';
import type { SimRequest } from '../provider.ts';
import type { DeckRunDetails } from './deck-run-details.ts';

/** A page of stored runs, newest first, as `listTaskRuns` filters them. */
export interface DeckPage {
  rows: GenericRun[];
  hasMore: boolean;
  /** The cursor of the next page, or null on the last. */
  nextCursor: string | null;
}

const encodeCursor = (seq: number) => Buffer.from(`seq:${seq}`).toString('base64url');

/** The creation sequence a cursor names, or undefined for one the simulator never issued. */
function decodeCursor(cursor: string): number | undefined {
  const match = /^seq:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

/**
 * The page `listTaskRuns` asks for (the engine has checked its query against the spec): `status`, `outcome`,
 * `task_id`, `credential_id` and `created_after`/`created_before` filter; `limit` (default 10) and `cursor` page.
 * Undefined for a cursor the simulator never issued. Bounded: it stops after one row past the page.
 */
export function deckPage(entry: KindEntry, request: SimRequest, detailsOf: (run: GenericRun) => DeckRunDetails, resultOf: (run: GenericRun, state: string) => string | null, placedTaskId: string): DeckPage | undefined {
  const query = request.query();
  const cursor = query.get('cursor');
  const before = cursor === null ? Number.POSITIVE_INFINITY : decodeCursor(cursor);
  if (before === undefined) return undefined;
  const limit = Math.max(1, Number(query.get('limit') ?? 10) || 10);
  const statuses = new Set(query.getAll('status'));
  const outcomes = new Set(query.getAll('outcome'));
  const taskId = query.get('task_id');
  const credentialId = query.get('credential_id');
  const after = query.get('created_after');
  const until = query.get('created_before');
  const { states } = entry.shape.model;
  const rows: GenericRun[] = [];
  for (const run of entry.runs.store.newestFirst(before)) {
    if (entry.runs.find(run.id, request.now) === undefined) continue;
    const known = detailsOf(run);
    const state = states[run.path[entry.runs.stepOf(run, request.now)]!]!;
    if (statuses.size > 0 && !statuses.has(state)) continue;
    if (outcomes.size > 0 && !outcomes.has(String(resultOf(run, state)))) continue;
    if (taskId !== null && (known.taskId ?? placedTaskId) !== taskId) continue;
    if (credentialId !== null && known.credentialId !== credentialId) continue;
    if (after !== null && run.createdAt <= Date.parse(after)) continue;
    if (until !== null && run.createdAt >= Date.parse(until)) continue;
    rows.push(run);
    if (rows.length > limit) break;
  }
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  return { rows: page, hasMore, nextCursor: hasMore ? encodeCursor(page[page.length - 1]!.seq) : null };
}
