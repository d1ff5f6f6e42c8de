import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fixturePath } from '../fixtures/fixture-path.ts';

const BIN = fileURLToPath(new URL('../../bin/runwarden.js', import.meta.url));
const TOKEN = 'runwarden-dev-token';
let child: ChildProcessWithoutNullStreams | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

/** Starts `runwarden serve` (in `cwd`) and resolves with the provider URLs it prints. */
async function serve(args: string[], cwd?: string): Promise<{ urls: Record<string, string>; output: () => string }> {
  child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { stdio: 'pipe', ...(cwd ? { cwd } : {}) });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const urls = await new Promise<Record<string, string>>((resolve, reject) => {
    child!.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!stdout.includes('Stop with Ctrl-C')) return;
      const found: Record<string, string> = {};
      for (const match of stdout.matchAll(/^ {2}([a-z0-9_-]+) +(http:\/\/\S+)$/gm)) found[match[1]!] = match[2]!;
      resolve(found);
    });
    child!.once('exit', (code) => reject(new Error(`serve exited early with ${code}\n${stdout}\n${stderr}`)));
  });
  return { urls, output: () => `${stdout}${stderr}` };
}

/** The exit code, once the process has exited and its output streams are closed ('exit' can come before the last output). */
function exitOf(process: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => process.once('close', (code) => resolve(code)));
}

/** Runs `runwarden serve` expecting it to fail before listening; resolves with its exit code and stderr. */
async function serveFails(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const failing = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { stdio: 'pipe' });
  let stderr = '';
  failing.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  return { code: await exitOf(failing as ChildProcessWithoutNullStreams), stderr };
}

describe('runwarden serve', () => {
  it('prints each provider at its base path on one port, serves them, and stops cleanly on SIGTERM', async () => {
    const { urls, output } = await serve(['--time-scale', '0.01', '--seed', '4']);
    expect(Object.keys(urls).sort()).toEqual(['deck', 'refactor', 'rightbrain']);
    expect(new Set(Object.values(urls).map((url) => new URL(url).port)).size).toBe(1);
    expect(new URL(urls.rightbrain!).pathname).toBe('/api/v1');
    expect(new URL(urls.deck!).pathname).toBe('/v2');
    expect(new URL(urls.refactor!).pathname).toBe('/v1');
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

    const created = await fetch(`${urls.deck}/tasks/task_8mQ2vX4nR7pL1zK6/run`, { method: 'POST', headers, body: '{"input":{"billing_period":"2025-05"}}' });
    expect(created.status).toBe(201);
    const { id } = await created.json() as { id: string };
    let status = 'queued';
    for (let i = 0; i < 100 && !['completed', 'failed', 'canceled'].includes(status); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = ((await (await fetch(`${urls.deck}/task-runs/${id}`, { headers })).json()) as { status: string }).status;
    }
    expect(['completed', 'failed']).toContain(status);

    const uuid = '3810af67-38c6-4183-a744-0be370b5311e';
    const sync = await fetch(`${urls.refactor}/runnable/${uuid}/runs?mode=sync`, { method: 'POST', headers, body: '{}' });
    expect(sync.status).toBe(200);
    const task = await fetch(`${urls.rightbrain}/org/${uuid}/project/${uuid}/task/${uuid}/run`, { method: 'POST', headers, body: '{"task_input":{"text":"hi"}}' });
    expect(task.status).toBe(200);
    expect((await fetch(`${urls.deck}/task-runs`)).status).toBe(401);

    const exited = exitOf(child!);
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toContain('runwarden simulator stopped');
  });

  it('serves only --provider, with a custom token and a simulator config, and exits 2 on bad input', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-serve-'));
    const simConfig = path.join(dir, 'sim.json');
    writeFileSync(simConfig, JSON.stringify({ faults: [{ provider: 'deck', operations: ['listTaskRuns'], error: { rate: 1, statuses: [503] } }] }));
    const { urls } = await serve(['--provider', 'deck', '--token', 'sk_live_custom', '--sim-config', simConfig]);
    expect(Object.keys(urls)).toEqual(['deck']);
    const origin = new URL(urls.deck!).origin;
    expect((await fetch(`${origin}/v1/run/3810af67-38c6-4183-a744-0be370b5311e`)).status).toBe(404);
    expect((await fetch(`${urls.deck}/task-runs`, { headers: { authorization: 'bearer sk_live_custom' } })).status).toBe(503);
    expect((await fetch(`${urls.deck}/task-runs/trun_x`, { headers: { authorization: 'Bearer sk_live_custom' } })).status).toBe(404);
    const exited = exitOf(child!);
    child!.kill('SIGINT');
    expect(await exited).toBe(0);

    const missing = await serveFails(['--sim-config', path.join(dir, 'missing-sim-config.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('simulator config not found');
    writeFileSync(path.join(dir, 'typo.json'), JSON.stringify({ timing: { dekc: {} } }));
    const typo = await serveFails(['--sim-config', path.join(dir, 'typo.json')]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('no provider "dekc" (did you mean deck?)');
    const unknown = await serveFails(['--provider', 'stripe']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown provider "stripe"[\s\S]*Configured providers/);
    expect(`${missing.stderr}${typo.stderr}${unknown.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });

  it('serves the providers of --config: a user profile next to a bundled one, each at its base path', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-serve-config-'));
    copyFileSync(fixturePath('jobs/openapi.yaml'), path.join(dir, 'openapi.yaml'));
    copyFileSync(fixturePath('jobs/jobs.profile.yaml'), path.join(dir, 'jobs.profile.yaml'));
    writeFileSync(path.join(dir, 'runwarden.config.yaml'), [
      'version: 1',
      'providers:',
      '  jobs: { profile: ./jobs.profile.yaml }',
      '  deck: { preset: deck }',
      '',
    ].join('\n'));
    const { urls, output } = await serve(['--time-scale', '0.01'], dir);
    expect(Object.keys(urls)).toEqual(['jobs', 'deck']);
    expect(new URL(urls.jobs!).pathname).toBe('/api');
    expect(output()).not.toContain('using the bundled providers');
    const submitted = await fetch(`${urls.jobs}/jobs`, { method: 'POST', headers: { 'x-api-key': TOKEN, 'content-type': 'application/json' }, body: '{"task":"resize","size":512}' });
    expect(submitted.status).toBe(202);
    expect((await fetch(`${urls.jobs}/jobs`, { method: 'POST', headers: { 'x-api-key': 'wrong', 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await fetch(`${urls.deck}/task-runs`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const exited = exitOf(child!);
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
