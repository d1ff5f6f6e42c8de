import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { fixturePath } from '../fixtures/fixture-path.ts';
import { startJobsServer, type JobsBugs, type JobsServer } from '../fixtures/jobs/jobs-server.ts';
import { hasStackTrace, runCliIn } from './run-cli.ts';

const { like, regex, integer } = MatchersV3;

/**
 * A user's own task-run API, not the simulator and not in runwarden's words: a jobs API whose `job.state` goes
 * pending → working → done | error. Everything runs through a config written by `runwarden init`, as a user
 * would drive it; the same server with an injected bug makes `runwarden ci` fail, naming the run and the rule.
 */
describe('a jobs API of the user\'s own, from `runwarden init` to `runwarden ci`', () => {
  let server: JobsServer;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startJobsServer();
    env = { JOBS_KEY: server.apiKey, JOBS_STATE_TOKEN: server.stateToken };
    dir = mkdtempSync(path.join(tmpdir(), 'runwarden-own-api-'));
    copyFileSync(fixturePath('jobs/openapi.yaml'), path.join(dir, 'openapi.yaml'));
    const init = await runCliIn(dir, ['init', '--spec', 'openapi.yaml', '--name', 'jobs', '--base-url', server.apiUrl, '--token-env', 'JOBS_KEY'], env);
    expect(init.code, init.stderr).toBe(0);
    // The two things init cannot know: where the pacts are and the API's provider-states endpoint.
    const configFile = path.join(dir, 'runwarden.config.yaml');
    const config = parseDocument(readFileSync(configFile, 'utf8'));
    config.set('pacts', './pacts');
    config.setIn(['providers', 'jobs', 'providerStates'], { url: `${server.url}/_pact/provider-states`, headers: { 'X-State-Token': '${JOBS_STATE_TOKEN}' } });
    writeFileSync(configFile, config.toString());
    // Jobs end in three reads: a run still unfinished after 5 s is lost (keeps the lost-run cases short).
    const scenarioFile = path.join(dir, 'load', 'jobs-create-poll.yaml');
    const scenario = parseDocument(readFileSync(scenarioFile, 'utf8'));
    scenario.set('runTimeout', '5s');
    writeFileSync(scenarioFile, scenario.toString());
    await writeConsumerPact(path.join(dir, 'pacts'));
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('init inferred the lifecycle and wrote a starter scenario', () => {
    const text = readFileSync(path.join(dir, 'runwarden.config.yaml'), 'utf8');
    expect(text).toMatch(/status: \/job\/state/);
    expect(text).toMatch(/header: Location/);
    expect(existsSync(path.join(dir, 'load', 'jobs-create-poll.yaml'))).toBe(true);
  });

  it('validate --har checks recorded traffic and follows each job across it', async () => {
    writeFileSync(path.join(dir, 'good.har'), JSON.stringify(await recordHar(server)));
    const good = await runCliIn(dir, ['validate', '--provider', 'jobs', '--har', 'good.har'], env);
    expect(good.code, good.stdout + good.stderr).toBe(0);
    const buggy = await startJobsServer({ backwardTransition: true });
    try {
      writeFileSync(path.join(dir, 'backward.har'), JSON.stringify(await recordHar(buggy)));
    } finally {
      await buggy.close();
    }
    const bad = await runCliIn(dir, ['validate', '--provider', 'jobs', '--har', 'backward.har'], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/ILLEGAL_TRANSITION/);
    expect(bad.stdout).toMatch(/working → pending/);
  });

  it('contract verify replays the pact against the API, setting up and tearing down its provider states', async () => {
    const result = await runCliIn(dir, ['contract', 'verify'], env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(server.stateCalls).toEqual(expect.arrayContaining(['setup:a job is working', 'teardown:a job is working']));
    expect(result.stdout + result.stderr).not.toContain(server.apiKey);
  });

  it('contract check-spec finds the pact consistent with the spec', async () => {
    const result = await runCliIn(dir, ['contract', 'check-spec'], env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('load runs the starter scenario file against the API with its gates', async () => {
    const result = await runCliIn(dir, ['load', './load/jobs-create-poll.yaml', '--duration', '1s', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const run = JSON.parse(result.stdout) as { runs: { created: number; lost: number } };
    expect(run.runs.created).toBeGreaterThan(0);
    expect(run.runs.lost).toBe(0);
  });

  it('ci passes on the healthy API and writes all four reports', async () => {
    const result = await runCliIn(dir, ['ci', '--duration', '1s'], env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    for (const file of ['summary.json', 'summary.md', 'junit.xml', 'index.html']) expect(existsSync(path.join(dir, 'reports', 'latest', file))).toBe(true);
    expect(readFileSync(path.join(dir, 'reports', 'latest', 'index.html'), 'utf8')).not.toContain(server.apiKey);
  }, 120_000);

  const bugs: Array<{ bug: JobsBugs; rule: RegExp }> = [
    { bug: { wrongStatus: true }, rule: /STATUS\\?_UNKNOWN \(readJob[^)]*\): run job-\d+: Received: finished/ },
    { bug: { backwardTransition: true }, rule: /ILLEGAL\\?_TRANSITION \(readJob[^)]*\): run job-\d+: Received: working → pending/ },
    { bug: { dropRuns: true }, rule: /Lost runs \(never seen terminal within the run timeout\): job-\d+/ },
  ];
  for (const { bug, rule } of bugs) {
    it(`ci fails with exit 1 on the same API with a bug (${Object.keys(bug)[0]}), naming the rule`, async () => {
      const out = `reports-${Object.keys(bug)[0]}`;
      server.inject(bug);
      try {
        const result = await runCliIn(dir, ['ci', '--duration', '1s', '--out', out], env);
        expect(result.code, result.stdout + result.stderr).toBe(1);
        expect(hasStackTrace(result.stdout + result.stderr)).toBe(false);
        expect(readFileSync(path.join(dir, out, 'latest', 'summary.md'), 'utf8')).toMatch(rule);
      } finally {
        server.inject({});
      }
    }, 120_000);
  }
});

/** A HAR of two jobs submitted and read to their end, recorded with fetch. */
async function recordHar(server: JobsServer): Promise<unknown> {
  const entries: unknown[] = [];
  const headers = { 'x-api-key': server.apiKey, 'content-type': 'application/json' };
  const exchange = async (method: string, url: string, body?: unknown) => {
    const startedDateTime = new Date(Date.UTC(2026, 0, 1, 0, 0, entries.length)).toISOString();
    const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }), signal: AbortSignal.timeout(5_000) });
    const text = await response.text();
    entries.push({
      startedDateTime,
      request: { method, url, headers: Object.entries(headers).map(([name, value]) => ({ name, value })), ...(body === undefined ? {} : { postData: { mimeType: 'application/json', text: JSON.stringify(body) } }) },
      response: { status: response.status, headers: [...response.headers].map(([name, value]) => ({ name, value })), content: { mimeType: response.headers.get('content-type') ?? '', text } },
    });
    return response;
  };
  for (let job = 0; job < 2; job++) {
    const created = await exchange('POST', `${server.apiUrl}/jobs`, { task: 'resize', size: 64 });
    const location = new URL(created.headers.get('location')!, server.url).toString();
    for (let read = 0; read < 3; read++) await exchange('GET', location);
  }
  return { log: { version: '1.2', creator: { name: 'runwarden-test', version: '1' }, entries } };
}

/** The pact a web front end of the jobs API would write: read a working job, submit one. */
async function writeConsumerPact(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const pact = new PactV4({ consumer: 'jobs-web', provider: 'jobs', dir, logLevel: 'error' });
  await pact.addInteraction()
    .given('a job is working', { id: 'job-900' })
    .uponReceiving('a read of a working job')
    .withRequest('GET', regex('/jobs/job-[0-9]+', '/jobs/job-900'), (builder) => builder.headers({ 'X-Api-Key': '<redacted>' }))
    .willRespondWith(200, (builder) => builder.jsonBody({ job: { id: regex('^job-[0-9]+$', 'job-900'), state: 'working', submitted_at: like('2026-01-01T00:00:01.000Z') } }))
    .executeTest(async (mock) => {
      const response = await fetch(`${mock.url}/jobs/job-900`, { headers: { 'X-Api-Key': '<redacted>' } });
      expect(response.status).toBe(200);
    });
  await pact.addInteraction()
    .uponReceiving('a job submitted')
    .withRequest('POST', '/jobs', (builder) => builder.headers({ 'X-Api-Key': '<redacted>', 'Content-Type': 'application/json' }).jsonBody({ task: 'resize', size: integer(64) }))
    .willRespondWith(202, (builder) => builder.headers({ Location: regex('/api/jobs/job-[0-9]+', '/api/jobs/job-2') }).jsonBody({ job: { id: regex('^job-[0-9]+$', 'job-2'), state: 'pending', submitted_at: like('2026-01-01T00:00:02.000Z') } }))
    .executeTest(async (mock) => {
      const response = await fetch(`${mock.url}/jobs`, { method: 'POST', headers: { 'X-Api-Key': '<redacted>', 'Content-Type': 'application/json' }, body: JSON.stringify({ task: 'resize', size: 64 }) });
      expect(response.status).toBe(202);
    });
}
