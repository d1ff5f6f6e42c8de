import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/fixtures/fixture-path.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { createShapePlanner, createUndocumentedCheck } from './undocumented-properties.ts';
import { createValidator, type Validator } from './validator.ts';

const RUN = { id: 'trun_1', status: 'completed', result: null, created_at: '2025-06-03T13:05:41Z', interaction: null };

let strict: Validator;
let lenient: Validator;

beforeAll(async () => {
  const spec = await loadSpec(fixturePath('specs/tasks-3.1.yaml'));
  strict = createValidator(spec, { strict: true });
  lenient = createValidator(spec);
});

const undocumented = (body: unknown, validator = strict) =>
  validator.validateResponse('getLatestTaskRun', { status: 200, body }).filter((finding) => finding.code === 'PROPERTY_UNDOCUMENTED');

describe('strict mode (PROPERTY_UNDOCUMENTED)', () => {
  it('reports a property the schema does not declare even though additionalProperties allows it', () => {
    expect(undocumented({ ...RUN, colour: 'red' })).toEqual([expect.objectContaining({
      pointer: '/colour', part: 'body', received: 'colour', message: expect.stringMatching(/^Received: property "colour"\nDocumented: id, status, /),
    })]);
  });

  it('is silent outside strict mode', () => {
    expect(lenient.validateResponse('getLatestTaskRun', { status: 200, body: { ...RUN, colour: 'red' } })).toEqual([]);
  });

  it('does not treat the keys of a map (additionalProperties: schema) or a free-form object as drift', () => {
    expect(undocumented({ ...RUN, metadata: { team: 'billing', cost: 'high' }, input: { anything: 1 } })).toEqual([]);
  });

  it('follows oneOf into the branch the value matches', () => {
    expect(undocumented({ ...RUN, interaction: { type: 'mfa', message: 'Code?', fields: [] } })).toEqual([
      expect.objectContaining({ pointer: '/interaction/fields' }),
    ]);
  });

  it('walks recursive schemas and arrays', () => {
    expect(undocumented({ ...RUN, output: { children: [{ pages: 1, colour: 'red' }] } })).toEqual([
      expect.objectContaining({ pointer: '/output/children/0/colour' }),
    ]);
  });

  it('uses the discriminator to pick the branch whose properties count', () => {
    const event = (body: unknown) => strict.validateResponse('getEventJson', { status: 200, body });
    expect(event({ kind: 'started', started_at: '2025-06-03T13:05:41Z' })).toEqual([]);
    expect(event({ kind: 'started', started_at: '2025-06-03T13:05:41Z', outcome: 'success' })).toEqual([
      expect.objectContaining({ code: 'PROPERTY_UNDOCUMENTED', pointer: '/outcome' }),
    ]);
  });

  it('leaves closed schemas to Ajv so an extra property is reported once', () => {
    const result = strict.validateRequest({ method: 'POST', url: '/v2/tasks/task_1/run', headers: { 'x-trace': 't' }, body: { inputs: {} } });
    expect(result.violations.map((finding) => finding.code)).toEqual(['SCHEMA_MISMATCH']);
  });

  it('reports query parameters the operation does not document', () => {
    const result = strict.validateRequest({ method: 'GET', url: '/v2/task-runs?limit=5&colour=red' });
    expect(result.violations).toEqual([expect.objectContaining({ code: 'PROPERTY_UNDOCUMENTED', part: 'query', pointer: 'colour' })]);
  });

  it('takes the union of allOf parts as the declared properties', () => {
    const base = { type: 'object', properties: { id: { type: 'string' } } };
    const schema = { allOf: [base, { type: 'object', required: ['request_id'], properties: { request_id: { type: 'string' } } }] };
    const check = createUndocumentedCheck(schema, createShapePlanner({}));
    expect(check({ id: 'a', request_id: 'b' })).toEqual([]);
    expect(check({ id: 'a', request_id: 'b', extra: 1 })).toEqual([{ pointer: '/extra', property: 'extra', declared: ['id', 'request_id'] }]);
  });

  it('picks the anyOf branch that declares the most of the object keys', () => {
    const schema = {
      anyOf: [
        { type: 'object', required: ['a'], properties: { a: {}, b: {} } },
        { type: 'object', required: ['c'], properties: { c: {} } },
      ],
    };
    const check = createUndocumentedCheck(schema, createShapePlanner({}));
    expect(check({ a: 1, b: 2 })).toEqual([]);
    expect(check({ c: 1, z: 2 })).toEqual([expect.objectContaining({ pointer: '/z', declared: ['c'] })]);
  });
});
