import type { Interval } from './quantile-bootstrap.ts';

/**
 * Confidence interval for the ratio of two Poisson rates (current / baseline), from the log-ratio's normal
 * approximation: SE = √(1/n₁ + 1/n₂). Needs at least one event on each side.
 */
export function rateRatioInterval(
  baseline: { count: number; seconds: number },
  current: { count: number; seconds: number },
  z: number,
): Interval & { ratio: number } {
  const ratio = current.count / current.seconds / (baseline.count / baseline.seconds);
  const spread = z * Math.sqrt(1 / baseline.count + 1 / current.count);
  return { ratio, low: ratio * Math.exp(-spread), high: ratio * Math.exp(spread) };
}

/**
 * Agresti–Caffo interval for the difference of two proportions (current − baseline): add one success and one
 * failure to each side, then use the Wald interval. Well-behaved even when a side has zero errors.
 */
export function proportionDifferenceInterval(
  baseline: { events: number; trials: number },
  current: { events: number; trials: number },
  z: number,
): Interval & { difference: number } {
  const difference = current.events / current.trials - baseline.events / baseline.trials;
  const adjusted = (side: { events: number; trials: number }) => {
    const p = (side.events + 1) / (side.trials + 2);
    return { p, variance: (p * (1 - p)) / (side.trials + 2) };
  };
  const before = adjusted(baseline);
  const after = adjusted(current);
  const centre = after.p - before.p;
  const spread = z * Math.sqrt(before.variance + after.variance);
  return { difference, low: centre - spread, high: centre + spread };
}
