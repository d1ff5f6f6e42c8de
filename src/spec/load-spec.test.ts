import { describe, expect, it } from 'vitest';
import { RunwardenError } from '../core/errors.ts';
import { fixturePath } from '../../test/fixtures/fixture-path.ts';
import { auditRefs } from './audit-refs.ts';
import { loadSpec } from './load-spec.ts';
import { locatedWarnings } from './locate-warnings.ts';

async function loadError(name: string): Promise<RunwardenError> {
  const error = await loadSpec(fixturePath(`specs/${name}`)).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(RunwardenError);
  return error as RunwardenError;
}

describe('loadSpec', () => {
  it('loads a 3.1 YAML spec with its title, version, base path and operations', async () => {
    const spec = await loadSpec(fixturePath('specs/tasks-3.1.yaml'));
    expect(spec.version).toBe('3.1');
    expect(spec.title).toBe('Tasks fixture 3.1');
    expect(spec.basePath).toBe('/v2');
    expect(spec.operations.map((operation) => operation.operationId)).toEqual([
      'listTaskRuns', 'getLatestTaskRun', 'getTaskRun', 'runTask', 'runRunnable', 'getEventJson',
    ]);
  });

  it('dereferences $refs so schemas are plain objects', async () => {
    const spec = await loadSpec(fixturePath('specs/tasks-3.1.yaml'));
    const getTaskRun = spec.operations.find((operation) => operation.operationId === 'getTaskRun')!;
    const schema = getTaskRun.responses['200']!.content['application/json']!.schema as { properties: Record<string, unknown> };
    expect(schema.properties.status).toMatchObject({ type: 'string', enum: expect.arrayContaining(['queued']) });
    expect(schema.properties.status).not.toHaveProperty('$ref');
  });

  it('turns a self-referencing schema into a cycle and keeps the bundled document with its refs', async () => {
    const spec = await loadSpec(fixturePath('specs/tasks-3.1.yaml'));
    const node = (spec.document.components!.schemas as Record<string, { properties: { children: { items: unknown } } }>).OutputNode!;
    expect(node.properties.children.items).toBe(node);
    expect(JSON.stringify(spec.bundled)).toContain('"$ref":"#/components/schemas/OutputNode"');
  });

  it('loads a JSON spec and synthesizes an operationId from method and path', async () => {
    const spec = await loadSpec(fixturePath('specs/tasks.json'));
    expect(spec.version).toBe('3.1');
    expect(spec.basePath).toBe('');
    expect(spec.operations[0]!.operationId).toBe('get /runs/{id}');
  });

  it('loads a 3.0 spec and reports its version as 3.0', async () => {
    const spec = await loadSpec(fixturePath('specs/legacy-3.0.yaml'));
    expect(spec.version).toBe('3.0');
    expect(spec.basePath).toBe('/api/v1');
  });

  it('inlines schemas from other files referenced with a relative $ref', async () => {
    const spec = await loadSpec(fixturePath('specs/split/root.yaml'));
    const schema = spec.operations[0]!.responses['200']!.content['application/json']!.schema as { properties: Record<string, unknown> };
    expect(schema.properties.status).toEqual({ type: 'string', enum: ['running', 'completed'] });
    expect(JSON.stringify(spec.bundled)).not.toContain('schemas.yaml');
  });

  it('reports a missing file as FILE_NOT_FOUND naming the path', async () => {
    const error = await loadError('does-not-exist.yaml');
    expect(error.code).toBe('FILE_NOT_FOUND');
    expect(error.message).toContain('does-not-exist.yaml');
  });

  it('reports broken YAML as YAML_INVALID with file, line, column and the parser reason', async () => {
    const error = await loadError('broken-yaml.yaml');
    expect(error.code).toBe('YAML_INVALID');
    expect(error.message).toMatch(/broken-yaml\.yaml:\d+:\d+: invalid YAML: Flow sequence/);
  });

  it('reports broken JSON as JSON_INVALID with line, column and position', async () => {
    const error = await loadError('broken.json');
    expect(error.code).toBe('JSON_INVALID');
    expect(error.message).toMatch(/broken\.json:4:13: invalid JSON: .*property name.*\(position 94\)/);
  });

  it('loads a spec with a $ref to a missing component, which only the operations using it will fail on', async () => {
    const spec = await loadSpec(fixturePath('specs/broken-ref.yaml'));
    expect(spec.operations.map((operation) => operation.operationId)).toEqual(['get /runs']);
    auditRefs(spec);
    expect(locatedWarnings(spec)).toEqual([expect.objectContaining({
      code: 'REF_BROKEN', location: '#/paths/~1runs/get/responses/200/content/application~1json/schema/$ref', line: 14,
      message: expect.stringContaining('$ref "#/components/schemas/Nope" does not resolve'),
    })]);
  });

  it('reports a $ref to a missing file as REF_BROKEN naming that file', async () => {
    const error = await loadError('broken-external-ref.yaml');
    expect(error.code).toBe('REF_BROKEN');
    expect(error.message).toContain('missing-schemas.yaml');
    expect(error.message).toContain('file not found');
  });

  it('converts Swagger 2.0 to OpenAPI 3.0 with swagger2openapi, and says so', async () => {
    const spec = await loadSpec(fixturePath('specs/swagger-2.yaml'));
    expect(spec).toMatchObject({ version: '3.0', convertedFrom: 'swagger-2.0', title: 'Old' });
    expect(spec.warnings.list()).toEqual([expect.objectContaining({ code: 'SWAGGER_CONVERTED', message: expect.stringMatching(/^Swagger 2\.0, converted to OpenAPI 3\.0\.\d+ with swagger2openapi \d+\.\d+\.\d+/) })]);
  });

  it('rejects a swagger version other than 2.0 as SPEC_INVALID naming the field', async () => {
    const error = await loadError('swagger-1.2.json');
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.message).toContain('swagger: "1.2"');
  });

  it('rejects an unsupported openapi version as SPEC_INVALID naming the version found', async () => {
    const error = await loadError('openapi-3.2.yaml');
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.message).toContain('Received: openapi: "3.2.0"');
  });

  it('keeps both operations of a duplicated operationId, the later known by method and path, with a warning', async () => {
    const spec = await loadSpec(fixturePath('specs/duplicate-ids.yaml'));
    expect(spec.operations.map((operation) => operation.operationId)).toEqual(['getThing', 'get /b']);
    expect(locatedWarnings(spec)).toEqual([expect.objectContaining({
      code: 'OPERATION_ID_DUPLICATE', location: '#/paths/~1b/get/operationId', line: 12, column: 7,
      message: 'operationId "getThing" is also used at #/paths/~1a/get: this operation is known as "get /b"',
    })]);
  });
});
