import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSpec } from '../../spec/index.ts';
import { loadConfig } from '../load-config.ts';
import { inferProfile } from './infer-profile.ts';
import { renderConfig } from './render-config.ts';
import { renderScenario, starterScenarioName } from './render-scenario.ts';
import { JOBS_SPEC, PREDICTIONS_SPEC } from './specs.fixture.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A project directory holding the spec, as `init` finds it. */
async function project(document: object): Promise<{ dir: string; files: { config: string; scenario: string }; draft: ReturnType<typeof inferProfile> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-render-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'api'));
  writeFileSync(path.join(dir, 'api', 'openapi.json'), JSON.stringify(document));
  const draft = inferProfile(await loadSpec(path.join(dir, 'api', 'openapi.json')), { baseUrl: 'https://api.example.test/v1' });
  return { dir, draft, files: { config: path.join(dir, 'runwarden.config.yaml'), scenario: path.join(dir, 'load', `${starterScenarioName(draft.name)}.yaml`) } };
}

describe('renderConfig', () => {
  it('writes a config loadConfig reads back into the inferred profile', async () => {
    const { draft, files } = await project(JOBS_SPEC);
    writeFileSync(files.config, renderConfig(draft, files));
    const config = loadConfig({ file: files.config });
    const profile = config.providers.get('batch');
    expect(profile.spec).toBe(draft.profile.spec);
    expect(profile.baseUrl).toBe('https://api.example.test/v1');
    expect(profile.auth).toEqual({ type: 'header', name: 'X-Api-Key', tokenEnv: 'BATCH_API_KEY' });
    expect(profile.runs.map((run) => run.name)).toEqual(['job']);
    expect(profile.runs[0]!.lifecycle.statusOf({ job: { state: 'running' } })).toBe('running');
    expect(config.scenarios).toEqual([files.scenario]);
  });

  it('puts every note above the item it is about, with its confidence and what to check', async () => {
    const { draft, files } = await project(PREDICTIONS_SPEC);
    const text = renderConfig(draft, files);
    expect(text).toMatch(/# low: a guess from the names[^\n]*\n(\s+#[^\n]*\n)*\s+transitions:/);
    expect(text).toMatch(/# high: the security scheme bearerAuth: HTTP bearer\.\n\s+auth:/);
    for (const note of draft.notes) expect(text).toContain(`# ${note.confidence}: ${note.reason.split(' ').slice(0, 6).join(' ')}`);
    expect(text.split('\n').every((line) => line.length <= 160)).toBe(true);
  });

  it('names the spec relative to the config and points editors at the published schema', async () => {
    const { draft, files } = await project(PREDICTIONS_SPEC);
    const text = renderConfig(draft, files);
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S+docs\/config\.schema\.json$/m);
    expect(parse(text).providers.predictions.spec).toBe('./api/openapi.json');
  });

  it('offers a commented baseUrl when none was given, so the simulator stands in', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-render-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(PREDICTIONS_SPEC));
    const draft = inferProfile(await loadSpec(path.join(dir, 'openapi.json')));
    const files = { config: path.join(dir, 'runwarden.config.yaml'), scenario: path.join(dir, 'load', 'x.yaml') };
    const text = renderConfig(draft, files);
    expect(text).toMatch(/# baseUrl: https:\/\/api\.example\.com\/v1 {3}# your API; without it/);
    expect(parse(text).providers.predictions.baseUrl).toBeUndefined();
  });
});

describe('renderScenario', () => {
  it('writes exactly the minimal create-and-poll form with its gates', () => {
    const file = path.resolve('load', 'jobs-create-poll.yaml');
    const text = renderScenario({ name: 'jobs-create-poll', provider: 'jobs', run: 'job' }, file);
    expect(parse(text)).toEqual({
      name: 'jobs-create-poll', provider: 'jobs', run: 'job', model: { connections: 5 }, duration: '10s',
      thresholds: { runP95Ms: 15000, maxFailedRunRate: 0.5, maxLostRuns: 0, maxViolations: 0 },
    });
    expect(text).toMatch(/# runs never seen in a terminal state within their timeout\n\s+maxLostRuns: 0/);
  });

  it('names the scenario in kebab-case whatever the provider is called', () => {
    expect(starterScenarioName('batch_jobs')).toBe('batch-jobs-create-poll');
  });
});

