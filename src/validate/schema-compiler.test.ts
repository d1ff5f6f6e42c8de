import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/fixtures/fixture-path.ts';
import type { LoadedSpec } from '../spec/loaded-spec.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { createSchemaCompiler } from './schema-compiler.ts';
import { createValidator } from './validator.ts';

describe('createSchemaCompiler', () => {
  let spec: LoadedSpec;

  beforeAll(async () => {
    spec = await loadSpec(fixturePath('specs/tasks-3.1.yaml'));
  });

  it('compiles a shared component once, whichever path refers to it', () => {
    const compiler = createSchemaCompiler(spec);
    const latest = compiler.compile('#/paths/~1task-runs~1latest/get/responses/200/content/application~1json/schema', 'response', 'a');
    const byId = compiler.compile('#/paths/~1task-runs~1{run_id}/get/responses/200/content/application~1json/schema', 'response', 'b');
    expect(latest.location).toBe('#/components/schemas/TaskRun');
    expect(byId.validate).toBe(latest.validate);
  });

  it('follows shared responses on the way to a schema', () => {
    const compiler = createSchemaCompiler(spec);
    const compiled = compiler.compile('#/paths/~1task-runs~1{run_id}/get/responses/404/content/application~1json/schema', 'response', 'c');
    expect(compiled.location).toBe('#/components/responses/Error/content/application~1json/schema');
    expect(compiled.validate({ errors: [{ code: 'x' }] })).toBe(true);
  });

  it('compiles the same schema at several locations once, each keeping its own location', () => {
    const uuid = { type: 'string', format: 'uuid' };
    const bundled = { components: { schemas: { A: { ...uuid }, B: { ...uuid }, C: { type: 'string' } } } };
    const compiler = createSchemaCompiler({ bundled, version: '3.1', path: 'inline.yaml' });
    const a = compiler.compile('#/components/schemas/A', 'response', 'a');
    const b = compiler.compile('#/components/schemas/B', 'response', 'b');
    expect(b.validate).toBe(a.validate);
    expect(b.location).toBe('#/components/schemas/B');
    expect(compiler.compile('#/components/schemas/C', 'response', 'c').validate).not.toBe(a.validate);
  });

  it('maps an Ajv schema path back into the spec', () => {
    const compiler = createSchemaCompiler(spec);
    const compiled = compiler.compile('#/components/schemas/TaskRun', 'response', 'd');
    expect(compiler.specLocationOf(compiled, '#/properties/status/enum')).toBe('#/components/schemas/TaskRun/properties/status/enum');
  });

  it('fails with SCHEMA_UNCOMPILABLE naming the operation and the location of a broken schema', async () => {
    const broken = await loadSpec(fixturePath('specs/uncompilable.yaml'));
    expect(() => createValidator(broken).validateResponse('listRuns', { status: 200, body: {} })).toThrow(expect.objectContaining({
      code: 'SCHEMA_UNCOMPILABLE',
      message: expect.stringMatching(/listRuns response 200 application\/json: the schema at #\/paths\/~1runs\/get\/responses\/200\/content\/application~1json\/schema cannot be compiled: Invalid regular expression/),
    }));
  });

  it('fails with SCHEMA_UNCOMPILABLE for a location that does not exist', () => {
    expect(() => createSchemaCompiler(spec).compile('#/components/schemas/Nope', 'response', 'e')).toThrow(expect.objectContaining({ code: 'SCHEMA_UNCOMPILABLE' }));
  });

  it('compiles a referenced schema when validation first reaches it, or up front when asked for all it reaches', () => {
    const bundled = {
      components: {
        schemas: {
          Charge: { type: 'object', properties: { amount: { type: 'integer' }, refund: { $ref: '#/components/schemas/Refund' } } },
          Refund: { type: 'object', properties: { id: { type: 'string', pattern: '(unclosed' } } },
        },
      },
    };
    const compiler = createSchemaCompiler({ bundled, version: '3.0', path: 'inline.yaml' });
    const charge = compiler.compile('#/components/schemas/Charge', 'response', 'getCharge', { reachable: false });
    expect(charge.validate({ amount: 1 })).toBe(true);
    expect(charge.validate({ amount: 'one' })).toBe(false);
    expect(compiler.convertedSchemas()).toEqual(['response #/components/schemas/Charge']);
    expect(() => charge.validate({ refund: { id: 'r' } })).toThrow(expect.objectContaining({
      code: 'SCHEMA_UNCOMPILABLE', message: expect.stringMatching(/the schema at #\/components\/schemas\/Refund cannot be compiled: .*Invalid regular expression/),
    }));
    expect(() => compiler.compile('#/components/schemas/Charge', 'response', 'getCharge')).toThrow(expect.objectContaining({
      code: 'SCHEMA_UNCOMPILABLE', message: expect.stringMatching(/getCharge: .*#\/components\/schemas\/Refund \(which it uses\).*Invalid regular expression/),
    }));
  });

  it('compiles every schema a cycle of references reaches when asked for all, and validates through it', () => {
    const bundled = {
      components: {
        schemas: {
          Charge: { type: 'object', properties: { amount: { type: 'integer' }, refund: { $ref: '#/components/schemas/Refund' } } },
          Refund: { type: 'object', properties: { charge: { $ref: '#/components/schemas/Charge' } } },
        },
      },
    };
    const compiler = createSchemaCompiler({ bundled, version: '3.0', path: 'inline.yaml' });
    const charge = compiler.compile('#/components/schemas/Charge', 'response', 'getCharge');
    expect(compiler.convertedSchemas()).toEqual(['response #/components/schemas/Charge', 'response #/components/schemas/Refund']);
    const deep = { refund: { charge: { refund: { charge: { amount: 'one' } } } } };
    expect(charge.validate(deep)).toBe(false);
    expect(charge.validate.errors).toEqual([expect.objectContaining({ instancePath: '/refund/charge/refund/charge/amount' })]);
    expect(compiler.locationOfError(charge, charge.validate.errors![0]!)).toBe('#/components/schemas/Charge/properties/amount/type');
  });

  it('keeps unevaluatedProperties aware of what a lazily compiled reference evaluated (3.1)', () => {
    const bundled = {
      components: {
        schemas: {
          Base: { type: 'object', properties: { id: { type: 'string' } } },
          Run: { allOf: [{ $ref: '#/components/schemas/Base' }], properties: { status: { type: 'string' } }, unevaluatedProperties: false },
        },
      },
    };
    const compiler = createSchemaCompiler({ bundled, version: '3.1', path: 'inline.yaml' });
    const run = compiler.compile('#/components/schemas/Run', 'response', 'getRun', { reachable: false });
    expect(run.validate({ id: 'r', status: 'ok' })).toBe(true);
    expect(run.validate({ id: 'r', extra: 1 })).toBe(false);
    expect(run.validate.errors).toEqual([expect.objectContaining({ keyword: 'unevaluatedProperties', params: { unevaluatedProperty: 'extra' } })]);
  });
});
