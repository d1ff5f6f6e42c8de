import { describe, expect, it } from 'vitest';
import { compileRequest, templateUrl } from './request-template.ts';

const base = new URL('http://127.0.0.1:4010/v2');

describe('request templates', () => {
  it('builds a constant GET once and reuses its bytes', () => {
    const request = compileRequest({ operationId: 'list', method: 'GET', path: '/task-runs', query: { limit: '5' } }, base, {}, { headers: { authorization: 'Bearer sk_test' }, query: {} });
    const bytes = request.build();
    expect(request.build()).toBe(bytes);
    expect(bytes.toString()).toBe('GET /v2/task-runs?limit=5 HTTP/1.1\r\nHost: 127.0.0.1:4010\r\nConnection: keep-alive\r\nAccept: application/json, text/event-stream\r\nauthorization: Bearer sk_test\r\n\r\n');
  });

  it('fills params at compile time, and the run id (URL-encoded in the path) and fresh UUIDs per request', () => {
    const request = compileRequest({
      operationId: 'runTask', method: 'POST', path: '/tasks/{taskId}/run/{runId}', headers: { 'Idempotency-Key': '{uuid}' }, body: { note: 'run {runId}' },
    }, base, { taskId: 'task_1' });
    const first = request.build('a b').toString();
    const second = request.build('a b').toString();
    expect(first).toMatch(/^POST \/v2\/tasks\/task_1\/run\/a%20b HTTP\/1.1\r\n/);
    expect(first).toContain('{"note":"run a b"}');
    expect(first).toContain(`Content-Length: ${Buffer.byteLength('{"note":"run a b"}')}\r\n`);
    const key = (text: string) => /Idempotency-Key: (\S+)/.exec(text)![1];
    expect(key(first)).not.toBe(key(second));
    expect(first).not.toContain('Authorization');
  });

  it('replaces the body for one request, e.g. an answer built from a prompt', () => {
    const request = compileRequest({ operationId: 'answer', method: 'POST', path: '/x', body: { input: {} } }, base, {});
    expect(request.build(undefined, { input: { code: '1' } }).toString()).toMatch(/Content-Length: 22\r\n\r\n\{"input":\{"code":"1"\}\}$/);
  });

  it('rejects a placeholder that has no value before any traffic', () => {
    expect(() => compileRequest({ operationId: 'x', method: 'GET', path: '/tasks/{taskId}' }, base, {})).toThrow(/placeholder \{taskId\} has no value/);
  });

  it('keeps braces a body or header holds as written when they name no param', () => {
    const request = compileRequest({ operationId: 'x', method: 'POST', path: '/x', headers: { 'X-Note': '{later}' }, body: { prompt: 'Hello {name}' } }, base, {});
    const text = request.build().toString();
    expect(text).toContain('X-Note: {later}\r\n');
    expect(text).toContain('{"prompt":"Hello {name}"}');
  });

  it('authenticates with an API-key header or query parameter, keeping the key out of the label', () => {
    const header = compileRequest({ operationId: 'get', method: 'GET', path: '/jobs/{runId}' }, base, {}, { headers: { 'x-api-key': 'k-1' }, query: {} });
    expect(header.build('j1').toString()).toMatch(/^GET \/v2\/jobs\/j1 HTTP\/1.1\r\n[\s\S]*x-api-key: k-1\r\n/);
    const query = compileRequest({ operationId: 'get', method: 'GET', path: '/jobs/{runId}', query: { view: 'full text' } }, base, {}, { headers: {}, query: { api_key: 'k 2' } });
    expect(query.build('j1').toString()).toMatch(/^GET \/v2\/jobs\/j1\?view=full%20text&api_key=k%202 HTTP\/1.1\r\n/);
    expect(query.label).toBe('GET /v2/jobs/{runId}?view=full%20text');
    expect(query.build('j1').toString()).not.toMatch(/authorization/i);
  });

  it('lets a template header replace the credentials header, whatever its case', () => {
    const request = compileRequest({ operationId: 'x', method: 'GET', path: '/x', headers: { Authorization: 'Bearer other' } }, base, {}, { headers: { authorization: 'Bearer t' }, query: {} });
    const text = request.build().toString();
    expect(text.match(/authorization/gi)).toHaveLength(1);
    expect(text).toContain('authorization: Bearer other');
  });

  it('gives the absolute URL of a template for the preflight', () => {
    expect(templateUrl({ operationId: 'get', method: 'GET', path: '/run/{runId}', query: { mode: 'async' } }, new URL('http://[::1]:80/v1/'), {}, 'r 1')).toBe('http://[::1]/v1/run/r%201?mode=async');
  });
});
