import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig, type RunwardenConfig } from '../config/index.ts';
import { closedPort, json, reset, startFixtureServer } from '../../test/helpers/fixture-server.ts';
import { jobsConfig, jobsProject, startJobsApi, type JobsApi } from '../../test/helpers/jobs-provider.ts';
import { pactCopy } from '../../test/helpers/pact-copies.ts';
import { verifyPacts, type VerifyOptions } from './verify.ts';

// A user's own API, verified as `runwarden contract verify` verifies it: profile from the config, token and
// states-endpoint header from the environment, nothing bundled involved.
const KEY = 'jobs-live-key-7d3e01f4';
const ADMIN = 'jobs-admin-token-c61a9b22';
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  vi.unstubAllEnvs();
  for (const close of closers.splice(0).reverse()) await close();
});

async function jobsApi(): Promise<JobsApi> {
  const api = await startJobsApi(KEY, ADMIN);
  closers.push(api.close);
  return api;
}

/** A project whose config points the jobs profile at `api`, and what verifyPacts is given for it. */
function project(api: JobsApi, edit?: Parameters<typeof jobsProject>[1]): { config: RunwardenConfig; options: VerifyOptions } {
  const files = jobsProject(jobsConfig({ baseUrl: api.baseUrl, statesUrl: api.statesUrl, pacts: './pacts' }), edit);
  const config = loadConfig({ cwd: files.dir });
  const jobs = config.providers.get('jobs');
  vi.stubEnv('JOBS_ADMIN_TOKEN', ADMIN);
  return { config, options: { pacts: config.pacts!, profiles: [jobs], configured: config.providers, tokens: { jobs: KEY }, states: { jobs: jobs.providerStates } } };
}

describe('verifyPacts against a user\'s own API', () => {
  it('verifies every interaction, the key in X-Api-Key as the profile says, states set up and torn down with the configured header', async () => {
    const api = await jobsApi();
    const { options } = project(api);
    const report = await verifyPacts(options);
    expect(report.results.map((result) => [result.description, result.ok])).toEqual([
      ['a request to create a job', true], ['a request for a job that is working', true], ['a request for a job that is done', true],
      ['a request for a job that does not exist', true], ['a request for every job', true], ['a request with a revoked key', true],
    ]);
    expect(report.pacts).toEqual([{ pact: expect.stringMatching(/jobs-dashboard-jobs\.json$/), provider: 'jobs', consumer: 'jobs-dashboard', baseUrl: api.baseUrl, interactions: 6 }]);
    // The reachability probe carries no key; every placeholder became the real key; the revoked key went as recorded.
    expect(api.keys.filter((key) => key === KEY)).toHaveLength(5);
    expect(api.keys).toContain('revoked-key-for-contract-tests');
    expect(api.keys).not.toContain('<redacted>');
    const calls = api.stateCalls.map((call) => `${call.method} ${call.body?.action ?? '-'} ${call.body?.state ?? '-'}`);
    expect(calls[0]).toBe('GET - -');
    expect(calls).toContain('POST setup a job is working');
    expect(calls).toContain('POST teardown a job is working');
    expect(calls.filter((call) => call.startsWith('POST teardown'))).toHaveLength(6);
    expect(api.stateCalls.find((call) => call.body?.state === 'a job is done')?.body?.params).toEqual({ id: 'job-8' });
    expect(new Set(api.stateCalls.map((call) => call.authorization))).toEqual(new Set([`Bearer ${ADMIN}`]));
    for (const secret of [KEY, ADMIN]) expect(JSON.stringify(report)).not.toContain(secret);
  }, 60_000);

  it('fails an interaction whose pact expects what the API does not send, and redacts a key the API echoes', async () => {
    const api = await jobsApi();
    const { options } = project(api, (pact) => {
      pact.interactions = pact.interactions.filter((entry) => entry.description === 'a request for a job that is working');
      pact.interactions[0]!.response.body.content.state = `done ${KEY}`;
    });
    const report = await verifyPacts(options);
    expect(report.results).toEqual([expect.objectContaining({ description: 'a request for a job that is working', ok: false, pending: false })]);
    expect(report.results[0]!.mismatches).toContainEqual(expect.objectContaining({ kind: 'BodyMismatch', path: '$.state', actual: '"working"' }));
    expect(JSON.stringify(report)).not.toContain(KEY);
  }, 60_000);

  it('skips message interactions with a note and tells repeated descriptions apart by index', async () => {
    const api = await jobsApi();
    const { options } = project(api, (pact) => {
      const [create, working] = pact.interactions;
      pact.interactions = [
        create!,
        { type: 'Asynchronous/Messages', description: 'a job-finished event', contents: { content: { id: 'job-1' }, contentType: 'application/json' } },
        { ...working!, description: 'a request for a job' },
        { type: 'Synchronous/Messages', description: 'a job query over a queue', request: { contents: { content: 'job-1' } }, response: [{ contents: { content: 'done' } }] },
        { ...working!, description: 'a request for a job', response: { ...working!.response, body: { ...working!.response.body, content: { ...working!.response.body.content, state: 'done' } } } },
      ];
    });
    const report = await verifyPacts(options);
    expect(report.results.map((result) => [result.description, result.ok])).toEqual([
      ['a request to create a job', true], ['a request for a job [#2]', true], ['a request for a job [#4]', false],
    ]);
    expect(report.results[2]!.mismatches).toContainEqual(expect.objectContaining({ kind: 'BodyMismatch', path: '$.state' }));
    expect(report.skipped.map((skipped) => skipped.note)).toEqual([
      expect.stringMatching(/jobs-dashboard-jobs\.json#\/interactions\/1 "a job-finished event" \(Asynchronous\/Messages\): runwarden verifies and cross-checks HTTP interactions only$/),
      expect.stringMatching(/#\/interactions\/3 "a job query over a queue" \(Synchronous\/Messages\)/),
    ]);
    expect(report.pacts[0]!.interactions).toBe(3);
    // As the Pact verifier sends them: each HTTP interaction's states set up before it and torn down after it
    // (an interaction without states gets one teardown with an empty state); the messages get none.
    expect(api.stateCalls.filter((call) => call.method === 'POST').map((call) => `${call.body?.action} "${call.body?.state}"`)).toEqual([
      'teardown ""', 'setup "a job is working"', 'teardown "a job is working"', 'setup "a job is working"', 'teardown "a job is working"',
    ]);
  }, 60_000);

  it('refuses, before verifying anything, a state the API\'s endpoint does not list', async () => {
    const api = await jobsApi();
    const { options } = project(api, (pact) => { pact.interactions[1]!.providerStates[0].name = 'a job is sleeping'; });
    const error = await verifyPacts(options).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'STATE_HANDLER_FAILED', hint: expect.stringContaining(api.statesUrl) });
    expect((error as Error).message).toMatch(/^no handler for 1 provider state\(s\) used by the pacts:\n {2}jobs: "a job is sleeping" \(.*jobs-dashboard-jobs\.json, "a request for a job that is working"\)$/);
    expect(api.keys).toEqual([]);
  });

  it('names the state whose setup fails, and an endpoint that drops the connection', async () => {
    const api = await jobsApi();
    const { options } = project(api);
    const failing = await startFixtureServer([json(404, {}), json(500, { error: { message: 'seed data missing' } })]);
    closers.push(failing.close);
    const error = await verifyPacts({ ...options, states: { jobs: { url: failing.url, headers: {}, teardown: true } } }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'STATE_HANDLER_FAILED' });
    expect((error as Error).message).toMatch(new RegExp(`^cannot set up the jobs provider state "a job is (working|done)": ${failing.url} answered 500 seed data missing$`));
    const dropping = await startFixtureServer([json(404, {}), reset()]);
    closers.push(dropping.close);
    await expect(verifyPacts({ ...options, states: { jobs: { url: dropping.url, headers: {}, teardown: true } } })).rejects.toMatchObject({
      code: 'STATE_HANDLER_FAILED', message: expect.stringContaining(`${dropping.url} is unreachable`),
    });
  }, 60_000);

  it('refuses a states header whose variable is not set', async () => {
    const api = await jobsApi();
    const { options } = project(api);
    vi.stubEnv('JOBS_ADMIN_TOKEN', '');
    await expect(verifyPacts(options)).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('needs the environment variable JOBS_ADMIN_TOKEN') });
  });
});

describe('verifyPacts on unusable input', () => {
  it('refuses a pact for a provider that is not configured, listing the configured ones', async () => {
    const api = await jobsApi();
    const { options } = project(api);
    const { dir } = pactCopy('deck');
    await expect(verifyPacts({ ...options, pacts: dir })).rejects.toMatchObject({
      code: 'PROVIDER_UNKNOWN', message: expect.stringMatching(/runwarden-deck\.json: pact for unknown provider "deck"\nConfigured providers \(.*runwarden\.config\.yaml\): jobs$/),
      hint: expect.stringContaining('Add it under `providers:`'),
    });
  });

  it('skips a provider without pacts with a note, without starting the verifier', async () => {
    const api = await jobsApi();
    const { options } = project(api);
    const report = await verifyPacts({ ...options, pacts: undefined });
    expect(report).toMatchObject({ pacts: [], results: [], output: '', skipped: [{ provider: 'jobs', note: 'no pacts for jobs (no pacts are configured)' }] });
    expect(api.stateCalls).toEqual([]);
  });

  it('names an unreachable provider and the fix', async () => {
    const api = await jobsApi();
    const { options } = project(api);
    const port = await closedPort();
    const error = await verifyPacts({ ...options, baseUrls: { jobs: `http://127.0.0.1:${port}/api` } }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'HOST_UNREACHABLE', hint: expect.stringContaining('--base-url') });
    expect((error as Error).message).toContain(`cannot reach the provider at http://127.0.0.1:${port}/api`);
  });

  it('asks for a base URL for a provider that has none', async () => {
    const files = jobsProject(jobsConfig({ pacts: './pacts' }));
    const config = loadConfig({ cwd: files.dir });
    await expect(verifyPacts({ pacts: config.pacts!, profiles: config.providers.all() })).rejects.toMatchObject({
      code: 'USAGE', message: expect.stringContaining('no base URL for the jobs provider'), hint: expect.stringContaining('baseUrl'),
    });
  });
});
