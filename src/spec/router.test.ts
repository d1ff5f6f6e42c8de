import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/fixtures/fixture-path.ts';
import { loadSpec } from './load-spec.ts';
import { createRouteTable, createRouter, type Router } from './router.ts';

describe('createRouter', () => {
  let router: Router;

  beforeAll(async () => {
    router = createRouter((await loadSpec(fixturePath('specs/tasks-3.1.yaml'))).operations);
  });

  it('matches a templated path and captures its parameters', () => {
    const match = router.match('GET', '/v2/task-runs/trun_123');
    expect(match.operation?.operationId).toBe('getTaskRun');
    expect(match).toMatchObject({ pathParams: { run_id: 'trun_123' } });
  });

  it('prefers a literal segment over a templated one', () => {
    expect(router.match('GET', '/v2/task-runs/latest').operation?.operationId).toBe('getLatestTaskRun');
  });

  it('matches whatever the host and ignores the query string', () => {
    expect(router.match('get', 'https://elsewhere.example:8443/v2/task-runs/trun_1?include=input').operation?.operationId).toBe('getTaskRun');
    expect(router.match('GET', '/v2/task-runs?limit=5').operation?.operationId).toBe('listTaskRuns');
  });

  it('percent-decodes path parameters', () => {
    expect(router.match('POST', '/v2/tasks/task%20one/run')).toMatchObject({ pathParams: { task_id: 'task one' } });
  });

  it('matches a segment that mixes a template and literal text', () => {
    expect(router.match('GET', '/v2/events/evt_1.json')).toMatchObject({ operation: { operationId: 'getEventJson' }, pathParams: { event_id: 'evt_1' } });
  });

  it('does not match an empty templated segment', () => {
    expect(router.match('GET', '/v2/task-runs/').operation).toBeUndefined();
  });

  it('falls back to a templated route when the literal one lacks the method', () => {
    expect(router.match('POST', '/v2/tasks/latest/run').operation?.operationId).toBe('runTask');
  });

  it('suggests the nearest routes for an unknown path, closest first', () => {
    const miss = router.match('GET', '/v2/task-run/trun_1');
    expect(miss.operation).toBeUndefined();
    expect(miss).toMatchObject({ nearest: expect.arrayContaining(['GET /v2/task-runs/{run_id}']) });
    expect((miss as { nearest: string[] }).nearest[0]).toBe('GET /v2/task-runs/{run_id}');
  });

  it('suggests the same path with its documented method when only the method is wrong', () => {
    const miss = router.match('DELETE', '/v2/task-runs/trun_1');
    expect(miss.operation).toBeUndefined();
    expect((miss as { nearest: string[] }).nearest[0]).toBe('GET /v2/task-runs/{run_id}');
  });

  it('needs the base path: a path relative to it does not match', () => {
    expect(router.match('GET', '/task-runs/trun_1').operation).toBeUndefined();
  });

  it('routes a hundred thousand requests in well under a second', () => {
    const started = performance.now();
    for (let index = 0; index < 100_000; index++) router.match('GET', `/v2/task-runs/trun_${index}`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('createRouteTable', () => {
  const router = createRouteTable([
    { method: 'GET', path: '/task-runs', target: 'list' },
    { method: 'GET', path: '/task-runs/{run_id}', target: 'get' },
    { method: 'POST', path: '/task-runs/{run_id}/cancel', target: 'cancel' },
  ]);

  it('matches method and segments, decoding parameters', () => {
    expect(router.match('GET', '/task-runs')).toEqual({ target: 'list', params: {} });
    expect(router.match('GET', '/task-runs/trun_a%20b')).toEqual({ target: 'get', params: { run_id: 'trun_a b' } });
    expect(router.match('POST', '/task-runs/trun_1/cancel')?.target).toBe('cancel');
  });

  it('misses wrong methods, empty segments, extra segments and malformed escapes stay literal', () => {
    expect(router.match('DELETE', '/task-runs/trun_1')).toBeUndefined();
    expect(router.match('GET', '/task-runs/')).toBeUndefined();
    expect(router.match('GET', '/task-runs/a/b')).toBeUndefined();
    expect(router.match('GET', '/task-runs/%E0%A4%A')?.params.run_id).toBe('%E0%A4%A');
  });
});
