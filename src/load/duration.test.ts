import { describe, expect, it } from 'vitest';
import { durationMs, MAX_DURATION_MS, parseDuration } from './duration.ts';

describe('durations', () => {
  it('parses units and bare seconds, from 1 ms to 24 h inclusive', () => {
    expect(['1ms', '500ms', '1.5s', '10', '2m', '24h'].map((text) => parseDuration(text))).toEqual([1, 500, 1_500, 10_000, 120_000, MAX_DURATION_MS]);
  });

  it('refuses what a timer cannot honour, naming the range', () => {
    for (const text of ['1000h', '24.001h', '0.0001ms', '0', '0s']) {
      expect(() => parseDuration(text, '--duration')).toThrow(/invalid --duration: out of range\nReceived: .*\nExpected: a number with a unit, from 1ms to 24h/);
    }
    for (const text of ['', 'soon', '-1s', '1e3ms', '0x10s', '10 parsecs']) expect(() => parseDuration(text, '--duration')).toThrow(/invalid --duration\nReceived/);
  });

  it('reports an out-of-range scenario duration at its pointer, zero allowed only where asked', () => {
    const problems: string[] = [];
    const problem = (at: string, text: string): void => void problems.push(`${at}: ${text}`);
    expect(durationMs('1000h', '/duration', problem)).toBe(0);
    expect(durationMs('0.5ms', '/duration', problem)).toBe(0);
    expect(durationMs('0ms', '/drain', problem, true)).toBe(0);
    expect(durationMs('2s', '/duration', problem)).toBe(2_000);
    expect(problems).toEqual([
      '/duration: "1000h" is out of range: a duration is from 1ms to 24h',
      '/duration: "0.5ms" is out of range: a duration is from 1ms to 24h',
    ]);
  });
});
