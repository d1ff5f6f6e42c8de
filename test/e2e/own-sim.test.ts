import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../fixtures/fixture-path.ts';
import { hasStackTrace, runCliIn } from './run-cli.ts';

/** The parts of summary.json this test reads. */
interface Summary {
  verdict: string;
  target: { kind: string };
  load: Array<{ runs: { created: number; completed: number; failed: number; lost: number }; violations: { samples: Array<{ code: string; operationId: string; message: string }> } }>;
}

/**
 * Issue 11's "done means", as a user drives it: a spec of their own (the e2e jobs API), `runwarden init --spec`,
 * then `runwarden ci` with no baseUrl runs against the generic simulator of that spec and is green; a backward
 * transition or a wrong status injected through the simulator config makes it red with the matching finding.
 */
describe('a simulator of the user\'s own API, from `runwarden init --spec` to `runwarden ci`', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'runwarden-own-sim-'));
    copyFileSync(fixturePath('jobs/openapi.yaml'), path.join(dir, 'jobs.yaml'));
    const init = await runCliIn(dir, ['init', '--spec', 'jobs.yaml']);
    expect(init.code, init.stdout + init.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'runwarden.config.yaml'), 'utf8')).not.toMatch(/^\s*baseUrl:/m);
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `ci` (1 s of arrivals) into its own reports folder, with a simulator config when given. */
  async function ci(name: string, simConfig?: object): Promise<{ code: number; output: string; summary: Summary }> {
    const args = ['ci', '--duration', '1s', '--out', `reports-${name}`];
    if (simConfig !== undefined) {
      writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(simConfig));
      args.push('--sim-config', `${name}.json`);
    }
    const result = await runCliIn(dir, args);
    const output = result.stdout + result.stderr;
    expect(hasStackTrace(output), output).toBe(false);
    const summary = JSON.parse(readFileSync(path.join(dir, `reports-${name}`, 'latest', 'summary.json'), 'utf8')) as Summary;
    return { code: result.code, output, summary };
  }

  const codesOf = (summary: Summary) => summary.load.flatMap((scenario) => scenario.violations.samples.map((sample) => sample.code));

  it('ci against the simulator of the spec is green: runs are created, move through their lifecycle and end', async () => {
    const { code, output, summary } = await ci('healthy');
    expect(code, output).toBe(0);
    expect(summary.verdict).toBe('pass');
    expect(summary.target.kind).toBe('simulator');
    const runs = summary.load[0]!.runs;
    expect(runs.created).toBeGreaterThan(0);
    // Every run ended: most succeed, about one in ten fails (the simulator's default outcome mix).
    expect(runs.completed + runs.failed).toBe(runs.created);
    expect(runs.completed).toBeGreaterThan(0);
    expect(runs.lost).toBe(0);
    expect(codesOf(summary)).toEqual([]);
  }, 120_000);

  it('a backward transition injected through the fault config makes ci red with ILLEGAL_TRANSITION', async () => {
    const { code, output, summary } = await ci('backward', {
      // States long enough that the poller sees the run move back (before the contract time scale ci applies).
      timing: { jobs: { default: { medianMs: 10_000, p99Ms: 12_000 } } },
      faults: [{ provider: 'jobs', operations: ['submitJob'], backward: { rate: 1 } }],
    });
    expect(code, output).toBe(1);
    expect(summary.verdict).toBe('fail');
    expect(codesOf(summary)).toContain('ILLEGAL_TRANSITION');
    expect(output).toMatch(/ILLEGAL_TRANSITION \(readJob[^)]*\): run job-\d+: Received: working → pending/);
  }, 120_000);

  it('a wrong status injected through the fault config makes ci red with STATUS_UNKNOWN', async () => {
    const { code, output, summary } = await ci('wrong-status', {
      faults: [{ provider: 'jobs', operations: ['readJob'], wrongStatus: { rate: 0.3, value: 'finished' } }],
    });
    expect(code, output).toBe(1);
    expect(summary.verdict).toBe('fail');
    expect(codesOf(summary)).toContain('STATUS_UNKNOWN');
    expect(output).toMatch(/STATUS_UNKNOWN \(readJob[^)]*\): run job-\d+: Received: finished/);
  }, 120_000);
});
