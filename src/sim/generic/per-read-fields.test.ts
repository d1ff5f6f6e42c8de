import { afterEach, describe, expect, it } from 'vitest';
import { bundled, call, conformance, describeViolations } from '../../../test/helpers/sim-kit.ts';
import { createVirtualClock } from '../clock.ts';
import { startSimulator, type Simulator } from '../start-simulator.ts';

type DeckRun = { id: string; status: string; created_at: string; updated_at: string; request_id: string };

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** Starts Deck on a virtual clock, creates a run and returns it with the clock. */
async function deckRun(seed = 1) {
  const clock = createVirtualClock(Date.parse('2026-03-01T10:00:00.000Z'));
  sim = await startSimulator({ clock, seed, providers: bundled('deck') });
  const created = await call(sim, 'deck', 'POST', '/tasks/task_8mQ2vX4nR7pL1zK6/run', { body: { input: {} } });
  expect(created.status).toBe(201);
  return { clock, created: created.body as DeckRun };
}

/** Reads the run at the clock's time; the answer must conform to the spec, strictly. */
async function read(id: string): Promise<DeckRun> {
  const exchange = await call(sim!, 'deck', 'GET', `/task-runs/${id}`);
  expect(exchange.status).toBe(200);
  const violations = await conformance('deck', 'getTaskRun', exchange, true);
  expect(violations, describeViolations(exchange, violations)).toEqual([]);
  return exchange.body as DeckRun;
}

describe('fields the profile does not name', () => {
  it('keep date-times in the run\'s order: never before its creation, never after the read, never going back', async () => {
    const { clock, created } = await deckRun();
    const reads: Array<{ at: number; run: DeckRun }> = [];
    for (let index = 0; index < 12; index++) {
      reads.push({ at: clock.now(), run: await read(created.id) });
      clock.advance(400);
    }
    expect(new Set(reads.map((entry) => entry.run.status)).size).toBeGreaterThan(1);
    let previous = Number.NEGATIVE_INFINITY;
    for (const { at, run } of reads) {
      const updated = Date.parse(run.updated_at);
      expect(updated).toBeGreaterThanOrEqual(Date.parse(run.created_at));
      expect(updated).toBeLessThanOrEqual(at);
      expect(updated).toBeGreaterThanOrEqual(previous);
      previous = updated;
    }
    // Not the spec example's constant: it follows the run's clock.
    expect(Date.parse(reads.at(-1)!.run.updated_at)).toBeGreaterThan(Date.parse(reads[0]!.run.updated_at));
  });

  it('give every answer its own request id, shaped like the example, the same for the same seed and requests', async () => {
    const first = await deckRun(7);
    const ids = [first.created.request_id];
    for (let index = 0; index < 5; index++) ids.push((await read(first.created.id)).request_id);
    first.clock.advance(60_000);
    ids.push((await read(first.created.id)).request_id, (await read(first.created.id)).request_id); // ended: not cached
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^req_[A-Za-z0-9]{16}$/);
    await sim!.close();
    const again = await deckRun(7);
    const replay = [again.created.request_id];
    for (let index = 0; index < 5; index++) replay.push((await read(again.created.id)).request_id);
    expect(replay).toEqual(ids.slice(0, 6));
  });

  it('give error answers their own request ids too, drawn again from the start after a reset', async () => {
    await deckRun();
    const notFound = async (): Promise<string[]> => {
      const answers = [];
      for (let index = 0; index < 3; index++) {
        const exchange = await call(sim!, 'deck', 'GET', '/task-runs/trun_unknown000000001');
        expect(exchange.status).toBe(404);
        const violations = await conformance('deck', 'getTaskRun', exchange, true);
        expect(violations, describeViolations(exchange, violations)).toEqual([]);
        answers.push((exchange.body as { request_id: string }).request_id);
      }
      return answers;
    };
    const answers = await notFound();
    expect(new Set(answers).size).toBe(3);
    for (const id of answers) expect(id).toMatch(/^req_[A-Za-z0-9]{16}$/);
    sim!.reset();
    expect(await notFound()).toEqual(answers);
  });
});
