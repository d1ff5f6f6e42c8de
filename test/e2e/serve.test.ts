import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/runwarden.js', import.meta.url));
const TOKEN = 'runwarden-dev-token';
let child: ChildProcessWithoutNullStreams | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

/** Starts `runwarden serve` and resolves with the provider URLs it prints. */
async function serve(args: string[]): Promise<{ urls: Record<string, string>; output: () => string }> {
  child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const urls = await new Promise<Record<string, string>>((resolve, reject) => {
    child!.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!stdout.includes('Stop with Ctrl-C')) return;
      const found: Record<string, string> = {};
      for (const match of stdout.matchAll(/^ {2}(rightbrain|deck|refactor) +(http:\/\/\S+)$/gm)) found[match[1]!] = match[2]!;
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

  it('serves only the providers asked for, with a custom token, and reports a bad config file with exit code 2', async () => {
    const { urls } = await serve(['--providers', 'deck', '--token', 'sk_live_custom']);
    expect(Object.keys(urls)).toEqual(['deck']);
    const origin = new URL(urls.deck!).origin;
    expect((await fetch(`${origin}/v1/run/3810af67-38c6-4183-a744-0be370b5311e`)).status).toBe(404);
    expect((await fetch(`${urls.deck}/task-runs`, { headers: { authorization: 'Bearer sk_live_custom' } })).status).toBe(200);
    const exited = exitOf(child!);
    child!.kill('SIGINT');
    expect(await exited).toBe(0);

    const bad = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--config', fileURLToPath(new URL('./missing-sim-config.json', import.meta.url))], { stdio: 'pipe' });
    let stderr = '';
    bad.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    expect(await exitOf(bad as ChildProcessWithoutNullStreams)).toBe(2);
    expect(stderr).toContain('Cannot read the simulator config');
  });
});
