import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { RunSummary } from '../../src/core/summary.ts';
import { hasStackTrace, runCliIn } from './run-cli.ts';

const ROOT = path.join(import.meta.dirname, '../..');

/** A user's project in its own git repository: the deck profile and spec, its pact, a config naming them. */
function project(): { dir: string; git: (...args: string[]) => string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-ci-baseline-'));
  const git = (...args: string[]): string => execFileSync('git', ['-C', dir, '-c', 'user.email=t@example.test', '-c', 'user.name=t', ...args], { encoding: 'utf8', timeout: 15_000 });
  copyFileSync(path.join(ROOT, 'specs/deck.openapi.yaml'), path.join(dir, 'deck.openapi.yaml'));
  copyFileSync(path.join(ROOT, 'specs/deck.profile.yaml'), path.join(dir, 'deck.profile.yaml'));
  mkdirSync(path.join(dir, 'pacts'));
  copyFileSync(path.join(ROOT, 'contracts/pacts/runwarden-deck.json'), path.join(dir, 'pacts/runwarden-deck.json'));
  writeFileSync(path.join(dir, 'runwarden.config.yaml'), 'version: 1\nproviders:\n  deck: { profile: ./deck.profile.yaml }\npacts: ./pacts\n');
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  return { dir, git };
}

function edit(dir: string, git: (...args: string[]) => string, change: (document: Record<string, any>) => void): void {
  const document = parse(git('show', 'HEAD:deck.openapi.yaml')) as Record<string, any>;
  change(document);
  writeFileSync(path.join(dir, 'deck.openapi.yaml'), stringify(document));
}

function reports(dir: string): { summary: RunSummary; markdown: string; junit: string; html: string } {
  const latest = path.join(dir, 'reports', 'latest');
  const read = (file: string): string => readFileSync(path.join(latest, file), 'utf8');
  return { summary: JSON.parse(read('summary.json')) as RunSummary, markdown: read('summary.md'), junit: read('junit.xml'), html: read('index.html') };
}

const ci = (dir: string, ...extra: string[]): ReturnType<typeof runCliIn> => runCliIn(dir, ['ci', '--skip-load', '--out', 'reports', '--spec-baseline', 'HEAD', ...extra]);

describe('runwarden ci --spec-baseline <git-ref>', () => {
  let repo: ReturnType<typeof project>;
  beforeAll(() => {
    repo = project();
  });

  it('fails the run when a terminal state is removed, naming the lifecycle rule and the pact it breaks in all four reports', async () => {
    edit(repo.dir, repo.git, (document) => {
      const status = document.components.schemas.TaskRunStatus;
      status.enum = status.enum.filter((state: string) => state !== 'canceled');
    });
    const result = await ci(repo.dir);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const { summary, markdown, junit, html } = reports(repo.dir);
    expect(summary.verdict).toBe('fail');
    const entry = summary.specBaseline!.specs[0]!;
    expect(summary.specBaseline!.ref).toBe('HEAD');
    expect(entry).toMatchObject({ provider: 'deck', base: 'HEAD:deck.openapi.yaml', revision: 'deck.openapi.yaml' });
    expect(entry.changes).toContainEqual(expect.objectContaining({ id: 'run-terminal-state-removed', level: 'breaking', operation: 'GET /task-runs/{run_id}' }));
    expect(entry.consumers!.map((consumer) => consumer.interaction)).toEqual(['a request for a task run that is canceled']);
    const failing = summary.checks.filter((check) => check.suite === 'spec-baseline' && !check.ok).map((check) => check.name);
    expect(failing).toEqual(['deck.openapi.yaml has no breaking change since HEAD', 'every pact interaction that matched HEAD still matches deck.openapi.yaml']);
    expect(markdown).toContain('### Spec changes since `HEAD`');
    expect(markdown).toMatch(/🔴 `run-terminal-state-removed` `GET \/task-runs\/\{run_id\}`/);
    expect(junit).toMatch(/<testsuite name="spec-baseline\.deck" tests="2" failures="2"/);
    expect(junit).toContain('run-terminal-state-removed');
    expect(html).toContain('<section id="spec-baseline"><h2>Spec changes since <code>HEAD</code></h2>');
    expect(html).toMatch(/<span class="level breaking">breaking<\/span><\/td><td><code>run-terminal-state-removed<\/code>/);
  }, 60_000);

  it('passes the run when an optional request field is added', async () => {
    edit(repo.dir, repo.git, (document) => {
      document.components.schemas.RunTaskRequest.properties.note = { type: 'string' };
    });
    const result = await ci(repo.dir);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const { summary, html } = reports(repo.dir);
    expect(summary.verdict).toBe('pass');
    const entry = summary.specBaseline!.specs[0]!;
    expect(entry.counts.breaking).toBe(0);
    expect(entry.changes.map((change) => change.id)).toContain('new-optional-request-property');
    expect(entry.consumers).toEqual([]);
    expect(summary.checks.filter((check) => check.suite === 'spec-baseline').map((check) => check.ok)).toEqual([true, true]);
    expect(html).toContain('<span class="badge pass">pass</span>');
  }, 60_000);

  it('skips a spec that does not exist at the ref, with a note, without failing the run', async () => {
    const fresh = project();
    fresh.git('rm', '-q', '--cached', 'deck.openapi.yaml');
    fresh.git('commit', '-q', '-m', 'spec not tracked yet');
    const result = await ci(fresh.dir);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const { summary, markdown, junit } = reports(fresh.dir);
    expect(summary.specBaseline!.specs[0]).toMatchObject({ provider: 'deck', skipped: 'deck.openapi.yaml does not exist at HEAD: a new spec, nothing to compare', changes: [] });
    expect(summary.checks.filter((check) => check.suite === 'spec-baseline')).toEqual([expect.objectContaining({ skipped: true, ok: true })]);
    expect(markdown).toContain('⏭️ **deck**: deck.openapi.yaml does not exist at HEAD');
    expect(junit).toMatch(/<testsuite name="spec-baseline\.deck" tests="1" failures="0" errors="0" skipped="1"/);
  }, 60_000);

  it('exits 2 before running anything when the ref does not exist', async () => {
    const result = await ci(repo.dir, '--spec-baseline', 'no-such-ref');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--spec-baseline no-such-ref is not a commit');
    expect(hasStackTrace(result.stderr)).toBe(false);
  });
});
