import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Io } from '../command.ts';
import { main } from '../main.ts';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (text) => void (out += text), err: (text) => void (err += text), isTty: false };
  const code = await main(argv, io);
  return { code, out, err };
}

const root = join(import.meta.dirname, '../../..');
const spec = join(root, 'specs/deck.openapi.yaml');
const drifted = join(root, 'test/fixtures/diff/drift/deck-drift.har');
const conforming = join(root, 'test/fixtures/har/deck.har');

interface Report {
  exchanges: number;
  counts: Record<string, number>;
  findings: Array<{ kind: string; operation: string; where: string; status?: number; name: string; specLocation: string; count: number; first: { entry: number; value: unknown } }>;
  patch: Array<{ specLocation: string; action: string; fragment: unknown; operations: string[] }>;
  failing: boolean;
}

const json = async (...extra: string[]): Promise<Report> => JSON.parse((await run(['spec', 'drift', '--spec', spec, '--har', drifted, '--json', ...extra])).out) as Report;

describe('runwarden spec drift', () => {
  it('finds each kind of undocumented thing in recorded traffic, counted, with its first example', async () => {
    const report = await json();
    const summary = report.findings.map((finding) => `${finding.kind} ${finding.operation} ${finding.name} ×${finding.count} @${finding.first.entry}`);
    expect(summary).toEqual([
      'status GET /task-runs/{run_id} 503 ×1 @2',
      'content-type GET /task-runs/{run_id} text/html ×1 @3',
      'header GET /task-runs/{run_id} x-request-id ×2 @0',
      'query-parameter GET /task-runs/{run_id} trace ×1 @7',
      'property GET /task-runs/{run_id} /region ×2 @0',
      'enum-value GET /task-runs/{run_id} /status = "paused" ×1 @1',
      'operation GET /widgets/{id} GET /widgets/{id} ×1 @4',
      'property POST /tasks/{task_id}/run /message ×1 @6',
      'property POST /tasks/{task_id}/run /priority ×1 @5',
    ]);
    expect(report.findings.find((finding) => finding.name === '/region')!.first.value).toBe('eu-west-1');
    expect(report.exchanges).toBe(8);
  });

  it('ignores request-side additions the provider rejected: they document the client, not the API', async () => {
    const report = await json();
    // Entry 6 sent `colour` and got 400; entry 5 sent `priority` and got 201.
    expect(report.findings.map((finding) => finding.name)).not.toContain('/colour');
    expect(report.findings.find((finding) => finding.name === '/priority')).toMatchObject({ where: 'request', specLocation: '#/components/schemas/RunTaskRequest' });
  });

  it('suggests one fragment per spec location, in the spec\'s own terms', async () => {
    const report = await json();
    const at = (location: string): unknown => report.patch.find((hunk) => hunk.specLocation === location)?.fragment;
    expect(at('#/components/schemas/TaskRunStatus/enum')).toEqual(['paused']);
    expect(at('#/components/schemas/TaskRunResponse')).toEqual({ properties: { region: { type: 'string' } } });
    expect(at('#/paths/~1task-runs~1{run_id}/get/responses/200')).toEqual({ content: { 'text/html': { schema: { type: 'string' } } }, headers: { 'x-request-id': { schema: { type: 'string' } } } });
    expect(at('#/paths/~1task-runs~1{run_id}/get/responses')).toEqual({
      503: { description: 'Seen in recorded traffic: say when it happens', content: { 'application/json': { schema: { type: 'object', properties: { message: { type: 'string' }, retry_in: { type: 'integer' } } } } } },
    });
  });

  it('prints the patch as YAML fragments under comments that say where and why', async () => {
    const { code, out } = await run(['spec', 'drift', '--spec', spec, '--har', drifted]);
    expect(code).toBe(0);
    const hunk = out.split('\n\n').find((part) => part.startsWith('# #/components/schemas/TaskRunStatus/enum'))!;
    expect(hunk).toContain('undocumented enum value /status = "paused" (response 200): seen 1×, first in test/fixtures/diff/drift/deck-drift.har entry 1');
    expect(parse(hunk)).toEqual(['paused']);
    expect(out).toMatch(/✗ 9 undocumented items in 8 exchanges against specs\/deck\.openapi\.yaml/);
  });

  it('--fail-on drift exits 1 on drift and 0 on traffic the spec documents', async () => {
    expect((await run(['spec', 'drift', '--spec', spec, '--har', drifted, '--fail-on', 'drift'])).code).toBe(1);
    expect((await json('--fail-on', 'drift')).failing).toBe(true);
    const clean = await run(['spec', 'drift', '--spec', spec, '--har', conforming, '--fail-on', 'drift', '--json']);
    const report = JSON.parse(clean.out) as Report;
    // The bundled HAR's `done` status is drift; drop that one entry to get traffic the spec fully documents.
    expect(report.findings.map((finding) => finding.kind)).toEqual(['enum-value']);
    const dir = mkdtempSync(join(tmpdir(), 'runwarden-drift-'));
    const har = JSON.parse(readFileSync(conforming, 'utf8')) as { log: { entries: unknown[] } };
    har.log.entries.splice(2, 1);
    writeFileSync(join(dir, 'clean.har'), JSON.stringify(har));
    const none = await run(['spec', 'drift', '--spec', spec, '--har', join(dir, 'clean.har'), '--fail-on', 'drift']);
    expect(none.code).toBe(0);
    expect(none.out).toContain('✓ 0 undocumented items');
  });

  it('exits 2 with a clear message on unusable input', async () => {
    const missing = await run(['spec', 'drift', '--spec', spec, '--har', join(root, 'nope.har')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.har/);
    expect(missing.err).not.toMatch(/\n\s+at /);
    const notHar = await run(['spec', 'drift', '--spec', spec, '--har', join(root, 'test/fixtures/har/not-a-har.har')]);
    expect(notHar.code).toBe(2);
    expect(notHar.err).toMatch(/not a HAR 1\.2 file/);
    expect((await run(['spec', 'drift', '--spec', spec])).code).toBe(2);
    expect((await run(['spec', 'drift', '--har', drifted])).code).toBe(2);
    expect((await run(['spec', 'drift', '--spec', spec, '--har', drifted, '--fail-on', 'breaking'])).code).toBe(2);
  });

  describe('--run <folder>: the samples.har of a runwarden ci run', () => {
    /** A run folder whose samples.har holds the drifted Deck traffic and, after it, two exchanges of another provider. */
    function runFolder(specs: Record<string, string>): string {
      const dir = mkdtempSync(join(tmpdir(), 'runwarden-drift-run-'));
      const har = JSON.parse(readFileSync(drifted, 'utf8')) as { log: { entries: Array<Record<string, unknown>> } };
      const other = JSON.parse(readFileSync(conforming, 'utf8')) as { log: { entries: Array<Record<string, unknown>> } };
      har.log.entries = [...har.log.entries.map((entry) => ({ ...entry, _provider: 'deck' })), ...other.log.entries.slice(0, 2).map((entry) => ({ ...entry, _provider: 'other' }))];
      writeFileSync(join(dir, 'samples.har'), JSON.stringify(har));
      writeFileSync(join(dir, 'summary.json'), JSON.stringify({ samples: { file: 'samples.har', exchanges: har.log.entries.length, offered: 100, specs } }));
      return dir;
    }

    it('checks the samples against the spec the run recorded, leaving other providers\' exchanges out, entry numbers as in the file', async () => {
      const dir = runFolder({ deck: spec });
      const { code, out } = await run(['spec', 'drift', '--run', dir, '--json', '--fail-on', 'drift']);
      expect(code).toBe(1);
      const report = JSON.parse(out) as Report & { provider: string; otherProviders: number };
      const fromHar = await json();
      expect(report.findings).toEqual(fromHar.findings.map((finding) => ({ ...finding, first: { ...finding.first, har: expect.stringMatching(/samples\.har$/) } })));
      expect(report).toMatchObject({ provider: 'deck', exchanges: 8, otherProviders: 2 });
    });

    it('checks each provider the run sampled in turn when no --spec names one, and --spec <provider> picks one', async () => {
      const dir = runFolder({ deck: spec, other: spec });
      const both = JSON.parse((await run(['spec', 'drift', '--run', dir, '--json'])).out) as { providers: Array<Report & { provider: string }>; failing: boolean };
      expect(both.providers.map((report) => [report.provider, report.exchanges])).toEqual([['deck', 8], ['other', 2]]);
      const one = await run(['spec', 'drift', '--run', dir, '--spec', 'other']);
      expect(one.out).toMatch(/✓ 0 undocumented items in 2 exchanges against specs\/deck\.openapi\.yaml \(other\) \(8 of other providers\)/);
    });

    it('needs --spec when the folder records none, and says where samples come from when it has none', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'runwarden-drift-run-'));
      const none = await run(['spec', 'drift', '--run', dir]);
      expect(none.code).toBe(2);
      expect(none.err).toMatch(/no samples\.har in[\s\S]*runwarden load --samples/);
      writeFileSync(join(dir, 'samples.har'), readFileSync(drifted, 'utf8'));
      const unrecorded = await run(['spec', 'drift', '--run', dir]);
      expect(unrecorded.code).toBe(2);
      expect(unrecorded.err).toMatch(/--spec is required[\s\S]*records no spec/);
    });
  });
});
