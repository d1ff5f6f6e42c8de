import { describe, expect, it } from 'vitest';
import { dateTimeFields, isPerRequestIdName, requestIdFields } from './body-fields.ts';

describe('body fields the engine writes per read', () => {
  it('names request and trace ids in any case or separator style, and nothing else', () => {
    for (const name of ['request_id', 'requestId', 'X-Request-Id', 'trace_id', 'traceId', 'correlation_id']) expect(isPerRequestIdName(name)).toBe(true);
    for (const name of ['id', 'run_id', 'task_id', 'request', 'requests_id', 'idempotency_key']) expect(isPerRequestIdName(name)).toBe(false);
  });

  it('finds date-time strings the profile does not name, at any depth, skipping the named ones', () => {
    const body = { id: 'r1', created_at: '2025-06-03T14:22:08Z', updated_at: '2025-06-03T14:22:08.5+02:00', day: '2025-06-03',
      output: { items: [{ seen: '2025-06-03t01:02:03z' }] }, note: 'at 2025-06-03T14:22:08Z' };
    expect(dateTimeFields(body, new Set(['/created_at']))).toEqual(['/updated_at', '/output/items/0/seen']);
  });

  it('finds string fields named like request ids, skipping the run id and non-strings', () => {
    const body = { request_id: 'req_4Vb8Nz2Xq6Lm9Tc1', meta: { traceId: 'abc123def456', requestId: 7 }, run: { request_id: 'x' } };
    expect(requestIdFields(body, new Set(['/run/request_id']))).toEqual(['/request_id', '/meta/traceId']);
  });
});
