import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledProfile, presetNames } from '../config/index.ts';
import { fixturePath } from '../../test/fixtures/fixture-path.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { checkExamples } from './examples.ts';

const bundledSpecPath = (provider: string): string => bundledProfile(provider).spec;
const PROVIDERS = presetNames();

const bundled = PROVIDERS.filter((provider) => existsSync(bundledSpecPath(provider)));

describe('checkExamples', () => {
  it('reports media-type, parameter and schema-level examples that do not match their schema', async () => {
    const report = checkExamples(await loadSpec(fixturePath('specs/bad-example.yaml')));
    expect(report.findings).toEqual([
      expect.objectContaining({
        location: '#/paths/~1runs~1{id}/get/parameters/0/example', operationId: 'getRun', pointer: '',
        message: 'Received: "not-a-uuid"\nDocumented: a string in format uuid',
      }),
      expect.objectContaining({
        location: '#/paths/~1runs~1{id}/get/responses/200/content/application~1json/examples/bad', schemaLocation: '#/components/schemas/Run',
        pointer: '/status', message: 'Received: "done"\nDocumented: one of running, completed',
      }),
      expect.objectContaining({
        location: '#/components/schemas/Run/properties/runtime_ms/examples/1', message: 'Received: -1\nDocumented: >= 0',
      }),
    ]);
  });

  it('counts each example once, at its canonical location', async () => {
    const report = checkExamples(await loadSpec(fixturePath('specs/bad-example.yaml')));
    expect(report.checked).toBe(6);
  });

  it('reports undeclared example properties in strict mode only', async () => {
    const spec = await loadSpec(fixturePath('specs/bad-example.yaml'));
    const strict = checkExamples(spec, { strict: true }).findings.filter((finding) => finding.code === 'PROPERTY_UNDOCUMENTED');
    expect(strict).toEqual([expect.objectContaining({ location: '#/components/examples/Shared', pointer: '/surprise' })]);
  });

  it('accepts the examples of the 3.0 fixture, whose schemas need conversion', async () => {
    expect(checkExamples(await loadSpec(fixturePath('specs/legacy-3.0.yaml'))).findings).toEqual([]);
  });

  it.runIf(bundled.length > 0).each(bundled)('finds every example of the bundled %s spec valid against its own schema', async (provider) => {
    const report = checkExamples(await loadSpec(bundledSpecPath(provider)));
    expect(report.checked).toBeGreaterThan(0);
    expect(report.findings).toEqual([]);
  });
});
