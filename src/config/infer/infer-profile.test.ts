import { describe, expect, it } from 'vitest';
import { RunwardenError } from '../../core/errors.ts';
import { inferProfile } from './infer-profile.ts';
import { JOBS_SPEC, PREDICTIONS_SPEC, specFrom } from './specs.fixture.ts';

describe('inferProfile on a Replicate-style predictions API', () => {
  it('pairs the create with its poll and cancel, and lists the operation that also returns predictions', async () => {
    const draft = inferProfile(await specFrom(PREDICTIONS_SPEC, 'predictions.openapi.json'));
    expect(draft.name).toBe('predictions');
    expect(Object.keys(draft.profile.runs)).toEqual(['prediction']);
    const run = draft.profile.runs.prediction!;
    expect(run.create).toEqual({ operationId: 'createPrediction', body: { version: 'v-5c7d', input: { prompt: 'an astronaut' } }, runId: { body: '/id' } });
    expect(run.poll).toEqual({ operationId: 'getPrediction', runIdParam: 'prediction_id' });
    expect(run.cancel).toEqual({ operationId: 'cancelPrediction', runIdParam: 'prediction_id' });
    expect(run.alsoReturnedBy).toEqual(['listPredictions']);
  });

  it('reads starting → processing → succeeded | failed | canceled from the status enum', async () => {
    const { lifecycle } = inferProfile(await specFrom(PREDICTIONS_SPEC)).profile.runs.prediction!;
    expect(lifecycle).toMatchObject({
      status: '/status',
      states: ['starting', 'processing', 'succeeded', 'failed', 'canceled'],
      initial: ['starting'],
      success: ['succeeded'],
      failure: ['failed', 'canceled'],
      cancel: ['canceled'],
      timestamps: ['/created_at', '/started_at', '/completed_at'],
    });
    // A processing prediction never goes back to starting.
    expect(lifecycle.transitions).toEqual({
      starting: ['processing', 'succeeded', 'failed', 'canceled'],
      processing: ['succeeded', 'failed', 'canceled'],
    });
  });

  it('takes bearer auth from the security scheme, with a token variable named after the provider', async () => {
    const draft = inferProfile(await specFrom(PREDICTIONS_SPEC), { name: 'replicate' });
    expect(draft.profile.auth).toEqual({ type: 'bearer', tokenEnv: 'REPLICATE_TOKEN' });
    expect(draft.notes.find((note) => note.item === 'auth')).toMatchObject({ confidence: 'high', at: ['auth'] });
  });

  it('says the transitions are a guess, with low confidence and something to check', async () => {
    const note = inferProfile(await specFrom(PREDICTIONS_SPEC)).notes.find((candidate) => candidate.item === 'transitions');
    expect(note).toMatchObject({ run: 'prediction', confidence: 'low', at: ['runs', 'prediction', 'lifecycle', 'transitions'] });
    expect(note?.reason).toMatch(/guess/);
    expect(note?.check).toMatch(/documentation/);
  });
});

describe('inferProfile on a jobs API with a nested state and a Location header', () => {
  it('finds the state at /job/state and the run id in the Location header', async () => {
    const run = inferProfile(await specFrom(JOBS_SPEC), { tokenEnv: 'BATCH_KEY' }).profile.runs.job!;
    expect(run.lifecycle.status).toBe('/job/state');
    expect(run.create.runId).toEqual({ header: 'Location' });
    expect(run.poll).toEqual({ operationId: 'readJob', runIdParam: 'jobId' });
    expect(run.lifecycle).toMatchObject({ initial: ['queued'], success: ['succeeded'], failure: ['failed', 'cancelled'], cancel: ['cancelled'] });
  });

  it('cancels with DELETE on the job and leaves updated_at out of the timestamps', async () => {
    const run = inferProfile(await specFrom(JOBS_SPEC)).profile.runs.job!;
    expect(run.cancel).toEqual({ operationId: 'deleteJob', runIdParam: 'jobId' });
    expect(run.lifecycle.timestamps).toEqual(['/job/created_at', '/job/finished_at']);
  });

  it('sends the key in X-Api-Key from the variable --token-env names', async () => {
    const draft = inferProfile(await specFrom(JOBS_SPEC), { tokenEnv: 'BATCH_KEY' });
    expect(draft.profile.auth).toEqual({ type: 'header', name: 'X-Api-Key', tokenEnv: 'BATCH_KEY' });
    expect(draft.name).toBe('batch');
  });

  it('puts a placeholder where the spec gives no example of a path parameter, and tells the user to replace it', async () => {
    const draft = inferProfile(await specFrom(JOBS_SPEC));
    expect(draft.profile.runs.job!.create.params).toEqual({ queue_name: 'replace-me-queue_name' });
    expect(draft.notes.find((note) => note.item === 'params')).toMatchObject({ confidence: 'low', check: expect.stringMatching(/replace the placeholder for queue_name/) });
  });

  it('builds the body from the schema\'s required fields when the spec has no request example, at low confidence', async () => {
    const draft = inferProfile(await specFrom(JOBS_SPEC));
    expect(draft.profile.runs.job!.create.body).toEqual({ image: 'cat.png', width: 1 });
    expect(draft.notes.find((note) => note.item === 'body')?.confidence).toBe('low');
  });
});

describe('inferProfile on other shapes of task-run API', () => {
  const prediction = { type: 'object', properties: { id: { type: 'string' }, status: { type: 'string', enum: ['starting', 'succeeded', 'failed'] } } };
  const answer = (schema: object, status = '201') => ({ [status]: { description: 'ok', content: { 'application/json': { schema } } } });

  it('makes one run kind per create, named after the create when two share a poll', async () => {
    const spec = await specFrom({
      openapi: '3.1.0', info: { title: 'Models', version: '1' },
      paths: {
        '/predictions': { post: { operationId: 'createPrediction', responses: answer({ $ref: '#/components/schemas/Prediction' }) } },
        '/models/{owner}/{model}/predictions': { post: { operationId: 'createModelPrediction', responses: answer({ $ref: '#/components/schemas/Prediction' }) } },
        '/predictions/{prediction_id}': { get: { operationId: 'getPrediction', responses: answer({ $ref: '#/components/schemas/Prediction' }, '200') } },
      },
      components: { schemas: { Prediction: prediction } },
    });
    const runs = inferProfile(spec).profile.runs;
    expect(Object.keys(runs)).toEqual(['create-prediction', 'create-model-prediction']);
    expect(runs['create-model-prediction']!.create.params).toEqual({ owner: 'replace-me-owner', model: 'replace-me-model' });
    expect(runs['create-model-prediction']!.poll?.operationId).toBe('getPrediction');
  });

  it('reads the states of a status without an enum from the examples, at low confidence', async () => {
    const run = { type: 'object', properties: { id: { type: 'string' }, status: { type: 'string', description: 'One of `queued`, `running`, `done` or `failed`.' } } };
    const spec = await specFrom({
      openapi: '3.1.0', info: { title: 'Tasks', version: '1' },
      paths: {
        '/tasks': { post: { operationId: 'startTask', responses: answer(run, '202') } },
        '/tasks/{id}': { get: { operationId: 'getTask', responses: { '200': { description: 'ok', content: { 'application/json': { schema: run, example: { id: 't1', status: 'running' } } } } } } },
      },
    });
    const draft = inferProfile(spec);
    expect(draft.profile.runs.task!.lifecycle).toMatchObject({ status: '/status', states: ['running', 'queued', 'done', 'failed'], initial: ['queued'], success: ['done'] });
    expect(draft.notes.find((note) => note.item === 'status')?.confidence).toBe('low');
  });

  it('maps HTTP basic auth to an Authorization header whose whole value the variable holds, and says so', async () => {
    const spec = await specFrom({
      ...PREDICTIONS_SPEC,
      components: { ...PREDICTIONS_SPEC.components, securitySchemes: { bearerAuth: { type: 'http', scheme: 'basic' } } },
    });
    const draft = inferProfile(spec, { tokenEnv: 'PRED_AUTH' });
    expect(draft.profile.auth).toEqual({ type: 'header', name: 'Authorization', tokenEnv: 'PRED_AUTH' });
    expect(draft.notes.find((note) => note.item === 'auth')?.check).toMatch(/"Basic " and base64 of user:password/);
  });
});

describe('inferProfile on specs it cannot read a run from', () => {
  const base = { openapi: '3.1.0', info: { title: 'Things', version: '1' } };
  const object = (properties: object) => ({ 'application/json': { schema: { type: 'object', properties } } });

  it('names the missing create operation and points at writing the profile by hand', async () => {
    const spec = await specFrom({ ...base, paths: { '/things/{id}': { get: { operationId: 'getThing', responses: { '200': { description: 'ok', content: object({ id: { type: 'string' } }) } } } } } });
    const error = captured(() => inferProfile(spec));
    expect(error.code).toBe('PROFILE_NOT_INFERRED');
    expect(error.message).toMatch(/no create operation: a POST answering 201, 202 or 200/);
    expect(error.hint).toMatch(/docs\/config\.md/);
  });

  it('names the missing poll operation when there is a create but nothing reads its runs', async () => {
    const spec = await specFrom({ ...base, paths: { '/things': { post: { operationId: 'makeThing', responses: { '201': { description: 'ok', content: object({ id: { type: 'string' } }) } } } } } });
    expect(captured(() => inferProfile(spec)).message).toMatch(/no poll operation: a GET on a path with a parameter[\s\S]*POST \/things \(makeThing\)/);
  });

  it('does not pair a create with a GET that reads the parent it is created under', async () => {
    const spec = await specFrom({
      ...base,
      paths: {
        '/tasks/{task_id}': { get: { operationId: 'getTask', responses: { '200': { description: 'ok', content: object({ id: { type: 'string' }, status: { type: 'string', enum: ['active', 'archived'] } }) } } } },
        '/tasks/{task_id}/run': { post: { operationId: 'runTask', responses: { '201': { description: 'ok', content: object({ id: { type: 'string' } }) } } } },
      },
    });
    expect(captured(() => inferProfile(spec)).message).toMatch(/no poll operation reads the runs the creates start/);
  });
});

function captured(action: () => unknown): RunwardenError {
  try {
    action();
  } catch (error) {
    if (error instanceof RunwardenError) return error;
    throw error;
  }
  throw new Error('expected a RunwardenError');
}
