import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createValidator, validateHar } from '../validate/index.ts';
import { runLoad } from './engine.ts';
import { ExchangeSampler, DEFAULT_SAMPLE_LIMITS, type SampledEndpoint } from './exchange-sampler.ts';
import { startFakeRunApi, type FakeRunApi } from './fake-run-api.fixture.ts';
import { fakeScenario } from './fake-scenario.fixture.ts';
import { samplesHar, writeSamplesHar } from './samples-har.ts';
import { tasksProject } from './tasks-profile.fixture.ts';

const TOKEN = 'tok-Secret-4242';
const endpoint: SampledEndpoint = {
  provider: 'fake', operationId: 'getTaskRun', origin: 'http://127.0.0.1:9',
  secrets: { headers: new Set(['authorization', 'x-key']), query: new Set(['api_key']), values: [TOKEN] },
};
const wire = (target = '/v2/task-runs/r1', headers = `Authorization: Bearer ${TOKEN}\r\n`): { buffer: Buffer; sentAt: number } =>
  ({ buffer: Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:9\r\n${headers}\r\n`), sentAt: performance.now() });
const json = { 'content-type': 'application/json' };
const run = (status: string, extra: Record<string, unknown> = {}): [string, unknown] => {
  const body = { id: `r-${Math.random()}`, status, ...extra };
  return [JSON.stringify(body), body];
};

describe('the exchange sampler', () => {
  it('keeps the first K of each operation × status × content type, then only the first of each new body shape', () => {
    const sampler = new ExchangeSampler({ ...DEFAULT_SAMPLE_LIMITS, perKind: 2 });
    for (let i = 0; i < 10; i++) sampler.offer(endpoint, wire(), 200, ...withHeaders(run('running')));
    sampler.offer(endpoint, wire(), 404, '{"title":"no"}', json, undefined);
    // Same kind, past K: kept only when its shape is new (a new status value, a new property), and only once.
    sampler.offer(endpoint, wire(), 200, ...withHeaders(run('paused')));
    sampler.offer(endpoint, wire(), 200, ...withHeaders(run('paused')));
    sampler.offer(endpoint, wire(), 200, ...withHeaders(run('running', { region: 'eu-west-1' })));
    // A body the engine did not parse is never parsed for a shape.
    sampler.offer(endpoint, wire(), 200, JSON.stringify({ id: 'x', status: 'odd' }), json, undefined);
    expect(sampler.offered).toBe(15);
    expect(sampler.exchanges.map((exchange) => `${exchange.response.status} ${exchange.why} ${(JSON.parse(exchange.response.body) as { status?: string }).status ?? ''}`)).toEqual([
      '200 first running', '200 first running', '404 first ', '200 shape paused', '200 shape running',
    ]);
  });

  it('is bounded in exchanges and bytes, and skips a body over the size limit', () => {
    const few = new ExchangeSampler({ ...DEFAULT_SAMPLE_LIMITS, perKind: 100, maxExchanges: 3 });
    for (let i = 0; i < 10; i++) few.offer(endpoint, wire(), 200, ...withHeaders(run('running')));
    expect(few.exchanges).toHaveLength(3);
    const small = new ExchangeSampler({ ...DEFAULT_SAMPLE_LIMITS, perKind: 100, maxBytes: 1000 });
    for (let i = 0; i < 50; i++) small.offer(endpoint, wire(), 200, ...withHeaders(run('running')));
    const kept = small.exchanges.reduce((sum, exchange) => sum + exchange.response.body.length + 100, 0);
    expect(small.exchanges.length).toBeGreaterThan(0);
    expect(small.exchanges.length).toBeLessThan(50);
    expect(kept).toBeLessThanOrEqual(1000 + 100 * small.exchanges.length);
    const large = new ExchangeSampler({ ...DEFAULT_SAMPLE_LIMITS, maxBodyBytes: 10 });
    large.offer(endpoint, wire(), 200, ...withHeaders(run('running')));
    expect(large.exchanges).toHaveLength(0);
    expect(large.tooLarge).toBe(1);
  });

  it('redacts credentials: auth headers, cookies, the API-key query parameter and the token wherever it is echoed', () => {
    const sampler = new ExchangeSampler();
    sampler.offer(endpoint, wire(`/v2/task-runs/r1?api_key=${TOKEN}&page=2`, `Authorization: Bearer ${TOKEN}\r\nX-Key: other-secret\r\nCookie: sid=abc123\r\n`), 200,
      JSON.stringify({ id: 'r1', status: 'running', echo: `you sent ${TOKEN}` }), { 'content-type': 'application/json', 'Set-Cookie': ['sid=abc123; HttpOnly'] }, undefined);
    const text = JSON.stringify(samplesHar([sampler], '0.0.0'));
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('other-secret');
    expect(text).not.toContain('abc123');
    const [entry] = samplesHar([sampler], '0.0.0').log.entries;
    expect(entry!.request.url).toBe('http://127.0.0.1:9/v2/task-runs/r1?api_key=%5BREDACTED%5D&page=2');
    expect(entry!.request.headers).toContainEqual({ name: 'Authorization', value: '[REDACTED]' });
    expect(entry!.request.queryString).toContainEqual({ name: 'page', value: '2' });
    expect(entry!.response.headers).toContainEqual({ name: 'Set-Cookie', value: '[REDACTED]' });
  });
});

describe('writeSamplesHar', () => {
  it('writes the samples as HAR 1.2, each entry naming its provider, and says how many of how many it kept', async () => {
    const sampler = new ExchangeSampler({ ...DEFAULT_SAMPLE_LIMITS, perKind: 1 });
    for (let i = 0; i < 4; i++) sampler.offer(endpoint, wire(), 200, ...withHeaders(run('running')));
    const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-samples-'));
    const written = await writeSamplesHar(path.join(dir, 'nested', 'samples.har'), [sampler], '9.9.9');
    expect(written).toEqual({ file: path.join(dir, 'nested', 'samples.har'), exchanges: 1, offered: 4 });
    const har = JSON.parse(readFileSync(written.file, 'utf8')) as ReturnType<typeof samplesHar>;
    expect(har.log).toMatchObject({ version: '1.2', creator: { name: 'runwarden', version: '9.9.9' }, comment: expect.stringMatching(/^1 of 4 load-run responses/) });
    expect(har.log.entries.map((entry) => entry._provider)).toEqual(['fake']);
  });

  it('fails as unusable output, naming the file, when its folder cannot be made', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-samples-'));
    writeFileSync(path.join(dir, 'a-file'), '');
    await expect(writeSamplesHar(path.join(dir, 'a-file', 'samples.har'), [new ExchangeSampler()], '0.0.0'))
      .rejects.toMatchObject({ code: 'OUTPUT_UNWRITABLE', message: expect.stringMatching(/cannot write the sampled exchanges .*samples\.har: .*a-file is a file, not a folder/) });
  });
});

describe('sampled exchanges from a load run', () => {
  const servers: FakeRunApi[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('are a HAR 1.2 document the HAR validator checks without a finding, with no token in it', async () => {
    const api = await startFakeRunApi({ pollsToFinish: 3 });
    servers.push(api);
    const sampler = new ExchangeSampler({ ...DEFAULT_SAMPLE_LIMITS, perKind: 2 });
    const result = await runLoad({
      scenario: fakeScenario({ model: { kind: 'closed', connections: 2 }, durationMs: 10_000, maxRuns: 6 }),
      targets: { fake: api.url }, tokens: { fake: TOKEN }, sampler,
    });
    expect(result.runs.completed).toBe(6);
    expect(sampler.offered).toBe(result.requests.responses);
    const har = samplesHar([sampler], '1.2.3');
    const kinds = har.log.entries.map((entry) => `${entry.request.method} ${new URL(entry.request.url).pathname.replace(/trun_\w+/, ':id')} ${entry.response.status}`);
    // Two creates, two polls, and the first poll that said `completed` (a new shape), in the order they were sent.
    expect(kinds.filter((kind) => kind.startsWith('POST'))).toEqual(['POST /v2/tasks/t/run 201', 'POST /v2/tasks/t/run 201']);
    expect(kinds.filter((kind) => kind.startsWith('GET'))).toHaveLength(3);
    expect(har.log.entries.map((entry) => JSON.parse(entry.response.content.text).status)).toContain('completed');
    const times = har.log.entries.map((entry) => Date.parse(entry.startedDateTime));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(har.log.entries[0]!.request.postData).toEqual({ mimeType: 'application/json', text: '{"input":{}}' });
    expect(JSON.stringify(har)).not.toContain(TOKEN);
    const project = await tasksProject();
    const checked = validateHar(createValidator(project.spec), har);
    expect(checked.map((entry) => entry.operationId)).toEqual(har.log.entries.map((entry) => (entry.request.method === 'POST' ? 'runTask' : 'getTaskRun')));
    expect(checked.flatMap((entry) => entry.violations)).toEqual([]);
  });
});

function withHeaders([text, body]: [string, unknown]): [string, Record<string, string>, unknown] {
  return [text, json, body];
}
