import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledProfile, loadConfig } from '../config/index.ts';
import { jobsConfig, jobsProject } from '../../test/helpers/jobs-provider.ts';
import { interaction, pactCopy } from '../../test/helpers/pact-copies.ts';
import { bundledPactsDir } from './bundled-pacts.ts';
import { checkPactsAgainstSpecs } from './check-spec.ts';

const profiles = ['rightbrain', 'deck', 'refactor'].map((name) => bundledProfile(name));
const check = (pacts: string) => checkPactsAgainstSpecs({ pacts, profiles });

describe('checkPactsAgainstSpecs', () => {
  it('finds every checked-in interaction consistent with its provider\'s spec', async () => {
    const report = await check(bundledPactsDir());
    expect(report.findings).toEqual([]);
    expect(report.checks.length).toBeGreaterThanOrEqual(50);
    expect(report.checks.every((check) => check.operationId !== undefined)).toBe(true);
    expect(report.specs).toEqual({ deck: 'specs/deck.openapi.yaml', refactor: 'specs/refactor.openapi.yaml', rightbrain: 'specs/rightbrain.openapi.yaml' });
    expect(report.skipped).toEqual([]);
  });

  it('catches a response field the spec lacks, even where the schema allows extra properties', async () => {
    const { dir } = pactCopy('deck', (pact) => { interaction(pact, 'a request for a task run that is queued').response.body.content.surprise = 1; });
    const [finding, ...rest] = (await check(dir)).findings;
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      code: 'PROPERTY_UNDOCUMENTED', where: 'response', pointer: '/surprise', operationId: 'getTaskRun',
      interaction: 'a request for a task run that is queued', specLocation: '#/components/schemas/TaskRunResponse',
    });
    expect(finding!.pact).toMatch(/runwarden-deck\.json$/);
    expect(finding!.pactLocation).toMatch(/^#\/interactions\/\d+$/);
  });

  it('catches a wrong type, pointing into the body and the schema', async () => {
    const { dir } = pactCopy('deck', (pact) => { interaction(pact, 'a request for a task run that is completed').response.body.content.runtime_ms = 'fast'; });
    expect((await check(dir)).findings).toEqual([expect.objectContaining({
      code: 'SCHEMA_MISMATCH', pointer: '/runtime_ms', message: 'Received: "fast" (string)\nDocumented: integer or null',
      specLocation: expect.stringContaining('/properties/runtime_ms'),
    })]);
  });

  it('catches a status the spec does not document', async () => {
    const { dir } = pactCopy('refactor', (pact) => { interaction(pact, 'a request for the state of a run that does not exist').response.status = 418; });
    expect((await check(dir)).findings).toEqual([expect.objectContaining({
      code: 'STATUS_UNDOCUMENTED', operationId: 'getRunState', received: 418, specLocation: '#/paths/~1run~1{id}/get/responses',
      message: 'Received: 418\nDocumented: 200, 400, 401, 404, 429, 500',
    })]);
  });

  it('catches a request to a path that does not exist, naming the nearest routes', async () => {
    const { dir } = pactCopy('deck', (pact) => { interaction(pact, 'a request to run a task').request.path = '/tasks/task_8mQ2vX4nR7pL1zK6/start'; });
    const report = await check(dir);
    expect(report.findings).toEqual([expect.objectContaining({ code: 'ROUTE_UNKNOWN', where: 'request', interaction: 'a request to run a task' })]);
    expect(report.findings[0]!.message).toContain('nearest POST /v2/tasks/{task_id}/run');
    expect(report.checks.find((check) => check.interaction === 'a request to run a task')?.operationId).toBeUndefined();
  });

  it('catches undocumented query parameters and request bodies of the wrong type', async () => {
    const { dir } = pactCopy('deck', (pact) => {
      interaction(pact, 'a request to cancel a running task run').request.query = { force: ['true'] };
      interaction(pact, 'an answer to the MFA prompt of a task run').request.body.content.input.code = 493817;
    });
    const codes = (await check(dir)).findings.map((finding) => `${finding.code} ${finding.where} ${finding.part} ${finding.pointer}`);
    expect(codes.sort()).toEqual(['PROPERTY_UNDOCUMENTED request query force', 'SCHEMA_MISMATCH request body /input/code']);
  });

  it('lets a 400 interaction send an invalid request, but not to a route that does not exist', async () => {
    const { dir } = pactCopy('deck', (pact) => {
      interaction(pact, 'a request to run a task with a misspelt input field').request.body.content = { inputs: 'anything', credential_id: 7 };
    });
    expect((await check(dir)).findings).toEqual([]);
    const moved = pactCopy('deck', (pact) => { interaction(pact, 'a request to run a task with a misspelt input field').request.path = '/run'; });
    expect((await check(moved.dir)).findings.map((finding) => finding.code)).toEqual(['ROUTE_UNKNOWN']);
  });

  it('checks an event-stream response against the documented text/event-stream media type', async () => {
    const { dir } = pactCopy('rightbrain', (pact) => { interaction(pact, 'a request to run a task agent').response.headers['Content-Type'] = ['application/json']; });
    expect((await check(dir)).findings.map((finding) => finding.code)).toEqual(['CONTENT_TYPE_UNDOCUMENTED']);
  });
});

describe('checkPactsAgainstSpecs on a user\'s provider', () => {
  it('checks a pact against the spec its profile names, and --spec against another', async () => {
    const project = jobsProject(jobsConfig({ pacts: './pacts' }));
    const config = loadConfig({ cwd: project.dir });
    const selection = { pacts: project.pacts, profiles: config.providers.all(), configured: config.providers };
    const report = await checkPactsAgainstSpecs(selection);
    expect(report.findings).toEqual([]);
    expect(report.checks.map((entry) => [entry.interaction, entry.operationId, entry.status])).toEqual([
      ['a request to create a job', 'createJob', 202],
      ['a request for a job that is working', 'getJob', 200],
      ['a request for a job that is done', 'getJob', 200],
      ['a request for a job that does not exist', 'getJob', 404],
      ['a request for every job', 'listJobs', 200],
      ['a request with a revoked key', 'getJob', 401],
    ]);
    const narrower = path.join(project.dir, 'narrower.yaml');
    writeFileSync(narrower, readFileSync(project.spec, 'utf8').replace('enum: [pending, working, done, error]', 'enum: [pending, done, error]'));
    const against = await checkPactsAgainstSpecs({ ...selection, specs: { jobs: narrower } });
    expect(against.findings.map((finding) => [finding.interaction, finding.code, finding.pointer])).toEqual([['a request for a job that is working', 'SCHEMA_MISMATCH', '/state']]);
    expect(against.specs.jobs).toMatch(/narrower\.yaml$/);
  });

  it('skips a provider without pacts with a note', async () => {
    const project = jobsProject(jobsConfig());
    const jobs = loadConfig({ cwd: project.dir }).providers.get('jobs');
    expect(await checkPactsAgainstSpecs({ profiles: [jobs] })).toEqual({ specs: {}, checks: [], findings: [], skipped: [{ provider: 'jobs', note: 'no pacts for jobs (no pacts are configured)' }] });
  });
});
