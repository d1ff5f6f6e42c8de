import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { PREDICTIONS_SPEC } from '../../src/config/infer/specs.fixture.ts';
import { loadConfig } from '../../src/config/index.ts';
import { hasStackTrace, runCliIn } from './run-cli.ts';

/** `runwarden init` in an empty project that holds only a spec, as a user runs it. */
describe('runwarden init --spec', () => {
  let dir: string;
  let init: Awaited<ReturnType<typeof runCliIn>>;
  const config = () => path.join(dir, 'runwarden.config.yaml');
  const scenario = () => path.join(dir, 'load', 'predictions-create-poll.yaml');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'runwarden-init-'));
    writeFileSync(path.join(dir, 'openapi.yaml'), stringify(PREDICTIONS_SPEC));
    init = await runCliIn(dir, ['init', '--spec', 'openapi.yaml', '--name', 'predictions']);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 and prints what it inferred, how sure it is, and what to check, on stderr', () => {
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toBe('');
    expect(init.stderr).toContain('inferred provider "predictions" from openapi.yaml (1 run kind: prediction)');
    expect(init.stderr).toMatch(/^prediction poll\s+high\s+GET \/predictions\/\{prediction_id\} \(getPrediction\)/m);
    expect(init.stderr).toMatch(/^prediction transitions\s+low\s+a guess/m);
    expect(init.stderr).toMatch(/Check before you trust a green run:\n {2}- prediction transitions: /);
    expect(init.stderr).toContain('Next: `runwarden ci` runs it against the embedded simulator');
  });

  it('writes a config that loadConfig reads, listing the starter scenario it wrote beside it', () => {
    const loaded = loadConfig({ file: config() });
    const profile = loaded.providers.get('predictions');
    expect(profile.spec).toBe(path.join(dir, 'openapi.yaml'));
    expect(profile.auth).toEqual({ type: 'bearer', tokenEnv: 'PREDICTIONS_TOKEN' });
    expect(profile.runs[0]).toMatchObject({ name: 'prediction', success: ['succeeded'], failure: ['failed', 'canceled'], cancelPath: ['canceled'] });
    expect(loaded.scenarios).toEqual([scenario()]);
    expect(readFileSync(scenario(), 'utf8')).toMatch(/^provider: predictions\nrun: prediction\n/m);
  });

  it('passes contract check-spec on the written config (no pacts yet: skipped with a note)', async () => {
    const result = await runCliIn(dir, ['contract', 'check-spec', '--config', 'runwarden.config.yaml']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(hasStackTrace(result.stdout + result.stderr)).toBe(false);
  });

  it('lets `runwarden ci` right after init exercise the API on the simulator, through the starter scenario', async () => {
    const result = await runCliIn(dir, ['ci', '--duration', '1s']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(dir, 'reports', 'latest', 'summary.json'), 'utf8')) as { load: Array<{ scenario: string; runs: { created: number; lost: number } }> };
    expect(summary.load.map((run) => run.scenario)).toEqual(['predictions-create-poll']);
    expect(summary.load[0]!.runs.created).toBeGreaterThan(0);
    expect(summary.load[0]!.runs.lost).toBe(0);
  }, 120_000);

  it('refuses to overwrite the files without --force (exit 2, nothing written), and overwrites with it', async () => {
    writeFileSync(config(), '# edited by hand\n');
    const refused = await runCliIn(dir, ['init', '--spec', 'openapi.yaml', '--name', 'predictions']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/runwarden\.config\.yaml and load\/predictions-create-poll\.yaml already exist: nothing was written/);
    expect(refused.stderr).toMatch(/Hint: Pass --force/);
    expect(readFileSync(config(), 'utf8')).toBe('# edited by hand\n');
    const forced = await runCliIn(dir, ['init', '--spec', 'openapi.yaml', '--name', 'predictions', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(config(), 'utf8')).toMatch(/operationId: createPrediction/);
  });

  it('writes --base-url and --token-env into the profile, and --out elsewhere, naming the provider from the spec\'s title', async () => {
    const result = await runCliIn(dir, ['init', '--spec', 'openapi.yaml', '--out', 'staging/runwarden.config.yaml', '--base-url', 'https://api.predictions.test/v1/', '--token-env', 'PRED_KEY']);
    expect(result.code, result.stderr).toBe(0);
    const profile = loadConfig({ file: path.join(dir, 'staging', 'runwarden.config.yaml') }).providers.get('predictions');
    expect(profile.baseUrl).toBe('https://api.predictions.test/v1');
    expect(profile.auth).toEqual({ type: 'bearer', tokenEnv: 'PRED_KEY' });
    expect(existsSync(path.join(dir, 'staging', 'load', 'predictions-create-poll.yaml'))).toBe(true);
    expect(result.stderr).toMatch(/export PRED_KEY=<token>, then `runwarden ci --config staging\/runwarden\.config\.yaml --allow-remote`/);
  });

  it('exits 2 naming what is missing when the spec has no create/poll pair, and writes nothing', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'runwarden-init-'));
    try {
      writeFileSync(path.join(other, 'users.yaml'), stringify({
        openapi: '3.1.0', info: { title: 'Users', version: '1' },
        paths: { '/users/{id}': { get: { operationId: 'getUser', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'ok' } } } } },
      }));
      const result = await runCliIn(other, ['init', '--spec', 'users.yaml']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/cannot infer a task-run profile from users\.yaml: no create operation/);
      expect(result.stderr).toMatch(/Hint: Write the profile by hand .*docs\/config\.md/);
      expect(hasStackTrace(result.stderr)).toBe(false);
      expect(existsSync(path.join(other, 'runwarden.config.yaml'))).toBe(false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('rejects a --base-url that is not an http(s) URL with a usage error', async () => {
    const result = await runCliIn(dir, ['init', '--spec', 'openapi.yaml', '--base-url', 'api.example.com', '--force']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--base-url must be an absolute http\(s\) URL\nReceived: api\.example\.com/);
  });
});
