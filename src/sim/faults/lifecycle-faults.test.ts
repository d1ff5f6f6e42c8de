import { afterEach, describe, expect, it } from 'vitest';
import { loadProfileFile } from '../../config/index.ts';
import { fixturePath } from '../../../test/fixtures/fixture-path.ts';
import { call } from '../../../test/helpers/sim-kit.ts';
import { createVirtualClock } from '../clock.ts';
import { startSimulator, type Simulator } from '../start-simulator.ts';
import type { FaultRule } from './fault-rule.ts';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** The jobs API (pending → working → done | error), every state held exactly 1 s, every run ending done. */
async function startJobs(faults: FaultRule[]) {
  const clock = createVirtualClock();
  sim = await startSimulator({
    clock, seed: 5, faults, providers: [loadProfileFile(fixturePath('jobs/jobs.profile.yaml'))],
    timing: { jobs: { default: { medianMs: 1000, p99Ms: 1000 } } }, outcomes: { jobs: { done: 1 } },
  });
  const headers = { 'x-api-key': sim.config.token };
  const submit = async () => {
    const created = await call(sim!, 'jobs', 'POST', '/jobs', { body: { task: 'resize' }, headers, token: null });
    expect(created.status).toBe(202);
    return (created.body as { job: { id: string } }).job.id;
  };
  const stateOf = async (id: string) => ((await call(sim!, 'jobs', 'GET', `/jobs/${id}`, { headers, token: null })).body as { job: { state: string } }).job.state;
  return { sim, clock, submit, stateOf };
}

describe('lifecycle faults', () => {
  it('answers a status the lifecycle does not have where a wrongStatus rule fires, and counts each one', async () => {
    const { sim, submit, stateOf } = await startJobs([{ provider: 'jobs', operations: ['readJob'], wrongStatus: { rate: 1, value: 'finished' } }]);
    const id = await submit();
    expect([await stateOf(id), await stateOf(id)]).toEqual(['finished', 'finished']);
    expect(sim.faults.byOperation['jobs.readJob']).toEqual({ wrong_status: 2 });
    expect(sim.faults.byOperation['jobs.submitJob']).toBeUndefined();
  });

  it('writes the default wrong status into about the rule\'s share of answers', async () => {
    const { sim, submit, stateOf } = await startJobs([{ provider: 'jobs', wrongStatus: { rate: 0.5 } }]);
    const id = await submit();
    const states: string[] = [];
    for (let read = 0; read < 40; read++) states.push(await stateOf(id));
    const wrong = states.filter((state) => state === 'runwarden_wrong_status').length;
    expect(wrong).toBeGreaterThan(8);
    expect(wrong).toBeLessThan(32);
    expect(states.filter((state) => state === 'pending')).toHaveLength(40 - wrong);
    expect(sim.faults.byKind.wrong_status).toBe(wrong + (sim.faults.byOperation['jobs.submitJob']?.wrong_status ?? 0));
  });

  it('moves a backward run from working back to pending, then on to its end, and lists it by id', async () => {
    const { sim, clock, submit, stateOf } = await startJobs([{ provider: 'jobs', operations: ['submitJob'], backward: { rate: 1 } }]);
    const id = await submit();
    const seen: string[] = [];
    for (let second = 0; second < 6; second++) {
      seen.push(await stateOf(id));
      clock.advance(1000);
    }
    expect(seen).toEqual(['pending', 'working', 'pending', 'working', 'done', 'done']);
    expect(sim.faults.byKind.backward).toBe(1);
    expect(sim.faults.runs.runs).toEqual([{ id, provider: 'jobs', operationId: 'submitJob', kinds: ['backward'] }]);
  });

  it('leaves runs of rules that do not match untouched', async () => {
    const { sim, clock, submit, stateOf } = await startJobs([{ provider: 'jobs', operations: ['readJob'], backward: { rate: 1 } }]);
    const id = await submit();
    const seen: string[] = [];
    for (let second = 0; second < 4; second++) {
      seen.push(await stateOf(id));
      clock.advance(1000);
    }
    expect(seen).toEqual(['pending', 'working', 'done', 'done']);
    expect(sim.faults.total).toBe(0);
  });
});
