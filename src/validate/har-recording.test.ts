import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/load-spec.ts';
import { validateHar, validateHarFile } from './har.ts';
import { createValidator, type Validator } from './validator.ts';

// What a real HAR export does to bodies and URLs, on a spec of the test's own (an "orders" API with two servers).
const SPEC = `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
servers: [{ url: 'https://api.shop.example/v1' }, { url: 'https://eu.shop.example/api/v1' }]
paths:
  /orders/{id}:
    get:
      operationId: getOrder
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200': { description: An order, content: { application/json: { schema: { type: object, required: [id, total], properties: { id: { type: string }, total: { type: integer } } } } } }
  /orders:
    post:
      operationId: createOrder
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema: { type: object, required: [item], additionalProperties: false, properties: { item: { type: string }, qty: { type: integer, minimum: 1 } } }
      responses: { '204': { description: Created } }
`;

const root = mkdtempSync(path.join(tmpdir(), 'runwarden-har-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let validator: Validator;
beforeAll(async () => {
  writeFileSync(path.join(root, 'orders.yaml'), SPEC);
  validator = createValidator(await loadSpec(path.join(root, 'orders.yaml')));
});

const ORDER = { id: 'o-1', total: 30 };
const get = (url: string, content: unknown, headers: Array<{ name: string; value: string }> = []) => ({
  request: { method: 'GET', url, headers: [] }, response: { status: 200, headers, ...(content === undefined ? {} : { content }) },
});
const post = (postData: unknown, bodySize?: number) => ({
  request: { method: 'POST', url: 'https://api.shop.example/v1/orders', headers: [], ...(postData === undefined ? {} : { postData }), ...(bodySize === undefined ? {} : { bodySize }) },
  response: { status: 204, headers: [], content: { size: 0, mimeType: 'x-unknown' } },
});
const codes = (entries: unknown[]) => validateHar(validator, { log: { entries } }).map((result) => result.skipped ?? [result.operationId, ...result.violations.map((violation) => `${violation.code} ${violation.pointer ?? ''}`.trim()), ...(result.notes ?? [])]);

describe('validateHar matches entries against every server', () => {
  it('checks entries under any servers URL, not only servers[0], and skips the rest naming every base path', () => {
    expect(codes([
      get('https://api.shop.example/v1/orders/o-1', { mimeType: 'application/json', text: JSON.stringify(ORDER) }),
      get('https://eu.shop.example/api/v1/orders/o-1', { mimeType: 'application/json', text: JSON.stringify({ id: 'o-1', total: 'thirty' }) }),
      get('https://cdn.shop.example/app.js', { mimeType: 'text/javascript', text: '1' }),
    ])).toEqual([['getOrder'], ['getOrder', 'SCHEMA_MISMATCH /total'], "outside the API's base paths /api/v1, /v1"]);
  });
});

describe('validateHar on bodies the HAR did not keep as sent', () => {
  it('notes a body the HAR did not record instead of reporting BODY_MISSING', () => {
    const notRecorded = 'response body not recorded in the HAR: not checked';
    expect(codes([
      get('/v1/orders/o-1', undefined),
      get('/v1/orders/o-1', { mimeType: 'application/json', size: 42 }),
      get('/v1/orders/o-1', { mimeType: 'application/json', size: 42, text: '' }),
    ])).toEqual([['getOrder', notRecorded], ['getOrder', notRecorded], ['getOrder', notRecorded]]);
    expect(codes([post(undefined, 18)])).toEqual([['createOrder', 'request body not recorded in the HAR: not checked']]);
    // A body that really is empty is still missing.
    expect(codes([get('/v1/orders/o-1', { mimeType: 'application/json', size: 0, text: '' })])).toEqual([['getOrder', 'BODY_MISSING']]);
  });

  it('reads form fields kept in postData.params as the body, validated against the form schema', () => {
    const params = (...pairs: Array<[string, string]>) => ({ mimeType: 'application/x-www-form-urlencoded', params: pairs.map(([name, value]) => ({ name, value })) });
    expect(codes([post(params(['item', 'socks'], ['qty', '2']))])).toEqual([['createOrder']]);
    expect(codes([post(params(['item', 'socks'], ['qty', 'two']))])).toEqual([['createOrder', 'SCHEMA_MISMATCH /qty']]);
    expect(codes([post(params(['qty', '0']))])).toEqual([['createOrder', 'SCHEMA_MISMATCH /item', 'SCHEMA_MISMATCH /qty']]);
  });

  it('names a Content-Type sent without a body that the operation does not take, and ignores one on an operation without a body', () => {
    const typedGet = { request: { method: 'GET', url: '/v1/orders/o-1', headers: [{ name: 'Content-Type', value: 'application/json' }] }, response: { status: 200, headers: [], content: { mimeType: 'application/json', text: JSON.stringify(ORDER) } } };
    expect(codes([typedGet])).toEqual([['getOrder']]);
    const typedPost = post(undefined);
    typedPost.request.headers = [{ name: 'Content-Type', value: 'text/plain' }] as never[];
    expect(codes([typedPost])).toEqual([['createOrder', 'BODY_MISSING', 'CONTENT_TYPE_UNDOCUMENTED']]);
  });

  it('validates a form-urlencoded postData.text field by field', () => {
    const form = (text: string) => post({ mimeType: 'application/x-www-form-urlencoded', text });
    expect(codes([form('item=socks&qty=2')])).toEqual([['createOrder']]);
    expect(codes([form('item=socks&colour=red')])).toEqual([['createOrder', 'SCHEMA_MISMATCH /colour']]);
  });

  it('decodes a base64 gzip body, and names one whose compressed bytes were kept as text instead of printing binary', () => {
    const gzipped = gzipSync(Buffer.from(JSON.stringify({ id: 'o-1', total: 'thirty' })));
    expect(codes([get('/v1/orders/o-1', { mimeType: 'application/json', encoding: 'base64', text: gzipped.toString('base64') })])).toEqual([['getOrder', 'SCHEMA_MISMATCH /total']]);
    const stillGzipped = 'response body still gzip-compressed in the HAR (export it with decoded content): not checked';
    const [result] = validateHar(validator, { log: { entries: [get('/v1/orders/o-1', { mimeType: 'application/json', text: gzipped.toString('latin1') }, [{ name: 'Content-Encoding', value: 'gzip' }])] } });
    expect(result).toMatchObject({ operationId: 'getOrder', violations: [], notes: [stillGzipped] });
    expect(codes([get('/v1/orders/o-1', { mimeType: 'application/json', text: gzipped.toString('utf8') }, [{ name: 'Content-Encoding', value: 'gzip' }])])).toEqual([['getOrder', stillGzipped]]);
  });
});

describe('validateHarFile', () => {
  it('reads a HAR that starts with a UTF-8 byte-order mark', async () => {
    const file = path.join(root, 'bom.har');
    writeFileSync(file, `\uFEFF${JSON.stringify({ log: { entries: [get('/v1/orders/o-1', { mimeType: 'application/json', text: JSON.stringify(ORDER) })] } })}`);
    expect((await validateHarFile(validator, file)).map((result) => [result.operationId, result.violations])).toEqual([['getOrder', []]]);
  });
});
