import { describe, expect, it } from 'vitest';
import { callUrl } from '../../test/helpers/sim-kit.ts';
import { createVirtualClock } from './clock.ts';
import { startSimulator } from './start-simulator.ts';

const ORG = '3f0c2a9e-6b1d-4c8e-9a57-2d4e8b1f6c03';

/** Runs one fixed script of requests against a fresh simulator and returns every response text. */
async function script(seed: number): Promise<string[]> {
  const clock = createVirtualClock();
  const sim = await startSimulator({ clock, seed, faults: [{ provider: 'deck', operations: ['getTaskRun'], error: { rate: 0.1 } }] });
  const texts: string[] = [];
  // Waits for the simulator to schedule the answer, then moves time by a fixed amount: virtual time stays deterministic.
  const settle = async (pending: Promise<{ text: string }>) => {
    await clock.whenPending();
    clock.advance(120_000);
    texts.push((await pending).text);
  };
  try {
    const deckIds: string[] = [];
    const refactorIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const created = await callUrl(sim, `${sim.urls.deck}/tasks/task_${i % 3}abc/run`, 'POST', { body: { input: { n: i } } });
      texts.push(created.text);
      deckIds.push((created.body as { id: string }).id);
      const started = await callUrl(sim, `${sim.urls.refactor}/runnable/${ORG}/runs?mode=async`, 'POST', { body: {} });
      texts.push(started.text);
      refactorIds.push((started.body as { id: string }).id);
      await settle(callUrl(sim, `${sim.urls.rightbrain}/org/${ORG}/project/${ORG}/task/${ORG}/run`, 'POST', { body: { task_input: { n: i } } }));
      await settle(callUrl(sim, `${sim.urls.rightbrain}/org/${ORG}/project/${ORG}/task-agent/${ORG}/run`, 'POST', { body: { message: `m${i}` } }));
      clock.advance(300);
    }
    for (let step = 0; step < 10; step++) {
      for (const id of deckIds) texts.push((await callUrl(sim, `${sim.urls.deck}/task-runs/${id}?include=input,storage,artifacts`, 'GET')).text);
      for (const id of refactorIds) texts.push((await callUrl(sim, `${sim.urls.refactor}/run/${id}`, 'GET')).text);
      clock.advance(400);
    }
    texts.push((await callUrl(sim, `${sim.urls.deck}/task-runs?limit=100`, 'GET')).text);
    texts.push((await callUrl(sim, `${sim.urls.rightbrain}/org/${ORG}/project/${ORG}/task-agent/${ORG}/run`, 'GET')).text);
    texts.push(JSON.stringify(sim.faults));
  } finally {
    await sim.close();
  }
  return texts;
}

describe('seeded replay', () => {
  it('replays byte for byte with the same seed and the same requests, and differs with another seed', async () => {
    const first = await script(42);
    const second = await script(42);
    const firstDifference = second.findIndex((text, index) => text !== first[index]);
    expect(firstDifference === -1 ? '' : `#${firstDifference}\n${first[firstDifference]}\n${second[firstDifference]}`).toBe('');
    const other = await script(43);
    expect(other).not.toEqual(first);
    expect(first.length).toBeGreaterThan(400);
  }, 60_000);
});
