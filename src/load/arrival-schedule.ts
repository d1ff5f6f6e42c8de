import type { RampStage } from './scenario.ts';

/**
 * The due times of an open model's arrivals, evenly paced: arrival k is due when the integral of the rate
 * reaches k. Returns offsets in ms from the start, one per call, and undefined once past `durationMs`.
 */
export type ArrivalSchedule = () => number | undefined;

/** A fixed rate (per second): arrivals every 1000/rate ms, the first at 0. */
export function fixedRate(rate: number, durationMs: number): ArrivalSchedule {
  let k = 0;
  const gap = 1000 / rate;
  return () => {
    const at = k * gap;
    if (at >= durationMs) return undefined;
    k++;
    return at;
  };
}

/**
 * A piecewise-linear ramp from `fromRate`, through each stage's `toRate`. Stage lengths are scaled so the
 * ramp lasts `durationMs`.
 */
export function ramp(fromRate: number, stages: readonly RampStage[], durationMs: number): ArrivalSchedule {
  const total = stages.reduce((sum, stage) => sum + stage.durationMs, 0);
  const scale = durationMs / total;
  const segments: { start: number; length: number; from: number; to: number; before: number }[] = [];
  let start = 0, from = fromRate / 1000, before = 0;
  for (const stage of stages) {
    const length = stage.durationMs * scale;
    const to = stage.toRate / 1000;
    segments.push({ start, length, from, to, before });
    before += ((from + to) / 2) * length;
    start += length;
    from = to;
  }
  let k = 0, index = 0;
  return () => {
    for (; index < segments.length; index++) {
      const segment = segments[index]!;
      const need = k - segment.before;
      const inSegment = ((segment.from + segment.to) / 2) * segment.length;
      if (need > inSegment + 1e-9) continue;
      // Solve from·x + (to − from)·x²/(2·length) = need for x within the segment.
      const q = (segment.to - segment.from) / (2 * segment.length);
      const x = need <= 0 ? 0 : Math.abs(q) < 1e-15 ? need / segment.from : (-segment.from + Math.sqrt(segment.from * segment.from + 4 * q * need)) / (2 * q);
      const at = segment.start + Math.max(0, x);
      if (!Number.isFinite(at) || at >= durationMs) return undefined;
      k++;
      return at;
    }
    return undefined;
  };
}
