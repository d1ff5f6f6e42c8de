import { describe, expect, it } from 'vitest';
import { hasStackTrace, runCli } from './run-cli.ts';

describe.concurrent('runwarden spec check', () => {
  it('exits 1 and lists lint errors and examples that do not match their schema', async () => {
    const result = await runCli(['spec', 'check', '--spec', 'test/fixtures/specs/bad-example.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^SPEC\s+KIND\s+LOCATION\s+MESSAGE/);
    expect(result.stdout).toContain('Received: "not-a-uuid"');
    expect(result.stdout).toMatch(/✗ test\/fixtures\/specs\/bad-example\.yaml \(OpenAPI 3\.1, 1 operation\): lint 3 errors, \d+ warnings; 6 examples checked, 3 not matching/);
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
    expect(result.stdout).toMatch(/✗ test\/fixtures\/specs\/broken-yaml\.yaml: .*broken-yaml\.yaml:\d+:\d+: invalid YAML/);
    expect(result.stdout).toContain('✓ test/fixtures/specs/tasks-3.1.yaml');
    expect(hasStackTrace(result.stdout + result.stderr)).toBe(false);
  });
});
