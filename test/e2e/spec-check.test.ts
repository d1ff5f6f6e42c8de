import { describe, expect, it } from 'vitest';
import { hasStackTrace, runCli } from './run-cli.ts';

describe.concurrent('runwarden spec check', () => {
  it('exits 1 and lists lint errors and examples that do not match their schema', async () => {
    const result = await runCli(['spec', 'check', '--spec', 'test/fixtures/specs/bad-example.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^SPEC\s+KIND\s+LOCATION\s+MESSAGE/);
    expect(result.stdout).toContain('Received: "not-a-uuid"');
    expect(result.stdout).toMatch(/✗ test\/fixtures\/specs\/bad-example\.yaml \(OpenAPI 3\.1, 1 operation\): lint 0 errors, \d+ other findings; 6 examples checked, 3 not matching/);
  });

  it('fails on Redocly\'s style errors only with --lint-level error, and refuses an unknown level', async () => {
    const [strict, unknown] = await Promise.all([
      runCli(['spec', 'check', '--spec', 'test/fixtures/specs/tasks-3.1.yaml', '--lint-level', 'warn']),
      runCli(['spec', 'check', '--lint-level', 'pedantic']),
    ]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/✗ test\/fixtures\/specs\/tasks-3\.1\.yaml .*lint [1-9]\d* error/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--lint-level must be one of off, structural, error, warn');
  });

  it('lists an imperfect spec\'s flaws as located warnings and fails only on the operation that cannot compile', async () => {
    const result = await runCli(['spec', 'check', '--spec', 'test/fixtures/specs/imperfect.yaml', '--lint-level', 'off', '--json']);
    expect(result.code).toBe(1);
    const [check] = JSON.parse(result.stdout).specs;
    expect(check.uncompilable).toEqual([expect.objectContaining({ operationId: 'getRefund' })]);
    expect(check.warnings).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'OPERATION_ID_DUPLICATE', line: 24, column: 7 }),
      expect.objectContaining({ code: 'REQUIRED_DUPLICATE', location: '#/components/schemas/Charge/required', line: 51 }),
      expect.objectContaining({ code: 'REF_REMOTE', location: '#/components/schemas/Unused/$ref' }),
    ]));
    expect(result.stderr).toContain('imperfect.yaml: compiling 3 operations…');
  });

  it('fails on the flaws themselves with --strict-spec', async () => {
    const result = await runCli(['spec', 'check', '--spec', 'test/fixtures/specs/bom.json', '--spec', 'test/fixtures/specs/duplicate-ids.yaml', '--lint-level', 'off', '--strict-spec']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✓ test/fixtures/specs/bom.json');
    expect(result.stdout).toMatch(/spec error\s+test\/fixtures\/specs\/duplicate-ids\.yaml:12:7/);
    expect(result.stdout).toMatch(/✗ test\/fixtures\/specs\/duplicate-ids\.yaml .*\(1 failing: --strict-spec\)/);
  });

  it('converts a Swagger 2.0 document and says so', async () => {
    const result = await runCli(['spec', 'check', '--spec', 'test/fixtures/specs/swagger-2-pets.yaml', '--lint-level', 'off']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('SWAGGER_CONVERTED');
    expect(result.stdout).toMatch(/Swagger 2\.0, converted to OpenAPI 3\.0\.\d+ with swagger2openapi \d/);
    expect(result.stdout).toContain('✓ test/fixtures/specs/swagger-2-pets.yaml (OpenAPI 3.0, 1 operation)');
  });

  it('exits 0 for a spec with only lint warnings and valid examples', async () => {
    const result = await runCli(['spec', 'check', '--spec', 'test/fixtures/specs/tasks-3.1.yaml', '--json']);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.conform).toBe(true);
    expect(output.specs[0]).toMatchObject({ version: '3.1', operations: 6, examples: [] });
  });

  it('exits 2 when a spec cannot be parsed, still checking the others', async () => {
    const result = await runCli(['spec', 'check', '--spec', 'test/fixtures/specs/broken-yaml.yaml', '--spec', 'test/fixtures/specs/tasks-3.1.yaml']);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/✗ test\/fixtures\/specs\/broken-yaml\.yaml:\d+:\d+: invalid YAML/);
    expect(result.stdout).toContain('✓ test/fixtures/specs/tasks-3.1.yaml');
    expect(hasStackTrace(result.stdout + result.stderr)).toBe(false);
  });
});
