import { describe, expect, it } from 'vitest';
import { compileRouter } from './router.ts';

describe('precompiled router', () => {
  const router = compileRouter([
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
