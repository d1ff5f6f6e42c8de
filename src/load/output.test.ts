import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from './engine.ts';
import type { LoadEvent } from './events.ts';
import { startFakeRunApi, type FakeRunApi } from './fake-run-api.fixture.ts';
import { fakeScenario } from './fake-scenario.fixture.ts';
import { decodeHistogram, mergeEncoded } from './histogram.ts';
import { progressPrinter } from './progress-printer.ts';
import { writeResult } from './result-writer.ts';
import { renderSummary } from './summary.ts';

let api: FakeRunApi;
beforeAll(async () => { api = await startFakeRunApi({ pollsToFinish: 3 }); });
afterAll(async () => api.close());

describe('results and progress', () => {
  it('writes the result JSON with encoded histograms that later runs can merge', async () => {
    const result = await runLoad({ scenario: fakeScenario({ durationMs: 300 }), targets: { fake: api.url } });
    const dir = await mkdtemp(path.join(tmpdir(), 'runwarden-load-'));
    const file = await writeResult(result, dir);
    expect(path.basename(file)).toMatch(/^fake-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.json$/);
    const written = JSON.parse(await readFile(file, 'utf8')) as typeof result;
    expect(written.format).toBe('runwarden.load.v1');
    const polls = written.endpoints.getTaskRun!;
    expect(decodeHistogram(polls.histogram).totalCount).toBe(polls.responses);
    expect(mergeEncoded([polls.histogram, polls.histogram]).totalCount).toBe(2 * polls.responses);
    expect(decodeHistogram(written.runs.completionHistogram).totalCount).toBe(written.runs.completed);
  });

  it('emits typed events that a printer only listens to: a live line on a terminal, quiet lines in CI', async () => {
    const events: LoadEvent[] = [];
    let tty = '', ci = '';
    await runLoad({
      scenario: fakeScenario({ durationMs: 450 }), targets: { fake: api.url }, progressIntervalMs: 100,
      listeners: [(event) => events.push(event), progressPrinter((text) => { tty += text; }, true), progressPrinter((text) => { ci += text; }, false, 1_000_000)],
    });
    expect(events[0]!.type).toBe('start');
    expect(events.at(-1)!.type).toBe('end');
    expect(events.filter((event) => event.type === 'progress').length).toBeGreaterThanOrEqual(3);
    expect(tty).toMatch(/\r\x1b\[2K\d+s\/\d+s {2}\d+ req\/s {2}\d+ runs in flight {2}0 errors/);
    expect(ci).not.toContain('\r');
    expect(ci.split('\n').filter(Boolean).length).toBeLessThanOrEqual(3);
  });

  it('summarises endpoints, runs and gates for people', async () => {
    const result = await runLoad({ scenario: fakeScenario({ durationMs: 200, thresholds: { maxLostRuns: 0 } }), targets: { fake: api.url } });
    const summary = renderSummary(result);
    expect(summary).toMatch(/getTaskRun\s+[\d.]+\s+[\d.]+/);
    expect(summary).toMatch(/runs: \d+ created, \d+ completed/);
    expect(summary).toMatch(/lost runs\s+≤ 0\s+0\s+pass/);
  });
});
