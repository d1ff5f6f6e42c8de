import { decodeFromCompressedBase64, JsHistogram } from 'hdr-histogram-js';
import type { LatencySummary } from '../../core/summary.ts';

/** A sorted, weighted sample in milliseconds: `values[i]` occurs `counts[i]` times; `cumulative[i]` counts up to it. */
export interface Distribution {
  values: Float64Array;
  counts: Float64Array;
  cumulative: Float64Array;
  total: number;
}

const UNIT_TO_MS = { ms: 1, us: 1e-3, ns: 1e-6 } as const;

/** Milliseconds per recorded unit: the declared unit, else the unit whose scale best reconciles the histogram with `max`. */
function msPerUnit(latency: LatencySummary, histogramMax: number): number {
  if (latency.histogramUnit) return UNIT_TO_MS[latency.histogramUnit];
  if (!(latency.max > 0) || !(histogramMax > 0)) return 1;
  const exponent = Math.log10(histogramMax / latency.max);
  const nearest = ([0, 3, 6] as const).reduce((best, candidate) =>
    Math.abs(exponent - candidate) < Math.abs(exponent - best) ? candidate : best,
  );
  return 10 ** -nearest;
}

/**
 * Decodes a summary's HDR histogram into a distribution in milliseconds, or `undefined` when there is none.
 * Throws only on a corrupt encoding (the caller turns it into a REPORT_INVALID error naming the metric).
 */
export function distributionOf(latency: LatencySummary): Distribution | undefined {
  if (!latency.histogram) return undefined;
  const histogram = decodeFromCompressedBase64(latency.histogram);
  if (!(histogram instanceof JsHistogram)) throw new Error('unexpected histogram implementation');
  const scale = msPerUnit(latency, histogram.maxValue);
  const values: number[] = [];
  const counts: number[] = [];
  const iterator = histogram.recordedValuesIterator;
  iterator.reset();
  while (iterator.hasNext()) {
    const step = iterator.next();
    values.push(step.valueIteratedTo * scale);
    counts.push(step.countAtValueIteratedTo);
  }
  return fromWeighted(values, counts);
}

/** Builds a distribution from sorted values and their counts. */
export function fromWeighted(values: number[], counts: number[]): Distribution {
  const cumulative = new Float64Array(values.length);
  let total = 0;
  counts.forEach((count, index) => {
    total += count;
    cumulative[index] = total;
  });
  return { values: Float64Array.from(values), counts: Float64Array.from(counts), cumulative, total };
}

/** The value at 1-based rank `rank` (clamped to the sample): the `rank`-th smallest observation. */
export function valueAtRank(distribution: Distribution, rank: number): number {
  const { cumulative, values } = distribution;
  const target = Math.min(Math.max(rank, 1), distribution.total);
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cumulative[middle] ?? 0) < target) low = middle + 1;
    else high = middle;
  }
  return values[low] ?? Number.NaN;
}

/** The empirical `p`-quantile (0 < p ≤ 1): the smallest value with at least p of the sample at or below it. */
export function quantile(distribution: Distribution, p: number): number {
  return valueAtRank(distribution, Math.ceil(p * distribution.total));
}
