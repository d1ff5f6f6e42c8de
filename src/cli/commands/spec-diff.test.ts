import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { bundledProfile } from '../../config/index.ts';
import { runMain as run } from '../testing/run-main.ts';

const fixtures = join(import.meta.dirname, '../../../test/fixtures/diff');
const base = join(fixtures, 'base.yaml');
const revision = join(fixtures, 'revision.json');

describe('runwarden spec diff with two files', () => {
  it('exits 1 on a breaking change and names it by operation, rule and level', async () => {
    const { code, out } = await run(['spec', 'diff', base, revision]);
    expect(code).toBe(1);
    expect(out).toMatch(/POST \/jobs\s+breaking/);
    expect(out).toContain('request-property-became-required');
    expect(out).toMatch(/1 breaking change, 2 warnings, 4 info/);
  });

  it('exits 0 when a spec is compared with itself, and when the reverse change only loosens requests', async () => {
    expect((await run(['spec', 'diff', base, base])).code).toBe(0);
    const reversed = await run(['spec', 'diff', revision, base, '--json']);
    const report = JSON.parse(reversed.out) as { failing: boolean; counts: Record<string, number>; specs: Array<{ changes: Array<{ id: string; level: string }> }> };
    expect(reversed.code).toBe(0);
    expect(report.failing).toBe(false);
    expect(report.counts.breaking).toBe(0);
    expect(report.specs[0]!.changes.map((change) => `${change.id}:${change.level}`)).toEqual(expect.arrayContaining(['request-property-became-optional:info', 'request-property-removed:warning', 'response-property-enum-value-added:warning']));
  });

  it('--fail-on warning fails on a change that is only a warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runwarden-diff-cli-'));
    const document = parse(readFileSync(base, 'utf8')) as { components: { schemas: { Job: { properties: { status: { enum: string[] } } } } } };
    document.components.schemas.Job.properties.status.enum.push('paused');
    const widened = join(dir, 'widened.yaml');
    writeFileSync(widened, stringify(document));
    expect((await run(['spec', 'diff', base, widened])).code).toBe(0);
    expect((await run(['spec', 'diff', base, widened, '--fail-on', 'warning'])).code).toBe(1);
  });

  it('writes Markdown grouped by operation for a pull-request comment', async () => {
    const { out } = await run(['spec', 'diff', base, revision, '--format', 'markdown']);
    expect(out).toContain('#### `POST /jobs`');
    expect(out).toContain('| 🔴 breaking | `request-property-became-required` |');
  });

  it('writes JUnit with one failing case per operation with a breaking change', async () => {
    const { out } = await run(['spec', 'diff', base, revision, '--format', 'junit']);
    expect(out).toMatch(/<testsuite name="spec diff [^"]*" tests="2" failures="1"/);
    expect(out).toContain('<testcase classname="test/fixtures/diff/revision.json" name="POST /jobs" time="0">');
    expect(out).toContain('<testcase classname="test/fixtures/diff/revision.json" name="GET /jobs/{id}" time="0"/>');
  });

  it('exits 2 with a clear message on bad input', async () => {
    const missing = await run(['spec', 'diff', base, join(fixtures, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.yaml/);
    expect(missing.err).not.toMatch(/\n\s+at /);
    expect((await run(['spec', 'diff', base])).code).toBe(2);
    expect((await run(['spec', 'diff', base, revision, '--fail-on', 'info'])).code).toBe(2);
  });
});

describe('runwarden spec diff --base <git-ref>', () => {
  let repo: string;
  let spec: string;
  const git = (...args: string[]): string => execFileSync('git', ['-C', repo, '-c', 'user.email=t@example.test', '-c', 'user.name=t', ...args], { encoding: 'utf8', timeout: 15_000 });

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'runwarden-diff-git-'));
    spec = join(repo, 'deck.openapi.yaml');
    copyFileSync(bundledProfile('deck').spec, spec);
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
  });

  function edit(change: (document: Record<string, any>) => void): void {
    const document = parse(git('show', 'HEAD:deck.openapi.yaml')) as Record<string, any>;
    change(document);
    writeFileSync(spec, stringify(document));
  }

  it('fails a revision that removes a terminal state, naming the lifecycle rule', async () => {
    edit((document) => {
      const status = document.components.schemas.TaskRunStatus;
      status.enum = status.enum.filter((state: string) => state !== 'canceled');
    });
    const { code, out } = await run(['spec', 'diff', '--base', 'HEAD', spec, '--provider', 'deck']);
    expect(code).toBe(1);
    expect(out).toContain('run-terminal-state-removed');
    expect(out).toMatch(/lifecycle rules: deck/);
    // The bundled deck pact has an interaction that answers a canceled run: it matches the base, not the revision.
    expect(out).toMatch(/1 pact interaction breaks:\n  - contracts\/pacts\/runwarden-deck\.json → deck '[^']*canceled[^']*' because SCHEMA_MISMATCH/);
  });

  it('lists the broken interactions in --json', async () => {
    edit((document) => {
      const status = document.components.schemas.TaskRunStatus;
      status.enum = status.enum.filter((state: string) => state !== 'canceled');
    });
    const { out } = await run(['spec', 'diff', '--base', 'HEAD', spec, '--provider', 'deck', '--json']);
    const report = JSON.parse(out) as { specs: Array<{ consumers: Array<{ provider: string; interaction: string; because: string[] }> }> };
    expect(report.specs[0]!.consumers).toHaveLength(1);
    expect(report.specs[0]!.consumers[0]).toMatchObject({ provider: 'deck' });
    expect(report.specs[0]!.consumers[0]!.because[0]).toMatch(/canceled/);
  });

  it('passes a revision that adds an optional request field', async () => {
    edit((document) => {
      document.components.schemas.RunTaskRequest ??= { type: 'object', properties: {} };
      document.components.schemas.RunTaskRequest.properties.note = { type: 'string' };
    });
    const { code, out } = await run(['spec', 'diff', '--base', 'HEAD', spec, '--provider', 'deck', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as { counts: Record<string, number>; specs: Array<{ consumers: unknown[]; changes: Array<{ id: string }> }> };
    expect(report.counts.breaking).toBe(0);
    expect(report.specs[0]!.changes.map((change) => change.id)).toContain('new-optional-request-property');
    expect(report.specs[0]!.consumers).toEqual([]);
  });

  it('lists recorded exchanges that conform to the base and not to the revision (--har)', async () => {
    edit((document) => {
      const status = document.components.schemas.TaskRunStatus;
      status.enum = status.enum.filter((state: string) => state !== 'queued');
    });
    const har = join(import.meta.dirname, '../../../test/fixtures/har/deck.har');
    const { code, out } = await run(['spec', 'diff', '--base', 'HEAD', spec, '--har', har, '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(out) as { failing: boolean; specs: Array<{ exchanges: Array<{ index: number; method: string; because: string[] }> }> };
    expect(report.failing).toBe(true);
    // Entry 0 is the create answering a queued run; the static asset (entry 3) is outside the API and skipped.
    expect(report.specs[0]!.exchanges.map((entry) => `${entry.index} ${entry.method}`)).toEqual(['0 POST']);
    expect(report.specs[0]!.exchanges[0]!.because[0]).toMatch(/queued/);
  });

  it('exits 2 naming the ref when it does not exist', async () => {
    const { code, err } = await run(['spec', 'diff', '--base', 'no-such-ref', spec]);
    expect(code).toBe(2);
    expect(err).toMatch(/no-such-ref/);
  });
});
