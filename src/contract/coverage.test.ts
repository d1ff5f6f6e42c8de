import { describe, expect, it } from 'vitest';
import { bundledProfile, loadConfig, ProviderSet } from '../config/index.ts';
import { jobsConfig, jobsProject } from '../../test/helpers/jobs-provider.ts';
import { interaction, pactCopy } from '../../test/helpers/pact-copies.ts';
import { bundledPactsDir } from './bundled-pacts.ts';
import { contractCoverage, contractMatrix } from './coverage.ts';

const profiles = ['deck', 'refactor', 'rightbrain'].map((name) => bundledProfile(name));

describe('contractCoverage', () => {
  it('shows the checked-in pacts exercise every operation and the run states consumers must handle', async () => {
    const coverage = await contractCoverage({ pacts: bundledPactsDir(), profiles });
    expect(coverage.map((provider) => provider.provider)).toEqual(['deck', 'refactor', 'rightbrain']);
    for (const provider of coverage) {
      expect(provider.unrouted).toEqual([]);
      expect(provider.operations.filter((operation) => operation.interactions === 0)).toEqual([]);
    }
    const states = Object.fromEntries(coverage.flatMap((provider) => provider.runStates.map((run) => [run.lifecycle, run.covered])));
    expect(states).toEqual({
      // `cancelling` is the API reference's spelling, accepted but never sent by the pacts.
      'deck.task-run': ['queued', 'running', 'canceling', 'interaction_required', 'review_required', 'completed', 'failed', 'canceled'],
      'refactor.run': ['running', 'waiting', 'completed', 'failed', 'cancelled', 'timeout'],
      'rightbrain.task-run': ['completed', 'error'],
      'rightbrain.agent-run': ['running', 'waiting_for_human', 'completed', 'failed'],
    });
    expect(coverage[0]!.runStates[0]).toMatchObject({ run: 'task-run', statuses: expect.arrayContaining(['cancelling']) });
    const getTaskRun = coverage[0]!.operations.find((operation) => operation.operationId === 'getTaskRun')!;
    expect(getTaskRun.covered).toEqual([200, 400, 401, 404]);
    expect(getTaskRun.documented).toEqual(['200', '400', '401', '404', '429', '500']);
  });

  it('lists interactions that reach no documented route', async () => {
    const { dir } = pactCopy('refactor', (pact) => { interaction(pact, 'a request for the state of a run that is running').request.path = '/runs/abc'; });
    const [refactor] = await contractCoverage({ pacts: dir, profiles: [bundledProfile('refactor')] });
    expect(refactor!.unrouted).toEqual(['GET /runs/abc (a request for the state of a run that is running)']);
    expect(refactor!.runStates[0]!.covered).not.toContain('running');
  });

  it('reads a user provider\'s run states from its profile: creates, polls and list rows, successful answers only', async () => {
    const project = jobsProject(jobsConfig({ pacts: './pacts' }));
    const config = loadConfig({ cwd: project.dir });
    const [jobs] = await contractCoverage({ pacts: project.pacts, profiles: config.providers.all() });
    expect(jobs!.runStates).toEqual([{ run: 'job', lifecycle: 'jobs.job', statuses: ['pending', 'working', 'done', 'error'], covered: ['pending', 'working', 'done'] }]);
    expect(jobs!.operations.map((operation) => [operation.operationId, operation.interactions, operation.covered])).toEqual([
      ['listJobs', 1, [200]], ['createJob', 1, [202]], ['getJob', 4, [200, 401, 404]],
    ]);
    const listOnly = jobsProject(undefined, (pact) => { pact.interactions = pact.interactions.filter((entry) => entry.description === 'a request for every job'); });
    const [fromList] = await contractCoverage({ pacts: listOnly.pacts, profiles: config.providers.all() });
    expect(fromList!.runStates[0]!.covered).toEqual(['done']);
  });

  it('covers nothing for a provider without pacts, against the spec --spec names', async () => {
    const project = jobsProject(jobsConfig());
    const jobs = loadConfig({ cwd: project.dir }).providers.get('jobs');
    const [coverage] = await contractCoverage({ profiles: [jobs], specs: { jobs: project.spec } });
    expect(coverage!.operations.map((operation) => operation.interactions)).toEqual([0, 0, 0]);
    expect(coverage!.runStates[0]!.covered).toEqual([]);
  });
});

describe('contractMatrix', () => {
  it('marks an operation failed only when a non-pending interaction of it failed', async () => {
    const coverage = await contractCoverage({ pacts: bundledPactsDir(), profiles: [bundledProfile('refactor')], configured: new ProviderSet(profiles, 'test') });
    const failed = { provider: 'refactor', pact: 'x', states: [], durationMs: 1, mismatches: [] };
    const cells = contractMatrix(coverage, [
      { ...failed, description: 'a request for the state of a run that is running', ok: false, pending: false },
      { ...failed, description: 'a request to run a runnable over the rate limit', ok: false, pending: true },
    ]);
    expect(cells.map((cell) => [cell.operationId, cell.state])).toEqual([['getRunState', 'fail'], ['runRunnable', 'pass']]);
    expect(cells[1]!.statuses).toEqual([200, 202, 400, 404, 429]);
  });
});
