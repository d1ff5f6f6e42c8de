import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkLifecycle } from '../../core/lifecycle/index.ts';
import type { ProviderProfile } from '../../core/profile/index.ts';
import type { LoadedSpec } from '../../spec/index.ts';
import { findingsOf, loadFixture, startHarness, type Harness } from './generic-harness.fixture.ts';

// Reports: an OpenAPI 3.0 document with `nullable` on plain fields, on an enum and next to a `$ref`, a boolean
// `exclusiveMaximum`, a create whose id field (`report_id`) differs from the poll's (`id`), and a named example
// for the `ready` state.
const SPEC = {
  openapi: '3.0.3',
  info: { title: 'Reports', version: '1' },
  servers: [{ url: '/' }],
  components: {
    schemas: {
      Download: { type: 'object', required: ['url', 'bytes'], additionalProperties: false, properties: { url: { type: 'string', format: 'uri' }, bytes: { type: 'integer', minimum: 1 } } },
      Report: {
        type: 'object',
        required: ['id', 'status', 'progress', 'created_at', 'finished_at', 'download', 'note'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', format: 'uuid' },
          status: { type: 'string', enum: ['queued', 'rendering', 'ready', 'failed'] },
          progress: { type: 'number', minimum: 0, maximum: 100, exclusiveMaximum: true },
          created_at: { type: 'string', format: 'date-time' },
          finished_at: { type: 'string', format: 'date-time', nullable: true },
          download: { nullable: true, allOf: [{ $ref: '#/components/schemas/Download' }] },
          note: { type: 'string', enum: ['draft', 'final'], nullable: true },
          pages: { type: 'integer', format: 'int32', minimum: 1 },
        },
      },
    },
  },
  paths: {
    '/reports': {
      post: {
        operationId: 'createReport',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['template'], properties: { template: { type: 'string', minLength: 1 } } } } } },
        responses: {
          202: {
            description: 'queued',
            content: { 'application/json': { schema: { type: 'object', required: ['report_id'], additionalProperties: false, properties: { report_id: { type: 'string', format: 'uuid' } } } } },
          },
          422: { description: 'invalid', content: { 'application/json': { schema: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } } } } },
        },
      },
    },
    '/reports/{report_id}': {
      get: {
        operationId: 'getReport',
        parameters: [{ name: 'report_id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          200: {
            description: 'the report',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Report' },
                examples: {
                  ready: {
                    value: {
                      id: '0b6c4a52-8d3e-4a57-9f0e-2c1d5b7a9e31', status: 'ready', progress: 99.5, created_at: '2025-05-01T10:00:00Z',
                      finished_at: '2025-05-01T10:00:09Z', download: { url: 'https://files.example.com/r/0b6c4a52.pdf', bytes: 48213 }, note: 'final',
                    },
                  },
                },
              },
            },
          },
          404: { description: 'unknown', content: { 'application/json': { schema: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } } } } },
        },
      },
    },
  },
};
const PROFILE = {
  name: 'reports',
  runs: {
    report: {
      create: { operationId: 'createReport', body: { template: 'monthly' }, runId: { body: '/report_id' } },
      poll: { operationId: 'getReport' },
      lifecycle: {
        status: '/status',
        initial: ['queued'],
        success: ['ready'],
        failure: ['failed'],
        transitions: { queued: ['rendering'], rendering: ['ready', 'failed'] },
        timestamps: ['/created_at', '/finished_at'],
      },
    },
  },
};

type Report = { id: string; status: string; finished_at: string | null; download: unknown; progress: number };

let spec: LoadedSpec;
let profile: ProviderProfile;
let sim: Harness;

beforeAll(async () => {
  ({ spec, profile } = await loadFixture(SPEC, PROFILE));
});
afterEach(() => sim.close());

describe('an OpenAPI 3.0 spec with nullable fields', () => {
  it('serves runs whose every answer conforms strictly: null where the run has not got there, the example once ready', async () => {
    sim = await startHarness(profile, spec, { sim: { outcomes: { reports: { ready: 1 } } } });
    expect(spec.version).toBe('3.0');
    const created = await sim.call('POST', '/reports', { body: { template: 'monthly' } });
    expect(created.status).toBe(202);
    expect(findingsOf(sim, 'createReport', created)).toEqual([]);
    const id = (created.body as { report_id: string }).report_id;
    const seen: Report[] = [];
    for (let i = 0; i < 400 && seen.at(-1)?.status !== 'ready'; i++) {
      const polled = await sim.call('GET', `/reports/${id}`);
      expect(findingsOf(sim, 'getReport', polled)).toEqual([]);
      seen.push(polled.body as Report);
      sim.clock.advance(100);
    }
    expect(seen.map((report) => report.status).filter((status, index, all) => all[index - 1] !== status)).toEqual(['queued', 'rendering', 'ready']);
    expect(seen.every((report) => report.id === id)).toBe(true);
    expect(seen.filter((report) => report.status !== 'ready').every((report) => report.finished_at === null)).toBe(true);
    const ready = seen.at(-1)!;
    expect(ready.download).toEqual({ url: 'https://files.example.com/r/0b6c4a52.pdf', bytes: 48213 });
    expect(ready.finished_at).not.toBeNull();
    expect(checkLifecycle(profile.runs[0]!.lifecycle, 'getReport', seen.map((body, index) => ({ body, observedAt: index })))).toEqual([]);
  });

  it('generates bodies from the schema alone when told to, still conforming, and answers a bad body with the documented 422', async () => {
    sim = await startHarness(profile, spec, { generic: { bodies: 'schema' }, sim: { outcomes: { reports: { failed: 1 } } } });
    const created = await sim.call('POST', '/reports', { body: { template: 'monthly' } });
    const id = (created.body as { report_id: string }).report_id;
    sim.clock.advance(60_000);
    const failed = await sim.call('GET', `/reports/${id}`);
    expect(findingsOf(sim, 'getReport', failed)).toEqual([]);
    expect(failed.body).toMatchObject({ id, status: 'failed', finished_at: expect.any(String) });
    expect((failed.body as Report).progress).toBeLessThan(100);
    const invalid = await sim.call('POST', '/reports', { body: { template: '' } });
    expect(invalid.status).toBe(422);
    expect(findingsOf(sim, 'createReport', invalid)).toEqual([]);
    expect(invalid.body).toMatchObject({ message: expect.stringMatching(/^Invalid request: body \/template/) });
    const unknown = await sim.call('GET', '/reports/5fd25682-1a25-4e23-996d-83e8ee25b267');
    expect(unknown.status).toBe(404);
    expect(findingsOf(sim, 'getReport', unknown)).toEqual([]);
  });
});
