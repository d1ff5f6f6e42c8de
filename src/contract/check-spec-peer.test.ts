import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledProfile } from '../config/index.ts';
import { interaction, pactCopy } from '../../test/helpers/pact-copies.ts';
import { loadSpec } from '../spec/index.ts';
import { createValidator } from '../validate/index.ts';
import { crossCheckCases } from './check-cases.ts';
import { checkInteraction, checkPactsAgainstSpecs } from './check-spec.ts';
import { parsePact } from './pact-file.ts';

/*
 * Cross-check semantics users bring from PactFlow's bi-directional contract testing, each on a spec and a pact of the
 * test's own (a small "pets" API), not on the bundled providers. Cases marked "peer:" are translated from
 * openapi-pact-comparator / swagger-mock-validator fixtures; the comment says what the peer answers.
 */

const root = mkdtempSync(path.join(tmpdir(), 'runwarden-peer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SPEC = (options: { base?: string; security?: string; schemes?: string } = {}) => `openapi: 3.0.3
info: { title: Pets, version: 1.0.0 }
servers: [{ url: 'https://pets.example${options.base ?? '/v2'}' }]
security: ${options.security ?? '[{ Bearer: [] }]'}
paths:
  /pets/{petId}:
    get:
      operationId: getPet
      parameters: [{ name: petId, in: path, required: true, schema: { type: string, pattern: '^pet-[0-9]+$' } }]
      responses:
        '200':
          description: A pet
          headers: { X-Rate-Limit: { required: true, schema: { type: integer } } }
          content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } }
        '404': { description: Not found, content: { application/json: { schema: { $ref: '#/components/schemas/Problem' } } } }
    delete:
      operationId: deletePet
      parameters: [{ name: petId, in: path, required: true, schema: { type: string } }]
      responses: { '204': { description: Deleted } }
  /pets/{petId}/adoption:
    post:
      operationId: adoptPet
      security: []
      parameters: [{ name: petId, in: path, required: true, schema: { type: string } }]
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema: { type: object, required: [owner], additionalProperties: false, properties: { owner: { type: string }, years: { type: integer, minimum: 0 } } }
      responses: { '204': { description: Adopted } }
  /pets/{petId}/photo:
    put:
      operationId: putPhoto
      security: []
      parameters: [{ name: petId, in: path, required: true, schema: { type: string } }]
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema: { type: object, required: [caption], properties: { caption: { type: string }, width: { type: integer }, file: { type: string, format: binary } } }
      responses: { '204': { description: Stored } }
  /pets/{petId}/card:
    get:
      operationId: getCard
      security: []
      parameters: [{ name: petId, in: path, required: true, schema: { type: string } }]
      responses:
        '200': { description: A card, content: { 'application/vnd.pets+json; version=1': { schema: { type: object } } } }
        '406': { description: Not acceptable }
  /pets:
    get:
      operationId: listPets
      parameters:
        - { name: filter, in: query, style: deepObject, explode: true, schema: { type: object, additionalProperties: false, properties: { kind: { type: string, enum: [cat, dog] }, age: { type: integer } } } }
        - { name: tags, in: query, schema: { type: array, items: { type: string } } }
        - { name: limit, in: query, schema: { type: integer, maximum: 50 } }
      responses:
        '200': { description: Pets, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Pet' } } } } }
    post:
      operationId: createPet
      requestBody:
        required: true
        content: { application/json: { schema: { type: object, required: [name], additionalProperties: false, properties: { name: { type: string } } } } }
      responses:
        '201': { description: Created, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }
        '400': { description: Invalid, content: { application/json: { schema: { $ref: '#/components/schemas/Problem' } } } }
        '401': { description: No credentials, content: { application/json: { schema: { $ref: '#/components/schemas/Problem' } } } }
components:
  securitySchemes:
    ${options.schemes ?? '{ Bearer: { type: http, scheme: bearer }, Basic: { type: http, scheme: basic }, Key: { type: apiKey, in: header, name: X-Api-Key }, QueryKey: { type: apiKey, in: query, name: api_key }, CookieKey: { type: apiKey, in: cookie, name: session }, OAuth: { type: oauth2, flows: { clientCredentials: { tokenUrl: "https://pets.example/token", scopes: {} } } } }'}
  schemas:
    Pet:
      type: object
      required: [id, name, kind]
      properties:
        id: { type: string }
        name: { type: string }
        kind: { type: string, enum: [cat, dog] }
    Problem:
      type: object
      required: [title]
      additionalProperties: false
      properties: { title: { type: string } }
`;

let files = 0;
type Request = { method?: string; path?: string; query?: unknown; headers?: Record<string, string>; body?: unknown };
type Response = { status?: number; headers?: Record<string, string>; body?: unknown };

const BEARER = { Authorization: 'Bearer token-for-tests' };
const OK = { status: 200, headers: { 'Content-Type': 'application/json', 'X-Rate-Limit': '5' }, body: { id: 'pet-1', name: 'Rex', kind: 'dog' } };

/** Findings (`CODE where part pointer`) of one V2 interaction against the pets spec (or a variant of it). */
async function findings(request: Request, response: Response = OK, options: { spec?: Parameters<typeof SPEC>[0]; strict?: boolean; version?: string } = {}): Promise<string[]> {
  const dir = path.join(root, String(files++));
  const specFile = `${dir}.openapi.yaml`;
  writeFileSync(specFile, SPEC(options.spec));
  const validator = createValidator(await loadSpec(specFile), { strict: true });
  const pact = parsePact({
    consumer: { name: 'pet-shop' }, provider: { name: 'pets' }, metadata: { pactSpecification: { version: options.version ?? '2.0.0' } },
    interactions: [{ description: 'an interaction', request: { method: 'GET', path: '/pets/pet-1', headers: BEARER, ...request }, response }],
  }, `${dir}.json`);
  const check = checkInteraction(validator, 'pets', pact, pact.interactions[0]!, { strict: options.strict });
  return check.findings.map((finding) => [finding.code, finding.where, finding.part, finding.pointer].filter((part) => part !== undefined).join(' '));
}

describe('a pact response is the minimum the consumer needs (Postel\'s law)', () => {
  it('accepts a body that omits documented required properties; --strict does not', async () => {
    const partial = { ...OK, body: { id: 'pet-1' } };
    expect(await findings({}, partial)).toEqual([]);
    expect((await findings({}, partial, { strict: true })).sort()).toEqual(['SCHEMA_MISMATCH response body /kind', 'SCHEMA_MISMATCH response body /name']);
  });

  it('accepts a status-only expectation with no body and no headers; --strict does not', async () => {
    expect(await findings({}, { status: 200 })).toEqual([]);
    expect((await findings({}, { status: 200 }, { strict: true })).sort()).toEqual(['BODY_MISSING response body', 'HEADER_MISSING response header X-Rate-Limit']);
  });

  it('still catches a property the schema does not declare and a value of the wrong type', async () => {
    // peer: response.body.unknown (additionalProperties is read as false in responses) and response.body.incompatible.
    expect(await findings({}, { ...OK, body: { id: 'pet-1', colour: 'brown' } })).toEqual(['PROPERTY_UNDOCUMENTED response body /colour']);
    expect(await findings({}, { ...OK, body: { id: 7 } })).toEqual(['SCHEMA_MISMATCH response body /id']);
    expect(await findings({}, { ...OK, body: { kind: 'fish' } })).toEqual(['SCHEMA_MISMATCH response body /kind']);
  });

  it('still catches an error body that breaks its schema, and omissions in it are fine', async () => {
    expect(await findings({ path: '/pets/pet-9' }, { status: 404, body: { title: 'Not Found', code: 1 } })).toEqual(['SCHEMA_MISMATCH response body /code']);
    expect(await findings({ path: '/pets/pet-9' }, { status: 404, body: {} })).toEqual([]);
  });

  it('accepts asserting just {id, status} of a task run against the bundled Deck spec', async () => {
    const { dir } = pactCopy('deck', (pact) => {
      const queued = interaction(pact, 'a request for a task run that is queued');
      queued.response.body.content = { id: queued.response.body.content.id, status: 'queued' };
      queued.response.matchingRules = {};
    });
    const profiles = [bundledProfile('deck')];
    expect((await checkPactsAgainstSpecs({ pacts: dir, profiles })).findings).toEqual([]);
    expect((await checkPactsAgainstSpecs({ pacts: dir, profiles, strict: true })).findings.map((finding) => finding.code)).toContain('SCHEMA_MISMATCH');
  });
});

describe('credentials are checked against the operation\'s security requirements', () => {
  it('catches a missing Authorization header without naming any secret', async () => {
    // peer: request.authorization.missing.
    const dir = path.join(root, 'missing');
    writeFileSync(`${dir}.yaml`, SPEC());
    const validator = createValidator(await loadSpec(`${dir}.yaml`), { strict: true });
    const pact = parsePact({ consumer: { name: 'c' }, provider: { name: 'pets' }, interactions: [{ description: 'no token', request: { method: 'GET', path: '/pets/pet-1', headers: { 'X-Api-Key': 'key-secret-1' } }, response: OK }] }, `${dir}.json`);
    const [finding, ...rest] = checkInteraction(validator, 'pets', pact, pact.interactions[0]!).findings;
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'SECURITY_UNSATISFIED', where: 'request', operationId: 'getPet' });
    expect(finding!.message).toBe('Received: header X-Api-Key\nDocumented: Authorization: Bearer … (Bearer)');
    expect(finding!.message).not.toContain('key-secret-1');
  });

  it('catches the wrong Authorization scheme', async () => {
    // peer: request.authorization.missing for Basic against a bearer scheme.
    expect(await findings({ headers: { Authorization: 'Basic dXNlcjpwYXNz' } })).toEqual(['SECURITY_UNSATISFIED request header']);
    expect(await findings({ headers: { authorization: 'bearer lower-case-is-fine' } })).toEqual([]);
    // peer: swagger-mock-validator "should pass when the pact request has the required http auth header".
    expect(await findings({ headers: { Authorization: 'Basic user:pwd' } }, OK, { spec: { security: '[{ Basic: [] }]' } })).toEqual([]);
  });

  it('catches a spec whose auth moved from bearer to an API-key header', async () => {
    expect(await findings({}, OK, { spec: { security: '[{ Key: [] }]' } })).toEqual(['SECURITY_UNSATISFIED request header']);
    expect(await findings({ headers: { 'x-api-key': 'k' } }, OK, { spec: { security: '[{ Key: [] }]' } })).toEqual([]);
  });

  it('reads an API key sent in the query as a credential, not an undocumented parameter', async () => {
    const spec = { security: '[{ QueryKey: [] }]' };
    expect(await findings({ headers: {}, query: 'api_key=k' }, OK, { spec })).toEqual([]);
    expect(await findings({ headers: {}, query: 'other=1' }, OK, { spec })).toEqual(['PROPERTY_UNDOCUMENTED request query other', 'SECURITY_UNSATISFIED request header']);
  });

  it('checks an API key in a cookie (deliberately: both peers pass a missing cookie unchecked)', async () => {
    const spec = { security: '[{ CookieKey: [] }]' };
    expect(await findings({ headers: { Cookie: 'theme=dark; session=abc' } }, OK, { spec })).toEqual([]);
    expect(await findings({ headers: { Cookie: 'theme=dark' } }, OK, { spec })).toEqual(['SECURITY_UNSATISFIED request header']);
  });

  it('accepts any one of the alternatives, needs every scheme of one requirement, and honours optional security', async () => {
    const either = { security: '[{ Bearer: [] }, { Key: [] }]' };
    expect(await findings({ headers: { 'X-Api-Key': 'k' } }, OK, { spec: either })).toEqual([]);
    const both = { security: '[{ Bearer: [], Key: [] }]' };
    expect(await findings({}, OK, { spec: both })).toEqual(['SECURITY_UNSATISFIED request header']);
    expect(await findings({ headers: { ...BEARER, 'X-Api-Key': 'k' } }, OK, { spec: both })).toEqual([]);
    expect(await findings({ headers: {} }, OK, { spec: { security: '[{}, { Bearer: [] }]' } })).toEqual([]);
    expect(await findings({ headers: {} }, OK, { spec: { security: '[]' } })).toEqual([]);
  });

  it('cannot check OAuth 2, so an alternative with it passes', async () => {
    // peer: swagger-mock-validator "should ignore unsupported security definition types" and "should pass if pact
    // doesnt match supported requirements but spec contains an unsupported one".
    expect(await findings({ headers: {} }, OK, { spec: { security: '[{ OAuth: [] }]' } })).toEqual([]);
    expect(await findings({ headers: {} }, OK, { spec: { security: '[{ OAuth: [] }, { Basic: [] }]' } })).toEqual([]);
  });

  it('uses the operation\'s security requirements over the document\'s', async () => {
    // peer: swagger-mock-validator "should use operation security definitions over globally defined ones".
    const dir = path.join(root, 'override');
    writeFileSync(`${dir}.yaml`, SPEC({ security: '[{ QueryKey: [] }]' }).replace('operationId: getPet', 'operationId: getPet\n      security: [{ Key: [] }]'));
    const validator = createValidator(await loadSpec(`${dir}.yaml`), { strict: true });
    const pact = parsePact({ consumer: { name: 'c' }, provider: { name: 'pets' }, interactions: [
      { description: 'query key', request: { method: 'GET', path: '/pets/pet-1', query: 'api_key=k' }, response: OK },
      { description: 'header key', request: { method: 'GET', path: '/pets/pet-1', headers: { 'X-Api-Key': 'k' } }, response: OK },
    ] }, `${dir}.json`);
    expect(pact.interactions.map((each) => checkInteraction(validator, 'pets', pact, each).findings.map((finding) => finding.code))).toEqual([['PROPERTY_UNDOCUMENTED', 'SECURITY_UNSATISFIED'], []]);
  });
});

describe('an interaction expecting an error status is checked as the documented error response', () => {
  it('lets a 401 interaction, and any error one, go without credentials', async () => {
    // peer: security is only checked for statuses below 400.
    expect(await findings({ method: 'POST', path: '/pets', headers: { 'Content-Type': 'application/json' }, body: { name: 'Rex' } }, { status: 401, body: { title: 'Unauthorized' } })).toEqual([]);
    expect(await findings({ path: '/pets/pet-9', headers: {} }, { status: 404, body: { title: 'Not Found' } })).toEqual([]);
  });

  it('lets a 400 interaction send an invalid body, but checks its response against the 400 schema', async () => {
    const request = { method: 'POST', path: '/pets', headers: { ...BEARER, 'Content-Type': 'application/json' }, body: { name: 7, extra: true } };
    expect(await findings(request, { status: 400, body: { title: 'Invalid' } })).toEqual([]);
    expect(await findings(request, { status: 400, body: { title: 3 } })).toEqual(['SCHEMA_MISMATCH response body /title']);
    expect(await findings(request, { status: 201, body: { id: 'pet-2' } })).toEqual(['SCHEMA_MISMATCH request body /extra', 'SCHEMA_MISMATCH request body /name']);
  });

  it('lets a 404 interaction ask for an id of the wrong shape', async () => {
    expect(await findings({ path: '/pets/not-a-pet' }, { status: 404, body: { title: 'Not Found' } })).toEqual([]);
    expect(await findings({ path: '/pets/not-a-pet' })).toEqual(['PARAMETER_INVALID request path petId']);
  });

  it('accepts a 405 for a method the path does not document, not for a path that does not exist', async () => {
    expect(await findings({ method: 'PUT' }, { status: 405 })).toEqual([]);
    expect(await findings({ method: 'PUT', path: '/owners/1' }, { status: 405 })).toEqual(['ROUTE_UNKNOWN request route']);
  });
});

describe('query strings in every Pact form', () => {
  it('reads a V2 query string and a V3 query map alike', async () => {
    const spec = { security: '[{ QueryKey: [] }]' };
    expect(await findings({ headers: {}, query: 'api_key=k&debug=1' }, OK, { spec })).toEqual(['PROPERTY_UNDOCUMENTED request query debug']);
    expect(await findings({ headers: {}, query: { api_key: ['k'], debug: ['1'] } }, OK, { spec, version: '3.0.0' })).toEqual(['PROPERTY_UNDOCUMENTED request query debug']);
  });
});

describe('query parameter styles', () => {
  const list = { path: '/pets' };
  const pets = { status: 200, headers: { 'Content-Type': 'application/json' }, body: [{ id: 'pet-1' }] };

  it('reads a deepObject parameter from its name[key] pairs, coerced and checked', async () => {
    // peer: deepObject query parameters are matched by name[key] (swagger-mock-validator reports them unknown).
    expect(await findings({ ...list, query: 'filter[kind]=cat&filter[age]=3' }, pets)).toEqual([]);
    expect(await findings({ ...list, query: 'filter[age]=old' }, pets)).toEqual(['PARAMETER_INVALID request query filter/age']);
    expect(await findings({ ...list, query: 'filter[colour]=brown' }, pets)).toEqual(['PARAMETER_INVALID request query filter/colour']);
  });

  it('reports an invalid query value, never drops it', async () => {
    expect(await findings({ ...list, query: { limit: ['500'], tags: ['a', 'b'] } }, pets, { version: '3.0.0' })).toEqual(['PARAMETER_INVALID request query limit']);
    expect(await findings({ ...list, query: 'limit=ten' }, pets)).toEqual(['PARAMETER_INVALID request query limit']);
  });
});

describe('response headers', () => {
  it('coerces a header value to its schema type, and catches one that does not convert', async () => {
    expect(await findings({}, { ...OK, headers: { ...OK.headers, 'X-Rate-Limit': '5' } })).toEqual([]);
    expect(await findings({}, { ...OK, headers: { ...OK.headers, 'X-Rate-Limit': 'five' } })).toEqual(['PARAMETER_INVALID response header X-Rate-Limit']);
  });

  it('reports an undocumented response header only in strict mode', async () => {
    // peer: swagger-mock-validator response.header.undefined is a warning, not an error.
    const extra = { ...OK, headers: { ...OK.headers, 'X-Request-Id': 'r-1', ETag: '"1"' } };
    expect(await findings({}, extra)).toEqual([]);
    expect(await findings({}, extra, { strict: true })).toEqual(['PROPERTY_UNDOCUMENTED response header x-request-id']);
  });
});

describe('media types and content negotiation', () => {
  const card = { path: '/pets/pet-1/card', headers: {} };
  const cardOk = (type: string) => ({ status: 200, headers: { 'Content-Type': type }, body: {} });

  it('reads media type parameters as part of the type: version=2 is not version=1', async () => {
    expect(await findings(card, cardOk('application/vnd.pets+json; version=1'))).toEqual([]);
    expect(await findings(card, cardOk('application/vnd.pets+json;version="1"; charset=utf-8'))).toEqual([]);
    expect(await findings(card, cardOk('application/vnd.pets+json; version=2'))).toEqual(['CONTENT_TYPE_UNDOCUMENTED response content-type']);
  });

  it('catches an Accept header no documented response media type satisfies', async () => {
    // peer: swagger-mock-validator request.accept.incompatible.
    expect(await findings({ headers: { ...BEARER, Accept: 'application/xml' } })).toEqual(['CONTENT_TYPE_UNDOCUMENTED request header accept']);
    for (const accept of ['application/json', '*/*', 'application/*', 'text/html, application/json;q=0.5']) expect(await findings({ headers: { ...BEARER, Accept: accept } })).toEqual([]);
    expect(await findings({ headers: { ...BEARER, Accept: 'application/json;q=0' } })).toEqual(['CONTENT_TYPE_UNDOCUMENTED request header accept']);
    expect(await findings({ ...card, headers: { Accept: 'application/vnd.pets+json; version=2' } }, cardOk('application/vnd.pets+json; version=1'))).toEqual(['CONTENT_TYPE_UNDOCUMENTED request header accept']);
  });

  it('lets a 406 interaction send an Accept the provider cannot serve', async () => {
    expect(await findings({ ...card, headers: { Accept: 'application/xml' } }, { status: 406 })).toEqual([]);
  });
});

describe('form-urlencoded request bodies', () => {
  const adopt = (body: string) => ({ method: 'POST', path: '/pets/pet-1/adoption', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });

  it('checks each field against the schema, coerced by its type', async () => {
    expect(await findings(adopt('owner=Ana&years=3'), { status: 204 })).toEqual([]);
    expect(await findings(adopt('owner=Ana&years=old'), { status: 204 })).toEqual(['SCHEMA_MISMATCH request body /years']);
    expect(await findings(adopt('years=3'), { status: 204 })).toEqual(['SCHEMA_MISMATCH request body /owner']);
    expect(await findings(adopt('owner=Ana&colour=brown'), { status: 204 })).toEqual(['SCHEMA_MISMATCH request body /colour']);
  });
});

describe('a Content-Type sent without a body', () => {
  it('is ignored when the operation takes no body (peer: request.content-type.unknown is a warning)', async () => {
    expect(await findings({ headers: { ...BEARER, 'Content-Type': 'application/json' } })).toEqual([]);
  });

  it('is a finding when the operation does not take that media type, and fine when it does', async () => {
    const create = (contentType: string) => ({ method: 'POST', path: '/pets', headers: { ...BEARER, 'Content-Type': contentType } });
    const created = { status: 201, headers: { 'Content-Type': 'application/json' }, body: { id: 'pet-1' } };
    expect(await findings(create('text/plain'), created)).toEqual(['BODY_MISSING request body', 'CONTENT_TYPE_UNDOCUMENTED request content-type']);
    expect(await findings(create('application/json'), created)).toEqual(['BODY_MISSING request body']);
  });
});

describe('multipart/form-data request bodies', () => {
  const BOUNDARY = 'pact-boundary-7f3a';
  const part = (name: string, value: string, filename?: string) => [
    `--${BOUNDARY}`, `Content-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}`, ...(filename ? ['Content-Type: image/png'] : []), '', value,
  ].join('\r\n');
  const photo = (parts: string[], contentType = `multipart/form-data; boundary=${BOUNDARY}`) => ({
    method: 'PUT', path: '/pets/pet-1/photo', headers: { 'Content-Type': contentType }, body: `${parts.join('\r\n')}\r\n--${BOUNDARY}--\r\n`,
  });

  it('parses the parts by boundary and checks each field against the schema, coerced by its type', async () => {
    expect(await findings(photo([part('caption', 'Rex at the beach'), part('width', '640'), part('file', 'PNG…', 'rex.png')]), { status: 204 })).toEqual([]);
    expect(await findings(photo([part('caption', 'Rex'), part('width', 'wide')]), { status: 204 })).toEqual(['SCHEMA_MISMATCH request body /width']);
    expect(await findings(photo([part('width', '640')]), { status: 204 })).toEqual(['SCHEMA_MISMATCH request body /caption']);
  });

  it('names a multipart body that cannot be read, instead of passing it unchecked', async () => {
    expect(await findings(photo([part('caption', 'Rex')], 'multipart/form-data'), { status: 204 })).toEqual(['BODY_MALFORMED request body']);
  });
});

describe('the spec\'s server base path is part of the route', () => {
  it('understands a pact path relative to the base URL and one that includes the base path', async () => {
    expect(await findings({ path: '/pets/pet-1' })).toEqual([]);
    expect(await findings({ path: '/v2/pets/pet-1' })).toEqual([]);
  });

  it('reads a trailing slash as another path, and percent-encoding as the character it encodes', async () => {
    // peer: openapi-pact-comparator routes without ignoring trailing slashes; OpenAPI paths are matched literally.
    expect(await findings({ path: '/pets/pet-1/' })).toEqual(['ROUTE_UNKNOWN request route']);
    expect(await findings({ path: '/pets/pet%2D1' })).toEqual([]);
  });

  it('catches a base-path change for a pact that writes the full path', async () => {
    expect(await findings({ path: '/v2/pets/pet-1' }, OK, { spec: { base: '/v3' } })).toEqual(['ROUTE_UNKNOWN request route']);
  });
});

describe('pact files written by other tools', () => {
  it('skips V4 message interactions with a note, and checks repeated descriptions one by one, by index', async () => {
    const dir = path.join(root, 'messages');
    writeFileSync(`${dir}.yaml`, SPEC());
    const get = (petPath: string) => ({ type: 'Synchronous/HTTP', description: 'a request for a pet', request: { method: 'GET', path: petPath, headers: BEARER }, response: OK });
    writeFileSync(`${dir}.json`, JSON.stringify({
      consumer: { name: 'pet-shop' }, provider: { name: 'pets' }, metadata: { pactSpecification: { version: '4.0' } },
      interactions: [get('/pets/pet-1'), { type: 'Asynchronous/Messages', description: 'a pet-adopted event', contents: { content: { id: 'pet-1' } } }, get('/pets/dog-1')],
    }));
    const profile = { ...bundledProfile('deck'), name: 'pets', spec: `${dir}.yaml` };
    const report = await checkPactsAgainstSpecs({ pacts: `${dir}.json`, profiles: [profile] });
    expect(report.checks.map((check) => [check.pactLocation, check.findings.map((finding) => finding.code)])).toEqual([['#/interactions/0', []], ['#/interactions/2', ['PARAMETER_INVALID']]]);
    expect(report.skipped).toEqual([{ provider: 'pets', interaction: expect.stringMatching(/messages\.json#\/interactions\/1 "a pet-adopted event"$/), note: expect.stringMatching(/\(Asynchronous\/Messages\): runwarden verifies and cross-checks HTTP interactions only$/) }]);
    const cases = crossCheckCases(report);
    expect(cases.filter((entry) => entry.skipped).map((entry) => entry.suite)).toEqual(['cross-check']);
    expect(cases.filter((entry) => !entry.skipped).map((entry) => entry.name)).toEqual([
      'a request for a pet [#0] (GET /pets/pet-1 → 200)', 'a request for a pet [#2] (GET /pets/dog-1 → 200): PARAMETER_INVALID at petId',
    ]);
  });
});
