import { afterEach, describe, expect, it } from 'vitest';
import { bundled, call, conformance, describeViolations, type Exchange } from '../../../../test/helpers/sim-kit.ts';
import { createVirtualClock, type VirtualClock } from '../../clock.ts';
import { startSimulator, type Simulator } from '../../start-simulator.ts';
import { ANSWER_WINDOW_MS, holdNextWait } from './answer-window.ts';

const [QUEUED, RUNNING, WAITING, DONE] = [0, 1, 2, 3];

describe('holdNextWait', () => {
  it('holds the next short wait for the window and moves what follows later by the difference, keeping the path', () => {
    const plan = { path: [QUEUED, RUNNING, WAITING, RUNNING, WAITING, DONE], offsets: [0, 10, 20, 25, 30, 35] };
    // The first wait (5 ms) gains 495 ms; the second is left as planned: only an answer holds it.
    expect(holdNextWait(plan, WAITING, 500)).toEqual({ path: plan.path, offsets: [0, 10, 20, 520, 525, 530] });
    expect(holdNextWait(plan, WAITING, 500)!.path).toBe(plan.path);
    expect(holdNextWait({ path: [QUEUED, WAITING, DONE], offsets: [0, 10, 900] }, WAITING, 500)).toBeUndefined();
  });

  it('leaves alone a plan with no short wait from `from` on, and a wait that never ends (a stuck run)', () => {
    expect(holdNextWait({ path: [QUEUED, RUNNING, DONE], offsets: [0, 10, 20] }, WAITING, 500)).toBeUndefined();
    expect(holdNextWait({ path: [QUEUED, RUNNING, WAITING], offsets: [0, 10, 20] }, WAITING, 500)).toBeUndefined();
    // An answered wait (left at 25, when the answer came) is history: only the wait after the resume is held.
    const answered = { path: [QUEUED, RUNNING, WAITING, RUNNING, WAITING, DONE], offsets: [0, 10, 20, 25, 30, 35] };
    expect(holdNextWait(answered, WAITING, 500, 3)).toEqual({ path: answered.path, offsets: [0, 10, 20, 25, 30, 530] });
  });
});

describe('a Deck run waiting for interaction on the simulator', () => {
  let sim: Simulator | undefined;
  afterEach(() => sim?.close());

  const status = (exchange: Exchange): string => (exchange.body as { status: string }).status;
  const expectConforms = async (operationId: string, exchange: Exchange): Promise<void> => {
    const violations = await conformance('deck', operationId, exchange);
    expect(violations, describeViolations(exchange, violations)).toEqual([]);
  };

  /** Creates runs at a time scale that makes states a few ms long until one asks a question: seen within 2 ms of clock of asking. */
  async function waitingRun(clock: VirtualClock): Promise<string> {
    for (let created = 0; created < 40; created++) {
      const { id } = (await call(sim!, 'deck', 'POST', '/tasks/task_8mQ2vX4nR7pL1zK6/run', { body: { input: { billing_period: '2025-05' } } })).body as { id: string };
      for (let poll = 0; poll < 200; poll++) {
        const seen = status(await call(sim!, 'deck', 'GET', `/task-runs/${id}`));
        if (seen === 'interaction_required') return id;
        if (['completed', 'failed', 'canceled'].includes(seen)) break;
        clock.advance(2);
      }
    }
    throw new Error('no run asked for interaction');
  }

  it('waits for its answer for the answer window, however short the time scale makes its states, and resumes when answered', async () => {
    const clock = createVirtualClock();
    sim = await startSimulator({ clock, providers: bundled('deck'), timeScale: 0.05 });
    const id = await waitingRun(clock);
    // A client slowed down (a starved event loop) answers late, but within the window: the run is still waiting.
    clock.advance(ANSWER_WINDOW_MS - 10);
    expect(status(await call(sim, 'deck', 'GET', `/task-runs/${id}`))).toBe('interaction_required');
    const answered = await call(sim, 'deck', 'POST', `/task-runs/${id}/interaction`, { body: { input: { code: '482913' } } });
    expect(answered.status).toBe(200);
    expect(status(answered)).toBe('running');
  });

  it('moves a run nobody answers on as planned once the window has passed, and then refuses a late answer with 409', async () => {
    const clock = createVirtualClock();
    sim = await startSimulator({ clock, providers: bundled('deck'), timeScale: 0.05 });
    const id = await waitingRun(clock);
    clock.advance(ANSWER_WINDOW_MS);
    const movedOn = await call(sim, 'deck', 'GET', `/task-runs/${id}`);
    expect(status(movedOn)).not.toBe('interaction_required');
    await expectConforms('getTaskRun', movedOn);
    const late = await call(sim, 'deck', 'POST', `/task-runs/${id}/interaction`, { body: { input: { code: '482913' } } });
    expect(late.status).toBe(409);
  });
});
