import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../core/summary.ts';
import { buildEmptySummary, buildRunSummary } from './testing/fixtures.ts';
import { writeReports } from './write-reports.ts';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const SKIPPED = HAS_CHROMIUM ? '' : ` — SKIPPED: no Chromium at ${CHROMIUM} (install Debian's "chromium" package; .ci/run does)`;
const SCREENSHOT = fileURLToPath(new URL('../../reports/artifacts/report-screenshot.png', import.meta.url));
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (!HAS_CHROMIUM) console.warn(`html-report.browser.test.ts${SKIPPED}`);

/** The little of the DOM these checks touch (the project compiles without lib "dom"). */
interface PageCanvas {
  width: number;
  height: number;
  getAttribute(name: string): string | null;
  getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: ArrayLike<number> } } | null;
}
interface PageGlobals {
  document: { querySelectorAll(selector: string): Iterable<PageCanvas> & { length: number } };
  runwardenCharts?: Array<{ canvas: PageCanvas; data: { datasets: Array<{ data: unknown[] }> } }>;
}

interface CanvasReport {
  kind: string | null;
  width: number;
  height: number;
  paintedPixels: number;
  hasChart: boolean;
  datasets: number;
}

/** Opens a report in Chromium; collects console errors, page errors and any request that is not file:// or data:. */
async function openReport(browser: Browser, summary: RunSummary, dir: string, screenshot?: string) {
  const { files } = await writeReports(summary, dir);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (!/^(file|data):/.test(request.url())) problems.push(`network request: ${request.url()}`);
  });
  await page.goto(pathToFileURL(files.html).href, { waitUntil: 'load' });
  await page.waitForFunction(() => {
    const page = globalThis as unknown as PageGlobals;
    return Array.isArray(page.runwardenCharts) && page.runwardenCharts.length === page.document.querySelectorAll('canvas[data-chart]').length;
  }, undefined, { timeout: 10_000 }).catch(() => problems.push('the page script never registered its charts'));
  const canvases = await page.evaluate((): CanvasReport[] => {
    const page = globalThis as unknown as PageGlobals;
    const charts = page.runwardenCharts ?? [];
    return [...page.document.querySelectorAll('canvas[data-chart]')].map((canvas) => {
      const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      let painted = 0;
      for (let index = 3; index < pixels.length; index += 4) if ((pixels[index] ?? 0) > 0) painted++;
      const chart = charts.find((candidate) => candidate.canvas === canvas);
      return {
        kind: canvas.getAttribute('data-chart'),
        width: canvas.width,
        height: canvas.height,
        paintedPixels: painted,
        hasChart: Boolean(chart),
        datasets: chart ? chart.data.datasets.filter((dataset) => dataset.data.length > 0).length : 0,
      };
    });
  });
  const noData = await page.locator('.no-data').allTextContents();
  if (screenshot) {
    await mkdir(join(screenshot, '..'), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
  }
  await page.close();
  return { problems, canvases, noData };
}

describe('index.html in headless Chromium', () => {
  let browser: Browser | undefined;
  let dir: string;

  beforeAll(async () => {
    if (!HAS_CHROMIUM) return;
    dir = await mkdtemp(join(tmpdir(), 'runwarden-html-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(!HAS_CHROMIUM)(`opens without console errors or network access, draws every chart, and is screenshotted${SKIPPED}`, async () => {
    if (!browser) throw new Error('browser did not start');
    const { problems, canvases, noData } = await openReport(browser, buildRunSummary(), dir, SCREENSHOT);
    expect(problems).toEqual([]);
    expect(canvases.map((canvas) => canvas.kind)).toEqual(['latency', 'completion', 'timeline', 'timeline', 'statuses', 'outcomes']);
    for (const canvas of canvases) {
      expect.soft(canvas.hasChart, `${canvas.kind} has a Chart instance`).toBe(true);
      expect.soft(canvas.datasets, `${canvas.kind} has data`).toBeGreaterThan(0);
      expect.soft(canvas.width * canvas.height, `${canvas.kind} has a size`).toBeGreaterThan(0);
      // A blank canvas is fully transparent; axes, labels and marks paint well over 1 % of it.
      expect.soft(canvas.paintedPixels, `${canvas.kind} painted pixels`).toBeGreaterThan(canvas.width * canvas.height * 0.01);
    }
    expect(noData).toEqual([]);
    expect(existsSync(SCREENSHOT)).toBe(true);
  }, 60_000);

  it.skipIf(!HAS_CHROMIUM)(`shows "no data" notes instead of empty charts when nothing ran${SKIPPED}`, async () => {
    if (!browser) throw new Error('browser did not start');
    const { problems, canvases, noData } = await openReport(browser, buildEmptySummary(), join(dir, 'empty'));
    expect(problems).toEqual([]);
    expect(canvases).toEqual([]);
    expect(noData).toContain('No data: no requests were measured');
    expect(noData).toContain('No data: no runs completed');
    expect(noData).toContain('No data: no per-second timeline was recorded');
  }, 60_000);
});
