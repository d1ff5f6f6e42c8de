import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config/index.ts';
import { jobsConfig, jobsProject, startJobsApi, type JobsApi } from '../../../test/helpers/jobs-provider.ts';
import { contractStage } from './contract-stage.ts';

const KEY = 'jobs-stage-key-0c9e4b17';
let api: JobsApi | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await api?.close();
  api = undefined;
});

describe('contractStage', () => {
  it('verifies and cross-checks the providers with pacts, and notes each provider without pacts as skipped', async () => {
    api = await startJobsApi(KEY, 'stage-admin-5d1f');
    vi.stubEnv('JOBS_ADMIN_TOKEN', 'stage-admin-5d1f');
    const project = jobsProject(jobsConfig({ baseUrl: api.baseUrl, statesUrl: api.statesUrl, pacts: './pacts', extraProviders: '  deck: { preset: deck }' }));
    const config = loadConfig({ cwd: project.dir });
    const profiles = config.providers.all();
    const { checks, matrix } = await contractStage({
      pacts: config.pacts!, profiles, configured: config.providers, baseUrls: {}, tokens: { jobs: KEY }, states: { jobs: profiles[0]!.providerStates },
    });
    expect(checks.filter((check) => check.suite === 'contract' && !check.skipped).map((check) => [check.group, check.ok])).toEqual(Array(6).fill(['jobs', true]));
    expect(checks.filter((check) => check.suite === 'cross-check').every((check) => check.group === 'jobs' && check.ok)).toBe(true);
    expect(checks.filter((check) => check.skipped)).toEqual([{ suite: 'contract', group: 'deck', name: 'pacts', ok: true, skipped: true, message: expect.stringMatching(/^no pacts for deck \(none in .*pacts\): contracts not verified$/) }]);
    expect(checks.every((check) => check.ok)).toBe(true);
    expect(matrix.map((cell) => [cell.provider, cell.operationId, cell.state])).toEqual([['jobs', 'listJobs', 'pass'], ['jobs', 'createJob', 'pass'], ['jobs', 'getJob', 'pass']]);
  }, 60_000);

  it('skips every provider, verifying nothing, when no pacts are configured', async () => {
    const project = jobsProject(jobsConfig());
    const config = loadConfig({ cwd: project.dir });
    expect(await contractStage({ profiles: config.providers.all(), baseUrls: {}, tokens: {}, states: {} })).toEqual({
      checks: [{ suite: 'contract', group: 'jobs', name: 'pacts', ok: true, skipped: true, message: 'no pacts for jobs (no pacts are configured): contracts not verified' }],
      matrix: [],
    });
  });
});
