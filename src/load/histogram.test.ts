import { describe, expect, it } from 'vitest';
import { createMicrosecondHistogram, decodeHistogram, encodeHistogram, recordMs, summarizeMicroseconds } from './histogram.ts';

describe('microsecond histograms', () => {
  it('keep loopback latencies below a millisecond instead of rounding them to 0 ms', () => {
    const histogram = createMicrosecondHistogram();
    for (const ms of [0.25, 0.25, 0.4, 1.5]) recordMs(histogram, ms);
    const summary = summarizeMicroseconds(histogram);
    expect(summary).toMatchObject({ count: 4, p50: 0.25, max: 1.5 });
  });

  it('encode to a string that decodes to the same counts', () => {
    const histogram = createMicrosecondHistogram();
    for (let i = 1; i <= 100; i++) recordMs(histogram, i);
    expect(decodeHistogram(encodeHistogram(histogram)).totalCount).toBe(100);
  });
});
