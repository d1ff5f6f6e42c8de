import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/fixtures/fixture-path.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { createValidator } from './validator.ts';

const CHARGE = { id: 'ch_1', amount: 500, status: 'pending', currency: 'usd', description: null, kind: 'card', refund: { id: 're_1', charge: { id: 'ch_1', amount: 500, status: 'failed' } } };

describe('validating against a real-world, imperfect spec', () => {
  it('validates an operation whatever flaws the rest of the document has, listing the ones it met', async () => {
    const spec = await loadSpec(fixturePath('specs/imperfect.yaml'), { cache: false });
    const validator = createValidator(spec);
    expect(validator.validateResponse('getCharge', { status: 200, body: CHARGE })).toEqual([]);
    expect(validator.validateResponse('getCharge', { status: 200, body: { ...CHARGE, currency: 'gbp' } })).toEqual([
      expect.objectContaining({ pointer: '/currency', message: 'Received: "gbp"\nDocumented: one of usd, eur', specLocation: '#/components/schemas/Charge/properties/currency/enum' }),
    ]);
    expect(spec.warnings.list().map((warning) => warning.code)).toEqual(expect.arrayContaining([
      'OPERATION_ID_DUPLICATE', 'PATTERN_NOT_UNICODE', 'FORMAT_UNKNOWN', 'ENUM_DUPLICATE', 'NULLABLE_IN_3_1', 'ENUM_EMPTY', 'ENUM_REF', 'REQUIRED_DUPLICATE', 'REF_REMOTE',
    ]));
  });

  it('honours a pattern written for another regex engine (`\\_`), in parameters and bodies', async () => {
    const validator = createValidator(await loadSpec(fixturePath('specs/imperfect.yaml')));
    expect(validator.validateRequest({ method: 'GET', url: '/v1/charges/ch_abc' }).violations).toEqual([]);
    expect(validator.validateRequest({ method: 'GET', url: '/v1/charges/re_abc' }).violations).toEqual([expect.objectContaining({ code: 'PARAMETER_INVALID', pointer: 'id' })]);
  });

  it('validates schemas that refer to each other in a cycle, at any depth', async () => {
    const validator = createValidator(await loadSpec(fixturePath('specs/imperfect.yaml')));
    const deep = { ...CHARGE, refund: { id: 're_1', charge: { ...CHARGE, refund: { id: 're_2', charge: { id: 'ch_2', amount: 'x', status: 'failed' } } } } };
    expect(validator.validateResponse('getCharge', { status: 200, body: deep })).toEqual([
      expect.objectContaining({ pointer: '/refund/charge/refund/charge/amount', specLocation: '#/components/schemas/Charge/properties/amount/type' }),
    ]);
  });

  it('fails only the operation whose schema cannot compile, every time it is used', async () => {
    const validator = createValidator(await loadSpec(fixturePath('specs/imperfect.yaml')));
    const report = validator.compileAll();
    expect(report).toMatchObject({ operations: 3, compiled: 2, failed: [expect.objectContaining({ operationId: 'getRefund', message: expect.stringContaining('Invalid regular expression') })] });
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(() => validator.validateResponse('getRefund', { status: 200, body: {} })).toThrow(expect.objectContaining({ code: 'SCHEMA_UNCOMPILABLE' }));
    }
    expect(validator.validateResponse('get /charges', { status: 200, body: { data: [CHARGE] } })).toEqual([]);
  });

  it('compiles only the schemas of the operation validated against', async () => {
    const validator = createValidator(await loadSpec(fixturePath('specs/tasks-3.1.yaml'), { cache: false }));
    expect(validator.compiler.convertedSchemas()).toEqual([]);
    validator.validateResponse('getEventJson', { status: 200, body: { kind: 'started' } });
    const converted = validator.compiler.convertedSchemas();
    expect(converted.length).toBeGreaterThan(0);
    expect(converted.every((key) => !key.includes('TaskRun'))).toBe(true);
    validator.validateResponse('getTaskRun', { status: 200, body: {} });
    expect(validator.compiler.convertedSchemas()).toEqual(expect.arrayContaining(['response #/components/schemas/TaskRun']));
  });

  it('prepares an operation with every schema it reaches, or with reachable: false with those a body reaches', async () => {
    const lazy = createValidator(await loadSpec(fixturePath('specs/imperfect.yaml'), { cache: false }));
    lazy.prepare('getCharge', { reachable: false });
    expect(lazy.compiler.convertedSchemas()).toContain('response #/components/schemas/Charge');
    expect(lazy.compiler.convertedSchemas()).not.toContain('response #/components/schemas/Refund');
    lazy.validateResponse('getCharge', { status: 200, body: { ...CHARGE, refund: { id: 're_1' } } });
    expect(lazy.compiler.convertedSchemas()).toContain('response #/components/schemas/Refund');
    const full = createValidator(await loadSpec(fixturePath('specs/imperfect.yaml'), { cache: false }));
    full.prepare('getCharge');
    const converted = full.compiler.convertedSchemas();
    expect(converted).toEqual(expect.arrayContaining(['response #/components/schemas/Charge', 'response #/components/schemas/Refund', 'response #/components/schemas/Status']));
    full.validateResponse('getCharge', { status: 200, body: { ...CHARGE, refund: { id: 're_1', charge: CHARGE } } });
    expect(full.compiler.convertedSchemas()).toHaveLength(converted.length);
  });

  it('compiles everything an operation reaches on compileAll, after it was validated against lazily', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-lazy-'));
    try {
      const file = path.join(dir, 'one-operation.yaml');
      writeFileSync(file, [
        'openapi: 3.1.0', 'info: { title: One operation, version: 1.0.0 }', 'paths:', '  /charges/{id}:', '    get:',
        '      operationId: getCharge',
        "      responses: { '200': { description: A charge., content: { application/json: { schema: { $ref: '#/components/schemas/Charge' } } } } }",
        'components:', '  schemas:',
        "    Charge: { type: object, properties: { refund: { $ref: '#/components/schemas/Refund' } } }",
        "    Refund: { type: object, properties: { id: { type: string, pattern: '(unclosed' } } }",
      ].join('\n'));
      const validator = createValidator(await loadSpec(file, { cache: false }));
      validator.prepare('getCharge', { reachable: false });
      expect(validator.validateResponse('getCharge', { status: 200, body: {} })).toEqual([]);
      expect(validator.compiler.convertedSchemas()).toEqual(['response #/components/schemas/Charge']);
      expect(validator.compileAll()).toMatchObject({ compiled: 0, failed: [{ operationId: 'getCharge', message: expect.stringContaining('#/components/schemas/Refund') }] });
      expect(() => validator.validateResponse('getCharge', { status: 200, body: {} })).toThrow(expect.objectContaining({ code: 'SCHEMA_UNCOMPILABLE' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shares compiled schemas between the validators of one loaded spec, and the spec between loads of an unchanged file', async () => {
    const file = fixturePath('specs/tasks-3.1.yaml');
    const spec = await loadSpec(file);
    expect(await loadSpec(file)).toBe(spec);
    const first = createValidator(spec);
    first.validateResponse('getTaskRun', { status: 200, body: {} });
    const second = createValidator(spec);
    expect(second.compiler).toBe(first.compiler);
    const count = first.compiler.convertedSchemas().length;
    second.validateResponse('getTaskRun', { status: 200, body: {} });
    expect(second.compiler.convertedSchemas()).toHaveLength(count);
  });

  it('compiles everything up front when asked to', async () => {
    const validator = createValidator(await loadSpec(fixturePath('specs/tasks-3.1.yaml'), { cache: false }), { compile: 'all' });
    const converted = validator.compiler.convertedSchemas().length;
    validator.validateResponse('getTaskRun', { status: 200, body: {} });
    validator.validateRequest({ method: 'GET', url: '/v2/task-runs' });
    expect(validator.compiler.convertedSchemas()).toHaveLength(converted);
  });

  it('reads a JSON spec that starts with a byte order mark', async () => {
    const validator = createValidator(await loadSpec(fixturePath('specs/bom.json')));
    expect(validator.validateResponse('ping', { status: 200, body: { ok: true } })).toEqual([]);
  });

  it('validates against a Swagger 2.0 document, converted on load', async () => {
    const spec = await loadSpec(fixturePath('specs/swagger-2-pets.yaml'));
    expect(spec).toMatchObject({ version: '3.0', convertedFrom: 'swagger-2.0', basePath: '/v1' });
    const validator = createValidator(spec);
    expect(validator.validateResponse('getPet', { status: 200, body: { id: 1, name: 'Rex' } })).toEqual([]);
    expect(validator.validateResponse('getPet', { status: 200, body: { id: 'one', name: 'Rex' } })).toEqual([expect.objectContaining({ pointer: '/id' })]);
  });
});
