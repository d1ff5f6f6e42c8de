import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundledProfile } from '../config/index.ts';
import { fixturePath } from '../../test/fixtures/fixture-path.ts';
import { checkPactsAgainstSpecs } from './check-spec.ts';

/*
 * Agreement with the peers: openapi-pact-comparator's own cases (spec, pact, and the verdict its results give),
 * translated into test/fixtures/peer-pacts/*.yaml, each run through checkPactsAgainstSpecs as `runwarden contract
 * check-spec` runs it. A verdict is "fail" when any finding is reported. Every case where runwarden answers otherwise
 * is a deliberate choice, listed here by name and explained in docs/DECISIONS.md ("Where check-spec parts with the
 * peers"); a new disagreement fails this test.
 */

type Verdict = 'pass' | 'fail';
interface PeerCase {
  category: string;
  name: string;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
  peerVerdict: Verdict;
  peerReason?: string;
  /** The peer's own test calls the feature unsupported (it passes what it does not check): reported, not counted. */
  peerUnsupported?: boolean;
}
interface PeerGroup { source: string; spec: unknown; cases: PeerCase[] }

/** The deliberate disagreements (docs/DECISIONS.md), by group and case name. */
const DELIBERATE = new Set([
  'query: an undocumented parameter with unicode text',
  'query: an undocumented parameter',
  'request-body: a JSON body for an operation that takes none',
  'security: a session cookie (written with a colon) on a cookie endpoint',
  'security: no cookie on a cookie endpoint',
  'response-headers: an undocumented custom response header',
]);

const DIR = fixturePath('peer-pacts');
const root = mkdtempSync(path.join(tmpdir(), 'runwarden-peer-agreement-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Outcome { group: string; category: string; name: string; peer: Verdict; ours: Verdict; findings: string[]; peerUnsupported: boolean }

/** Runs one group's cases as one pact against the group's spec, under a profile of the test's own. */
async function runGroup(file: string): Promise<Outcome[]> {
  const group = path.basename(file, '.yaml');
  const { spec, cases } = parse(readFileSync(file, 'utf8')) as PeerGroup;
  const specFile = path.join(root, `${group}.openapi.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  const pactFile = path.join(root, `${group}.pact.json`);
  writeFileSync(pactFile, JSON.stringify({
    consumer: { name: 'peer-consumer' }, provider: { name: 'peer' }, metadata: { pactSpecification: { version: '3.0.0' } },
    interactions: cases.map((entry) => ({ description: entry.name, request: entry.request, response: entry.response })),
  }));
  const profile = { ...bundledProfile('deck'), name: 'peer', spec: specFile };
  const report = await checkPactsAgainstSpecs({ pacts: pactFile, profiles: [profile] });
  return cases.map((entry, index) => {
    const check = report.checks.find((candidate) => candidate.pactLocation === `#/interactions/${index}`)!;
    const findings = check.findings.map((finding) => `${finding.code} ${finding.where} ${finding.part}${finding.pointer ? ` ${finding.pointer}` : ''}`);
    return { group, category: entry.category, name: entry.name, peer: entry.peerVerdict, ours: findings.length === 0 ? 'pass' : 'fail', findings, peerUnsupported: entry.peerUnsupported === true };
  });
}

/** `agreed/cases (pct%)`. */
const figure = (outcomes: readonly Outcome[]): string => {
  const agreed = outcomes.filter((outcome) => outcome.peer === outcome.ours).length;
  return `${agreed}/${outcomes.length} (${((100 * agreed) / outcomes.length).toFixed(1)}%)`;
};

describe('agreement with openapi-pact-comparator on its own cases', async () => {
  const all = (await Promise.all(readdirSync(DIR).filter((name) => name.endsWith('.yaml')).sort().map((name) => runGroup(path.join(DIR, name))))).flat();
  const outcomes = all.filter((outcome) => !outcome.peerUnsupported);
  const unsupported = all.filter((outcome) => outcome.peerUnsupported);
  const disagreements = outcomes.filter((outcome) => outcome.peer !== outcome.ours);

  it('translates at least 80 OpenAPI 3.x cases', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(80);
  });

  it('agrees on at least 95% of the verdicts, overall', () => {
    const categories = [...new Set(outcomes.map((outcome) => outcome.category))].sort();
    // The figures, for the report: overall and per category.
    console.log([
      `peer agreement: ${figure(outcomes)}`,
      ...categories.map((category) => `  ${category}: ${figure(outcomes.filter((outcome) => outcome.category === category))}`),
      ...disagreements.map((outcome) => `  ✗ ${outcome.group}: ${outcome.name} — peer ${outcome.peer}, runwarden ${outcome.ours}${outcome.findings.length > 0 ? ` (${outcome.findings.join('; ')})` : ''}`),
      `not counted (the peer calls the feature unsupported): ${unsupported.length}`,
      ...unsupported.map((outcome) => `  – ${outcome.group}: ${outcome.name} — runwarden ${outcome.ours}${outcome.findings.length > 0 ? ` (${outcome.findings.join('; ')})` : ''}`),
    ].join('\n'));
    expect(outcomes.length - disagreements.length).toBeGreaterThanOrEqual(Math.ceil(0.95 * outcomes.length));
  });

  it('checks what the peer leaves unsupported: each such case is a finding runwarden reports', () => {
    expect(unsupported.length).toBeGreaterThan(0);
    expect(unsupported.filter((outcome) => outcome.ours !== 'fail').map((outcome) => outcome.name)).toEqual([]);
  });

  it('disagrees only where docs/DECISIONS.md says why', () => {
    expect(disagreements.map((outcome) => `${outcome.group}: ${outcome.name}`).filter((key) => !DELIBERATE.has(key))).toEqual([]);
  });
});
