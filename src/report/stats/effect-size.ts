import type { Distribution } from './distribution.ts';

/** An effect size with its conventional magnitude label. */
export interface EffectSize {
  kind: 'cliffs-delta' | 'cohens-h';
  value: number;
  magnitude: 'negligible' | 'small' | 'medium' | 'large';
}

/**
 * Cliff's delta, P(current > baseline) − P(current < baseline), computed exactly from the two histograms.
 * +1: every current sample is slower than every baseline sample; 0: no shift. Robust to outliers and skew.
 */
export function cliffsDelta(baseline: Distribution, current: Distribution): EffectSize {
  let dominance = 0;
  let below = 0; // baseline samples strictly below the current value
  let cursor = 0;
  for (let index = 0; index < current.values.length; index++) {
    const value = current.values[index] ?? 0;
    while (cursor < baseline.values.length && (baseline.values[cursor] ?? 0) < value) below += baseline.counts[cursor++] ?? 0;
    const equal = cursor < baseline.values.length && baseline.values[cursor] === value ? (baseline.counts[cursor] ?? 0) : 0;
    const above = baseline.total - below - equal;
    dominance += (current.counts[index] ?? 0) * (below - above);
  }
  const value = baseline.total > 0 && current.total > 0 ? dominance / (baseline.total * current.total) : 0;
  const size = Math.abs(value);
  // Thresholds from Romano et al. (2006), the usual companions of Cliff's delta.
  const magnitude = size < 0.147 ? 'negligible' : size < 0.33 ? 'small' : size < 0.474 ? 'medium' : 'large';
  return { kind: 'cliffs-delta', value, magnitude };
}

/** Cohen's h for two proportions (current − baseline), with Cohen's thresholds 0.2 / 0.5 / 0.8. */
export function cohensH(baseline: number, current: number): EffectSize {
  const value = 2 * Math.asin(Math.sqrt(current)) - 2 * Math.asin(Math.sqrt(baseline));
  const size = Math.abs(value);
  const magnitude = size < 0.2 ? 'negligible' : size < 0.5 ? 'small' : size < 0.8 ? 'medium' : 'large';
  return { kind: 'cohens-h', value, magnitude };
}
