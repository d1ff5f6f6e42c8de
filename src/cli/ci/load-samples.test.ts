import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExchangeSampler, type HarDocument } from '../../load/index.ts';
import { startFakeRunApi, type FakeRunApi } from '../../load/fake-run-api.fixture.ts';
import { fakeScenario } from '../../load/fake-scenario.fixture.ts';
import { tasksProject } from '../../load/tasks-profile.fixture.ts';
import { loadStage } from './load-stage.ts';
import { SAMPLES_FILE, writeLoadSamples } from './load-samples.ts';

const TOKEN = 'ci-stage-token-7f3a91';
let api: FakeRunApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('the ci load stage\'s sampled exchanges', () => {
  it('are offered every scenario\'s responses and written to <run>/samples.har, with the spec of each sampled provider and no token', async () => {
    api = await startFakeRunApi({ pollsToFinish: 2 });
    const project = await tasksProject();
    const scenario = fakeScenario({ maxRuns: 4, durationMs: 5_000 }, { provider: 'tasks', auth: project.profile.auth });
    const sampler = new ExchangeSampler();
    const { scenarios } = await loadStage({
      scenarios: [scenario], profiles: [project.profile], specs: project.specs, targets: { tasks: api.url }, tokens: { tasks: TOKEN },
      durationMs: 5_000, outDir: path.join(project.dir, 'load'), sampler,
    });
    expect(scenarios[0]!.runs.completed).toBe(4);
    expect(sampler.offered).toBe(api.requests.length - 1); // every response but the preflight's

    const runDir = path.join(project.dir, 'reports', 'run-1');
    const summary = await writeLoadSamples(sampler, runDir, [scenario], [project.profile, { ...project.profile, name: 'unused' }]);
    expect(summary).toEqual({ file: SAMPLES_FILE, exchanges: sampler.exchanges.length, offered: sampler.offered, specs: { tasks: project.profile.spec } });
    const text = await readFile(path.join(runDir, SAMPLES_FILE), 'utf8');
    expect(text).not.toContain(TOKEN);
    const har = JSON.parse(text) as HarDocument;
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries.length).toBe(sampler.exchanges.length);
    expect(har.log.entries.every((entry) => entry._provider === 'tasks')).toBe(true);
    expect(har.log.entries[0]!.request.headers).toContainEqual({ name: 'x-api-key', value: '[REDACTED]' });
  });

  it('writes nothing when no load traffic was offered', async () => {
    const project = await tasksProject();
    const runDir = path.join(project.dir, 'reports', 'run-2');
    expect(await writeLoadSamples(new ExchangeSampler(), runDir, [], [project.profile])).toBeUndefined();
    await expect(readFile(path.join(runDir, SAMPLES_FILE))).rejects.toThrow(/ENOENT/);
  });
});
