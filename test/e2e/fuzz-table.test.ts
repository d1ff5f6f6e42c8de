import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../src/cli/testing/run-main.ts';
import { renderJson } from '../../src/report/json-report.ts';
import { buildRunSummary } from '../../src/report/testing/fixtures.ts';
import { DEFAULT_TOKEN, startSimulator, type Simulator } from '../../src/sim/index.ts';
import { hasStackTrace } from './run-cli.ts';

/**
 * Runs bad input against every surface — each CLI command's file arguments and flags (in-process, through main()),
 * and the simulator's HTTP surface (raw sockets) — and renders what happened as docs/reliability.md. The file is
 * a snapshot: this test fails when the doc and the code disagree. Regenerate it with
 * `npx vitest run test/e2e/fuzz-table.test.ts -u`.
 */

const DOC = fileURLToPath(new URL('../../docs/reliability.md', import.meta.url));
const DEPTH = 100_000;
const WRONG_TOKEN_VARIABLE = 'RUNWARDEN_FUZZ_WRONG_TOKEN';
const WRONG_TOKEN = 'fuzz-table-wrong-token';

let dir: string;
let simulator: Simulator;
const at = (name: string): string => join(dir, name);

/** A "billion laughs" document: nine levels of nine aliases each. */
function aliasBomb(): string {
  const names = 'abcdefghi';
  const lines = [`a: &a [${Array(9).fill('"lol"').join(', ')}]`];
  for (let level = 1; level < names.length; level++) lines.push(`${names[level]}: &${names[level]} [${Array(9).fill(`*${names[level - 1]}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

async function writeFixtures(): Promise<void> {
  const deep = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
  const entry = (text: string) => ({ request: { method: 'GET', url: 'http://x/v2/task-runs/run_1', headers: [] }, response: { status: 200, headers: [], content: { mimeType: 'application/json', text } } });
  await writeFile(at('deep.json'), deep);
  await writeFile(at('deep-body.har'), JSON.stringify({ log: { entries: [entry(deep)] } }));
  await writeFile(at('bomb.yaml'), aliasBomb());
  await writeFile(at('deep.yaml'), `a: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`);
  await writeFile(at('bad.json'), '{\n  "name": "x",\n}\n');
  await writeFile(at('bad.yaml'), 'openapi: 3.1.0\ninfo: [unclosed\n');
  await writeFile(at('empty.json'), '{}\n');
  await writeFile(at('summary.json'), renderJson(buildRunSummary({ runId: 'fuzz-run', requests: 10 })));
  await writeFile(at('a-file'), 'not a folder\n');
  await mkdir(at('a-folder'));
}

interface CliCase {
  surface: string;
  input: string;
  argv: () => string[];
}

const deckBody = (): string[] => ['--provider', 'deck', '--operation', 'getTaskRun', '--status', '200'];

/** Bad input on every command's files and flags. Every case must end before any server listens or traffic flows. */
const CLI_CASES: CliCase[] = [
  { surface: 'runwarden', input: 'an unknown command', argv: () => ['frobnicate'] },
  { surface: 'runwarden', input: 'an unknown flag', argv: () => ['validate', '--frobnicate'] },
  { surface: 'ci', input: '--config: a missing file', argv: () => ['ci', '--config', at('nowhere.yaml')] },
  { surface: 'ci', input: '--config: a folder', argv: () => ['ci', '--config', at('a-folder')] },
  { surface: 'ci', input: '--config: a YAML alias bomb', argv: () => ['ci', '--config', at('bomb.yaml')] },
  { surface: 'ci', input: '--config: invalid YAML', argv: () => ['ci', '--config', at('bad.yaml')] },
  { surface: 'ci', input: '--thresholds: invalid JSON', argv: () => ['ci', '--thresholds', at('bad.json'), '--out', at('ci-out')] },
  { surface: 'ci', input: '--out: a file', argv: () => ['ci', '--out', at('a-file')] },
  { surface: 'ci', input: '--out: a folder under /proc', argv: () => ['ci', '--out', '/proc/runwarden-fuzz/reports'] },
  { surface: 'ci', input: '--duration 1000h', argv: () => ['ci', '--duration', '1000h', '--out', at('ci-out')] },
  { surface: 'ci', input: '--scenarios ""', argv: () => ['ci', '--scenarios', '', '--out', at('ci-out')] },
  { surface: 'init', input: '--spec: a missing file', argv: () => ['init', '--spec', at('nowhere.yaml'), '--out', at('init/runwarden.config.yaml')] },
  { surface: 'init', input: '--spec: a YAML alias bomb', argv: () => ['init', '--spec', at('bomb.yaml'), '--out', at('init/runwarden.config.yaml')] },
  { surface: 'init', input: '--out: a folder', argv: () => ['init', '--spec', 'specs/deck.openapi.yaml', '--out', at('a-folder'), '--force'] },
  { surface: 'init', input: '--out: a file under /proc', argv: () => ['init', '--spec', 'specs/deck.openapi.yaml', '--out', '/proc/runwarden-fuzz/runwarden.config.yaml', '--force'] },
  { surface: 'validate', input: 'body file: missing', argv: () => ['validate', ...deckBody(), at('nowhere.json')] },
  { surface: 'validate', input: 'body file: a folder', argv: () => ['validate', ...deckBody(), at('a-folder')] },
  { surface: 'validate', input: 'body file: invalid JSON', argv: () => ['validate', ...deckBody(), at('bad.json')] },
  { surface: 'validate', input: 'body file: nested 100k deep', argv: () => ['validate', ...deckBody(), at('deep.json')] },
  { surface: 'validate', input: '--status 0x10', argv: () => ['validate', '--provider', 'deck', '--operation', 'getTaskRun', '--status', '0x10', at('empty.json')] },
  { surface: 'validate', input: '--operation: unknown', argv: () => ['validate', '--provider', 'deck', '--operation', 'getTaskRn', '--status', '200', at('empty.json')] },
  { surface: 'validate', input: '--spec: a YAML alias bomb', argv: () => ['validate', '--spec', at('bomb.yaml'), '--operation', 'x', '--status', '200', at('empty.json')] },
  { surface: 'validate', input: '--spec: YAML nested 100k deep', argv: () => ['validate', '--spec', at('deep.yaml'), '--operation', 'x', '--status', '200', at('empty.json')] },
  { surface: 'validate', input: '--spec: invalid YAML', argv: () => ['validate', '--spec', at('bad.yaml'), '--operation', 'x', '--status', '200', at('empty.json')] },
  { surface: 'validate --har', input: 'missing', argv: () => ['validate', '--provider', 'deck', '--har', at('nowhere.har')] },
  { surface: 'validate --har', input: 'invalid JSON', argv: () => ['validate', '--provider', 'deck', '--har', at('bad.json')] },
  { surface: 'validate --har', input: 'JSON that is not a HAR', argv: () => ['validate', '--provider', 'deck', '--har', at('empty.json')] },
  { surface: 'validate --har', input: 'a HAR nested 100k deep', argv: () => ['validate', '--provider', 'deck', '--har', at('deep.json')] },
  { surface: 'validate --har', input: 'an entry body nested 100k deep', argv: () => ['validate', '--provider', 'deck', '--har', at('deep-body.har')] },
  { surface: 'spec check', input: '--spec: missing', argv: () => ['spec', 'check', '--spec', at('nowhere.yaml')] },
  { surface: 'spec check', input: '--spec: a folder', argv: () => ['spec', 'check', '--spec', at('a-folder')] },
  { surface: 'spec check', input: '--spec: a YAML alias bomb', argv: () => ['spec', 'check', '--spec', at('bomb.yaml')] },
  { surface: 'spec check', input: '--spec: YAML nested 100k deep', argv: () => ['spec', 'check', '--spec', at('deep.yaml')] },
  { surface: 'spec check', input: '--spec: JSON nested 100k deep', argv: () => ['spec', 'check', '--spec', at('deep.json')] },
  { surface: 'spec check', input: '--lint-level loud', argv: () => ['spec', 'check', '--lint-level', 'loud'] },
  { surface: 'spec diff', input: 'base: missing', argv: () => ['spec', 'diff', at('nowhere.yaml'), 'specs/deck.openapi.yaml'] },
  { surface: 'spec diff', input: 'revision: a YAML alias bomb', argv: () => ['spec', 'diff', 'specs/deck.openapi.yaml', at('bomb.yaml')] },
  { surface: 'serve', input: '--sim-config: missing', argv: () => ['serve', '--port', '0', '--sim-config', at('nowhere.json')] },
  { surface: 'serve', input: '--sim-config: a folder', argv: () => ['serve', '--port', '0', '--sim-config', at('a-folder')] },
  { surface: 'serve', input: '--sim-config: invalid JSON', argv: () => ['serve', '--port', '0', '--sim-config', at('bad.json')] },
  { surface: 'serve', input: '--config: a YAML alias bomb', argv: () => ['serve', '--port', '0', '--config', at('bomb.yaml')] },
  { surface: 'serve', input: '--host: not an address of this machine', argv: () => ['serve', '--port', '0', '--host', '192.0.2.1'] },
  { surface: 'serve', input: '--port 70000', argv: () => ['serve', '--port', '70000'] },
  { surface: 'serve', input: '--admin-token ""', argv: () => ['serve', '--port', '0', '--admin-token', ''] },
  { surface: 'contract verify', input: '--pacts: missing', argv: () => ['contract', 'verify', '--pacts', at('nowhere')] },
  { surface: 'contract verify', input: '--pacts: invalid JSON', argv: () => ['contract', 'verify', '--pacts', at('bad.json')] },
  { surface: 'contract verify', input: '--junit: a folder', argv: () => ['contract', 'verify', '--provider', 'deck', '--junit', at('a-folder')] },
  { surface: 'contract verify', input: '--base-url: not a URL', argv: () => ['contract', 'verify', '--provider', 'deck', '--base-url', 'not a url'] },
  { surface: 'contract verify', input: 'a token the target refuses', argv: () => ['contract', 'verify', '--provider', 'deck', '--base-url', simulator.urls.deck!, '--token-env', WRONG_TOKEN_VARIABLE] },
  { surface: 'contract check-spec', input: '--pacts: invalid JSON', argv: () => ['contract', 'check-spec', '--pacts', at('bad.json')] },
  { surface: 'contract coverage', input: '--pacts: missing', argv: () => ['contract', 'coverage', '--pacts', at('nowhere')] },
  { surface: 'load', input: 'an unknown scenario', argv: () => ['load', 'deck-create-pol'] },
  { surface: 'load', input: 'scenario file: a YAML alias bomb', argv: () => ['load', at('bomb.yaml')] },
  { surface: 'load', input: '--base-url: a remote address', argv: () => ['load', 'deck-create-poll', '--base-url', 'http://10.0.0.1:4010/v2', '--out', at('load-out')] },
  { surface: 'load', input: '--out: a file', argv: () => ['load', 'deck-create-poll', '--out', at('a-file')] },
  { surface: 'load', input: '--out: a folder under /proc', argv: () => ['load', 'deck-create-poll', '--out', '/proc/runwarden-fuzz/load'] },
  { surface: 'load', input: '--sim-config: invalid JSON', argv: () => ['load', 'deck-create-poll', '--sim-config', at('bad.json'), '--out', at('load-out')] },
  { surface: 'load', input: '--rate 0x10', argv: () => ['load', 'deck-create-poll', '--rate', '0x10', '--out', at('load-out')] },
  { surface: 'report compare', input: 'a summary that is invalid JSON', argv: () => ['report', 'compare', at('bad.json'), at('summary.json')] },
  { surface: 'report compare', input: 'a folder without summary.json', argv: () => ['report', 'compare', at('a-folder'), at('summary.json')] },
  { surface: 'report compare', input: 'JSON that is not a summary', argv: () => ['report', 'compare', at('empty.json'), at('summary.json')] },
  { surface: 'report merge', input: 'a shard that is invalid JSON', argv: () => ['report', 'merge', at('bad.json')] },
  { surface: 'report merge', input: 'a shard that is a folder', argv: () => ['report', 'merge', at('a-folder')] },
  { surface: 'report merge', input: 'a summary instead of a shard', argv: () => ['report', 'merge', at('summary.json')] },
  { surface: 'report render', input: 'a summary that is invalid JSON', argv: () => ['report', 'render', at('bad.json'), '--out', at('reports')] },
  { surface: 'report render', input: '--out: a file', argv: () => ['report', 'render', at('summary.json'), '--out', at('a-file')] },
  { surface: 'report render', input: '--out: a folder under /proc', argv: () => ['report', 'render', at('summary.json'), '--out', '/proc/runwarden-fuzz/reports'] },
];

/** The kinds of answer, first match wins; a bug class (internal error, stack) fails the test. */
const CLASSES: Array<[string, RegExp]> = [
  ['BUG: internal error', /internal error/],
  ['token refused', /refused the token/],
  ['limit exceeded', /nest deeper than|aliases expand beyond/],
  ['syntax error at file:line:column', /:\d+:\d+: invalid (JSON|YAML)/],
  ['not found', /not found|No such file|No summary\.json/],
  ['folder where a file belongs, or the reverse', /is a directory|it is a folder|is a file, not a folder/],
  ['output not writable', /cannot write|cannot refresh/],
  ['remote target refused', /refusing to send load/],
  ['host unusable', /cannot resolve|not an address of this machine/],
  ['usage', /Unknown option|Unexpected argument|is required/],
  ['not the expected document', /is not a (HAR|runwarden|load result|valid)/],
  ['value not accepted (the accepted range shown)', /must be|out of range|is empty|names no|is not an http/],
  ['unknown name (with suggestions)', /unknown|did you mean/i],
];

interface Outcome {
  exit: number;
  kind: string;
  message: string;
  hint: boolean;
  bug: boolean;
}

/** Makes a message stable across runs and machines: temporary paths, ports and durations replaced. */
function stable(text: string): string {
  return text
    .split(dir).join('<tmp>')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
    .replace(/\(\d+(\.\d+)? m?s\)/g, '(<time>)')
    .replace(/\|/g, '\\|');
}

function outcomeOf(code: number, out: string, err: string): Outcome {
  const text = `${err}\n${out}`;
  const line = text.split('\n').find((candidate) => candidate.startsWith('runwarden: ') || candidate.startsWith('✗ '))
    ?? text.split('\n').find((candidate) => candidate.trim() !== '') ?? '';
  const message = stable(line.replace(/^runwarden: /, '').replace(/^✗ /, '')).slice(0, 140).trimEnd();
  const kind = code === 0 ? 'accepted' : code === 1 ? 'findings' : CLASSES.find(([, pattern]) => pattern.test(text))?.[0] ?? 'other error';
  const bug = /internal error/.test(text) || hasStackTrace(text) || text.includes(WRONG_TOKEN) || text.includes(DEFAULT_TOKEN);
  return { exit: code, kind, message, hint: /^\s*Hint: /m.test(text), bug };
}

async function runCase(argv: string[]): Promise<Outcome> {
  const { code, out, err } = await runMain(argv);
  return outcomeOf(code, out, err);
}

interface HttpCase {
  input: string;
  /** The raw request; `{base}` is the deck base path, `{token}` the simulator's token. */
  request: () => string | Buffer;
}

const CRLF = '\r\n';
const head = (lines: string[]): string => `${lines.join(CRLF)}${CRLF}${CRLF}`;
const post = (path: string, contentType: string, body: string, token = DEFAULT_TOKEN): string =>
  head([`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: Bearer ${token}`, `Content-Type: ${contentType}`, `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close']) + body;
const get = (path: string, extra: string[] = []): string => head([`GET ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: Bearer ${DEFAULT_TOKEN}`, ...extra, 'Connection: close']);

/** How long a request may go unanswered before it is recorded as such. */
const HTTP_WAIT_MS = 2_000;
/** The simulator's `limits.requestTimeoutMs` and `headersTimeoutMs` here. */
const STALL_LIMIT_MS = 500;

/** Malformed and hostile HTTP to the simulator, sent byte for byte. */
const HTTP_CASES: HttpCase[] = [
  { input: 'a request line that is not HTTP', request: () => `HELLO${CRLF}${CRLF}` },
  { input: 'a 64 KiB header', request: () => get('/v2/task-runs', [`X-Big: ${'a'.repeat(65_536)}`]) },
  { input: 'an invalid percent-encoding in the path', request: () => get('/v2/task-runs/%zz') },
  { input: 'an unknown path', request: () => get('/v2/nowhere') },
  { input: 'a method the route does not have', request: () => head(['DELETE /v2/task-runs HTTP/1.1', 'Host: 127.0.0.1', `Authorization: Bearer ${DEFAULT_TOKEN}`, 'Connection: close']) },
  { input: 'no Authorization header', request: () => head(['GET /v2/task-runs HTTP/1.1', 'Host: 127.0.0.1', 'Connection: close']) },
  { input: 'a wrong token', request: () => post('/v2/tasks/task_abc/run', 'application/json', '{"input":{}}', 'wrong') },
  { input: 'a JSON body cut short', request: () => post('/v2/tasks/task_abc/run', 'application/json', '{"input":') },
  { input: 'a JSON body nested 100k deep', request: () => post('/v2/tasks/task_abc/run', 'application/json', '['.repeat(DEPTH) + ']'.repeat(DEPTH)) },
  { input: 'a 2 MiB body', request: () => post('/v2/tasks/task_abc/run', 'application/json', `{"input":{"a":"${'a'.repeat(2 * 1024 * 1024)}"}}`) },
  { input: 'a text/plain body where JSON is documented', request: () => post('/v2/tasks/task_abc/run', 'text/plain', 'hello') },
  { input: 'a body that is JSON but not an object', request: () => post('/v2/tasks/task_abc/run', 'application/json', '[1, 2, 3]') },
  { input: 'two different Content-Length headers', request: () => head(['POST /v2/tasks/task_abc/run HTTP/1.1', 'Host: 127.0.0.1', 'Content-Length: 2', 'Content-Length: 3', 'Connection: close']) + '{}' },
  { input: 'a malformed chunked body', request: () => head(['POST /v2/tasks/task_abc/run HTTP/1.1', 'Host: 127.0.0.1', `Authorization: Bearer ${DEFAULT_TOKEN}`, 'Content-Type: application/json', 'Transfer-Encoding: chunked', 'Connection: close']) + `zz${CRLF}{}${CRLF}0${CRLF}${CRLF}` },
  { input: `a body shorter than its Content-Length, then silence (limits.requestTimeoutMs: ${STALL_LIMIT_MS} ms)`, request: () => head(['POST /v2/tasks/task_abc/run HTTP/1.1', 'Host: 127.0.0.1', `Authorization: Bearer ${DEFAULT_TOKEN}`, 'Content-Type: application/json', 'Content-Length: 100']) + '{}' },
  { input: 'a run id of 300 characters', request: () => get(`/v2/task-runs/run_${'a'.repeat(300)}`) },
];


/** Sends raw bytes and reads until the server closes (or HTTP_WAIT_MS passes): the status and the body's error code. */
function sendRaw(url: URL, bytes: string | Buffer): Promise<{ status: string; answer: string }> {
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    let received = '';
    let closed = false;
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1];
      const code = /"code"\s*:\s*"([^"]{1,60})"/.exec(received)?.[1] ?? /"(?:type|error)"\s*:\s*"([^"]{1,60})"/.exec(received)?.[1];
      resolve(status === undefined
        ? { status: '—', answer: received !== '' ? 'not HTTP' : closed ? 'connection closed, no answer' : `no answer within ${HTTP_WAIT_MS / 1000} s, connection still open` }
        : { status, answer: code === undefined ? 'no error code in the body' : `\`${code}\`` });
    };
    const timer = setTimeout(finish, HTTP_WAIT_MS);
    socket.on('data', (chunk) => { received += chunk.toString('latin1'); });
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.on('error', () => undefined);
    socket.write(bytes);
  });
}

function renderDoc(cli: Array<CliCase & Outcome>, http: Array<HttpCase & { status: string; answer: string }>): string {
  const kinds = [...new Set(cli.map((row) => row.kind))];
  return [
    '# Reliability: every bad input answered',
    '',
    '<!-- Generated by test/e2e/fuzz-table.test.ts from what the code does; do not edit by hand.',
    '     Regenerate: npx vitest run test/e2e/fuzz-table.test.ts -u -->',
    '',
    `The test runs ${cli.length} bad inputs through the CLI (in-process, every command's file arguments and flags) and`,
    `${http.length} malformed requests at the simulator's HTTP surface, and writes down what happened. It fails when this page`,
    'and the code disagree, and whenever an answer is an internal error, carries a stack trace or shows a token.',
    '',
    'Exit codes: 0 accepted, 1 findings, 2 unusable input. Every exit 2 below names what was wrong and where; "Hint"',
    'says whether a fix is suggested.',
    '',
    '## CLI',
    '',
    `Outcome classes seen: ${kinds.join('; ')}.`,
    '',
    '| Surface | Input tried | Exit | Outcome | Hint | Message (first line) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...cli.map((row) => `| \`${row.surface}\` | ${stable(row.input)} | ${row.exit} | ${row.kind} | ${row.hint ? 'yes' : 'no'} | ${row.message} |`),
    '',
    '## Simulator HTTP surface',
    '',
    'Raw bytes to `runwarden serve` (the deck provider\'s base path, `/v2`); "Answer" is the error code in the body, in the',
    'provider\'s own error format; a status with no code is Node\'s HTTP parser refusing the bytes before any handler.',
    '',
    '| Request | Status | Answer |',
    '| --- | --- | --- |',
    ...http.map((row) => `| ${row.input} | ${row.status} | ${row.answer} |`),
    '',
  ].join('\n');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runwarden-fuzz-'));
  await writeFixtures();
  // Stalled requests are cut off well within HTTP_WAIT_MS (the defaults are 30 s / 10 s; docs/simulator.md).
  simulator = await startSimulator({ port: 0, host: '127.0.0.1', limits: { requestTimeoutMs: STALL_LIMIT_MS, headersTimeoutMs: STALL_LIMIT_MS } });
  process.env[WRONG_TOKEN_VARIABLE] = WRONG_TOKEN;
});

afterAll(async () => {
  delete process.env[WRONG_TOKEN_VARIABLE];
  await simulator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the fuzz table in docs/reliability.md', () => {
  it('matches what every surface does with bad input, and no answer is a bug', async () => {
    const cli: Array<CliCase & Outcome> = [];
    for (const entry of CLI_CASES) cli.push({ ...entry, ...await runCase(entry.argv()) });
    const http: Array<HttpCase & { status: string; answer: string }> = [];
    const origin = new URL(simulator.origin);
    for (const entry of HTTP_CASES) http.push({ ...entry, ...await sendRaw(origin, entry.request()) });

    expect(cli.filter((row) => row.bug).map((row) => `${row.surface}: ${row.input}: ${row.message}`)).toEqual([]);
    expect(cli.filter((row) => row.exit !== 2).map((row) => `${row.surface}: ${row.input}: exit ${row.exit}`)).toEqual([]);
    expect(http.filter((row) => row.status.startsWith('5')).map((row) => row.input)).toEqual([]);
    await expect(renderDoc(cli, http)).toMatchFileSnapshot(DOC);
  }, 120_000);
});
