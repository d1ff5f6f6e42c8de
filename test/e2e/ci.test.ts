import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/core/summary.ts';
import { interaction, only, pactCopy } from '../helpers/pact-copies.ts';
import { hasStackTrace, runCli } from './run-cli.ts';

const GET_QUEUED = 'a request for a task run that is queued';

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'runwarden-ci-'));
}

/** The four reports of the latest run. */
function latestReports(out: string): { summary: RunSummary; markdown: string; junit: string; html: string } {
  const latest = path.join(out, 'latest');
  return {
    summary: JSON.parse(readFileSync(path.join(latest, 'summary.json'), 'utf8')) as RunSummary,
    markdown: readFileSync(path.join(latest, 'summary.md'), 'utf8'),
    junit: readFileSync(path.join(latest, 'junit.xml'), 'utf8'),
    html: readFileSync(path.join(latest, 'index.html'), 'utf8'),
  };
}

describe('runwarden ci', () => {
  it('checks specs, verifies and cross-checks the pacts, runs load with SLO gates against the simulator, and writes four reports', async () => {
    const out = tempDir();
    const result = await runCli(['ci', '--out', out, '--scenarios', 'deck-create-poll,refactor-async', '--duration', '1s']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const { summary, markdown, junit, html } = latestReports(out);
    expect(summary.verdict).toBe('pass');
    expect(summary.target.kind).toBe('simulator');
    const suites = new Set(summary.checks.map((check) => check.suite));
    expect(suites).toEqual(new Set(['spec', 'contract', 'cross-check', 'slo']));
    expect(summary.load.map((scenario) => scenario.scenario)).toEqual(['deck-create-poll', 'refactor-async']);
    expect(summary.load[0]!.runs.completed).toBeGreaterThan(0);
    expect(summary.load[0]!.timeline.length).toBeGreaterThan(0);
    expect(summary.contracts.filter((cell) => cell.state === 'pass').length).toBeGreaterThan(10);
    expect(markdown).toContain('PASS');
    expect(junit.match(/<testcase /g)).toHaveLength(summary.checks.length);
    expect(html).toContain('deck-create-poll');
    // Tokens are random per run and must not leak into any report.
    expect(`${markdown}${junit}${html}${JSON.stringify(summary)}`).not.toMatch(/Bearer [A-Za-z0-9_-]{20,}/);
  }, 120_000);

  it('on the simulator, reports a breached latency threshold as advisory without failing the run', async () => {
    const out = tempDir();
    const thresholds = path.join(out, 'thresholds.json');
    // Timing on the embedded simulator measures the machine, not an API: reported, never failing.
    writeFileSync(thresholds, JSON.stringify({ endpoints: { getTaskRun: { p50Ms: 0.001 } } }));
    const result = await runCli(['ci', '--out', out, '--scenarios', 'deck-create-poll', '--duration', '1s', '--thresholds', thresholds]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const { summary, markdown, junit, html } = latestReports(out);
    expect(summary.verdict).toBe('pass');
    const gate = summary.load[0]!.thresholds.find((threshold) => threshold.name === 'getTaskRun p50')!;
    expect(gate).toMatchObject({ ok: true, verdict: 'advisory' });
    expect(gate.note).toContain('advisory: timing against the embedded simulator');
    const check = summary.checks.find((c) => c.suite === 'slo' && c.name.startsWith('getTaskRun p50'))!;
    expect(check).toMatchObject({ ok: true, name: 'getTaskRun p50 ≤ 0.001 ms (advisory)' });
    expect(check.message).toContain('Over the threshold, not failing');
    for (const text of [markdown, junit, html]) expect(text).toContain('getTaskRun p50');
  }, 120_000);

  it('fails (exit 1) on a breached deterministic threshold, and the breach is visible in every report', async () => {
    const out = tempDir();
    const thresholds = path.join(out, 'thresholds.json');
    writeFileSync(thresholds, JSON.stringify({ maxErrorRate: 0 }));
    const config = path.join(out, 'sim.json');
    writeFileSync(config, JSON.stringify({ faults: [{ provider: 'deck', operations: ['getTaskRun'], error: { rate: 0.3, statuses: [503] } }] }));
    const result = await runCli(['ci', '--out', out, '--scenarios', 'deck-create-poll', '--duration', '1s', '--thresholds', thresholds, '--sim-config', config]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const { summary, markdown, junit, html } = latestReports(out);
    expect(summary.verdict).toBe('fail');
    const breach = summary.checks.find((check) => check.suite === 'slo' && !check.ok);
    expect(breach?.name).toContain('error rate');
    expect(summary.load[0]!.thresholds.find((threshold) => threshold.name === 'error rate')).toMatchObject({ ok: false, verdict: 'fail' });
    expect(markdown).toContain('FAIL');
    expect(markdown).toContain('error rate');
    expect(junit).toMatch(/<testcase [^>]*name="error rate[^"]*"[^>]*>\s*<failure/);
    expect(html).toContain('error rate');
    expect(result.stdout).toContain('✗ [slo] deck-create-poll: error rate');
  }, 120_000);

  it('fails (exit 1) when a simulator route is broken, with the failing interactions in every report', async () => {
    const out = tempDir();
    const config = path.join(out, 'sim.json');
    writeFileSync(config, JSON.stringify({ faults: [{ provider: 'refactor', operations: ['getRunState'], error: { rate: 1, statuses: [500] } }] }));
    const result = await runCli(['ci', '--out', out, '--skip-load', '--sim-config', config]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const { summary, markdown, junit, html } = latestReports(out);
    const failed = summary.checks.filter((check) => !check.ok);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((check) => check.suite === 'contract' && check.group === 'refactor')).toBe(true);
    expect(summary.contracts.find((cell) => cell.provider === 'refactor' && cell.operationId === 'getRunState')?.state).toBe('fail');
    const name = failed[0]!.name;
    expect(markdown).toContain(name);
    expect(junit).toContain('<failure');
    expect(html).toContain(name);
  }, 120_000);

  it('fails (exit 1) on a deliberately broken pact', async () => {
    const out = tempDir();
    const { dir } = pactCopy('deck', (pact) => {
      only(pact, GET_QUEUED);
      interaction(pact, GET_QUEUED).response.body.content.priority = 'high';
    });
    const result = await runCli(['ci', '--out', out, '--skip-load', '--pacts', dir]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const { summary } = latestReports(out);
    // The verifier finds the provider does not send the field, and the cross-check finds the spec lacks it.
    expect(summary.checks.filter((check) => !check.ok).map((check) => check.suite).sort()).toEqual(['contract', 'cross-check']);
  }, 120_000);

  it('rejects bad input before doing anything (exit 2, no stack trace)', async () => {
    const unknown = await runCli(['ci', '--scenarios', 'no-such-scenario']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no-such-scenario');
    expect(hasStackTrace(unknown.stderr)).toBe(false);
    const thresholds = path.join(tempDir(), 'bad.json');
    writeFileSync(thresholds, '{"p99Ms": ');
    const badJson = await runCli(['ci', '--thresholds', thresholds]);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toContain('bad.json');
    expect(hasStackTrace(badJson.stderr)).toBe(false);
    const remote = await runCli(['ci', '--base-url', 'https://api.deck.co/v2']);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toContain('--provider');
  }, 60_000);
});
