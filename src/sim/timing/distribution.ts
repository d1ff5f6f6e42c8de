import type { Rng } from '../random.ts';

/** A duration distribution given by its median and 99th percentile (log-normal between them). */
export interface DurationSpec {
  medianMs: number;
  p99Ms: number;
}

const Z99 = 2.3263478740408408;

/** Draws one duration (ms, integer ≥ 0) from the log-normal fitted to `spec`, multiplied by `timeScale`. */
export function sampleDuration(rng: Rng, spec: DurationSpec, timeScale: number): number {
  if (spec.medianMs <= 0) return 0;
  const sigma = spec.p99Ms > spec.medianMs ? Math.log(spec.p99Ms / spec.medianMs) / Z99 : 0;
  // Capped at 10× the p99 so that one unlucky draw cannot park a run for hours.
  const value = Math.min(spec.medianMs * Math.exp(sigma * rng.normal()), Math.max(spec.p99Ms, spec.medianMs) * 10);
  return Math.max(0, Math.round(value * timeScale));
}
