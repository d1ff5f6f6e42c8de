import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Packing builds dist/ (prepare) and installing fetches what the npm cache lacks: generous, but bounded. */
const SETUP_TIMEOUT_MS = 300_000;

/** What a user's harness does first, with plain node and no tsx: config, spec, a body, a lifecycle. */
const HARNESS = `
import * as api from 'runwarden';
import { loadConfig, loadSpec, createValidator, checkLifecycle } from 'runwarden';

const config = loadConfig();
const deck = config.providers.get('deck');
const runKind = deck.runs[0];
const spec = await loadSpec(deck.spec);
const validator = createValidator(spec);
const poll = spec.operations.find((operation) => operation.operationId === runKind.poll.operationId);
const examples = Object.fromEntries(Object.values(poll.responses['200'].content)[0].examples.map((example) => [example.name, example.value]));
const walk = ['queued', 'running', 'completedSuccess'].map((name) => examples[name]);
let unknown;
try { config.providers.get('dekc'); } catch (error) { unknown = { code: error.code, message: error.message.split('\\n')[0] }; }

console.log(JSON.stringify({
  exports: ['loadConfig', 'loadSpec', 'createValidator', 'runLoad', 'defineScenario', 'pollUntilTerminal', 'createRunClient',
    'startSimulator', 'verifyPacts', 'checkPactsAgainstSpecs', 'checkLifecycle', 'writeReports'].filter((name) => typeof api[name] !== 'function'),
  isDefault: config.isDefault,
  providers: config.providers.names,
  specInPackage: deck.spec.includes('node_modules/runwarden/specs/'),
  title: spec.title,
  conforming: walk.flatMap((body) => validator.validateResponse(poll.operationId, { status: 200, body })).length,
  broken: validator.validateResponse(poll.operationId, { status: 200, body: { ...examples.running, status: 'exploded' } }).map((violation) => violation.code),
  legalWalk: checkLifecycle(runKind.lifecycle, poll.operationId, walk.map((body, index) => ({ body, observedAt: index }))).length,
  backwards: checkLifecycle(runKind.lifecycle, poll.operationId, [...walk, examples.running].map((body, index) => ({ body, observedAt: index }))).map((violation) => violation.code),
  unknown,
}));
`;

/** The parts that start servers and child processes, from dist/: the simulator, a run, the Pact verifier. */
const SIMULATED = `
import { loadConfig, startSimulator, createRunClient, verifyPacts, DEFAULT_TOKEN } from 'runwarden';

const config = loadConfig();
const deck = config.providers.get('deck');
const sim = await startSimulator({ port: 0, adminToken: 'admin-token-for-the-package-test' });
try {
  const client = createRunClient({ profile: deck, baseUrl: sim.urls.deck, token: DEFAULT_TOKEN });
  const created = await client.create();
  const polled = await client.pollUntilTerminal(created.runId, { intervalMs: 20, deadlineMs: 30_000 });
  const states = { deck: { url: sim.admin.providerStates.deck, headers: { authorization: 'Bearer admin-token-for-the-package-test' }, teardown: true } };
  const verified = await verifyPacts({ pacts: config.pacts, profiles: [deck], configured: config.providers, baseUrls: sim.urls, tokens: { deck: DEFAULT_TOKEN }, states });
  console.log(JSON.stringify({
    created: created.status, terminal: deck.runs[0].lifecycle.terminal.includes(polled.status), violations: polled.violations.length,
    interactions: verified.results.length, failed: verified.results.filter((result) => !result.ok).length,
  }));
} finally {
  await sim.close();
}
`;

/** A TypeScript user's file: the published .d.ts must type it, and reject a wrong option. */
const CONSUMER = `
import { createRunClient, loadConfig, type PollResult, type ProviderProfile } from 'runwarden';

const profile: ProviderProfile = loadConfig().providers.get('deck');
const client = createRunClient<{ status: string }>({ profile, baseUrl: 'http://127.0.0.1:4010/v2' });
export const polled: (runId: string) => Promise<PollResult<{ status: string }>> = (runId) => client.pollUntilTerminal(runId);
// @ts-expect-error a run kind is named by a string
createRunClient({ profile, runKind: 1 });
`;

describe('the npm package', () => {
  let dir: string;
  let scratch: string;
  let files: string[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'runwarden-package-'));
    // `npm pack` runs prepare, which builds dist/ exactly as `npm publish` would.
    const packed = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, timeout: SETUP_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
    const [entry] = JSON.parse(packed.stdout.slice(packed.stdout.search(/^\[/m))) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = entry!.files.map((file) => file.path);
    scratch = path.join(dir, 'harness');
    mkdirSync(scratch);
    writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'my-harness', private: true, type: 'module' }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', path.join(dir, entry!.filename)], { cwd: scratch, timeout: SETUP_TIMEOUT_MS });
  }, SETUP_TIMEOUT_MS * 2);

  // The scratch install is a full node_modules: removing it takes a while on a busy runner.
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  }, SETUP_TIMEOUT_MS);

  it('holds the compiled API, its types and every file the code reads at run time, and no tests', () => {
    expect(files).toEqual(expect.arrayContaining([
      'dist/index.js', 'dist/index.d.ts', 'dist/contract/verifier-child.js', 'dist/report/assets/report.js', 'dist/report/assets/report.css',
      'docs/config.schema.json', 'runwarden.config.yaml', 'specs/deck.profile.yaml', 'specs/deck.openapi.yaml',
      'contracts/pacts/runwarden-deck.json', 'bin/runwarden.js', 'src/cli/main.ts',
    ]));
    expect(files.filter((file) => /\.test\.[jt]s$|\.fixture\.ts$/.test(file))).toEqual([]);
  });

  it('runs a harness with plain node: bundled config, a spec, a body and a lifecycle', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', HARNESS], { cwd: scratch, timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual({
      exports: [],
      isDefault: true,
      providers: ['rightbrain', 'deck', 'refactor'],
      specInPackage: true,
      title: expect.stringContaining('Deck'),
      conforming: 0,
      broken: expect.arrayContaining(['SCHEMA_MISMATCH']),
      legalWalk: 0,
      backwards: ['TERMINAL_CHANGED'],
      unknown: { code: 'PROVIDER_UNKNOWN', message: 'unknown provider "dekc" (did you mean deck?)' },
    });
  }, 60_000);

  it('starts the simulator, drives a run to its end and verifies a pact with plain node', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', SIMULATED], { cwd: scratch, timeout: 120_000 });
    const outcome = JSON.parse(stdout) as { interactions: number };
    expect(outcome).toEqual({ created: 201, terminal: true, violations: 0, interactions: expect.any(Number), failed: 0 });
    expect(outcome.interactions).toBeGreaterThan(0);
  }, 120_000);

  it('types a TypeScript user\'s harness through the exports map', async () => {
    writeFileSync(path.join(scratch, 'harness.ts'), CONSUMER);
    writeFileSync(path.join(scratch, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true,
        // The user's own @types/node; runwarden's .d.ts are checked too (no skipLibCheck).
        typeRoots: [path.join(ROOT, 'node_modules/@types')], types: ['node'],
      },
      files: ['harness.ts'],
    }));
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', scratch], { cwd: scratch, timeout: 60_000 }).catch((error: { stdout: string }) => error);
    expect(result.stdout).toBe('');
  }, 60_000);
});
