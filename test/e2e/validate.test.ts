import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledProfile } from '../../src/config/index.ts';
import { hasStackTrace, runCli } from './run-cli.ts';

const bundledSpecPath = (provider: string): string => bundledProfile(provider).spec;

const TASKS = 'test/fixtures/specs/tasks-3.1.yaml';
const hasDeck = existsSync(bundledSpecPath('deck'));

describe.concurrent('runwarden validate (body)', () => {
  it.runIf(hasDeck)('exits 0 and says so when the body conforms', async () => {
    const result = await runCli(['validate', '--spec', 'specs/deck.openapi.yaml', '--operation', 'getTaskRun', '--status', '200', 'test/fixtures/bodies/deck-completed-run.json']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('✓ test/fixtures/bodies/deck-completed-run.json (getTaskRun 200) conforms');
  });

  it.runIf(hasDeck)('exits 1 with a findings table and a summary line when it does not', async () => {
    const result = await runCli(['validate', '--spec', 'deck', '--operation', 'getTaskRun', '--status', '200', 'test/fixtures/bodies/deck-bad-run.json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^OPERATION\s+WHERE\s+POINTER\s+MESSAGE/);
    expect(result.stdout).toContain('Received: "done"');
    expect(result.stdout).toContain('/created_at');
    expect(result.stdout).toMatch(/✗ 2 findings in .*deck-bad-run\.json \(getTaskRun 200\)/);
  });

  it('prints machine-readable findings with --json', async () => {
    const result = await runCli(['validate', '--spec', TASKS, '--operation', 'getLatestTaskRun', '--status', '200', '--json', 'test/fixtures/bodies/tasks-run-with-extra.json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ operationId: 'getLatestTaskRun', status: 200, conform: true, findings: [] });
  });

  it('reports undeclared properties with --strict', async () => {
    const result = await runCli(['validate', '--spec', TASKS, '--operation', 'getLatestTaskRun', '--status', '200', '--strict', '--json', 'test/fixtures/bodies/tasks-run-with-extra.json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).findings).toEqual([expect.objectContaining({ code: 'PROPERTY_UNDOCUMENTED', pointer: '/colour' })]);
  });

  it('reports an undocumented status', async () => {
    const result = await runCli(['validate', '--spec', TASKS, '--operation', 'getTaskRun', '--status', '503', 'test/fixtures/bodies/tasks-run-with-extra.json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Received: 503');
    expect(result.stdout).toContain('Documented: 200, 404');
  });

  it('exits 2 for an unknown operation, suggesting the nearest operationIds, without a stack trace', async () => {
    const result = await runCli(['validate', '--spec', TASKS, '--operation', 'getTaskRn', '--status', '200', 'test/fixtures/bodies/tasks-run-with-extra.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown operation "getTaskRn"');
    expect(result.stderr).toContain('Did you mean getTaskRun');
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('exits 2 for a body file that is not JSON, naming line and column', async () => {
    const result = await runCli(['validate', '--spec', TASKS, '--operation', 'getTaskRun', '--status', '200', 'test/fixtures/bodies/invalid.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/invalid\.json:4:1: invalid JSON: unexpected character "}", expected a value/);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('exits 2 for a missing body file', async () => {
    const result = await runCli(['validate', '--spec', TASKS, '--operation', 'getTaskRun', '--status', '200', 'test/fixtures/bodies/nope.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('body file not found: test/fixtures/bodies/nope.json');
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('exits 2 for a spec with broken YAML, naming line and column', async () => {
    const result = await runCli(['validate', '--spec', 'test/fixtures/specs/broken-yaml.yaml', '--operation', 'x', '--status', '200', 'test/fixtures/bodies/invalid.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken-yaml\.yaml:\d+:\d+: invalid YAML/);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('exits 2 for a missing spec, a broken $ref and missing or bad options', async () => {
    const results = await Promise.all([
      runCli(['validate', '--spec', 'specs/nope.yaml', '--operation', 'x', '--status', '200', 'body.json']),
      runCli(['validate', '--spec', 'test/fixtures/specs/broken-ref.yaml', '--operation', 'get /runs', '--status', '200', 'test/fixtures/specs/bodies/pet.json']),
      runCli(['validate', '--spec', TASKS]),
      runCli(['validate', '--spec', TASKS, '--operation', 'getTaskRun', '--status', '99', 'test/fixtures/bodies/tasks-run-with-extra.json']),
      runCli(['validate', '--operation', 'getTaskRun']),
    ]);
    expect(results.map((result) => result.code)).toEqual([2, 2, 2, 2, 2]);
    expect(results[0]!.stderr).toContain('spec not found');
    expect(results[1]!.stderr).toContain('$ref "#/components/schemas/Nope"');
    expect(results[2]!.stderr).toContain('nothing to validate');
    expect(results[3]!.stderr).toContain('--status must be an integer from 100 to 599');
    expect(results[4]!.stderr).toContain('--spec (or --provider) is required');
    for (const result of results) expect(hasStackTrace(result.stderr)).toBe(false);
  });
});

describe.concurrent('runwarden validate against real-world specs', () => {
  const IMPERFECT = 'test/fixtures/specs/imperfect.yaml';

  it('validates against an imperfect spec, warning on stderr about the flaws met', async () => {
    const result = await runCli(['validate', '--spec', IMPERFECT, '--operation', 'getCharge', '--status', '200', 'test/fixtures/specs/bodies/charge.json']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ test/fixtures/specs/bodies/charge.json (getCharge 200) conforms');
    expect(result.stderr).toMatch(/warning: test\/fixtures\/specs\/imperfect\.yaml:51:7: REQUIRED_DUPLICATE/);
    expect(result.stderr).not.toContain('SCHEMA_UNCOMPILABLE');
  });

  it('refuses the spec on its flaws with --strict-spec, and on the one operation that cannot compile', async () => {
    const [strict, broken] = await Promise.all([
      runCli(['validate', '--spec', IMPERFECT, '--strict-spec', '--operation', 'getCharge', '--status', '200', 'test/fixtures/specs/bodies/charge.json']),
      runCli(['validate', '--spec', IMPERFECT, '--operation', 'getRefund', '--status', '200', 'test/fixtures/specs/bodies/charge.json']),
    ]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/imperfect\.yaml has \d+ flaws \(--strict-spec\)/);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('getRefund response 200 application/json: the schema at');
    for (const result of [strict, broken]) expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('validates against a Swagger 2.0 document, converted on load', async () => {
    const result = await runCli(['validate', '--spec', 'test/fixtures/specs/swagger-2-pets.yaml', '--operation', 'getPet', '--status', '200', '--json', 'test/fixtures/specs/bodies/pet.json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).specWarnings).toEqual([expect.objectContaining({ code: 'SWAGGER_CONVERTED' })]);
  });
});

describe.concurrent('runwarden validate --har', () => {
  it.runIf(hasDeck)('exits 1 and lists the findings of the non-conforming Deck exchange', async () => {
    const result = await runCli(['validate', '--spec', 'deck', '--har', 'test/fixtures/har/deck.har']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ENTRY\s+OPERATION\s+WHERE\s+POINTER\s+MESSAGE/);
    expect(result.stdout).toContain('#2 GET /v2/task-runs/trun_8Lq5Tb3Wz7Hm2Fc9 → 200');
    // Two schema findings, and the lifecycle finding of the run whose status is not one of Deck's.
    expect(result.stdout).toMatch(/✗ 3 findings in 1 of 4 entries .*\(1 skipped: outside the API's base path \/v2\)/);
  });

  it.runIf(hasDeck)('prints every entry with --json', async () => {
    const result = await runCli(['validate', '--spec', 'deck', '--har', 'test/fixtures/har/deck.har', '--json']);
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output.summary).toEqual({ entries: 4, checked: 3, skipped: 1, withFindings: 1, findings: 3 });
    expect(output.entries.map((entry: { operationId?: string }) => entry.operationId)).toEqual(['runTask', 'getTaskRun', 'getTaskRun', undefined]);
  });

  it('exits 1 when no entry of the HAR was checked, saying so instead of "all conform"', async () => {
    const result = await runCli(['validate', '--spec', TASKS, '--har', 'test/fixtures/har/other-api.har']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ none of the 2 entries in test/fixtures/har/other-api.har was checked');
    expect(result.stdout).toContain("(2 skipped: outside the API's base path /v2)");
    expect(result.stdout).not.toContain('all conform');
  });

  it('exits 2 for a file that is not a HAR, naming what is missing', async () => {
    const result = await runCli(['validate', '--spec', TASKS, '--har', 'test/fixtures/har/not-a-har.har']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a HAR 1.2 file: missing log');
    expect(hasStackTrace(result.stderr)).toBe(false);
  });
});
