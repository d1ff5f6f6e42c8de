import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/fixtures/fixture-path.ts';
import type { LoadedSpec, Operation } from './loaded-spec.ts';
import { loadSpec } from './load-spec.ts';

describe('extractOperations (through loadSpec)', () => {
  let spec: LoadedSpec;
  const operation = (id: string): Operation => spec.operations.find((candidate) => candidate.operationId === id)!;

  beforeAll(async () => {
    spec = await loadSpec(fixturePath('specs/tasks-3.1.yaml'));
  });

  it('gives each operation a lowercase method, its path template and the full template with the base path', () => {
    expect(operation('getTaskRun')).toMatchObject({ method: 'get', pathTemplate: '/task-runs/{run_id}', fullPathTemplate: '/v2/task-runs/{run_id}' });
  });

  it('points at each operation with a JSON pointer into the document', () => {
    expect(operation('getTaskRun').specLocation).toBe('#/paths/~1task-runs~1{run_id}/get');
  });

  it('merges path-level parameters with operation-level ones', () => {
    const { parameters } = operation('getTaskRun');
    expect(parameters.path.map((parameter) => parameter.name)).toEqual(['run_id']);
    expect(parameters.path[0]).toMatchObject({ required: true, specLocation: '#/paths/~1task-runs~1{run_id}/parameters/0' });
    expect(parameters.query.map((parameter) => parameter.name)).toEqual(['include']);
    expect(parameters.query[0]).toMatchObject({ style: 'form', explode: false });
  });

  it('separates header parameters and keeps whether they are required', () => {
    const { parameters } = operation('runTask');
    expect(parameters.header.map((parameter) => [parameter.name, parameter.required])).toEqual([['Idempotency-Key', false], ['X-Trace', true]]);
  });

  it('indexes responses by status, range and default, with their media types and examples', () => {
    expect(Object.keys(operation('listTaskRuns').responses)).toEqual(['200', '4XX']);
    expect(Object.keys(operation('getLatestTaskRun').responses)).toEqual(['200', 'default']);
    const media = operation('getTaskRun').responses['200']!.content['application/json']!;
    expect(media.examples.map((example) => example.name)).toEqual(['completed']);
    expect(media.schemaLocation).toBe('#/paths/~1task-runs~1{run_id}/get/responses/200/content/application~1json/schema');
  });

  it('keeps documented response headers with whether they are required', () => {
    expect(operation('getTaskRun').responses['200']!.headers['X-Request-Id']).toMatchObject({ required: true, schema: { type: 'string' } });
  });

  it('describes the request body and whether it is required', () => {
    const body = operation('runTask').requestBody!;
    expect(body.required).toBe(true);
    expect(body.content['application/json']!.examples[0]!.name).toBe('example');
  });

  it('inherits the document-level security requirements', () => {
    expect(operation('runTask').security).toEqual([{ BearerAuth: [] }]);
  });
});
