import { describe, expect, it } from 'vitest';
import { interaction, pactCopy } from '../../test/helpers/pact-copies.ts';
import { bundledPactsDir } from './bundled-pacts.ts';
import { contractCoverage, contractMatrix } from './coverage.ts';

describe('contractCoverage', () => {
  it('shows the checked-in pacts exercise every operation and the run states consumers must handle', async () => {
    const coverage = await contractCoverage({ pacts: bundledPactsDir() });
    expect(coverage.map((provider) => provider.provider)).toEqual(['deck', 'refactor', 'rightbrain']);
    for (const provider of coverage) {
      expect(provider.unrouted).toEqual([]);
      expect(provider.operations.filter((operation) => operation.interactions === 0)).toEqual([]);
    }
    const states = Object.fromEntries(coverage.flatMap((provider) => provider.runStates.map((lifecycle) => [lifecycle.lifecycle, lifecycle.covered])));
    expect(states).toEqual({
      deck: ['queued', 'running', 'interaction_required', 'review_required', 'canceling', 'completed', 'failed', 'canceled'],
      refactor: ['running', 'waiting', 'completed', 'failed', 'cancelled', 'timeout'],
      'rightbrain-task': ['completed', 'error'],
      'rightbrain-agent': ['running', 'waiting_for_human', 'completed', 'failed'],
    });
    const getTaskRun = coverage[0]!.operations.find((operation) => operation.operationId === 'getTaskRun')!;
    expect(getTaskRun.covered).toEqual([200, 400, 401, 404]);
    expect(getTaskRun.documented).toEqual(['200', '400', '401', '404', '429', '500']);
  });

  it('lists interactions that reach no documented route', async () => {
    const { dir } = pactCopy('refactor', (pact) => { interaction(pact, 'a request for the state of a run that is running').request.path = '/runs/abc'; });
    const [refactor] = await contractCoverage({ pacts: dir });
    expect(refactor!.unrouted).toEqual(['GET /runs/abc (a request for the state of a run that is running)']);
    expect(refactor!.runStates[0]!.covered).not.toContain('running');
  });
});

describe('contractMatrix', () => {
  it('marks an operation failed only when a non-pending interaction of it failed', async () => {
    const coverage = await contractCoverage({ pacts: bundledPactsDir(), provider: 'refactor' });
    const failed = { provider: 'refactor' as const, pact: 'x', states: [], durationMs: 1, mismatches: [] };
    const cells = contractMatrix(coverage, [
      { ...failed, description: 'a request for the state of a run that is running', ok: false, pending: false },
      { ...failed, description: 'a request to run a runnable over the rate limit', ok: false, pending: true },
    ]);
    expect(cells.map((cell) => [cell.operationId, cell.state])).toEqual([['getRunState', 'fail'], ['runRunnable', 'pass']]);
    expect(cells[1]!.statuses).toEqual([200, 202, 400, 404, 429]);
  });
});
