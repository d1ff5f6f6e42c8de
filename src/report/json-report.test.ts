import { describe, expect, it } from 'vitest';
import { SUMMARY_SCHEMA_VERSION } from '../core/summary.ts';
import { renderJson } from './json-report.ts';
import { parseSummary } from './read-summary.ts';
import { buildRunSummary } from './testing/fixtures.ts';

describe('renderJson', () => {
  it('round-trips the summary exactly, histograms included', () => {
    const summary = buildRunSummary();
    const text = renderJson(summary);
    expect(JSON.parse(text)).toEqual(summary);
    expect(parseSummary(text, 'summary.json')).toEqual(summary);
  });

  it('writes the schema version first-class and ends with a newline', () => {
    const text = renderJson(buildRunSummary({ requests: 50 }));
    expect(JSON.parse(text).schemaVersion).toBe(SUMMARY_SCHEMA_VERSION);
    expect(text.endsWith('}\n')).toBe(true);
  });
});
