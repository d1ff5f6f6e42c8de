import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, runCliIn, type CliResult } from './run-cli.ts';

/** A user's task-run API as its spec documents it: jobs `pending → working → done`, each with a `queue`. */
const SPEC = `openapi: 3.1.0
info: { title: Jobs (drift from load runs), version: 1.0.0 }
servers: [{ url: 'http://127.0.0.1/api' }]
paths:
  /jobs:
    post:
      operationId: createJob
      requestBody: { required: true, content: { application/json: { schema: { type: object } } } }
      responses:
        '202': { description: Accepted, headers: { X-Echo-Key: { schema: { type: string } } }, content: { application/json: { schema: { $ref: '#/components/schemas/Job' } } } }
  /jobs/{job_id}:
    get:
      operationId: getJob
      parameters: [{ name: job_id, in: path, required: true, schema: { type: string } }]
      responses:
        '200': { description: The job, headers: { X-Echo-Key: { schema: { type: string } } }, content: { application/json: { schema: { $ref: '#/components/schemas/Job' } } } }
        '404': { description: No such job, content: { application/json: { schema: { type: object } } } }
components:
  schemas:
    Job:
      type: object
      required: [id, state]
      properties:
        id: { type: string }
        state: { type: string, enum: [pending, working, done, error] }
        queue: { type: string, enum: [default, batch] }
`;

const config = (baseUrl: string): string => [
  'version: 1',
  'providers:',
  '  jobs:',
  '    spec: ./jobs.openapi.yaml',
  `    baseUrl: ${baseUrl}`,
  '    auth: { type: header, name: X-Api-Key, tokenEnv: JOBS_KEY }',
  '    runs:',
  '      job:',
  '        create: { operationId: createJob, body: { task: resize }, runId: { body: /id } }',
  '        poll: { operationId: getJob, interval: 10ms }',
  '        lifecycle:',
  '          status: /state',
  '          initial: [pending]',
  '          success: [done]',
  '          failure: [error]',
  '          transitions: { pending: [working, error], working: [done, error] }',
  '',
].join('\n');

const SCENARIO = ['name: jobs-drift', 'provider: jobs', 'model: { connections: 2 }', 'duration: 10s', 'maxRuns: 6', ''].join('\n');
const KEY = 'drift-e2e-key-3b9f2c71';

/**
 * The API itself, on loopback. Drifted, it has started sending what its spec does not say: a `region` property and
 * a queue named `express`. The key is echoed in a (documented) header, as some APIs do, to prove the samples never keep it.
 */
async function startJobsApi(drifted: boolean): Promise<{ url: string; close(): Promise<void> }> {
  const jobs = new Map<string, number>();
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const send = (status: number, body: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json', 'x-echo-key': String(request.headers['x-api-key']) }).end(JSON.stringify(body));
      };
      const view = (id: string, reads: number): unknown => ({
        id, state: ['pending', 'working', 'done'][Math.min(reads, 2)], queue: drifted ? 'express' : 'default', ...(drifted ? { region: 'eu-west-1' } : {}),
      });
      if (request.method === 'POST' && request.url === '/api/jobs') {
        const id = `job-${jobs.size + 1}`;
        jobs.set(id, 0);
        return send(202, view(id, 0));
      }
      const id = /^\/api\/jobs\/([^/?]+)$/.exec(request.url ?? '')?.[1];
      const reads = id === undefined ? undefined : jobs.get(id);
      if (id === undefined || reads === undefined) return send(404, { title: 'no such job' });
      jobs.set(id, reads + 1);
      return send(200, view(id, reads + 1));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A project folder for the API at `baseUrl`: spec, config, scenario. */
async function project(baseUrl: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'runwarden-e2e-drift-'));
  await writeFile(path.join(dir, 'jobs.openapi.yaml'), SPEC);
  await writeFile(path.join(dir, 'runwarden.config.yaml'), config(baseUrl));
  await writeFile(path.join(dir, 'scenario.yaml'), SCENARIO);
  return dir;
}

/** `load --samples`, then `spec drift` over the samples with --fail-on drift, in the project. */
async function loadThenDrift(dir: string): Promise<{ load: CliResult; drift: CliResult; har: string }> {
  const load = await runCliIn(dir, ['load', 'scenario.yaml', '--out', 'out', '--samples', 'out/samples.har'], { JOBS_KEY: KEY });
  const har = await readFile(path.join(dir, 'out', 'samples.har'), 'utf8');
  const drift = await runCliIn(dir, ['spec', 'drift', '--spec', 'jobs', '--har', 'out/samples.har', '--fail-on', 'drift']);
  return { load, drift, har };
}

describe('spec drift from a load run\'s sampled exchanges', () => {
  it('names the undocumented property and enum value a drifted API sends under load (exit 1), and the samples keep no key', async () => {
    const api = await startJobsApi(true);
    try {
      const { load, drift, har } = await loadThenDrift(await project(api.url));
      expect(load.stderr).toMatch(/samples: out\/samples\.har \(\d+ of \d+ responses, credentials redacted/);
      expect(har).not.toContain(KEY);
      const echoed = (JSON.parse(har) as { log: { entries: Array<{ response: { headers: Array<{ name: string; value: string }> } }> } }).log.entries
        .flatMap((entry) => entry.response.headers.filter((header) => header.name === 'x-echo-key').map((header) => header.value));
      expect(new Set(echoed)).toEqual(new Set(['[REDACTED]']));
      expect(drift.code, drift.stderr).toBe(1);
      expect(drift.stdout).toMatch(/undocumented property \/region \(response 20[02]\): seen \d+×, first in out\/samples\.har entry \d+: "eu-west-1"/);
      expect(drift.stdout).toMatch(/undocumented enum value \/queue = "express" \(response 20[02]\)/);
      expect(drift.stdout).toMatch(/^- express$/m);
    } finally {
      await api.close();
    }
  }, 60_000);

  it('finds nothing when the API sends what its spec documents (exit 0)', async () => {
    const api = await startJobsApi(false);
    try {
      const { load, drift } = await loadThenDrift(await project(api.url));
      expect(load.code, load.stderr).toBe(0);
      expect(drift.code, drift.stdout).toBe(0);
      expect(drift.stdout).toMatch(/✓ 0 undocumented items in \d+ exchanges against jobs\.openapi\.yaml/);
    } finally {
      await api.close();
    }
  }, 60_000);

  it('finds no drift in the embedded simulator\'s traffic for a bundled provider', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'runwarden-e2e-drift-sim-'));
    const load = await runCliIn(dir, ['load', 'deck-create-poll', '--duration', '1s', '--out', 'out', '--samples', 'samples.har']);
    expect(load.stderr).toMatch(/samples: samples\.har/);
    const har = JSON.parse(await readFile(path.join(dir, 'samples.har'), 'utf8')) as { log: { entries: Array<{ request: { headers: Array<{ name: string; value: string }> } }> } };
    expect(har.log.entries.length).toBeGreaterThan(0);
    expect(har.log.entries.every((entry) => entry.request.headers.filter((header) => header.name.toLowerCase() === 'authorization').every((header) => header.value === '[REDACTED]'))).toBe(true);
    const drift = await runCliIn(dir, ['spec', 'drift', '--spec', 'deck', '--har', 'samples.har', '--fail-on', 'drift']);
    expect(drift.code, drift.stdout).toBe(0);
    expect(drift.stdout).toMatch(/✓ 0 undocumented items/);
  }, 60_000);

  it('refuses a --samples path that is a folder, and --samples with --workers, before any traffic (exit 2)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'runwarden-e2e-drift-bad-'));
    const folder = await runCliIn(dir, ['load', 'deck-create-poll', '--duration', '1s', '--samples', dir]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/cannot write the sampled exchanges .*: it is a folder/);
    const workers = await runCliIn(dir, ['load', 'deck-create-poll', '--duration', '1s', '--workers', '2', '--samples', 's.har']);
    expect(workers.code).toBe(2);
    expect(workers.stderr).toMatch(/--samples does not combine with --workers/);
    expect(hasStackTrace(`${folder.stderr}${workers.stderr}`)).toBe(false);
    expect(await readdir(path.join(dir, 'reports', 'load'))).toEqual([]); // no traffic, so no result
  }, 60_000);
});

describe('runwarden ci: samples.har in the run folder, and spec drift --run', () => {
  let reports: string;
  let ci: CliResult;
  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'runwarden-e2e-drift-ci-'));
    reports = path.join(dir, 'reports');
    ci = await runCliIn(dir, ['ci', '--provider', 'deck', '--duration', '1s', '--out', reports]);
  }, 120_000);

  it('writes reports/<run>/samples.har (copied to latest/), records it in summary.json and names it in summary.md', async () => {
    expect(ci.stdout).toMatch(/sampled exchanges: .*latest\/samples\.har \(\d+ of \d+ responses\); check them for drift with runwarden spec drift --run /);
    const summary = JSON.parse(await readFile(path.join(reports, 'latest', 'summary.json'), 'utf8')) as { runId: string; samples: { file: string; exchanges: number; specs: Record<string, string> } };
    expect(summary.samples).toMatchObject({ file: 'samples.har', specs: { deck: expect.stringMatching(/specs\/deck\.openapi\.yaml$/) } });
    const runHar = JSON.parse(await readFile(path.join(reports, summary.runId.replace(/[^A-Za-z0-9._-]+/g, '-'), 'samples.har'), 'utf8')) as { log: { entries: unknown[] } };
    expect(runHar.log.entries).toHaveLength(summary.samples.exchanges);
    expect(await readFile(path.join(reports, 'latest', 'summary.md'), 'utf8')).toMatch(/Sampled exchanges: `samples\.har` in the run folder/);
    expect(await readFile(path.join(reports, 'latest', 'index.html'), 'utf8')).toMatch(/Sampled exchanges: <a href="samples\.har">/);
  });

  it('spec drift --run reads the folder\'s samples against the spec the run recorded: no drift on the simulator', async () => {
    const drift = await runCliIn(path.dirname(reports), ['spec', 'drift', '--run', path.join(reports, 'latest'), '--fail-on', 'drift']);
    expect(drift.code, `${drift.stdout}${drift.stderr}`).toBe(0);
    expect(drift.stdout).toMatch(/✓ 0 undocumented items in \d+ exchanges against .*deck\.openapi\.yaml \(deck\)/);
  });
});
