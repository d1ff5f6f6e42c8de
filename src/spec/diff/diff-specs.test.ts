import { describe, expect, it } from 'vitest';
import { documentOf, getReturning, postTaking, specOf } from '../../../test/helpers/spec-pair.ts';
import { diffSpecs } from './diff-specs.ts';
import type { SpecChange } from './spec-change.ts';

type Json = Record<string, unknown>;

async function diff(base: Json, revision: Json, version = '3.0.3'): Promise<SpecChange[]> {
  const extraOf = (paths: Json): Json => (paths.components ? { components: paths.components } : {});
  const strip = (paths: Json): Json => Object.fromEntries(Object.entries(paths).filter(([key]) => key !== 'components'));
  return diffSpecs(await specOf(documentOf(strip(base), extraOf(base), version)), await specOf(documentOf(strip(revision), extraOf(revision), version), 'json'), { today: '2026-01-01' });
}

const levels = (changes: SpecChange[]): Record<string, string> => Object.fromEntries(changes.map((change) => [change.id, change.level]));

const obj = (properties: Json, required: string[] = []): Json => ({ type: 'object', properties, ...(required.length ? { required } : {}) });

describe('diffSpecs: changes that break nothing', () => {
  it('finds no change between a spec and itself with its keys reordered', async () => {
    const paths = getReturning(obj({ id: { type: 'string' }, n: { type: 'integer', minimum: 0 } }, ['id']));
    const reordered = JSON.parse(JSON.stringify(paths, (_key, value) => (value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value)));
    expect(await diff(paths, reordered)).toEqual([]);
  });

  it('compares $refs by what they point to: renaming a component is no change', async () => {
    const thing = obj({ id: { type: 'string' } }, ['id']);
    const base = { ...getReturning({ $ref: '#/components/schemas/Thing' }), components: { schemas: { Thing: thing } } };
    const revision = { ...getReturning({ $ref: '#/components/schemas/Widget' }), components: { schemas: { Widget: thing } } };
    expect(await diff(base, revision)).toEqual([]);
  });

  it('rates a new optional request property and a new response property as info', async () => {
    const request = await diff(postTaking(obj({ a: { type: 'string' } })), postTaking(obj({ a: { type: 'string' }, b: { type: 'string' } })));
    expect(levels(request)).toEqual({ 'new-optional-request-property': 'info' });
    const response = await diff(getReturning(obj({ a: { type: 'string' } })), getReturning(obj({ a: { type: 'string' }, b: { type: 'string' } })));
    expect(levels(response)).toEqual({ 'response-property-optional-added': 'info' });
  });

  it('follows schemas that refer to themselves without looping', async () => {
    const node = { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' }, name: { type: 'string' } } };
    const renamed = { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' }, name: { type: 'integer' } } };
    const changes = await diff({ ...getReturning({ $ref: '#/components/schemas/Node' }), components: { schemas: { Node: node } } }, { ...getReturning({ $ref: '#/components/schemas/Node' }), components: { schemas: { Node: renamed } } });
    expect(changes.map((change) => change.id)).toEqual(['response-property-type-changed']);
  });
});

describe('diffSpecs: operations and servers', () => {
  it('rates a removed operation breaking, a deprecated one past its sunset info, and an added one info', async () => {
    const two = { ...getReturning(obj({})), '/other': { get: { responses: { 200: { description: 'ok' } } } } };
    expect(levels(await diff(two, getReturning(obj({}))))).toEqual({ 'api-removed-without-deprecation': 'breaking' });
    const deprecated = { ...getReturning(obj({})), '/other': { get: { deprecated: true, 'x-sunset': '2025-06-01', responses: { 200: { description: 'ok' } } } } };
    expect(levels(await diff(deprecated, getReturning(obj({}))))).toEqual({ 'api-removed-with-deprecation': 'info' });
    const early = { ...getReturning(obj({})), '/other': { get: { deprecated: true, 'x-sunset': '2027-06-01', responses: { 200: { description: 'ok' } } } } };
    expect(levels(await diff(early, getReturning(obj({}))))).toEqual({ 'api-removed-before-sunset': 'breaking' });
    expect(levels(await diff(getReturning(obj({})), two))).toEqual({ 'endpoint-added': 'info' });
  });

  it('treats a renamed path parameter as the same operation', async () => {
    const renamed = JSON.parse(JSON.stringify(getReturning(obj({}))).replace(/\{id\}/g, '{thing_id}').replace('"name":"id"', '"name":"thing_id"'));
    expect(levels(await diff(getReturning(obj({})), renamed))).toEqual({ 'request-path-param-renamed': 'info' });
  });

  it('rates a base path change breaking', async () => {
    const base = await specOf(documentOf(getReturning(obj({}))));
    const revision = await specOf({ ...documentOf(getReturning(obj({}))), servers: [{ url: 'https://api.example.test/v2' }] });
    expect(levels(diffSpecs(base, revision))).toEqual({ 'api-base-path-changed': 'breaking', 'api-server-removed': 'warning', 'api-server-added': 'info' });
  });

  it('reports deprecation and an earlier sunset', async () => {
    expect(levels(await diff(getReturning(obj({})), getReturning(obj({}), { deprecated: true })))).toEqual({ 'endpoint-deprecated': 'info' });
    const changes = await diff(getReturning(obj({}), { deprecated: true, 'x-sunset': '2027-01-01' }), getReturning(obj({}), { deprecated: true, 'x-sunset': '2026-06-01' }));
    expect(levels(changes)).toEqual({ 'api-sunset-date-changed-too-small': 'breaking' });
  });
});

describe('diffSpecs: parameters', () => {
  const withQuery = (parameter: Json): Json => getReturning(obj({}), { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, parameter] });
  const limit = (extra: Json = {}, schema: Json = { type: 'integer' }): Json => withQuery({ name: 'limit', in: 'query', schema, ...extra });

  it('rates required, optional, removed and made-required parameters', async () => {
    expect(levels(await diff(getReturning(obj({})), limit({ required: true })))).toEqual({ 'new-required-request-parameter': 'breaking' });
    expect(levels(await diff(getReturning(obj({})), limit()))).toEqual({ 'new-optional-request-parameter': 'info' });
    expect(levels(await diff(limit(), getReturning(obj({}))))).toEqual({ 'request-parameter-removed': 'warning' });
    expect(levels(await diff(limit(), limit({ required: true })))).toEqual({ 'request-parameter-became-required': 'breaking' });
    expect(levels(await diff(limit({ required: true }), limit()))).toEqual({ 'request-parameter-became-optional': 'info' });
  });

  it('covers header and cookie parameters, header names case-insensitively', async () => {
    const header = (name: string, required: boolean): Json => withQuery({ name, in: 'header', required, schema: { type: 'string' } });
    expect(await diff(header('X-Trace', false), header('x-trace', false))).toEqual([]);
    expect(levels(await diff(header('X-Trace', false), header('x-trace', true)))).toEqual({ 'request-parameter-became-required': 'breaking' });
    const cookie = withQuery({ name: 'session', in: 'cookie', required: true, schema: { type: 'string' } });
    expect(levels(await diff(getReturning(obj({})), cookie))).toEqual({ 'new-required-request-parameter': 'breaking' });
  });

  it('rates schema changes of a parameter as a request: tighter breaks, looser does not', async () => {
    expect(levels(await diff(limit({}, { type: 'integer' }), limit({}, { type: 'string' })))).toEqual({ 'request-parameter-type-changed': 'breaking' });
    expect(levels(await diff(limit({}, { type: 'integer' }), limit({}, { type: 'number' })))).toEqual({ 'request-parameter-type-generalized': 'info' });
    expect(levels(await diff(limit({}, { type: 'integer', maximum: 100 }), limit({}, { type: 'integer', maximum: 50 })))).toEqual({ 'request-parameter-maximum-decreased': 'breaking' });
    expect(levels(await diff(limit({}, { type: 'integer', maximum: 100 }), limit({}, { type: 'integer', maximum: 500 })))).toEqual({ 'request-parameter-maximum-increased': 'info' });
    expect(levels(await diff(limit({}, { type: 'integer' }), limit({}, { type: 'integer', minimum: 1 })))).toEqual({ 'request-parameter-minimum-set': 'breaking' });
    expect(levels(await diff(limit({}, { type: 'string', enum: ['a', 'b'] }), limit({}, { type: 'string', enum: ['a'] })))).toEqual({ 'request-parameter-enum-value-removed': 'breaking' });
    expect(levels(await diff(limit({}, { type: 'string', enum: ['a'] }), limit({}, { type: 'string', enum: ['a', 'b'] })))).toEqual({ 'request-parameter-enum-value-added': 'info' });
    expect(levels(await diff(limit({}, { type: 'string' }), limit({}, { type: 'string', format: 'uuid' })))).toEqual({ 'request-parameter-format-added': 'breaking' });
    expect(levels(await diff(limit({}, { type: 'string' }), limit({}, { type: 'string', pattern: '^a' })))).toEqual({ 'request-parameter-pattern-added': 'breaking' });
  });

  it('rates multipleOf, uniqueItems and const by direction', async () => {
    expect(levels(await diff(limit({}, { type: 'integer' }), limit({}, { type: 'integer', multipleOf: 5 })))).toEqual({ 'request-parameter-multiple-of-set': 'breaking' });
    expect(levels(await diff(limit({}, { type: 'integer', multipleOf: 5 }), limit({}, { type: 'integer', multipleOf: 10 })))).toEqual({ 'request-parameter-multiple-of-changed': 'breaking' });
    expect(levels(await diff(limit({}, { type: 'integer', multipleOf: 10 }), limit({}, { type: 'integer', multipleOf: 5 })))).toEqual({ 'request-parameter-multiple-of-changed': 'info' });
    expect(levels(await diff(getReturning(obj({ t: { type: 'array', uniqueItems: true } })), getReturning(obj({ t: { type: 'array' } }))))).toEqual({ 'response-property-unique-items-unset': 'breaking' });
    expect(levels(await diff(getReturning(obj({ k: { type: 'string', const: 'a' } })), getReturning(obj({ k: { type: 'string', const: 'b' } }))))).toEqual({ 'response-property-const-changed': 'breaking' });
  });

  it('rates style and explode changes breaking', async () => {
    const tags = (extra: Json): Json => withQuery({ name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'string' } }, ...extra });
    expect(levels(await diff(tags({}), tags({ explode: false })))).toEqual({ 'request-parameter-explode-changed': 'breaking' });
    expect(levels(await diff(tags({}), tags({ style: 'pipeDelimited' })))).toEqual({ 'request-parameter-style-changed': 'breaking', 'request-parameter-explode-changed': 'breaking' });
  });
});

describe('diffSpecs: request bodies', () => {
  it('rates body and media type changes', async () => {
    const optional = { '/things': { post: { requestBody: { content: { 'application/json': { schema: obj({}) } } }, responses: { 201: { description: 'c' } } } } };
    expect(levels(await diff(optional, postTaking(obj({}))))).toEqual({ 'request-body-became-required': 'breaking' });
    const two = { '/things': { post: { operationId: 'createThing', requestBody: { required: true, content: { 'application/json': { schema: obj({}) }, 'text/plain': { schema: { type: 'string' } } } }, responses: { 201: { description: 'c' } } } } };
    expect(levels(await diff(two, postTaking(obj({}))))).toEqual({ 'request-body-media-type-removed': 'breaking' });
    expect(levels(await diff(postTaking(obj({})), two))).toEqual({ 'request-body-media-type-added': 'info' });
  });

  it('rates request properties: new required, made required, removed, narrowed', async () => {
    const base = postTaking(obj({ a: { type: 'string' } }));
    expect(levels(await diff(base, postTaking(obj({ a: { type: 'string' }, b: { type: 'string' } }, ['b']))))).toEqual({ 'new-required-request-property': 'breaking' });
    expect(levels(await diff(base, postTaking(obj({ a: { type: 'string' } }, ['a']))))).toEqual({ 'request-property-became-required': 'breaking' });
    expect(levels(await diff(base, postTaking(obj({}))))).toEqual({ 'request-property-removed': 'warning' });
    expect(levels(await diff(base, postTaking(obj({ a: { type: 'string', maxLength: 5 } }))))).toEqual({ 'request-property-max-length-set': 'breaking' });
    expect(levels(await diff(base, postTaking({ ...obj({ a: { type: 'string' } }), additionalProperties: false })))).toEqual({ 'request-body-additional-properties-disallowed': 'breaking' });
  });

  it('ignores readOnly properties in requests', async () => {
    const base = postTaking(obj({ a: { type: 'string' } }));
    expect(await diff(base, postTaking(obj({ a: { type: 'string' }, id: { type: 'string', readOnly: true } }, ['id'])))).toEqual([]);
  });

  it('rates oneOf alternatives by direction', async () => {
    const one = { oneOf: [obj({ a: { type: 'string' } }, ['a']), obj({ b: { type: 'string' } }, ['b'])] };
    const fewer = { oneOf: [obj({ a: { type: 'string' } }, ['a'])] };
    expect(levels(await diff(postTaking(one), postTaking(fewer)))).toEqual({ 'request-body-one-of-removed': 'breaking' });
    expect(levels(await diff(postTaking(fewer), postTaking(one)))).toEqual({ 'request-body-one-of-added': 'info' });
    expect(levels(await diff(getReturning(fewer), getReturning(one)))).toEqual({ 'response-body-one-of-added': 'breaking' });
    expect(levels(await diff(getReturning(one), getReturning(fewer)))).toEqual({ 'response-body-one-of-removed': 'info' });
  });
});

describe('diffSpecs: responses', () => {
  it('rates statuses: success removed breaking, error removed info, added info', async () => {
    const withError = getReturning(obj({}), { responses: { 200: { description: 'ok' }, 404: { description: 'no' } } });
    const only200 = getReturning(obj({}), { responses: { 200: { description: 'ok' } } });
    const only404 = getReturning(obj({}), { responses: { 404: { description: 'no' } } });
    expect(levels(await diff(withError, only404))).toEqual({ 'response-success-status-removed': 'breaking' });
    expect(levels(await diff(withError, only200))).toEqual({ 'response-non-success-status-removed': 'info' });
    expect(levels(await diff(only200, withError))).toEqual({ 'response-non-success-status-added': 'info' });
  });

  it('rates response properties the other way round from requests', async () => {
    const base = getReturning(obj({ a: { type: 'string' }, s: { type: 'string', enum: ['x'] } }, ['a']));
    expect(levels(await diff(base, getReturning(obj({ s: { type: 'string', enum: ['x'] } }))))).toEqual({ 'response-property-required-removed': 'breaking' });
    expect(levels(await diff(base, getReturning(obj({ a: { type: 'string' }, s: { type: 'string', enum: ['x'] } }))))).toEqual({ 'response-property-became-optional': 'breaking' });
    expect(levels(await diff(base, getReturning(obj({ a: { type: 'string' }, s: { type: 'string', enum: ['x', 'y'] } }, ['a']))))).toEqual({ 'response-property-enum-value-added': 'warning' });
    expect(levels(await diff(base, getReturning(obj({ a: { type: 'string', maxLength: 5 }, s: { type: 'string', enum: ['x'] } }, ['a']))))).toEqual({ 'response-property-max-length-set': 'info' });
    expect(levels(await diff(getReturning(obj({ a: { type: 'string', maxLength: 5 } })), getReturning(obj({ a: { type: 'string' } }))))).toEqual({ 'response-property-max-length-unset': 'breaking' });
    expect(levels(await diff(base, getReturning(obj({ a: { type: 'string' } }, ['a']))))).toEqual({ 'response-property-optional-removed': 'warning' });
  });

  it('reads 3.0 nullable and 3.1 type arrays alike', async () => {
    const nullable30 = await diff(getReturning(obj({ a: { type: 'string' } })), getReturning(obj({ a: { type: 'string', nullable: true } })));
    expect(levels(nullable30)).toEqual({ 'response-property-became-nullable': 'breaking' });
    const nullable31 = await diff(getReturning(obj({ a: { type: 'string' } })), getReturning(obj({ a: { type: ['string', 'null'] } })), '3.1.0');
    expect(levels(nullable31)).toEqual({ 'response-property-became-nullable': 'breaking' });
    const widened = await diff(getReturning(obj({ a: { type: 'string' } })), getReturning(obj({ a: { type: ['string', 'integer'] } })), '3.1.0');
    expect(levels(widened)).toEqual({ 'response-property-type-changed': 'breaking' });
    const request = await diff(postTaking(obj({ a: { type: 'string' } })), postTaking(obj({ a: { type: ['string', 'integer'] } })), '3.1.0');
    expect(levels(request)).toEqual({ 'request-property-type-generalized': 'info' });
  });

  it('rates media types and headers', async () => {
    const headers = (extra: Json): Json => getReturning(obj({}), { responses: { 200: { description: 'ok', content: { 'application/json': { schema: obj({}) } }, headers: extra } } });
    const etag = { ETag: { required: true, schema: { type: 'string' } } };
    expect(levels(await diff(headers(etag), headers({})))).toEqual({ 'response-required-header-removed': 'breaking' });
    expect(levels(await diff(headers({ ETag: { schema: { type: 'string' } } }), headers({})))).toEqual({ 'response-optional-header-removed': 'warning' });
    expect(levels(await diff(headers(etag), headers({ ETag: { schema: { type: 'string' } } })))).toEqual({ 'response-header-became-optional': 'breaking' });
    const text = getReturning(obj({}), { responses: { 200: { description: 'ok', content: { 'text/plain': { schema: { type: 'string' } } } } } });
    expect(levels(await diff(getReturning(obj({})), text))).toEqual({ 'response-media-type-removed': 'breaking', 'response-media-type-added': 'info' });
  });

  it('gives every change its operation and pointers in both documents', async () => {
    const [change] = await diff(getReturning(obj({ a: { type: 'string' } })), getReturning(obj({ a: { type: 'integer' } })));
    expect(change).toMatchObject({
      id: 'response-property-type-changed', operation: 'GET /things/{id}',
      base: '#/paths/~1things~1{id}/get/responses/200/content/application~1json/schema/properties/a',
      revision: '#/paths/~1things~1{id}/get/responses/200/content/application~1json/schema/properties/a',
    });
    expect(change!.message).toMatch(/string to integer/);
  });
});

describe('diffSpecs: security', () => {
  const secured = (security: unknown[]): Json => ({ ...getReturning(obj({}), { security }), components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' }, oauth: { type: 'oauth2', flows: {} } } } });
  it('rates new requirements breaking and new alternatives info', async () => {
    expect(levels(await diff(secured([]), secured([{ key: [] }])))).toEqual({ 'api-security-added': 'breaking' });
    expect(levels(await diff(secured([{ key: [] }]), secured([{ oauth: [] }])))).toEqual({ 'api-security-removed': 'breaking', 'api-security-alternative-added': 'info' });
    expect(levels(await diff(secured([{ oauth: ['read'] }]), secured([{ oauth: ['read', 'write'] }])))).toEqual({ 'api-security-scope-added': 'breaking' });
    expect(levels(await diff(secured([{ key: [] }]), secured([{ key: [] }, {}])))).toEqual({ 'api-security-alternative-added': 'info' });
  });

  it('rates a changed security scheme breaking', async () => {
    const base = secured([{ key: [] }]);
    const revision = JSON.parse(JSON.stringify(base).replace('"X-Key"', '"X-Api-Key"'));
    expect(levels(await diff(base, revision))).toEqual({ 'api-security-component-name-changed': 'breaking' });
  });
});
