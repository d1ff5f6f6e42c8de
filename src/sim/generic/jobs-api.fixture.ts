// A jobs API written for the generic engine's tests: OpenAPI 3.1, a Location-header create, `state` going
// pending → working → done | error, a cancel, documented errors in one shape.

const error = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object', required: ['code', 'message'], additionalProperties: false,
      properties: { code: { type: 'string', enum: ['not_found', 'invalid', 'unauthorized', 'conflict'] }, message: { type: 'string' } },
    },
  },
};

const errorResponse = (code: string, message: string) => ({
  description: code,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: { error: { code, message } } } },
});

export const JOBS_SPEC = {
  openapi: '3.1.0',
  info: { title: 'Jobs', version: '1.0.0' },
  servers: [{ url: 'http://localhost:8080/api' }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Error: error,
      Job: {
        type: 'object',
        required: ['id', 'state', 'task', 'size', 'created_at', 'started_at', 'finished_at'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^job_[a-z0-9]{12}$' },
          state: { type: 'string', enum: ['pending', 'working', 'done', 'error', 'cancelled'] },
          task: { type: 'string', enum: ['resize', 'crop'] },
          size: { type: 'integer', minimum: 1, maximum: 4096 },
          label: { type: ['string', 'null'], maxLength: 40 },
          progress: { type: 'number', minimum: 0, maximum: 1 },
          created_at: { type: 'string', format: 'date-time' },
          started_at: { type: ['string', 'null'], format: 'date-time' },
          finished_at: { type: ['string', 'null'], format: 'date-time' },
          result: {
            oneOf: [
              { type: 'null' },
              { type: 'object', required: ['url'], additionalProperties: false, properties: { url: { type: 'string', format: 'uri' }, bytes: { type: 'integer', minimum: 0 } } },
            ],
          },
          tags: { type: 'array', maxItems: 3, items: { type: 'string', enum: ['a', 'b', 'c'] } },
          owner: { type: 'string', format: 'email' },
        },
      },
    },
  },
  paths: {
    '/jobs': {
      post: {
        operationId: 'createJob',
        parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 64 } }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object', required: ['task', 'size'], additionalProperties: false,
                properties: { task: { type: 'string', enum: ['resize', 'crop'] }, size: { type: 'integer', minimum: 1, maximum: 4096 } },
              },
            },
          },
        },
        responses: {
          202: { description: 'accepted', headers: { Location: { required: true, schema: { type: 'string', format: 'uri' } } } },
          400: errorResponse('invalid', 'size must be at most 4096'),
          401: errorResponse('unauthorized', 'Missing bearer token'),
          409: errorResponse('conflict', 'Idempotency-Key reused'),
        },
      },
      get: {
        operationId: 'listJobs',
        responses: {
          200: { description: 'jobs', content: { 'application/json': { schema: { type: 'object', required: ['items'], additionalProperties: false, properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Job' } } } } } } },
          401: errorResponse('unauthorized', 'Missing bearer token'),
        },
      },
    },
    '/jobs/{job_id}': {
      parameters: [{ name: 'job_id', in: 'path', required: true, schema: { type: 'string', pattern: '^job_[a-z0-9]{12}$' } }],
      get: {
        operationId: 'getJob',
        responses: {
          200: { description: 'the job', content: { 'application/json': { schema: { $ref: '#/components/schemas/Job' } } } },
          401: errorResponse('unauthorized', 'Missing bearer token'),
          404: errorResponse('not_found', 'No such job'),
        },
      },
    },
    '/jobs/{job_id}/cancel': {
      parameters: [{ name: 'job_id', in: 'path', required: true, schema: { type: 'string', pattern: '^job_[a-z0-9]{12}$' } }],
      post: {
        operationId: 'cancelJob',
        responses: {
          200: { description: 'the job', content: { 'application/json': { schema: { $ref: '#/components/schemas/Job' } } } },
          401: errorResponse('unauthorized', 'Missing bearer token'),
          404: errorResponse('not_found', 'No such job'),
          409: errorResponse('conflict', 'The job has ended'),
        },
      },
    },
  },
};

export const JOBS_PROFILE = {
  name: 'jobs',
  auth: { type: 'bearer' },
  runs: {
    job: {
      create: { operationId: 'createJob', body: { task: 'resize', size: 512 }, runId: { header: 'Location' } },
      poll: { operationId: 'getJob', interval: '250ms' },
      cancel: { operationId: 'cancelJob' },
      alsoReturnedBy: ['listJobs'],
      lifecycle: {
        status: '/state',
        initial: ['pending'],
        success: ['done'],
        failure: ['error', 'cancelled'],
        transitions: { pending: ['working', 'error', 'cancelled'], working: ['done', 'error', 'cancelled'] },
        cancel: ['cancelled'],
        timestamps: ['/created_at', '/started_at', '/finished_at'],
      },
    },
  },
};
