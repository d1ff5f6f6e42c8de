import type { IndexedOperation } from './operation-index.ts';
import { childPointer } from './pointer.ts';
import { diffSchemas } from './schema-diff.ts';
import type { ChangeLevel, SpecChange } from './spec-change.ts';

type Json = Record<string, unknown>;
type Emit = (change: SpecChange) => void;

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const records = (value: unknown): Json => (isJson(value) ? value : {});

/** Default `style`/`explode` per location (OpenAPI 3): form+explode for query and cookie, simple otherwise. */
function serialization(parameter: Json): { style: string; explode: boolean } {
  const style = typeof parameter.style === 'string' ? parameter.style : parameter.in === 'query' || parameter.in === 'cookie' ? 'form' : 'simple';
  return { style, explode: typeof parameter.explode === 'boolean' ? parameter.explode : style === 'form' };
}

/** A parameter's schema: its own, else the first media type's (`content`). */
function parameterSchema(parameter: Json): { schema: unknown; at: string } {
  if (parameter.schema !== undefined) return { schema: parameter.schema, at: '/schema' };
  const [media, value] = Object.entries(records(parameter.content))[0] ?? [];
  return media ? { schema: records(value).schema, at: `${childPointer('/content', media)}/schema` } : { schema: undefined, at: '' };
}

/** A parameter as people call it: "query parameter `limit`". */
const describe = (parameter: Json): string => `${String(parameter.in)} parameter \`${String(parameter.name)}\``;

function diffParameters(base: IndexedOperation, revision: IndexedOperation, emit: Emit): void {
  const operation = revision.label;
  for (const [key, { parameter, pointer }] of base.parameters) {
    const after = revision.parameters.get(key);
    if (!after) {
      emit({ id: 'request-parameter-removed', level: 'warning', operation, base: pointer, message: `The ${describe(parameter)} was removed: clients that still send it may be rejected or ignored.` });
      continue;
    }
    const next = after.parameter;
    const pointers = { base: pointer, revision: after.pointer };
    if (parameter.in === 'path' && parameter.name !== next.name) {
      emit({ id: 'request-path-param-renamed', level: 'info', operation, ...pointers, message: `The path parameter \`${String(parameter.name)}\` was renamed \`${String(next.name)}\`: the URL is the same, no client breaks.` });
    }
    const wasRequired = parameter.required === true;
    const isRequired = next.required === true;
    if (!wasRequired && isRequired) emit({ id: 'request-parameter-became-required', level: 'breaking', operation, ...pointers, message: `The ${describe(next)} became required: clients that omit it get 4xx.` });
    if (wasRequired && !isRequired) emit({ id: 'request-parameter-became-optional', level: 'info', operation, ...pointers, message: `The ${describe(next)} became optional: no client breaks.` });
    const [from, to] = [serialization(parameter), serialization(next)];
    if (from.style !== to.style) emit({ id: 'request-parameter-style-changed', level: 'breaking', operation, ...pointers, message: `The ${describe(next)} style changed from ${from.style} to ${to.style}: clients serialise it the old way and the server misreads it.` });
    if (from.explode !== to.explode) emit({ id: 'request-parameter-explode-changed', level: 'breaking', operation, ...pointers, message: `The ${describe(next)} explode changed from ${from.explode} to ${to.explode}: clients serialise it the old way and the server misreads it.` });
    if (parameter.deprecated !== true && next.deprecated === true) emit({ id: 'request-parameter-deprecated', level: 'info', operation, ...pointers, message: `The ${describe(next)} is deprecated.` });
    const [schemaBefore, schemaAfter] = [parameterSchema(parameter), parameterSchema(next)];
    diffSchemas(schemaBefore.schema, schemaAfter.schema, `${pointer}${schemaBefore.at}`, `${after.pointer}${schemaAfter.at}`,
      { direction: 'request', subject: 'request-parameter', propertySubject: 'request-parameter-property', label: `The ${describe(next)}`, operation }, emit);
  }
  for (const [key, { parameter, pointer }] of revision.parameters) {
    if (base.parameters.has(key)) continue;
    const required = parameter.required === true;
    emit({ id: required ? 'new-required-request-parameter' : 'new-optional-request-parameter', level: required ? 'breaking' : 'info', operation, revision: pointer,
      message: required ? `New required ${describe(parameter)}: clients that do not send it get 4xx.` : `New optional ${describe(parameter)}: no client breaks.` });
  }
}

function diffRequestBody(base: IndexedOperation, revision: IndexedOperation, emit: Emit): void {
  const operation = revision.label;
  const before = isJson(base.operation.requestBody) ? base.operation.requestBody : undefined;
  const after = isJson(revision.operation.requestBody) ? revision.operation.requestBody : undefined;
  const bp = `${base.pointer}/requestBody`;
  const rp = `${revision.pointer}/requestBody`;
  if (!before && after) {
    const required = after.required === true;
    emit({ id: required ? 'request-body-added-required' : 'request-body-added-optional', level: required ? 'breaking' : 'info', operation, revision: rp, message: required ? 'A required request body was added: clients that send none get 4xx.' : 'An optional request body was added: no client breaks.' });
    return;
  }
  if (before && !after) {
    emit({ id: 'request-body-removed', level: 'breaking', operation, base: bp, message: 'The request body was removed: clients that send one may be rejected (400/415).' });
    return;
  }
  if (!before || !after) return;
  if (before.required !== true && after.required === true) emit({ id: 'request-body-became-required', level: 'breaking', operation, base: bp, revision: rp, message: 'The request body became required: clients that send none get 4xx.' });
  if (before.required === true && after.required !== true) emit({ id: 'request-body-became-optional', level: 'info', operation, base: bp, revision: rp, message: 'The request body became optional: no client breaks.' });
  const mediaBefore = records(before.content);
  const mediaAfter = records(after.content);
  for (const media of Object.keys(mediaBefore)) {
    const at = childPointer(`${bp}/content`, media);
    if (!(media in mediaAfter)) {
      emit({ id: 'request-body-media-type-removed', level: 'breaking', operation, base: at, message: `The request media type ${media} was removed: clients sending it get 415.` });
      continue;
    }
    const to = childPointer(`${rp}/content`, media);
    diffSchemas(records(mediaBefore[media]).schema, records(mediaAfter[media]).schema, `${at}/schema`, `${to}/schema`,
      { direction: 'request', subject: 'request-body', propertySubject: 'request-property', label: `the ${media} request body`, operation }, emit);
  }
  for (const media of Object.keys(mediaAfter).filter((media) => !(media in mediaBefore))) {
    emit({ id: 'request-body-media-type-added', level: 'info', operation, revision: childPointer(`${rp}/content`, media), message: `The request media type ${media} was added: no client breaks.` });
  }
}

const isSuccess = (status: string): boolean => /^2/.test(status);

function diffResponses(base: IndexedOperation, revision: IndexedOperation, emit: Emit): void {
  const operation = revision.label;
  const before = records(base.operation.responses);
  const after = records(revision.operation.responses);
  for (const status of Object.keys(before)) {
    const bp = childPointer(`${base.pointer}/responses`, status);
    if (!(status in after)) {
      const success = isSuccess(status);
      emit({ id: success ? 'response-success-status-removed' : 'response-non-success-status-removed', level: success ? 'breaking' : 'info', operation, base: bp,
        message: success ? `The ${status} response was removed: clients that expect it treat every answer as a failure.` : `The ${status} response is no longer documented: clients that handle it keep working.` });
      continue;
    }
    diffResponse(status, records(before[status]), records(after[status]), bp, childPointer(`${revision.pointer}/responses`, status), operation, emit);
  }
  for (const status of Object.keys(after).filter((status) => !(status in before))) {
    const success = isSuccess(status);
    emit({ id: success ? 'response-success-status-added' : 'response-non-success-status-added', level: 'info', operation, revision: childPointer(`${revision.pointer}/responses`, status),
      message: `The ${status} response was added: ${success ? 'no client breaks' : 'clients may meet a status they did not handle before'}.` });
  }
}

function diffResponse(status: string, before: Json, after: Json, bp: string, rp: string, operation: string, emit: Emit): void {
  const mediaBefore = records(before.content);
  const mediaAfter = records(after.content);
  for (const media of Object.keys(mediaBefore)) {
    const at = childPointer(`${bp}/content`, media);
    if (!(media in mediaAfter)) {
      emit({ id: 'response-media-type-removed', level: 'breaking', operation, base: at, message: `The ${status} response no longer comes as ${media}: clients that parse it break.` });
      continue;
    }
    const to = childPointer(`${rp}/content`, media);
    diffSchemas(records(mediaBefore[media]).schema, records(mediaAfter[media]).schema, `${at}/schema`, `${to}/schema`,
      { direction: 'response', subject: 'response-body', propertySubject: 'response-property', label: `the ${status} ${media} response body`, operation }, emit);
  }
  for (const media of Object.keys(mediaAfter).filter((media) => !(media in mediaBefore))) {
    emit({ id: 'response-media-type-added', level: 'info', operation, revision: childPointer(`${rp}/content`, media), message: `The ${status} response may now come as ${media}.` });
  }
  const lower = (headers: Json): Map<string, [string, Json]> => new Map(Object.entries(headers).map(([name, header]) => [name.toLowerCase(), [name, records(header)]]));
  const headersBefore = lower(records(before.headers));
  const headersAfter = lower(records(after.headers));
  for (const [key, [name, header]] of headersBefore) {
    const at = childPointer(`${bp}/headers`, name);
    const next = headersAfter.get(key);
    if (!next) {
      const required = header.required === true;
      emit({ id: required ? 'response-required-header-removed' : 'response-optional-header-removed', level: required ? 'breaking' : 'warning', operation, base: at,
        message: `The ${status} response header ${name} was removed: clients that read it ${required ? 'break' : 'lose it'}.` });
      continue;
    }
    const to = childPointer(`${rp}/headers`, next[0]);
    if (header.required === true && next[1].required !== true) emit({ id: 'response-header-became-optional', level: 'breaking', operation, base: at, revision: to, message: `The ${status} response header ${name} became optional: clients that expect it may not get it.` });
    diffSchemas(header.schema, next[1].schema, `${at}/schema`, `${to}/schema`,
      { direction: 'response', subject: 'response-header', propertySubject: 'response-header-property', label: `the ${status} response header ${name}`, operation }, emit);
  }
  for (const [key, [name]] of headersAfter) {
    if (!headersBefore.has(key)) emit({ id: 'new-response-header', level: 'info', operation, revision: childPointer(`${rp}/headers`, name), message: `The ${status} response has a new header ${name}: no client breaks.` });
  }
}

/** A security alternative by the schemes it combines: `apiKey+oauth`. */
const requirementKey = (requirement: unknown): string => Object.keys(records(requirement)).sort().join('+') || '(anonymous access)';

function diffSecurity(base: IndexedOperation, revision: IndexedOperation, emit: Emit): void {
  const operation = revision.label;
  const before = base.security ?? [];
  const after = revision.security ?? [];
  const open = (list: unknown[]): boolean => list.length === 0 || list.some((requirement) => Object.keys(records(requirement)).length === 0);
  if (open(before) && !open(after)) {
    emit({ id: 'api-security-added', level: 'breaking', operation, revision: revision.pointer, message: 'The operation now requires authentication: clients that send no credentials get 401.' });
    return;
  }
  if (open(before)) return;
  const afterByKey = new Map(after.map((requirement) => [requirementKey(requirement), records(requirement)]));
  const beforeKeys = new Set(before.map(requirementKey));
  for (const requirement of before) {
    const key = requirementKey(requirement);
    const next = afterByKey.get(key);
    if (!next) {
      if (!open(after)) emit({ id: 'api-security-removed', level: 'breaking', operation, base: base.pointer, message: `The security alternative ${key} was removed: clients that authenticate that way get 401.` });
      continue;
    }
    for (const [scheme, scopes] of Object.entries(records(requirement))) {
      const nextScopes = Array.isArray(next[scheme]) ? (next[scheme] as unknown[]).map(String) : [];
      for (const scope of nextScopes.filter((scope) => !(Array.isArray(scopes) ? scopes.map(String) : []).includes(scope))) {
        emit({ id: 'api-security-scope-added', level: 'breaking', operation, revision: revision.pointer, message: `The ${scheme} security now also requires scope ${scope}: tokens without it get 403.` });
      }
      for (const scope of (Array.isArray(scopes) ? scopes.map(String) : []).filter((scope) => !nextScopes.includes(scope))) {
        emit({ id: 'api-security-scope-removed', level: 'info', operation, base: base.pointer, message: `The ${scheme} security no longer requires scope ${scope}: no client breaks.` });
      }
    }
  }
  for (const key of afterByKey.keys()) {
    if (!beforeKeys.has(key)) emit({ id: 'api-security-alternative-added', level: 'info', operation, revision: revision.pointer, message: `The security alternative ${key} was added: existing credentials keep working.` });
  }
}

/** Sunset of a deprecated operation (`x-sunset`, an ISO date), if any. */
const sunsetOf = (operation: Json): string | undefined => (typeof operation['x-sunset'] === 'string' ? operation['x-sunset'] : undefined);

/** Compares two versions of one operation. */
export function diffOperation(base: IndexedOperation, revision: IndexedOperation, emit: Emit): void {
  const operation = revision.label;
  if (base.operation.deprecated !== true && revision.operation.deprecated === true) {
    emit({ id: 'endpoint-deprecated', level: 'info', operation, revision: revision.pointer, message: `${revision.label} is deprecated${sunsetOf(revision.operation) ? ` (sunset ${sunsetOf(revision.operation)})` : ''}: clients should move off it.` });
  } else if (base.operation.deprecated === true && revision.operation.deprecated !== true) {
    emit({ id: 'endpoint-reactivated', level: 'info', operation, revision: revision.pointer, message: `${revision.label} is no longer deprecated.` });
  }
  const [sunsetBefore, sunsetAfter] = [sunsetOf(base.operation), sunsetOf(revision.operation)];
  if (sunsetBefore && sunsetAfter && sunsetAfter < sunsetBefore) {
    emit({ id: 'api-sunset-date-changed-too-small', level: 'breaking', operation, base: base.pointer, revision: revision.pointer, message: `The sunset of ${revision.label} moved earlier, from ${sunsetBefore} to ${sunsetAfter}: clients planning on the old date break sooner.` });
  }
  if (typeof base.operation.operationId === 'string' && base.operation.operationId !== revision.operation.operationId) {
    emit({ id: 'api-operation-id-updated', level: 'warning', operation, base: base.pointer, revision: revision.pointer, message: `The operationId changed from ${base.operation.operationId} to ${String(revision.operation.operationId ?? 'none')}: generated clients and pacts that name it break.` });
  }
  diffParameters(base, revision, emit);
  diffRequestBody(base, revision, emit);
  diffResponses(base, revision, emit);
  diffSecurity(base, revision, emit);
}

/** The level and id of removing an operation: removing a deprecated one is expected. */
export function removalOf(base: IndexedOperation, today: string): { id: string; level: ChangeLevel } {
  if (base.operation.deprecated !== true) return { id: 'api-removed-without-deprecation', level: 'breaking' };
  const sunset = sunsetOf(base.operation);
  return sunset && sunset > today ? { id: 'api-removed-before-sunset', level: 'breaking' } : { id: 'api-removed-with-deprecation', level: 'info' };
}
