import { valueAtRank, type Distribution } from './distribution.ts';
import { beta, type Random } from './random.ts';

/** A two-sided interval. */
export interface Interval {
  low: number;
  high: number;
}

/** Bootstrap intervals for the shift of one quantile between two runs. */
export interface QuantileShift {
  /** current − baseline, in the distributions' unit. */
  difference: Interval;
  /** current / baseline − 1. */
  relative: Interval;
}

/**
 * One bootstrap replicate of the `p`-quantile of a distribution, drawn exactly and in O(log n).
 * Why not resample n values: the k-th smallest of n draws from the empirical distribution F is F⁻¹(U₍ₖ₎), and the
 * k-th order statistic of n uniforms is Beta(k, n − k + 1). Same bootstrap, without touching a million samples.
 */
function replicate(distribution: Distribution, p: number, random: Random): number {
  const n = distribution.total;
  const k = Math.min(Math.max(Math.ceil(p * n), 1), n);
  const u = beta(random, k, n - k + 1);
  return valueAtRank(distribution, Math.ceil(u * n));
}

/** The `alpha/2` and `1 − alpha/2` order statistics of sorted replicates. */
function percentileInterval(sorted: Float64Array, alpha: number): Interval {
  const last = sorted.length - 1;
  const lowIndex = Math.min(last, Math.max(0, Math.floor((alpha / 2) * sorted.length)));
  const highIndex = Math.min(last, Math.max(0, Math.ceil((1 - alpha / 2) * sorted.length) - 1));
  return { low: sorted[lowIndex] ?? Number.NaN, high: sorted[highIndex] ?? Number.NaN };
}

/**
 * Percentile-bootstrap confidence intervals (level 1 − alpha) for the change of the `p`-quantile from `baseline` to
 * `current`, resampling both runs independently so the noise of each one widens the interval.
 */
export function bootstrapQuantileShift(
  baseline: Distribution,
  current: Distribution,
  p: number,
  options: { resamples: number; alpha: number; random: Random },
): QuantileShift {
  const differences = new Float64Array(options.resamples);
  const ratios = new Float64Array(options.resamples);
  for (let index = 0; index < options.resamples; index++) {
    const before = replicate(baseline, p, options.random);
    const after = replicate(current, p, options.random);
    differences[index] = after - before;
    ratios[index] = before > 0 ? after / before - 1 : after > 0 ? Infinity : 0;
  }
  differences.sort();
  ratios.sort();
  return { difference: percentileInterval(differences, options.alpha), relative: percentileInterval(ratios, options.alpha) };
}
