import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown-report.ts';
import { buildEmptySummary, buildRunSummary } from './testing/fixtures.ts';

describe('renderMarkdown', () => {
  const summary = buildRunSummary();
  const markdown = renderMarkdown(summary);

  it('opens with the verdict', () => {
    expect(markdown.split('\n')[0]).toBe('## ❌ runwarden: FAIL');
  });

  it('lists every failing check with its message on one line', () => {
    expect(markdown).toContain('### Failures (5)');
    expect(markdown).toContain('**runs are listed page by page** — contract › deck: Response body does not match the pact; Expected: next\\_cursor like "cur\\_abc" (SCHEMA\\_MISMATCH)');
    expect(markdown).toContain('Received: 206; Documented: 200, 400, 401, 500');
  });

  it('counts checks per suite and shows breached SLO thresholds with units', () => {
    expect(markdown).toMatch(/\| ❌ contract \| 4 \| 1 \| 1 \|/);
    expect(markdown).toMatch(/\| ✅ spec \| 6 \| 0 \| 0 \|/);
    expect(markdown).toContain('- ❌ rightbrain-sync-runs: `maxErrorRate` measured 1.80%, threshold 1.00%');
  });

  it('summarises contracts and load in a table per scenario', () => {
    expect(markdown).toContain('7 of 10 endpoints covered by pacts · 6 pass · 1 fail · 3 not covered');
    expect(markdown).toMatch(/^\| deck-task-runs \| open \| 6 000 \(100\/s\) \|/m);
  });

  it('escapes table-breaking characters in names and messages', () => {
    const tricky = buildRunSummary({ requests: 50 });
    tricky.checks.push({ suite: 'spec', group: 'deck', name: 'a | b <script>', ok: false, message: 'line one\nline two' });
    const text = renderMarkdown(tricky);
    expect(text).toContain('a \\| b &lt;script&gt;');
    expect(text).toContain('line one; line two');
  });

  it('says so when nothing ran, and passes', () => {
    const text = renderMarkdown(buildEmptySummary());
    expect(text).toContain('## ✅ runwarden: PASS');
    expect(text).toContain('_No checks ran._');
    expect(text).not.toContain('### Load');
  });

  it('stays under the size of a pull-request comment', () => {
    const many = buildRunSummary({ requests: 50 });
    for (let index = 0; index < 2000; index++) many.checks.push({ suite: 'contract', group: 'deck', name: `interaction ${index}`, ok: false, message: 'x'.repeat(200) });
    const text = renderMarkdown(many);
    expect(text.length).toBeLessThan(65_536);
    expect(text).toMatch(/- …and 19\d\d more \(see junit.xml or index.html\)/);
  });
});
