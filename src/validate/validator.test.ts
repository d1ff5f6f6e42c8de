import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/fixtures/fixture-path.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { createValidator, type Validator } from './validator.ts';

const RUN = {
  id: 'trun_8Lq5Tb3Wz7Hm2Fc9',
  status: 'completed',
  result: 'success',
  owner_id: '0c6f8f9e-4d0b-4f7e-9a51-3b2f1d7e8a44',
  created_at: '2025-06-03T13:05:41Z',
  runtime_ms: 48213,
  interaction: null,
};
const UUID = '0c6f8f9e-4d0b-4f7e-9a51-3b2f1d7e8a44';

let validator: Validator;

beforeAll(async () => {
  validator = createValidator(await loadSpec(fixturePath('specs/tasks-3.1.yaml')));
});

const response = (body: unknown, status = 200, operationId = 'getLatestTaskRun') => validator.validateResponse(operationId, { status, body });

describe('validateResponse', () => {
  it('returns no findings for a conforming body', () => {
    expect(response(RUN)).toEqual([]);
  });

  it('reports a wrong enum value, contrasting it with the documented values', () => {
    const [finding, ...rest] = response({ ...RUN, status: 'done' });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      operationId: 'getLatestTaskRun', where: 'response', part: 'body', code: 'SCHEMA_MISMATCH', pointer: '/status',
      message: 'Received: "done"\nDocumented: one of queued, running, completed, failed, canceled',
      received: 'done', documented: ['queued', 'running', 'completed', 'failed', 'canceled'],
      specLocation: '#/components/schemas/TaskRunStatus/enum',
    });
  });

  it('points at a missing required property', () => {
    const { created_at: _dropped, ...body } = RUN;
    expect(response(body)).toEqual([expect.objectContaining({
      pointer: '/created_at', message: 'Received: (missing)\nDocumented: required property "created_at"', received: undefined,
    })]);
  });

  it('reports a string that is not a uuid', () => {
    expect(response({ ...RUN, owner_id: 'not-a-uuid' })).toEqual([expect.objectContaining({
      pointer: '/owner_id', message: 'Received: "not-a-uuid"\nDocumented: a string in format uuid',
    })]);
  });

  it('reports null where the schema is not nullable', () => {
    expect(response({ ...RUN, runtime_ms: null })).toEqual([expect.objectContaining({
      pointer: '/runtime_ms', message: 'Received: null\nDocumented: integer (not nullable)',
    })]);
  });

  it('reports a wrong type once, without the enum error it implies', () => {
    expect(response({ ...RUN, result: 5 })).toEqual([expect.objectContaining({
      pointer: '/result', message: 'Received: 5 (integer)\nDocumented: string or null',
    })]);
  });

  it('reports every problem in one body', () => {
    const findings = response({ ...RUN, status: 'done', runtime_ms: -1, id: 'run_1' });
    expect(findings.map((finding) => finding.pointer).sort()).toEqual(['/id', '/runtime_ms', '/status']);
  });

  it('collapses oneOf noise to the error of the closest branch', () => {
    const findings = response({ ...RUN, interaction: { type: 'mfa', message: 5 } });
    expect(findings).toEqual([expect.objectContaining({ pointer: '/interaction/message', message: 'Received: 5 (integer)\nDocumented: string' })]);
  });

  it('reports a value matching no oneOf branch by type as one finding listing the types', () => {
    expect(response({ ...RUN, interaction: 'waiting' })).toEqual([expect.objectContaining({
      pointer: '/interaction', message: 'Received: "waiting" (string)\nDocumented: object or null',
    })]);
  });

  it('checks a discriminated body against the branch its tag selects', () => {
    const event = (body: unknown) => validator.validateResponse('getEventJson', { status: 200, body });
    expect(event({ kind: 'finished', outcome: 'success' })).toEqual([]);
    expect(event({ kind: 'finished', outcome: 'meh' })).toEqual([expect.objectContaining({ pointer: '/outcome', message: 'Received: "meh"\nDocumented: one of success, failure' })]);
    expect(event({ kind: 'paused' })).toEqual([expect.objectContaining({ pointer: '/kind', message: 'Received: "paused"\nDocumented: "kind" one of started, finished' })]);
  });

  it('validates recursive schemas at any depth', () => {
    expect(response({ ...RUN, output: { children: [{ children: [{ pages: 2 }] }] } })).toEqual([]);
    expect(response({ ...RUN, output: { children: [{ children: [{ pages: 'two' }] }] } })).toEqual([
      expect.objectContaining({ pointer: '/output/children/0/children/0/pages' }),
    ]);
  });

  it('reports an undocumented status, listing the documented ones', () => {
    expect(validator.validateResponse('getTaskRun', { status: 500, body: {} })).toEqual([expect.objectContaining({
      code: 'STATUS_UNDOCUMENTED', part: 'status', received: 500, message: 'Received: 500\nDocumented: 200, 404',
      specLocation: '#/paths/~1task-runs~1{run_id}/get/responses',
    })]);
  });

  it('uses a status range and default response when no exact status is documented', () => {
    expect(validator.validateResponse('runTask', { status: 201, body: RUN })).toEqual([]);
    expect(validator.validateResponse('listTaskRuns', { status: 422, body: { errors: [{ code: 'x' }] } })).toEqual([]);
    expect(validator.validateResponse('getLatestTaskRun', { status: 503, body: { errors: [] } })).toEqual([]);
    expect(validator.validateResponse('getLatestTaskRun', { status: 503, body: { oops: true } })).toEqual([
      expect.objectContaining({ code: 'SCHEMA_MISMATCH', pointer: '/errors' }),
    ]);
  });

  it('reports a content type the response does not document', () => {
    expect(validator.validateResponse('getLatestTaskRun', { status: 200, body: RUN, contentType: 'text/html; charset=utf-8' })).toEqual([
      expect.objectContaining({ code: 'CONTENT_TYPE_UNDOCUMENTED', part: 'content-type', message: 'Received: text/html; charset=utf-8\nDocumented: application/json' }),
    ]);
  });

  it('accepts content-type parameters and reads the type from the headers', () => {
    expect(validator.validateResponse('getLatestTaskRun', { status: 200, body: RUN, contentType: 'application/json; charset=utf-8' })).toEqual([]);
    expect(validator.validateResponse('getLatestTaskRun', { status: 200, body: RUN, headers: { 'Content-Type': 'text/xml' } })).toEqual([
      expect.objectContaining({ code: 'CONTENT_TYPE_UNDOCUMENTED' }),
    ]);
  });

  it('treats a text body of a non-JSON media type as opaque', () => {
    expect(validator.validateResponse('getEventJson', { status: 200, body: 'started at noon', contentType: 'text/plain' })).toEqual([]);
  });

  it('checks documented response headers when headers are given', () => {
    const get = (headers?: Record<string, string>) => validator.validateResponse('getTaskRun', { status: 200, body: RUN, ...(headers ? { headers } : {}) });
    expect(get()).toEqual([]);
    expect(get({ 'x-request-id': 'req_1' })).toEqual([]);
    expect(get({})).toEqual([expect.objectContaining({ code: 'HEADER_MISSING', part: 'header', pointer: 'X-Request-Id' })]);
    expect(get({ 'X-Request-Id': 'nope' })).toEqual([expect.objectContaining({ code: 'PARAMETER_INVALID', part: 'header', pointer: 'X-Request-Id' })]);
  });

  it('reports a missing body where the response documents one, and a body where it documents none', () => {
    expect(validator.validateResponse('getLatestTaskRun', { status: 200 })).toEqual([expect.objectContaining({ code: 'BODY_MISSING' })]);
    expect(validator.validateResponse('runRunnable', { status: 204 })).toEqual([]);
    expect(validator.validateResponse('runRunnable', { status: 204, body: { id: UUID }, contentType: 'application/json' })).toEqual([
      expect.objectContaining({ code: 'CONTENT_TYPE_UNDOCUMENTED', message: 'Received: a body (application/json)\nDocumented: no body' }),
    ]);
  });

  it('costs about as much as the raw compiled Ajv function on a valid body (nothing compiles per call)', () => {
    const raw = validator.compiler.compile('#/components/schemas/TaskRun', 'response', 'test').validate;
    const time = (fn: () => unknown): number => {
      const started = performance.now();
      for (let index = 0; index < 20_000; index++) fn();
      return performance.now() - started;
    };
    const ratios: number[] = [];
    for (let round = 0; round < 5; round++) ratios.push(time(() => response(RUN)) / time(() => raw(RUN)));
    // The budget is 1.3× (see bench/validate.bench.ts); the bound here only catches gross regressions on busy machines.
    expect(ratios.sort((a, b) => a - b)[2]).toBeLessThan(3);
  });

  it('throws OPERATION_UNKNOWN with the nearest operationId for an unknown operation', () => {
    expect(() => validator.validateResponse('getTaskRn', { status: 200, body: RUN })).toThrow(expect.objectContaining({
      code: 'OPERATION_UNKNOWN', hint: expect.stringContaining('Did you mean getTaskRun'),
    }));
  });
});

describe('validateRequest', () => {
  const request = (method: string, url: string, headers: Record<string, string> = {}, body?: unknown) =>
    validator.validateRequest({ method, url, headers, ...(body === undefined ? {} : { body }) });
  const runTaskHeaders = { 'content-type': 'application/json', 'x-trace': 't1' };

  it('routes a conforming request to its operation with no findings', () => {
    const result = request('GET', 'https://api.example.com/v2/task-runs?limit=5&status=queued&status=running&archived=false');
    expect(result.operation?.operationId).toBe('listTaskRuns');
    expect(result.violations).toEqual([]);
  });

  it('reports an unknown route with the nearest documented ones', () => {
    const result = request('GET', '/v2/task-run/trun_1');
    expect(result.operation).toBeUndefined();
    expect(result.violations).toEqual([expect.objectContaining({
      code: 'ROUTE_UNKNOWN', part: 'route', received: 'GET /v2/task-run/trun_1', documented: expect.arrayContaining(['GET /v2/task-runs/{run_id}']),
    })]);
  });

  it('reports a missing required query parameter', () => {
    expect(request('POST', `/v2/runnable/${UUID}/runs`).violations).toEqual([expect.objectContaining({
      code: 'PARAMETER_MISSING', part: 'query', pointer: 'mode', message: 'Received: no query parameter "mode"\nDocumented: required query parameter "mode"',
    })]);
    expect(request('POST', `/v2/runnable/${UUID}/runs?mode=sync`).violations).toEqual([]);
  });

  it('checks path parameters against their schema', () => {
    expect(request('POST', '/v2/runnable/123/runs?mode=async').violations).toEqual([expect.objectContaining({
      code: 'PARAMETER_INVALID', part: 'path', pointer: 'id', message: 'Received: "123"\nDocumented: a string in format uuid',
    })]);
  });

  it('coerces query values by schema type before validating them', () => {
    expect(request('GET', '/v2/task-runs?limit=100&archived=true').violations).toEqual([]);
    expect(request('GET', '/v2/task-runs?limit=abc').violations).toEqual([expect.objectContaining({ pointer: 'limit', message: 'Received: "abc" (string)\nDocumented: integer' })]);
    expect(request('GET', '/v2/task-runs?limit=0').violations).toEqual([expect.objectContaining({ pointer: 'limit', message: 'Received: 0\nDocumented: >= 1' })]);
    expect(request('GET', '/v2/task-runs?archived=yes').violations).toEqual([expect.objectContaining({ pointer: 'archived' })]);
  });

  it('reads arrays from repeated parameters and from comma-separated values', () => {
    expect(request('GET', '/v2/task-runs/trun_1?include=input,storage').violations).toEqual([]);
    expect(request('GET', '/v2/task-runs?status=queued,running').violations).toEqual([]);
    expect(request('GET', '/v2/task-runs?status=queued&status=done').violations).toEqual([expect.objectContaining({
      pointer: 'status/1', message: expect.stringContaining('Received: "done"'),
    })]);
  });

  it('reports a missing required header, whatever the case of header names', () => {
    const body = { input: {} };
    expect(request('POST', '/v2/tasks/task_1/run', { 'Content-Type': 'application/json', 'X-TRACE': 't' }, body).violations).toEqual([]);
    expect(request('POST', '/v2/tasks/task_1/run', { 'content-type': 'application/json' }, body).violations).toEqual([expect.objectContaining({
      code: 'HEADER_MISSING', part: 'header', pointer: 'X-Trace',
    })]);
  });

  it('validates the request body, including properties a closed schema does not allow', () => {
    expect(request('POST', '/v2/tasks/task_1/run', runTaskHeaders, { inputs: {} }).violations).toEqual([expect.objectContaining({
      where: 'request', part: 'body', code: 'SCHEMA_MISMATCH', pointer: '/inputs',
      message: 'Received: property "inputs"\nDocumented: no properties other than input, credential_id',
    })]);
  });

  it('reports a missing required body and an undocumented request content type', () => {
    expect(request('POST', '/v2/tasks/task_1/run', runTaskHeaders).violations).toEqual([expect.objectContaining({ code: 'BODY_MISSING' })]);
    expect(request('POST', '/v2/tasks/task_1/run', { ...runTaskHeaders, 'content-type': 'application/xml' }, '<run/>').violations).toEqual([
      expect.objectContaining({ code: 'CONTENT_TYPE_UNDOCUMENTED', where: 'request' }),
    ]);
  });
});
