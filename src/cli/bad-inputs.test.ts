import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderJson } from '../report/json-report.ts';
import { buildRunSummary } from '../report/testing/fixtures.ts';
import { EXIT } from './exit-codes.ts';
import { runMain as run } from './testing/run-main.ts';

const DEPTH = 100_000;
const deepJson = (): string => '['.repeat(DEPTH) + ']'.repeat(DEPTH);

/** A "billion laughs" document: nine levels of nine aliases each. */
function aliasBomb(): string {
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  const names = 'abcdefghi';
  for (let level = 1; level < names.length; level++) {
    lines.push(`${names[level]}: &${names[level]} [${Array(9).fill(`*${names[level - 1]}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

let dir: string;
const at = (name: string): string => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runwarden-bad-inputs-'));
  await writeFile(at('deep.json'), deepJson());
  const har = { log: { entries: [{ request: { method: 'GET', url: 'http://x/v2/task-runs/run_1', headers: [] }, response: { status: 200, headers: [], content: { mimeType: 'application/json', text: deepJson() } } }] } };
  await writeFile(at('deep-body.har'), JSON.stringify(har));
  await writeFile(at('bomb.yaml'), aliasBomb());
  await writeFile(at('deep.yaml'), `a: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`);
  await writeFile(at('bad.json'), '{\n  "runId": "x",\n}\n');
  await writeFile(at('summary.json'), renderJson(buildRunSummary({ runId: 'fixture-run', requests: 10 })));
  await writeFile(at('a-file'), 'not a folder');
  await mkdir(at('a-folder'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every case: exit 2, what is wrong and where on stderr (or stdout, where a command lists results), never a stack or "internal error". */
function expectClear(result: { code: number; out: string; err: string }, says: RegExp): void {
  const text = `${result.out}${result.err}`;
  expect(result.code, text).toBe(EXIT.usage);
  expect(text).toMatch(says);
  expect(text).not.toMatch(/internal error/);
  expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

describe('depth and alias limits', () => {
  it('refuses a body file nested 100k deep, naming the file and the limit', async () => {
    expectClear(await run(['validate', '--provider', 'deck', '--operation', 'getTaskRun', '--status', '200', at('deep.json')]), /deep\.json: arrays and objects nest deeper than 1000 levels/);
  });

  it('refuses a HAR entry whose body nests 100k deep, naming the file and the entry', async () => {
    expectClear(await run(['validate', '--provider', 'deck', '--har', at('deep-body.har')]), /deep-body\.har \(log\.entries\[0\]\.response\.content\.text\): arrays and objects nest deeper than 1000 levels/);
  });

  it('refuses a YAML alias bomb as a spec, in validate and in spec check', async () => {
    expectClear(await run(['validate', '--spec', at('bomb.yaml'), '--operation', 'x', '--status', '200', at('summary.json')]), /bomb\.yaml: YAML aliases expand beyond 1000 nodes/);
    expectClear(await run(['spec', 'check', '--spec', at('bomb.yaml')]), /bomb\.yaml: YAML aliases expand beyond 1000 nodes/);
  });

  it('refuses YAML nested too deeply for the parser with the limit, not a stack overflow', async () => {
    expectClear(await run(['spec', 'check', '--spec', at('deep.yaml')]), /deep\.yaml: arrays and objects nest deeper than 1000 levels/);
  });
});

describe('output paths', () => {
  it('refuses report render --out <file> naming the file', async () => {
    expectClear(await run(['report', 'render', at('summary.json'), '--out', at('a-file')]), /cannot write reports to .*a-file.*: .*a-file is a file, not a folder/);
  });

  it('refuses an output folder under /proc within a bounded time instead of spinning', async () => {
    expectClear(await run(['report', 'render', at('summary.json'), '--out', '/proc/runwarden-test/reports']), /cannot write reports to \/proc\/runwarden-test\/reports/);
  });

  it('refuses contract verify --junit <folder> before verifying anything', async () => {
    const result = await run(['contract', 'verify', '--provider', 'deck', '--junit', at('a-folder')]);
    expectClear(result, /cannot write the JUnit report .*a-folder: it is a folder/);
    expect(result.out).toBe('');
  });
});

describe('bad files and hosts', () => {
  it('gives file:line:column for a simulator config that is not JSON', async () => {
    expectClear(await run(['serve', '--sim-config', at('bad.json')]), /bad\.json:3:1: invalid JSON/);
  });

  it('gives file:line:column for a summary.json that is not JSON, in report compare and render', async () => {
    expectClear(await run(['report', 'compare', at('bad.json'), at('summary.json')]), /bad\.json:3:1: invalid JSON/);
    expectClear(await run(['report', 'render', at('bad.json'), '--out', at('reports')]), /bad\.json:3:1: invalid JSON/);
  });

  it('says a folder given as a file is a folder', async () => {
    expectClear(await run(['serve', '--sim-config', at('a-folder')]), /cannot read simulator config .*a-folder: it is a directory/);
    expectClear(await run(['report', 'merge', at('a-folder')]), /cannot read shard result .*a-folder: it is a directory/);
  });

  it('says a missing file is missing', async () => {
    expectClear(await run(['serve', '--sim-config', at('nowhere.json')]), /simulator config not found: .*nowhere\.json/);
  });

  it('refuses a --host that is not an address of this machine before listening', async () => {
    expectClear(await run(['serve', '--port', '0', '--host', '192.0.2.1']), /--host 192\.0\.2\.1: not an address of this machine/);
  });

  it('refuses a --host that does not resolve, within the bound on the look-up', async () => {
    expectClear(await run(['serve', '--port', '0', '--host', 'no-such-host.invalid']), /--host no-such-host\.invalid: cannot resolve it/);
  }, 15_000);
});

describe('arguments without a flag', () => {
  it('refuses one a command does not take, instead of running as if it was not given', async () => {
    expectClear(await run(['ci', 'openapi.yaml']), /runwarden ci takes no arguments without a flag\nReceived: "openapi\.yaml"/);
    const init = await run(['init', 'their.yaml']);
    expect(init.code).toBe(EXIT.usage);
    expect(init.err).toContain('Did you mean --spec their.yaml?');
    expectClear(await run(['load', 'deck-create-poll', 'mixed-ramp']), /runwarden load takes at most 1 argument without a flag\nReceived: "mixed-ramp"/);
  });

  it('reads spec check\'s as specs, so the file named is the one checked', async () => {
    const file = join(dir, 'named.yaml');
    await writeFile(file, 'openapi: 3.1.0\ninfo: { title: Named, version: "1" }\npaths: {}\n');
    const checked = await run(['spec', 'check', file, '--lint-level', 'off', '--json']);
    expect(checked.code, checked.err).toBe(0);
    expect((JSON.parse(checked.out) as { specs: Array<{ spec: string }> }).specs.map((spec) => spec.spec)).toEqual([expect.stringContaining('named.yaml')]);
  });
});
