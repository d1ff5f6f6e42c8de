import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledProfile } from '../../src/config/index.ts';
import { startSimulator } from '../../src/sim/index.ts';
import { closedPort, json, startFixtureServer } from '../helpers/fixture-server.ts';
import { startInterceptingProxy } from '../helpers/intercepting-proxy.ts';
import { jobsConfig, jobsProject, startJobsApi, type JobsApi } from '../helpers/jobs-provider.ts';
import { checkedInPact, interaction, only, pactCopy, rawPact } from '../helpers/pact-copies.ts';
import { hasStackTrace, runCliIn, type CliResult } from './run-cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** Runs `node bin/runwarden.js` from the repository root with extra environment variables. */
function runwarden(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/runwarden.js', ...args], { cwd: ROOT, env: { ...process.env, CI: '1', RUNWARDEN_DEBUG: '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Asserts a usage/input error: exit 2, a message naming `subject`, a hint, no stack trace. */
function expectInputError(result: CliResult, subject: string, hint: string): void {
  expect(result.code, result.stdout + result.stderr).toBe(2);
  expect(result.stderr).toContain(subject);
  expect(result.stderr).toContain(`Hint: `);
  expect(result.stderr).toContain(hint);
  expect(hasStackTrace(result.stderr)).toBe(false);
}

const GET_QUEUED = 'a request for a task run that is queued';

describe('runwarden contract verify', () => {
  it('verifies every pact against the embedded simulator (exit 0) and writes one JUnit case per interaction', async () => {
    const junit = path.join(mkdtempSync(path.join(tmpdir(), 'runwarden-junit-')), 'contracts.xml');
    const result = await runwarden(['contract', 'verify', '--junit', junit]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/✓ (\d+) passed, 0 failed, 0 pending \(not failing the run\) of \1 interactions in 3 pacts/);
    expect(result.stdout).toContain('✓ an answer to the MFA prompt of a task run');
    expect(result.stdout).toContain('✓ a request for a task run in a project the API client has no permission on');
    expect(result.stdout).not.toContain('[pending]');
    const xml = readFileSync(junit, 'utf8');
    const pacts = ['deck', 'refactor', 'rightbrain'].map((provider) => JSON.parse(readFileSync(path.join(ROOT, 'contracts/pacts', `runwarden-${provider}.json`), 'utf8')) as { interactions: unknown[] });
    expect(xml.match(/<testcase /g)).toHaveLength(pacts.reduce((sum, pact) => sum + pact.interactions.length, 0));
    expect(xml).toContain('<testsuite name="contract.deck"');
    expect(xml).toContain('name="a request to run a task agent"');
  }, 60_000);

  it('verifies only one provider with --provider', async () => {
    const result = await runwarden(['contract', 'verify', '--provider', 'refactor', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { target: string; results: Array<{ provider: string }> };
    expect(report.target).toBe('simulator');
    expect(new Set(report.results.map((entry) => entry.provider))).toEqual(new Set(['refactor']));
  }, 60_000);

  it('fails (exit 1) on a deliberately broken pact, naming the interaction and the mismatch', async () => {
    const { dir } = pactCopy('deck', (pact) => {
      only(pact, GET_QUEUED, 'a request to run a task');
      interaction(pact, GET_QUEUED).response.body.content.priority = 'high';
    });
    const result = await runwarden(['contract', 'verify', '--pacts', dir]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toContain(`✗ ${GET_QUEUED}`);
    expect(result.stdout).toContain('BodyMismatch $: Actual map is missing the following keys: priority');
    expect(result.stdout).toContain('✗ 1 passed, 1 failed, 0 pending');
  }, 60_000);

  it('fails (exit 1) against a deliberately broken simulator route (--sim-config with a fault)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-sim-'));
    const config = path.join(dir, 'broken.json');
    writeFileSync(config, JSON.stringify({ faults: [{ provider: 'refactor', operations: ['getRunState'], error: { rate: 1, statuses: [503] } }] }));
    const result = await runwarden(['contract', 'verify', '--provider', 'refactor', '--sim-config', config]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toContain('✗ a request for the state of a run that is completed');
    expect(result.stdout).toContain('expected 200 but was 503');
    expect(result.stdout).toContain('✓ a request to run a runnable asynchronously');
  }, 60_000);

  it('sends the real token from --token-env to a real provider and never prints it', async () => {
    const token = 'sk_live_e2e-token-3f1a9c77';
    const sim = await startSimulator({ port: 0, token, providers: [bundledProfile('deck')] });
    closers.push(() => sim.close());
    // A provider that echoes the token back into its bodies.
    const proxy = await startInterceptingProxy(sim.urls.deck!, (request, body) => body.replace('"status":"queued"', `"status":"${String(request.headers.authorization)}"`));
    closers.push(proxy.close);
    const { dir } = pactCopy('deck', (pact) => only(pact, 'a request to run a task', 'a request for a task run with a revoked key'));
    const junit = path.join(dir, 'junit.xml');
    const result = await runwarden(['contract', 'verify', '--pacts', dir, '--provider', 'deck', '--base-url', proxy.url, '--token-env', 'RUNWARDEN_E2E_DECK_TOKEN', '--junit', junit, '--verbose'], { RUNWARDEN_E2E_DECK_TOKEN: token });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    // The first request is the reachability probe, which carries no credentials.
    const sent = proxy.seen.map((request) => request.headers.authorization);
    expect(sent).toHaveLength(3);
    expect(sent).toEqual(expect.arrayContaining([undefined, `Bearer ${token}`, 'Bearer revoked-key-for-contract-tests']));
    expect(result.stdout).toContain('[REDACTED]');
    for (const text of [result.stdout, result.stderr, readFileSync(junit, 'utf8')]) expect(text).not.toContain(token);
  }, 60_000);
});

describe('runwarden contract verify on unusable input (exit 2)', () => {
  it('a corrupt pact file', async () => {
    const { dir } = rawPact('{"consumer": {"name": "runwarden"}, "provider": ');
    expectInputError(await runwarden(['contract', 'verify', '--pacts', dir]), 'corrupt pact file', 'npx vitest run contracts -u');
  }, 30_000);

  it('a pact for an unknown provider', async () => {
    const { dir } = pactCopy('deck', (pact) => { pact.provider.name = 'acme'; });
    const result = await runwarden(['contract', 'verify', '--pacts', dir]);
    expectInputError(result, 'pact for unknown provider "acme"', 'Add it under `providers:` in runwarden.config.yaml');
    expect(result.stderr).toContain('Configured providers (runwarden.config.yaml): rightbrain, deck, refactor');
  }, 30_000);

  it('an unreachable provider', async () => {
    const port = await closedPort();
    const result = await runwarden(['contract', 'verify', '--provider', 'deck', '--base-url', `http://127.0.0.1:${port}/v2`], { DECK_API_KEY: 'deck-e2e-key' });
    expectInputError(result, `cannot reach the provider at http://127.0.0.1:${port}/v2`, '--base-url');
  }, 30_000);

  it('a failing state handler', async () => {
    const provider = await startFixtureServer(json(200, {}));
    const states = await startFixtureServer(json(500, { error: { message: 'fixtures not loaded' } }));
    closers.push(provider.close, states.close);
    const { dir } = pactCopy('deck', (pact) => only(pact, GET_QUEUED));
    const result = await runwarden(['contract', 'verify', '--pacts', dir, '--provider', 'deck', '--base-url', `${provider.url}/v2`, '--states-url', `${states.url}/states`], { DECK_API_KEY: 'deck-e2e-key' });
    expectInputError(result, `cannot set up the deck provider state "a task run is queued": ${states.url}/states answered 500 fixtures not loaded`, '--states-url');
  }, 30_000);

  it('a token variable that is not set, or a base URL without a provider', async () => {
    expectInputError(await runwarden(['contract', 'verify', '--provider', 'deck', '--base-url', 'http://127.0.0.1:9/v2'], { DECK_API_KEY: '' }), 'deck needs a token in the environment variable DECK_API_KEY', '--token-env');
    expectInputError(await runwarden(['contract', 'verify', '--provider', 'deck', '--base-url', 'http://127.0.0.1:9/v2', '--token-env', 'RUNWARDEN_E2E_UNSET']), 'RUNWARDEN_E2E_UNSET (--token-env) is not set', 'export RUNWARDEN_E2E_UNSET=');
    expectInputError(await runwarden(['contract', 'verify', '--base-url', 'http://127.0.0.1:9/v2']), '--base-url needs --provider', '--provider rightbrain');
    expectInputError(await runwarden(['contract', 'verify', '--provider', 'acme']), 'unknown provider "acme"', 'Add it under `providers:`');
    expectInputError(await runwarden(['contract', 'verify', '--token-env', 'RUNWARDEN_E2E_UNSET']), '--token-env only applies to a real provider', '--base-url');
  }, 30_000);
});

describe('runwarden contract check-spec', () => {
  it('finds the checked-in pacts consistent with the specs (exit 0)', async () => {
    const result = await runwarden(['contract', 'check-spec']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/✓ \d+ interactions in 3 pacts consistent with specs\/deck\.openapi\.yaml/);
  }, 30_000);

  it('reports findings (exit 1) naming the pact, the interaction and the spec location', async () => {
    const { dir } = pactCopy('deck', (pact) => { interaction(pact, 'a request for a task run that does not exist').response.status = 418; });
    const result = await runwarden(['contract', 'check-spec', '--pacts', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('runwarden-deck.json#/interactions/');
    expect(result.stdout).toContain('a request for a task run that does not exist');
    expect(result.stdout).toContain('STATUS_UNDOCUMENTED');
    expect(result.stdout).toContain('spec #/paths/~1task-runs~1{run_id}/get/responses');
    expect(result.stdout).toContain('✗ 1 finding in 1 of 19 interactions');
  }, 30_000);

  it('refuses a corrupt pact (exit 2)', async () => {
    const { dir } = rawPact('not json');
    expectInputError(await runwarden(['contract', 'check-spec', '--pacts', dir]), 'corrupt pact file', 'write it again from the consumer\'s Pact tests');
  }, 30_000);
});

describe('runwarden contract coverage', () => {
  it('tabulates operations, statuses and run states per provider (exit 0)', async () => {
    const result = await runwarden(['contract', 'coverage']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('deck (specs/deck.openapi.yaml): 5/5 operations');
    expect(result.stdout).toContain('  run states 6/6: ✓ running');
    expect(result.stdout).toContain('  agent-run states 4/4');
    const json = JSON.parse((await runwarden(['contract', 'coverage', '--provider', 'rightbrain', '--json'])).stdout) as { providers: Array<{ provider: string; operations: unknown[] }> };
    expect(json.providers.map((provider) => [provider.provider, provider.operations.length])).toEqual([['rightbrain', 7]]);
  }, 30_000);
});

describe('runwarden contract on a user\'s own API (a config, a spec and a pact of theirs)', () => {
  const KEY = 'jobs-e2e-key-91c4d7a0';
  const ADMIN = 'jobs-e2e-admin-2b8f63e5';
  const env = { JOBS_KEY: KEY, JOBS_ADMIN_TOKEN: ADMIN };

  async function jobsApi(): Promise<JobsApi> {
    const api = await startJobsApi(KEY, ADMIN);
    closers.push(api.close);
    return api;
  }

  it('verifies the pact against the API the profile names, with its key and its provider-states endpoint', async () => {
    const api = await jobsApi();
    const project = jobsProject(jobsConfig({ baseUrl: api.baseUrl, statesUrl: api.statesUrl, pacts: './pacts' }));
    const junit = path.join(project.dir, 'junit.xml');
    const result = await runCliIn(project.dir, ['contract', 'verify', '--junit', junit, '--verbose'], env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(`jobs: pacts/jobs-dashboard-jobs.json (6 interactions) against ${api.baseUrl}`);
    expect(result.stdout).toContain('✓ 6 passed, 0 failed, 0 pending');
    expect(api.keys.filter((key) => key === KEY)).toHaveLength(5);
    expect(api.stateCalls.filter((call) => call.body?.action === 'setup').map((call) => call.body?.state)).toEqual(['a job is working', 'a job is done', 'a job is done']);
    expect(api.stateCalls.filter((call) => call.body?.action === 'teardown')).toHaveLength(6);
    expect(new Set(api.stateCalls.map((call) => call.authorization))).toEqual(new Set([`Bearer ${ADMIN}`]));
    for (const text of [result.stdout, result.stderr, readFileSync(junit, 'utf8')]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(ADMIN);
    }
  }, 60_000);

  it('checks the pact against the profile\'s spec or --spec, and tabulates its coverage from the profile\'s runs', async () => {
    const project = jobsProject(jobsConfig({ pacts: './pacts' }));
    const consistent = await runCliIn(project.dir, ['contract', 'check-spec']);
    expect(consistent.code, consistent.stdout + consistent.stderr).toBe(0);
    expect(consistent.stdout).toContain('✓ 6 interactions in 1 pact consistent with jobs.openapi.yaml');
    writeFileSync(path.join(project.dir, 'v2.yaml'), readFileSync(project.spec, 'utf8').replace("'404': { $ref: '#/components/responses/Problem' }", ''));
    const against = await runCliIn(project.dir, ['contract', 'check-spec', '--provider', 'jobs', '--spec', 'v2.yaml']);
    expect(against.code, against.stdout + against.stderr).toBe(1);
    expect(against.stdout).toContain('STATUS_UNDOCUMENTED');
    expect(against.stdout).toContain('a request for a job that does not exist');
    const coverage = await runCliIn(project.dir, ['contract', 'coverage']);
    expect(coverage.code, coverage.stdout + coverage.stderr).toBe(0);
    expect(coverage.stdout).toContain('jobs (jobs.openapi.yaml): 3/3 operations, 5/7 documented statuses');
    expect(coverage.stdout).toContain('  job states 3/4: ✓ pending  ✓ working  ✓ done  ✗ error');
  }, 60_000);

  it('check-spec reads a pact response as the consumer\'s minimum (--strict: the whole response) and catches an auth change', async () => {
    const project = jobsProject(jobsConfig({ pacts: './pacts' }), (pact) => {
      pact.interactions[1]!.response.body.content = { id: 'job-7', state: 'working' };
    });
    const minimum = await runCliIn(project.dir, ['contract', 'check-spec']);
    expect(minimum.code, minimum.stdout + minimum.stderr).toBe(0);
    const strict = await runCliIn(project.dir, ['contract', 'check-spec', '--strict']);
    expect(strict.code, strict.stdout + strict.stderr).toBe(1);
    expect(strict.stdout).toContain('✗ 1 finding in 1 of 6 interactions');
    expect(strict.stdout).toContain('required property "created_at"');
    writeFileSync(path.join(project.dir, 'bearer.yaml'), readFileSync(project.spec, 'utf8').replace('ApiKey: { type: apiKey, in: header, name: X-Api-Key }', 'ApiKey: { type: http, scheme: bearer }'));
    const bearer = await runCliIn(project.dir, ['contract', 'check-spec', '--provider', 'jobs', '--spec', 'bearer.yaml', '--json']);
    expect(bearer.code, bearer.stdout + bearer.stderr).toBe(1);
    const checks = (JSON.parse(bearer.stdout) as { checks: Array<{ status: number; findings: Array<{ code: string }> }> }).checks;
    // Every interaction that expects a success now lacks the bearer token; the 401 and 404 ones need none.
    expect(checks.map((check) => [check.status, check.findings.map((finding) => finding.code)])).toEqual([
      [202, ['SECURITY_UNSATISFIED']], [200, ['SECURITY_UNSATISFIED']], [200, ['SECURITY_UNSATISFIED']], [404, []], [200, ['SECURITY_UNSATISFIED']], [401, []],
    ]);
  }, 60_000);

  it('skips a provider without pacts with a note (exit 0)', async () => {
    const api = await jobsApi();
    const project = jobsProject(jobsConfig({ baseUrl: api.baseUrl }));
    const result = await runCliIn(project.dir, ['contract', 'verify', '--json'], env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ passed: true, pacts: [], skipped: [{ provider: 'jobs', note: 'no pacts for jobs (no pacts are configured)' }] });
    expect(api.keys).toEqual([]);
  }, 30_000);

  it('refuses (exit 2) a pact for a provider the config does not name, listing those it does', async () => {
    const project = jobsProject(jobsConfig({ pacts: './pacts' }));
    writeFileSync(path.join(project.pacts, 'runwarden-deck.json'), JSON.stringify(checkedInPact('deck')));
    const result = await runCliIn(project.dir, ['contract', 'check-spec']);
    expectInputError(result, 'pacts/runwarden-deck.json: pact for unknown provider "deck"', 'Add it under `providers:` in runwarden.config.yaml');
    expect(result.stderr).toContain('Configured providers (runwarden.config.yaml): jobs');
  }, 30_000);
});

