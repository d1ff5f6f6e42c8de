import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { specOf } from '../../../test/helpers/spec-pair.ts';
import { diffSpecs } from './diff-specs.ts';
import type { ChangeLevel } from './spec-change.ts';

type Json = Record<string, unknown>;
type OasdiffLevel = 'ERR' | 'WARN' | 'INFO' | 'NONE';

/**
 * One pair of specs from oasdiff's own checker tests, rewritten as a small fixture: where it goes in a standard
 * document (`slot`), both sides, and the rule id and level oasdiff's test asserts for it.
 */
interface CorpusCase {
  name: string;
  /** The oasdiff test it translates: `checker/<file>_test.go TestName`. */
  source: string;
  oasdiff: { id: string; level: OasdiffLevel };
  slot: 'path-parameter' | 'parameter' | 'request-body' | 'request' | 'response-body' | 'responses' | 'operation' | 'document';
  base: unknown;
  revision: unknown;
  version?: string;
}

const CORPUS = path.join(import.meta.dirname, '../../../test/fixtures/diff/oasdiff');

function corpus(): Array<CorpusCase & { file: string }> {
  return readdirSync(CORPUS).filter((file) => file.endsWith('.yaml')).sort()
    .flatMap((file) => (parse(readFileSync(path.join(CORPUS, file), 'utf8')) as CorpusCase[]).map((entry) => ({ ...entry, file })));
}

const idParameter = (schema: unknown = { type: 'string' }): Json => ({ name: 'id', in: 'path', required: true, schema });
const ok = { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } } } };

/** The standard document a slot's value is placed in: GET /things/{id}, or POST /things for request bodies. */
function documentOf(slot: CorpusCase['slot'], value: unknown, version: string): Json {
  const head = { openapi: version, info: { title: 'corpus', version: '1' } };
  const get = (operation: Json): Json => ({ ...head, paths: { '/things/{id}': { get: { operationId: 'getThing', ...operation } } } });
  const post = (requestBody: unknown): Json => ({ ...head, paths: { '/things': { post: { operationId: 'createThing', ...(requestBody === null ? {} : { requestBody }), responses: { 201: { description: 'created' } } } } } });
  switch (slot) {
    case 'path-parameter': return get({ parameters: [idParameter(value)], responses: ok });
    case 'parameter': return get({ parameters: [idParameter(), ...(value === null ? [] : [value])], responses: ok });
    case 'request-body': return post({ required: true, content: { 'application/json': { schema: value } } });
    case 'request': return post(value);
    case 'response-body': return get({ parameters: [idParameter()], responses: { 200: { description: 'ok', content: { 'application/json': { schema: value } } } } });
    case 'responses': return get({ parameters: [idParameter()], responses: value });
    case 'operation': return get({ parameters: [idParameter()], responses: ok, ...(value as Json) });
    case 'document': return { ...head, ...(value as Json) };
  }
}

/** oasdiff's verdict is "breaking" when its test expects an ERR-level change; ours when we rate one `breaking`. */
const oasdiffBreaking = (level: OasdiffLevel): boolean => level === 'ERR';
const LEVEL_OF: Record<OasdiffLevel, ChangeLevel | 'none'> = { ERR: 'breaking', WARN: 'warning', INFO: 'info', NONE: 'none' };
const highest = (levels: ChangeLevel[]): ChangeLevel | 'none' => (['breaking', 'warning', 'info'] as const).find((level) => levels.includes(level)) ?? 'none';

/**
 * Disagreements we keep on purpose, each argued in docs/DECISIONS.md ("spec diff: where we part from oasdiff").
 * A case listed here that starts agreeing fails the test, so the list cannot go stale.
 */
const DELIBERATE = new Set([
  'an operation that had no security now requires it',
  'the server base path changes from /v1 to /v2',
  'an enum value is added to a response property',
]);

describe('spec diff against oasdiff\'s verdicts on its own test pairs', () => {
  it('agrees with oasdiff on at least 95% of the pairs, and every disagreement is a deliberate choice', async () => {
    const cases = corpus();
    const results = [];
    for (const entry of cases) {
      const version = entry.version ?? '3.0.3';
      const [base, revision] = await Promise.all([specOf(documentOf(entry.slot, entry.base, version)), specOf(documentOf(entry.slot, entry.revision, version))]);
      const changes = diffSpecs(base, revision, { today: '2026-01-01' });
      const ours = highest(changes.map((change) => change.level));
      const agrees = (ours === 'breaking') === oasdiffBreaking(entry.oasdiff.level);
      results.push({ entry, ours, agrees, ids: changes.map((change) => `${change.id}:${change.level}`) });
    }
    const disagreements = results.filter((result) => !result.agrees);
    const sameLevel = results.filter((result) => result.ours === LEVEL_OF[result.entry.oasdiff.level]).length;
    const report = disagreements.map(({ entry, ids }) => `${entry.file}: ${entry.name} — oasdiff ${entry.oasdiff.id} ${entry.oasdiff.level}, ours ${ids.join(', ') || 'no change'}`);
    console.log(`oasdiff agreement: ${results.length - disagreements.length}/${results.length} verdicts (${((1 - disagreements.length / results.length) * 100).toFixed(1)}%), same level on ${sameLevel}/${results.length}${report.length > 0 ? `\n  ${report.join('\n  ')}` : ''}`);
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((entry) => oasdiffBreaking(entry.oasdiff.level)).length).toBeGreaterThanOrEqual(20);
    expect(cases.filter((entry) => !oasdiffBreaking(entry.oasdiff.level)).length).toBeGreaterThanOrEqual(20);
    expect(disagreements.map(({ entry }) => entry.name).sort()).toEqual([...DELIBERATE].sort());
    expect((results.length - disagreements.length) / results.length).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
