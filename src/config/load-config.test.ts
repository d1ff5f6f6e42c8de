import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLifecycle } from '../core/lifecycle/check.ts';
import { bundledProfile, loadConfig, presetNames } from './index.ts';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const JOBS = `
providers:
  jobs:
    spec: ./jobs.yaml
    baseUrl: http://127.0.0.1:9000/api
    auth: { type: header, name: X-Api-Key, tokenEnv: JOBS_KEY }
    runs:
      job:
        create: { operationId: createJob, runId: { header: Location } }
        poll: { operationId: getJob, interval: 50ms }
        lifecycle:
          status: /job/state
          initial: [pending]
          success: [done]
          failure: [error]
          transitions: { pending: [working, error], working: [done, error] }
          timestamps: [/job/created, /job/finished]
scenarios: [./load/jobs.yaml, deck-create-poll]
pacts: pacts
`;

describe('loadConfig', () => {
  it('resolves a user profile: paths against the config, base path from the URL, lifecycle from data', () => {
    const dir = project({ 'runwarden.config.yaml': JOBS });
    const config = loadConfig({ cwd: dir });
    const jobs = config.providers.get('jobs');
    expect(jobs).toMatchObject({ spec: path.join(dir, 'jobs.yaml'), baseUrl: 'http://127.0.0.1:9000/api', basePath: '/api', auth: { type: 'header', name: 'X-Api-Key' } });
    expect(jobs.runs[0]).toMatchObject({ name: 'job', create: { runId: { from: 'header', name: 'Location' } }, poll: { intervalMs: 50 }, success: ['done'] });
    expect(config.scenarios).toEqual([path.join(dir, 'load/jobs.yaml'), 'deck-create-poll']);
    expect(config.pacts).toBe(path.join(dir, 'pacts'));
    const lifecycle = jobs.runs[0]!.lifecycle;
    expect(lifecycle.statusOf({ job: { state: 'working' } })).toBe('working');
    const seen = (state: string, finished?: string) => ({ body: { job: { state, created: '2026-01-01T00:00:10Z', ...(finished ? { finished } : {}) } }, observedAt: 0 });
    expect(checkLifecycle(lifecycle, 'getJob', [seen('pending'), seen('working'), seen('done', '2026-01-01T00:00:20Z')])).toEqual([]);
    expect(checkLifecycle(lifecycle, 'getJob', [seen('working'), seen('pending')]).map((v) => v.code)).toEqual(['ILLEGAL_TRANSITION']);
    expect(checkLifecycle(lifecycle, 'getJob', [seen('done', '2026-01-01T00:00:01Z')])[0]?.message).toContain('job/created 2026-01-01T00:00:10Z after job/finished');
  });

  it('names the file, line and column of every schema problem, with a hint', () => {
    const dir = project({ 'runwarden.config.yaml': JOBS.replace('{ type: header, name: X-Api-Key, tokenEnv: JOBS_KEY }', '{ type: header }').replace('pacts: pacts', 'pactz: pacts') });
    expect(() => loadConfig({ cwd: dir })).toThrow(expect.objectContaining({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(/runwarden\.config\.yaml:6:5: providers\.jobs\.auth needs "name"[\s\S]*runwarden\.config\.yaml:19:1: the file has an unknown field "pactz"/),
      hint: expect.stringContaining('docs/config.md'),
    }));
  });

  it('refuses a lifecycle whose transitions name unknown states or leave a terminal state', () => {
    const dir = project({ 'runwarden.config.yaml': JOBS.replace('working: [done, error] }', 'working: [done, eror], done: [pending] }') });
    expect(() => loadConfig({ cwd: dir })).toThrow(expect.objectContaining({
      message: expect.stringMatching(/:16:53: "working" moves to "eror", which is no state[\s\S]*:16:76: "done" is terminal/),
    }));
  });

  it('reports invalid YAML and a missing --config file with their place', () => {
    const dir = project({ 'runwarden.config.yaml': 'providers:\n  jobs: [\n' });
    expect(() => loadConfig({ cwd: dir })).toThrow(expect.objectContaining({ code: 'YAML_INVALID', message: expect.stringMatching(/runwarden\.config\.yaml:\d+:\d+: invalid YAML/) }));
    expect(() => loadConfig({ cwd: dir, file: 'nope.yaml' })).toThrow(expect.objectContaining({ code: 'FILE_NOT_FOUND' }));
  });

  it('lists the configured names for an unknown provider and a bundled preset that does not exist', () => {
    const config = loadConfig({ cwd: project({ 'runwarden.config.yaml': JOBS }) });
    expect(() => config.providers.get('job')).toThrow(expect.objectContaining({ code: 'PROVIDER_UNKNOWN', message: expect.stringMatching(/did you mean jobs\?[\s\S]*Configured providers .*: jobs/) }));
    const dir = project({ 'runwarden.config.yaml': 'providers:\n  deck: { preset: dekc }\n' });
    expect(() => loadConfig({ cwd: dir })).toThrow(expect.objectContaining({ message: expect.stringMatching(/runwarden\.config\.yaml:2:19: no bundled provider "dekc"\nBundled: deck, refactor, rightbrain/) }));
  });

  it('uses the bundled config where the working directory has none', () => {
    const config = loadConfig({ cwd: project({}) });
    expect(config.isDefault).toBe(true);
    expect(config.providers.names).toEqual(['rightbrain', 'deck', 'refactor']);
  });

  it('renames a preset and overrides its base URL without touching the bundled profile', () => {
    const dir = project({ 'runwarden.config.yaml': 'providers:\n  staging-deck: { preset: deck, baseUrl: "https://staging.example.com/v2/" }\n' });
    const profile = loadConfig({ cwd: dir }).providers.get('staging-deck');
    expect(profile).toMatchObject({ name: 'staging-deck', baseUrl: 'https://staging.example.com/v2', basePath: '/v2', extension: 'deck' });
    expect(bundledProfile('deck').baseUrl).toBeUndefined();
  });
});

describe('bundled profiles', () => {
  it('are the three providers, read through the same loader as a user profile', () => {
    expect(presetNames()).toEqual(['deck', 'refactor', 'rightbrain']);
  });

  it('define the lifecycles the providers document, move for move', () => {
    const deck = bundledProfile('deck').runs[0]!.lifecycle;
    expect(deck.terminal).toEqual(['completed', 'failed', 'canceled']);
    expect(deck.transitions).toMatchObject({
      queued: ['running', 'canceling', 'cancelling', 'failed'],
      review_required: ['completed', 'failed', 'canceling', 'cancelling'],
      canceling: ['canceled', 'completed', 'failed'],
      completed: [], canceled: [],
    });
    const refactor = bundledProfile('refactor').runs[0]!.lifecycle;
    expect([...refactor.statuses].sort()).toEqual(['cancelled', 'completed', 'failed', 'running', 'timeout', 'waiting']);
    expect(refactor.transitions.waiting).toEqual(['running', 'failed', 'cancelled', 'timeout']);
    const agent = bundledProfile('rightbrain').runs[1]!.lifecycle;
    expect(agent.transitions).toMatchObject({ running: ['waiting_for_human', 'completed', 'failed'], waiting_for_human: ['running', 'failed'] });
  });

  it('map a Rightbrain task run to its outcome by is_error', () => {
    const task = bundledProfile('rightbrain').runs[0]!.lifecycle;
    expect([task.statusOf({ id: 'a', is_error: false }), task.statusOf({ id: 'a', is_error: true }), task.statusOf({})]).toEqual(['completed', 'error', undefined]);
  });
});
