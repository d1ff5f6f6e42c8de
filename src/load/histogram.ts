import * as hdr from 'hdr-histogram-js';

export type Histogram = hdr.Histogram;

/** Percentiles of a histogram: milliseconds (µs precision) for latencies, plain numbers for counts. */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p99_9: number;
  max: number;
  mean: number;
}

/** A histogram of durations recorded in whole microseconds (3 significant digits, grows as needed). */
export function createMicrosecondHistogram(): Histogram {
  return hdr.build({ bitBucketSize: 32, autoResize: true, lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
}

/** Records a duration given in milliseconds (as from performance.now()) at microsecond resolution. */
export function recordMs(histogram: Histogram, ms: number): void {
  histogram.recordValue(ms <= 0 ? 0 : Math.round(ms * 1000));
}

/** Percentiles of a microsecond histogram, in milliseconds. */
export function summarizeMicroseconds(histogram: Histogram): LatencySummary {
  return summarize(histogram, (us) => Math.round(us) / 1000);
}

/** Percentiles of a histogram of plain counts (e.g. polls per run). */
export function summarizeCounts(histogram: Histogram): LatencySummary {
  return summarize(histogram, (value) => Math.round(value * 100) / 100);
}

function summarize(histogram: Histogram, unit: (value: number) => number): LatencySummary {
  if (histogram.totalCount === 0) return { count: 0, p50: 0, p90: 0, p95: 0, p99: 0, p99_9: 0, max: 0, mean: 0 };
  return {
    count: histogram.totalCount,
    p50: unit(histogram.getValueAtPercentile(50)),
    p90: unit(histogram.getValueAtPercentile(90)),
    p95: unit(histogram.getValueAtPercentile(95)),
    p99: unit(histogram.getValueAtPercentile(99)),
    p99_9: unit(histogram.getValueAtPercentile(99.9)),
    max: unit(histogram.maxValue),
    mean: unit(histogram.mean),
  };
}

/** HdrHistogram's compressed base64 form ("HISTF…"), readable by every HdrHistogram port. */
export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function decodeHistogram(encoded: string): Histogram {
  return hdr.decodeFromCompressedBase64(encoded, 32, false);
}

/** Adds encoded histograms (e.g. of several runs' results) into one. */
export function mergeEncoded(encoded: readonly string[]): Histogram {
  const total = createMicrosecondHistogram();
  for (const item of encoded) total.add(decodeHistogram(item));
  return total;
}
