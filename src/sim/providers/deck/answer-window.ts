import type { RunPlan } from '../../generic/run-plan.ts';

/**
 * How long a Deck run waiting for interaction waits at least for its answer (clock ms, not time-scaled: it is a
 * client's round trip, not the run's work). A wait as short as a time-scaled state (a few ms under `ci`'s scale) would
 * refuse with 409 a client that answers at once, more often the busier the machine.
 */
export const ANSWER_WINDOW_MS = 2_000;

/**
 * The plan with its next wait for an answer (the first from step `from` on) held for at least `windowMs`: what follows
 * moves later by the difference, so the run still ends as planned (its seeded outcome, a forced scenario) when nobody
 * answers. Only the next wait: an answer holds the one after it, so a client that never answers delays a run once, not
 * once per prompt. Steps before `from` (what the run has been through) are kept. Undefined when nothing needed holding.
 */
export function holdNextWait(plan: RunPlan, waiting: number, windowMs: number, from = 0): RunPlan | undefined {
  const { path, offsets } = plan;
  for (let step = Math.max(from, 0); step + 1 < path.length; step++) {
    if (path[step] !== waiting) continue;
    const shift = windowMs - (offsets[step + 1]! - offsets[step]!);
    if (shift <= 0) return undefined;
    return { path, offsets: offsets.map((offset, index) => (index > step ? offset + shift : offset)) };
  }
  return undefined;
}
