import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledProfile } from '../config/index.ts';
import { fixturePath } from '../../test/fixtures/fixture-path.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { validateHar, validateHarFile } from './har.ts';
import { createValidator, type Validator } from './validator.ts';

const bundledSpecPath = (provider: string): string => bundledProfile(provider).spec;

const RUN = { id: 'trun_1', status: 'completed', result: 'success', created_at: '2025-06-03T13:05:41Z', interaction: null };

function entry(request: Record<string, unknown>, response: Record<string, unknown>) {
  return { request: { headers: [], ...request }, response: { headers: [], ...response } };
}

function jsonContent(value: unknown, encoding?: 'base64') {
  const text = JSON.stringify(value);
  return { mimeType: 'application/json', ...(encoding ? { encoding, text: Buffer.from(text).toString('base64') } : { text }) };
}

let validator: Validator;

beforeAll(async () => {
  validator = createValidator(await loadSpec(fixturePath('specs/tasks-3.1.yaml')));
});

describe('validateHar', () => {
  it('matches entries by method and pathname whatever the host, and finds nothing in conforming exchanges', () => {
    const results = validateHar(validator, { log: { entries: [
      entry({ method: 'GET', url: 'https://staging.internal:8443/v2/task-runs/latest' }, { status: 200, content: jsonContent(RUN) }),
    ] } });
    expect(results).toEqual([{ index: 0, method: 'GET', url: 'https://staging.internal:8443/v2/task-runs/latest', status: 200, operationId: 'getLatestTaskRun', violations: [] }]);
  });

  it('reports findings in a non-conforming response, decoding base64 bodies', () => {
    const [result] = validateHar(validator, { log: { entries: [
      entry({ method: 'GET', url: 'https://api.example.com/v2/task-runs/latest' }, { status: 200, content: jsonContent({ ...RUN, status: 'done' }, 'base64') }),
    ] } });
    expect(result!.violations).toEqual([expect.objectContaining({ where: 'response', pointer: '/status', operationId: 'getLatestTaskRun' })]);
  });

  it('checks the request too: its parameters, headers and body', () => {
    const [result] = validateHar(validator, { log: { entries: [
      entry(
        { method: 'POST', url: 'https://api.example.com/v2/tasks/task_1/run', postData: { mimeType: 'application/json', text: '{"inputs": {}}' } },
        { status: 201, content: jsonContent(RUN) },
      ),
    ] } });
    expect(result!.violations.map((finding) => [finding.where, finding.code, finding.pointer])).toEqual([
      ['request', 'HEADER_MISSING', 'X-Trace'],
      ['request', 'SCHEMA_MISMATCH', '/inputs'],
    ]);
  });

  it('reports a JSON body that does not parse as BODY_NOT_JSON', () => {
    const [result] = validateHar(validator, { log: { entries: [
      entry({ method: 'GET', url: '/v2/task-runs/latest' }, { status: 200, content: { mimeType: 'application/json', text: '{"id": ' } }),
    ] } });
    expect(result!.violations).toEqual([expect.objectContaining({ code: 'BODY_NOT_JSON', where: 'response' })]);
  });

  it('skips entries outside the base path and responses that never came', () => {
    const results = validateHar(validator, { log: { entries: [
      entry({ method: 'GET', url: 'https://cdn.example.com/app.js' }, { status: 200, content: { mimeType: 'text/javascript', text: '1' } }),
      entry({ method: 'GET', url: 'https://api.example.com/v2/task-runs/latest' }, { status: 0, content: {} }),
    ] } });
    expect(results.map((result) => result.skipped)).toEqual(["outside the API's base path /v2", 'no response (status 0)']);
  });

  it('reports an unknown route under the base path', () => {
    const [result] = validateHar(validator, { log: { entries: [entry({ method: 'GET', url: '/v2/nothing' }, { status: 404, content: {} })] } });
    expect(result!.violations).toEqual([expect.objectContaining({ code: 'ROUTE_UNKNOWN' })]);
  });

  it('rejects a document that is not a HAR, naming what is missing', () => {
    expect(() => validateHar(validator, { entries: [] }, 'x.har')).toThrow(expect.objectContaining({ code: 'HAR_INVALID', message: 'x.har is not a HAR 1.2 file: missing log' }));
    expect(() => validateHar(validator, { log: {} }, 'x.har')).toThrow(expect.objectContaining({ message: expect.stringContaining('missing log.entries') }));
    expect(() => validateHar(validator, { log: { entries: [{ request: { method: 'GET' }, response: { status: 200 } }] } }, 'x.har'))
      .toThrow(expect.objectContaining({ message: expect.stringContaining('log.entries[0].request.url is missing') }));
  });
});

describe('validateHarFile', () => {
  it('fails with HAR_INVALID for a JSON file without a log', async () => {
    await expect(validateHarFile(validator, fixturePath('har/not-a-har.har'))).rejects.toMatchObject({ code: 'HAR_INVALID' });
  });

  it('fails with FILE_NOT_FOUND for a missing file', async () => {
    await expect(validateHarFile(validator, fixturePath('har/nope.har'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it.runIf(existsSync(bundledSpecPath('deck')))('finds the non-conforming exchange of the Deck HAR fixture and passes the conforming ones', async () => {
    const deck = createValidator(await loadSpec(bundledSpecPath('deck')));
    const results = await validateHarFile(deck, fixturePath('har/deck.har'));
    expect(results.map((result) => [result.operationId, result.violations.map((finding) => finding.pointer)])).toEqual([
      ['runTask', []],
      ['getTaskRun', []],
      ['getTaskRun', ['/created_at', '/status']],
      [undefined, []],
    ]);
  });
});
