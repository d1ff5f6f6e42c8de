import { valueAtPointer } from '../../core/profile/index.ts';
import type { Operation } from '../../spec/index.ts';
import { jsonText, type Reply } from '../http/reply.ts';
import type { SimRequest } from '../providers/provider.ts';
import { rejectMalformed, rejectUnknown, type EngineContext } from './engine-context.ts';
import type { KindEntry } from './run-kind.ts';
import { slotBody } from './slotted-body.ts';

/** Query parameters that bound a page, by the names APIs give them. */
const LIMIT_PARAMS = ['limit', 'page_limit', 'page_size', 'per_page', 'size'];
const DEFAULT_ROWS = 20;
const MAX_ROWS = 100;

/**
 * An operation that lists a kind's runs (the kind's `alsoReturnedBy`): its documented page, prepared once, with the
 * stored runs in place of the example's rows, newest first, each as the poll shows it. A query parameter named
 * like the status field (`status=completed`) filters; `limit` (or `page_limit`, `page_size`, `per_page`) bounds the
 * page (default 20, at most 100), and its paging fields say there is no further page (`has_*` false, cursors null).
 * Undefined when the documented page holds no rows of runs (the operation is answered statically).
 */
export function listHandler(context: EngineContext, operation: Operation, entry: KindEntry, page: string): ((request: SimRequest) => Reply) | undefined {
  const poll = entry.poll;
  const envelope = JSON.parse(page || 'null') as unknown;
  if (!poll || typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) return undefined;
  const record = envelope as Record<string, unknown>;
  const rowsKey = Object.keys(record).find((key) => Array.isArray(record[key]) && (record[key] as unknown[]).some((row) =>
    typeof row === 'object' && row !== null && (valueAtPointer(row, entry.shape.statusPointer) !== undefined || 'id' in row)));
  if (rowsKey === undefined) return undefined;
  closePaging(record);
  const template = slotBody(record, [`/${rowsKey.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
  const statusParam = entry.shape.statusPointer.split('/').pop() ?? 'status';
  const { model } = entry.shape;
  return (request) => {
    const rejected = (request.search === '' ? undefined : rejectMalformed(context, operation, request)) ?? rejectUnknown(context, operation, request);
    if (rejected) return rejected;
    const query = request.search === '' ? undefined : request.query();
    const wanted = query?.getAll(statusParam) ?? [];
    const limitText = LIMIT_PARAMS.map((name) => query?.get(name)).find((value) => value !== undefined && value !== null);
    const limit = Math.min(MAX_ROWS, Math.max(1, Number(limitText ?? DEFAULT_ROWS) || DEFAULT_ROWS));
    const rows: string[] = [];
    for (const run of entry.runs.store.newestFirst()) {
      if (rows.length >= limit) break;
      if (entry.runs.find(run.id, request.now) === undefined) continue;
      const step = entry.runs.stepOf(run, request.now);
      if (wanted.length > 0 && !wanted.includes(model.states[run.path[step]!]!)) continue;
      rows.push(poll.template.render(run, step));
    }
    return jsonText(200, template.render([`[${rows.join(',')}]`]));
  };
}

/** Sets the page's paging fields (top level and one level down) to "no further page". */
function closePaging(page: Record<string, unknown>, depth = 0): void {
  for (const [key, value] of Object.entries(page)) {
    if (/^has_/.test(key) && typeof value === 'boolean') page[key] = false;
    else if (/cursor/.test(key) && (typeof value === 'string' || value === null)) page[key] = null;
    else if (depth === 0 && typeof value === 'object' && value !== null && !Array.isArray(value)) closePaging(value as Record<string, unknown>, 1);
  }
}
