import { describe, expect, it } from 'vitest';
import { latencyFromSamples } from '../testing/fixtures.ts';
import { distributionOf, fromWeighted, quantile, valueAtRank } from './distribution.ts';

describe('distributionOf', () => {
  const samples = Array.from({ length: 1000 }, (_, index) => 1 + index * 0.1); // 1.0 … 100.9 ms
  const latency = latencyFromSamples(samples);

  it('decodes the HDR histogram into milliseconds with every sample counted', () => {
    const distribution = distributionOf(latency);
    expect(distribution?.total).toBe(1000);
    expect(quantile(distribution!, 0.5)).toBeCloseTo(50.9, 0);
    expect(quantile(distribution!, 1)).toBeCloseTo(100.9, 0);
  });

  it('infers the recorded unit from max when histogramUnit is absent', () => {
    const { histogramUnit: _unit, ...undeclared } = latency;
    expect(quantile(distributionOf(undeclared)!, 0.5)).toBeCloseTo(50.9, 0);
  });

  it('returns undefined without a histogram', () => {
    const { histogram: _histogram, ...bare } = latency;
    expect(distributionOf(bare)).toBeUndefined();
  });
});

describe('quantile', () => {
  it('is the smallest value with at least p of the sample at or below it', () => {
    const distribution = fromWeighted([10, 20, 30], [1, 2, 1]);
    expect(quantile(distribution, 0.25)).toBe(10);
    expect(quantile(distribution, 0.5)).toBe(20);
    expect(quantile(distribution, 0.76)).toBe(30);
    expect(valueAtRank(distribution, 0)).toBe(10);
    expect(valueAtRank(distribution, 99)).toBe(30);
  });
});
