import { describe, expect, it } from 'vitest';
import { renderHtml } from './html-report.ts';
import { buildEmptySummary, buildRunSummary } from './testing/fixtures.ts';

/** The JSON the page's script reads. */
function embeddedData(html: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error('no report-data block');
  return JSON.parse(match[1]) as Record<string, unknown>;
}

/** The page without the inlined library, so assertions (and their failure messages) are about our markup. */
async function page(summary: Parameters<typeof renderHtml>[0]): Promise<string> {
  const html = await renderHtml(summary);
  const withoutLibrary = html.replace(/<script>\/\*!\s*\n \* Chart\.js v4[\s\S]*?<\/script>/, '<script>/* Chart.js */</script>');
  if (withoutLibrary === html) throw new Error('Chart.js is not inlined');
  return withoutLibrary;
}

describe('renderHtml', () => {
  it('is one self-contained page: no external src or href, a CSP that forbids the network', async () => {
    const html = await renderHtml(buildRunSummary());
    // Checked on the whole page, library included.
    expect(/\s(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i.test(html)).toBe(false);
    expect(/<link\b/i.test(html)).toBe(false);
    expect(/<script[^>]+src=/i.test(html)).toBe(false);
    expect(html.includes('sourceMappingURL')).toBe(false);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
  });

  it('inlines Chart.js and the data, with a canvas per chart', async () => {
    const html = await page(buildRunSummary());
    const kinds = [...html.matchAll(/<canvas data-chart="([a-z]+)"/g)].map((match) => match[1]);
    expect(kinds).toEqual(['latency', 'completion', 'timeline', 'timeline', 'statuses', 'outcomes']);
    const data = embeddedData(html) as { latency: { labels: string[] }; completion: Array<{ source: string; points: unknown[] }> };
    expect(data.latency.labels).toEqual(['deck-task-runs · runTask', 'deck-task-runs · getTaskRun', 'rightbrain-sync-runs · runTask', 'rightbrain-sync-runs · fetchTaskRun']);
    expect(data.completion.map((entry) => entry.source)).toEqual(['histogram', 'histogram']);
  });

  it('shows the contract matrix, violations, lost runs and failing checks', async () => {
    const html = await page(buildRunSummary());
    expect(html).toMatch(/<td class="cell fail"[^>]*>fail/);
    expect(html).toMatch(/<td class="cell not-covered"[^>]*>not-covered/);
    expect(html).toContain('<code>ILLEGAL_TRANSITION</code>');
    expect(html).toContain('<code>trun_8ZpQ2</code>');
    expect(html).toContain('contract › deck › runs are listed page by page');
  });

  it('cannot be broken out of by data: </script> and markup in names stay inert', async () => {
    const summary = buildRunSummary({ requests: 100 });
    const endpoint = summary.load[0]?.endpoints[0];
    if (!endpoint) throw new Error('fixture has no endpoint');
    endpoint.operationId = '</script><script>alert(1)</script>';
    summary.checks.push({ suite: 'spec', group: 'deck', name: '<img src=x onerror=alert(1)>', ok: false });
    const html = await page(summary);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect((embeddedData(html) as { latency: { labels: string[] } }).latency.labels[0]).toBe('deck-task-runs · </script><script>alert(1)</script>');
  });

  it('replaces every chart with a "no data" note when nothing ran', async () => {
    const html = await page(buildEmptySummary());
    expect(html).not.toMatch(/<canvas data-chart="/);
    expect(html.match(/class="no-data"/g)?.length).toBeGreaterThanOrEqual(5);
    expect(html).toContain('No data: no requests were measured');
    expect(html).toContain('No data: no runs completed');
  });

  it('draws the CDF from stored percentiles when a scenario has no histogram', async () => {
    const summary = buildRunSummary({ requests: 100 });
    for (const scenario of summary.load) delete scenario.runs.completion.histogram;
    const data = embeddedData(await page(summary)) as { completion: Array<{ source: string; points: Array<[number, number]> }> };
    expect(data.completion[0]?.source).toBe('percentiles');
    expect(data.completion[0]?.points.map(([, percent]) => percent)).toEqual([50, 90, 99, 99.9, 100]);
  });

  it('stays a reasonable size: Chart.js plus a few tens of kilobytes', async () => {
    const html = await renderHtml(buildRunSummary());
    expect(Buffer.byteLength(html)).toBeLessThan(400_000);
  });
});
