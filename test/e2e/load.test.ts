import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startFakeRunApi } from '../../src/load/fake-run-api.fixture.ts';
import type { LoadResult } from '../../src/load/index.ts';
import { TASKS_PROFILE, TASKS_SPEC } from '../../src/load/tasks-profile.fixture.ts';

const BIN = fileURLToPath(new URL('../../bin/runwarden.js', import.meta.url));

interface Outcome { code: number | null; stdout: string; stderr: string }

/**
 * Runs the real CLI; `whenStarted` is called once traffic has begun (stderr shows the start line). The bundled Deck
 * profile reads its token from DECK_API_KEY when a test points it at a real URL: a made-up one is set.
 */
function cli(args: string[], whenStarted?: (child: ReturnType<typeof spawn>) => void, env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CI: '1', DECK_API_KEY: 'e2e-made-up-key', ...env } });
    let stdout = '', stderr = '', started = false;
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk; });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      if (!started && whenStarted && stderr.includes('load ')) {
        started = true;
        whenStarted(child);
      }
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const outDir = (): Promise<string> => mkdtemp(path.join(tmpdir(), 'runwarden-e2e-load-'));

async function onlyResult(dir: string): Promise<LoadResult> {
  const files = (await readdir(dir)).filter((file) => file !== 'slo.json' && file !== 'sim.json');
  expect(files).toHaveLength(1);
  return JSON.parse(await readFile(path.join(dir, files[0]!), 'utf8')) as LoadResult;
}

/** A loopback server that counts requests and answers every one with `status`. */
async function countingServer(status: number): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let requests = 0;
  const server = http.createServer((request, response) => {
    requests++;
    request.resume();
    response.writeHead(status, { 'content-type': 'application/json' }).end('{"errors":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`,
    requests: () => requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

describe('runwarden load (end to end, embedded simulator)', () => {
  it('lists the scenarios', async () => {
    const { code, stdout } = await cli(['load', '--list']);
    expect(code).toBe(0);
    for (const name of ['deck-create-poll', 'refactor-async', 'refactor-sync', 'rightbrain-run-fetch', 'rightbrain-agent-poll', 'deck-hot-read', 'mixed-ramp']) {
      expect(stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
    }
  });

  it('runs deck-create-poll against the simulator on port 0, passes its gates and writes the result JSON', async () => {
    const dir = await outDir();
    const { code, stdout, stderr } = await cli(['load', 'deck-create-poll', '--duration', '2s', '--out', dir, '--json']);
    expect(stderr).toMatch(/load deck-create-poll: closed, 10 clients for 2s/);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as LoadResult;
    const written = await onlyResult(dir);
    expect(written).toEqual(printed);
    expect(written.passed).toBe(true);
    expect(written.runs.created).toBeGreaterThan(5);
    expect(written.runs).toMatchObject({ lost: 0, inFlight: 0, createFailed: 0 });
    expect(written.runs.completed + written.runs.failed).toBe(written.runs.created);
    expect(written.endpoints.getTaskRun!.responses).toBeGreaterThan(written.runs.created);
    expect(written.violations.sampledResponses).toBeGreaterThan(0);
    expect(written.violations.total).toBe(0);
    expect(stderr).toMatch(/gate\s+threshold\s+measured\s+verdict/);
  });

  it('prints the gate table and exits 1 when a threshold is breached', async () => {
    const dir = await outDir();
    const slo = path.join(dir, 'slo.json');
    // A median: a p99 from a 1 s run's few responses is inconclusive (see samplesNeeded in src/load/gates.ts).
    await writeFile(slo, JSON.stringify({ endpoints: { getRunState: { p50Ms: 0 } } }));
    const { code, stdout } = await cli(['load', 'refactor-async', '--duration', '1s', '--rate', '10', '--out', dir, '--thresholds', slo]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/getRunState p50\s+≤ 0 ms\s+[\d.]+ ms\s+FAIL/);
    expect((await onlyResult(dir)).passed).toBe(false);
  });

  it('detects the runs a simulator drops on purpose as lost, by id, and fails the lost-runs gate', async () => {
    const dir = await outDir();
    const config = path.join(dir, 'slo.json');
    await writeFile(config, JSON.stringify({ faults: [{ provider: 'refactor', drop: { rate: 0.3, afterMs: 50 } }] }));
    const { code, stdout } = await cli(['load', 'refactor-async', '--duration', '1s', '--rate', '20', '--run-timeout', '2s', '--drain', '3s', '--out', dir, '--sim-config', config]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/lost runs\s+≤ 0\s+\d+\s+FAIL/);
    const result = await onlyResult(dir);
    expect(result.runs.lost).toBeGreaterThan(0);
    expect(result.runs.lostIds).toHaveLength(result.runs.lost);
    expect(result.runs.lostIds.every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
  });

  it('fails the latency gate of the slowed endpoint only, when the simulator adds latency to one route', async () => {
    const dir = await outDir();
    const config = path.join(dir, 'sim.json');
    await writeFile(config, JSON.stringify({ faults: [{ provider: 'deck', operations: ['getTaskRun'], latency: { rate: 1, medianMs: 120, p99Ms: 150 } }] }));
    const slo = path.join(dir, 'slo.json');
    await writeFile(slo, JSON.stringify({ endpoints: { getTaskRun: { p50Ms: 50 }, runTask: { p50Ms: 10_000 } } }));
    const { code, stdout } = await cli(['load', 'deck-create-poll', '--duration', '1s', '--connections', '4', '--out', dir, '--sim-config', config, '--thresholds', slo]);
    expect(code).toBe(1);
    const gates = (await onlyResult(dir)).gates;
    expect(gates.find((gate) => gate.name === 'getTaskRun p50')).toMatchObject({ verdict: 'fail', pass: false });
    expect(gates.find((gate) => gate.name === 'runTask p50')).toMatchObject({ pass: true });
    expect(stdout).toMatch(/getTaskRun p50\s+≤ 50 ms\s+[\d.]+ ms\s+FAIL/);
  });

  it('fails the error-rate gate when the simulator injects server errors', async () => {
    const dir = await outDir();
    const config = path.join(dir, 'slo.json');
    await writeFile(config, JSON.stringify({ faults: [{ provider: 'refactor', operations: ['getRunState'], error: { rate: 0.2, statuses: [503] } }] }));
    const { code } = await cli(['load', 'refactor-async', '--duration', '1s', '--rate', '20', '--out', dir, '--sim-config', config]);
    expect(code).toBe(1);
    const result = await onlyResult(dir);
    expect(result.requests.statusCounts['503']).toBeGreaterThan(0);
    expect(result.gates.find((gate) => gate.name === 'error rate')).toMatchObject({ pass: false });
  });

  it('stops traffic on Ctrl-C and still writes the partial results', async () => {
    const dir = await outDir();
    const started = Date.now();
    const { code, stderr } = await cli(['load', 'deck-create-poll', '--duration', '60s', '--out', dir], (child) => {
      setTimeout(() => child.kill('SIGINT'), 800);
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(code).toBe(1);
    expect(stderr).toMatch(/interrupted: traffic stopped, partial results written/);
    const result = await onlyResult(dir);
    expect(result).toMatchObject({ aborted: true, stopReason: 'aborted' });
    expect(result.requests.responses).toBeGreaterThan(0);
  });
});

describe('runwarden load: bad input is reported before any traffic (exit 2)', () => {
  it('names an unknown scenario and the close ones', async () => {
    const { code, stderr } = await cli(['load', 'deck-create-pol']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown load scenario "deck-create-pol"; did you mean deck-create-poll/);
  });

  it('refuses a remote target without --allow-remote', async () => {
    const { code, stderr } = await cli(['load', 'deck-create-poll', '--base-url', 'https://api.deck.co/v2']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/refusing to send load to api.deck.co/);
    expect(stderr).toMatch(/--allow-remote/);
  });

  it('fails the preflight against an unreachable target', async () => {
    const server = await countingServer(200);
    await server.close();
    const { code, stderr } = await cli(['load', 'deck-create-poll', '--base-url', server.url]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/preflight GET .*\/v2\/task-runs\//);
  });

  it('fails the preflight against a target that refuses the token, sending it nothing else', async () => {
    const server = await countingServer(401);
    try {
      const { code, stderr } = await cli(['load', 'deck-create-poll', '--base-url', server.url, '--token-env', 'RUNWARDEN_E2E_TOKEN'], undefined, { RUNWARDEN_E2E_TOKEN: 'e2e-wrong-token' });
      expect(code).toBe(2);
      expect(stderr).toMatch(/the target refused the token\nReceived: 401/);
      expect(stderr).not.toContain('e2e-wrong-token');
      expect(server.requests()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('rejects invalid thresholds, listing each problem', async () => {
    const dir = await outDir();
    const slo = path.join(dir, 'slo.json');
    await writeFile(slo, JSON.stringify({ p99: 10, maxErrorRate: 3 }));
    const { code, stderr } = await cli(['load', 'deck-create-poll', '--thresholds', slo]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/thresholds.p99 is not a threshold/);
    expect(stderr).toMatch(/thresholds.maxErrorRate must be a number ≥ 0 and ≤ 1/);
  });

  it('rejects a threshold for an operation the scenario never sends', async () => {
    const dir = await outDir();
    const slo = path.join(dir, 'slo.json');
    await writeFile(slo, JSON.stringify({ endpoints: { getTaskRun: { p99Ms: 10 } } }));
    const { code, stderr } = await cli(['load', 'refactor-async', '--thresholds', slo]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/thresholds.endpoints.getTaskRun: the scenario sends no such operation \(it sends runRunnable, getRunState\)/);
  });

  it('rejects --rate together with --connections', async () => {
    const { code, stderr } = await cli(['load', 'deck-create-poll', '--rate', '5', '--connections', '5']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/exclude each other/);
  });
});

describe('runwarden load <file>: a scenario file for a provider of the user\'s config', () => {
  /** A project with the tasks API's spec and profile, a config naming it at `baseUrl`, and `scenario.yaml`. */
  async function project(baseUrl: string, scenario: string): Promise<{ dir: string; config: string; scenario: string }> {
    const dir = await outDir();
    await writeFile(path.join(dir, 'tasks.openapi.yaml'), TASKS_SPEC);
    await writeFile(path.join(dir, 'tasks.profile.yaml'), TASKS_PROFILE);
    await writeFile(path.join(dir, 'runwarden.config.yaml'), `providers:\n  tasks: { profile: ./tasks.profile.yaml, baseUrl: '${baseUrl}' }\n`);
    await writeFile(path.join(dir, 'scenario.yaml'), scenario);
    return { dir, config: path.join(dir, 'runwarden.config.yaml'), scenario: path.join(dir, 'scenario.yaml') };
  }

  const MINIMAL = [
    'name: tasks-create-poll',
    'provider: tasks',
    'model: { connections: 2 }',
    'duration: 10s',
    'maxRuns: 6',
    'thresholds: { maxFailedRunRate: 0.05, maxLostRuns: 0, maxViolations: 0 }',
    '',
  ].join('\n');

  it('runs a few-line YAML scenario at the profile\'s baseUrl, with the key its auth scheme names', async () => {
    const api = await startFakeRunApi({ pollsToFinish: 2 });
    try {
      const { dir, config, scenario } = await project(api.url, MINIMAL);
      const { code, stdout, stderr } = await cli(['load', scenario, '--config', config, '--out', path.join(dir, 'out'), '--json'], undefined, { TASKS_KEY: 'e2e-tasks-key' });
      expect(code, stderr).toBe(0);
      const result = JSON.parse(stdout) as LoadResult;
      expect(result.runs).toMatchObject({ created: 6, completed: 6, lost: 0 });
      expect(result.gates.map((gate) => gate.name)).toEqual(['failed run rate', 'lost runs', 'violations']);
      expect(result.violations.sampledResponses).toBeGreaterThan(0);
      // The preflight and every request carry the key as the profile's header; no output shows it.
      expect(api.requests.length).toBe(1 + result.requests.sent);
      expect(api.requests.every((request) => request.headers['x-api-key'] === 'e2e-tasks-key')).toBe(true);
      expect(`${stdout}${stderr}`).not.toContain('e2e-tasks-key');
    } finally {
      await api.close();
    }
  });

  it('reports a bad scenario file at file:line:column, before any traffic (exit 2)', async () => {
    const api = await startFakeRunApi();
    try {
      const { config, scenario } = await project(api.url, MINIMAL.replace('model: { connections: 2 }', 'model: { conections: 2 }'));
      const { code, stderr } = await cli(['load', scenario, '--config', config], undefined, { TASKS_KEY: 'k' });
      expect(code).toBe(2);
      expect(stderr).toMatch(/invalid scenario:\n[\s\S]*\S*scenario\.yaml:3:10: model has an unknown field "conections"/);
      expect(api.requests).toHaveLength(0);
    } finally {
      await api.close();
    }
  });

  it('names a provider the config does not have, with the ones it has (exit 2)', async () => {
    const { config, scenario } = await project('http://127.0.0.1:9/v2', MINIMAL.replace('provider: tasks', 'provider: jobs'));
    const { code, stderr } = await cli(['load', scenario, '--config', config]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/scenario\.yaml:2:11: unknown provider "jobs"\nConfigured providers \(\S*runwarden\.config\.yaml\): tasks/);
  });
});
