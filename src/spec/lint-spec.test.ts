import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledProfile, presetNames } from '../config/index.ts';
import { fixturePath } from '../../test/fixtures/fixture-path.ts';
import { lintSpec } from './lint-spec.ts';

const bundledSpecPath = (provider: string): string => bundledProfile(provider).spec;
const PROVIDERS = presetNames();

const bundled = PROVIDERS.filter((provider) => existsSync(bundledSpecPath(provider)));

describe('lintSpec', () => {
  it('reports recommended-ruleset problems with rule, severity, message and location', async () => {
    const findings = await lintSpec(fixturePath('specs/lint-problems.yaml'));
    const summary = findings.find((finding) => finding.ruleId === 'operation-summary');
    expect(summary).toMatchObject({ severity: 'error', location: { pointer: '#/paths/~1runs/get/summary', line: 7, column: 5 } });
    expect(summary!.location.file).toContain('lint-problems.yaml');
    expect(findings.map((finding) => finding.ruleId)).toEqual(expect.arrayContaining(['no-empty-servers', 'security-defined', 'info-license']));
  });

  it('lists errors before warnings', async () => {
    const severities = (await lintSpec(fixturePath('specs/lint-problems.yaml'))).map((finding) => finding.severity);
    expect(severities).toEqual([...severities].sort((a, b) => (a === b ? 0 : a === 'error' ? -1 : 1)));
  });

  it('fails with FILE_NOT_FOUND for a missing spec and YAML_INVALID for broken YAML', async () => {
    await expect(lintSpec(fixturePath('specs/nope.yaml'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    await expect(lintSpec(fixturePath('specs/broken-yaml.yaml'))).rejects.toMatchObject({ code: 'YAML_INVALID' });
  });

  it('reports an unresolved $ref as a lint error', async () => {
    const findings = await lintSpec(fixturePath('specs/broken-ref.yaml'));
    expect(findings).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'no-unresolved-refs', severity: 'error', location: expect.objectContaining({ line: 14 }) })]));
  });

  it.runIf(bundled.length > 0).each(bundled)('finds no errors in the bundled %s spec with Redocly recommended', async (provider) => {
    const errors = (await lintSpec(bundledSpecPath(provider))).filter((finding) => finding.severity === 'error');
    expect(errors).toEqual([]);
  });
});
