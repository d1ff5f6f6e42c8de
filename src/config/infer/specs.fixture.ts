import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSpec, type LoadedSpec } from '../../spec/index.ts';

/** Loads an OpenAPI document written in a test through the real loader (refs resolved, operations indexed). */
export async function specFrom(document: object, file = 'openapi.json'): Promise<LoadedSpec> {
  const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-infer-'));
  try {
    writeFileSync(path.join(dir, file), JSON.stringify(document));
    return await loadSpec(path.join(dir, file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const json = (schema: object, example?: unknown) => ({ 'application/json': { schema, ...(example === undefined ? {} : { example }) } });

/** A Replicate-style predictions API: `starting → processing → succeeded | failed | canceled`, bearer auth, a cancel action. */
export const PREDICTIONS_SPEC = {
  openapi: '3.1.0',
  info: { title: 'Predictions API', version: '1.0.0' },
  servers: [{ url: 'https://api.predictions.test/v1' }],
  security: [{ bearerAuth: [] }],
  paths: {
    '/predictions': {
      post: {
        operationId: 'createPrediction',
        requestBody: { required: true, content: json({ $ref: '#/components/schemas/PredictionRequest' }, { version: 'v-5c7d', input: { prompt: 'an astronaut' } }) },
        responses: { '201': { description: 'Created', content: json({ $ref: '#/components/schemas/Prediction' }) } },
      },
      get: {
        operationId: 'listPredictions',
        responses: { '200': { description: 'A page', content: json({ type: 'object', properties: { next: { type: ['string', 'null'] }, results: { type: 'array', items: { $ref: '#/components/schemas/Prediction' } } } }) } },
      },
    },
    '/predictions/{prediction_id}': {
      parameters: [{ name: 'prediction_id', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: 'getPrediction', responses: { '200': { description: 'The prediction', content: json({ $ref: '#/components/schemas/Prediction' }) } } },
    },
    '/predictions/{prediction_id}/cancel': {
      parameters: [{ name: 'prediction_id', in: 'path', required: true, schema: { type: 'string' } }],
      post: { operationId: 'cancelPrediction', responses: { '200': { description: 'Cancelling', content: json({ $ref: '#/components/schemas/Prediction' }) } } },
    },
  },
  components: {
    securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
    schemas: {
      PredictionRequest: { type: 'object', required: ['version', 'input'], properties: { version: { type: 'string' }, input: { type: 'object' } } },
      Prediction: {
        type: 'object',
        required: ['id', 'status'],
        properties: {
          id: { type: 'string' },
          version: { type: 'string' },
          status: { type: 'string', enum: ['starting', 'processing', 'succeeded', 'failed', 'canceled'] },
          output: {},
          error: { type: ['string', 'null'] },
          created_at: { type: 'string', format: 'date-time' },
          started_at: { type: ['string', 'null'], format: 'date-time' },
          completed_at: { type: ['string', 'null'], format: 'date-time' },
          urls: { type: 'object', properties: { get: { type: 'string' }, cancel: { type: 'string' } } },
        },
      },
    },
  },
};

/**
 * A jobs API: the create (under a queue whose name the spec gives no example of) answers 202 with a
 * `Location` header and no id in its body; the state is nested at `/job/state`; the key goes in `X-Api-Key`;
 * `DELETE` on the job cancels it.
 */
export const JOBS_SPEC = {
  openapi: '3.0.3',
  info: { title: 'Batch Jobs', version: '2.0.0' },
  servers: [{ url: 'https://batch.test/api' }],
  security: [{ ApiKeyAuth: [] }],
  paths: {
    '/queues/{queue_name}/jobs': {
      post: {
        operationId: 'submitJob',
        parameters: [{ name: 'queue_name', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: json({ type: 'object', required: ['image', 'width'], properties: { image: { type: 'string', example: 'cat.png' }, width: { type: 'integer' }, note: { type: 'string' } } }) },
        responses: {
          '202': {
            description: 'Accepted',
            headers: { Location: { required: true, schema: { type: 'string', example: '/api/jobs/j-123' } } },
            content: json({ type: 'object', properties: { accepted: { type: 'boolean' }, queue_id: { type: 'string' } } }),
          },
        },
      },
    },
    '/jobs/{jobId}': {
      parameters: [{ name: 'jobId', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: 'readJob', responses: { '200': { description: 'The job', content: json({ $ref: '#/components/schemas/JobEnvelope' }) } } },
      delete: { operationId: 'deleteJob', responses: { '200': { description: 'Cancelled', content: json({ $ref: '#/components/schemas/JobEnvelope' }) } } },
    },
  },
  components: {
    securitySchemes: { ApiKeyAuth: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } },
    schemas: {
      JobEnvelope: {
        type: 'object',
        properties: {
          job: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              kind: { type: 'string', enum: ['resize', 'crop'] },
              state: { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] },
              created_at: { type: 'string', format: 'date-time' },
              finished_at: { type: 'string', format: 'date-time', nullable: true },
              updated_at: { type: 'string', format: 'date-time' },
            },
          },
          request_id: { type: 'string' },
        },
      },
    },
  },
};
