import { describe, expect, it } from 'vitest';
import { compareRuns } from './compare.ts';
import { renderComparisonMarkdown, renderComparisonText } from './comparison-report.ts';
import { buildRunSummary } from './testing/fixtures.ts';

describe('comparison reports', () => {
  const baseline = buildRunSummary({ seed: 81, runId: 'main-123' });
  const current = buildRunSummary({ seed: 82, runId: 'pr-456', slowdown: 1.3 });
  const comparison = compareRuns(baseline, current, { tolerance: 0.1 });

  it('prints an aligned table with change, interval, effect size and verdict per metric', () => {
    const text = renderComparisonText(comparison);
    expect(text).toContain('Baseline: main-123');
    expect(text).toMatch(/Tolerance 10% · 95% confidence family-wise \(99\.\d\d% per metric, Bonferroni over 24 tested metrics\)/);
    const row = text.split('\n').find((line) => line.startsWith('deck-task-runs › runTask') && line.includes('latency p50'));
    expect(row).toMatch(/\+\d\d\.\d%\s+\[\+\d\d\.\d%, \+\d\d\.\d%\]\s+δ \+0\.\d\d (medium|large)\s+REGRESSION$/);
    expect(text).toMatch(/Verdict: REGRESSION — \d+ metric\(s\) significantly worse by more than 10%/);
  });

  it('renders the same comparison as a Markdown table', () => {
    const markdown = renderComparisonMarkdown(comparison);
    expect(markdown.split('\n')[0]).toBe('## ❌ runwarden compare');
    expect(markdown).toContain('| scenario › endpoint | metric | baseline | current | change | CI of change | effect size | verdict |');
    expect(markdown).toMatch(/\| deck-task-runs › runTask \| latency p50 \| .* \| REGRESSION \|/);
  });

  it('explains metrics it could not test and runs that do not overlap', () => {
    const text = renderComparisonText(compareRuns(buildRunSummary({ requests: 25 }), { ...buildRunSummary({ requests: 25 }), load: [] }, { tolerance: 0.1 }));
    expect(text).toContain('No load scenario appears in both runs: nothing to compare.');
    expect(text).toContain('Only in the baseline run: deck-task-runs');
    const untestable = renderComparisonText(compareRuns(buildRunSummary({ requests: 25 }), buildRunSummary({ requests: 25, seed: 2 }), { tolerance: 0.1 }));
    expect(untestable).toMatch(/run completion p50 .* not testable \(only 3 samples, need 20\)/);
  });
});
