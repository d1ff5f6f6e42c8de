import type { Violation } from '../core/violation.ts';
import { checkBody, isEmptyBody } from './check-body.ts';
import { decodeFormBody, isFormMediaType } from './form-body.ts';
import { checkParameter, missingParameter } from './check-parameter.ts';
import type { CompiledOperation } from './compile-operation.ts';
import { formatList } from './format-value.ts';
import { headerValue, type HeaderMap } from './headers.ts';
import { matchMediaType } from './media-type.ts';
import { queryValues } from './query-values.ts';
import type { SchemaCompiler } from './schema-compiler.ts';

/** A routed request, split into the parts the operation documents. */
export interface RoutedRequest {
  pathParams: Record<string, string>;
  search: URLSearchParams;
  headers: HeaderMap | undefined;
  body: unknown;
}

/** Splits a path + query (or a full URL, any host) into its pathname and query parameters. */
export function splitUrl(url: string): { pathname: string; search: URLSearchParams } {
  let rest = url;
  if (!url.startsWith('/')) {
    try {
      const parsed = new URL(url, 'http://runwarden.invalid');
      rest = `${parsed.pathname}${parsed.search}`;
    } catch {
      rest = url;
    }
  }
  const hash = rest.indexOf('#');
  if (hash !== -1) rest = rest.slice(0, hash);
  const question = rest.indexOf('?');
  return question === -1
    ? { pathname: rest, search: new URLSearchParams() }
    : { pathname: rest.slice(0, question), search: new URLSearchParams(rest.slice(question + 1)) };
}

/**
 * Checks a request against its operation: path, query and header parameters (coerced by schema type, required
 * ones present), the body and its content type; in strict mode, query parameters the operation does not document.
 */
export function checkRequest(compiled: CompiledOperation, request: RoutedRequest, options: { strict: boolean; compiler: SchemaCompiler }): Violation[] {
  const { operation } = compiled;
  const { operationId } = operation;
  const { compiler } = options;
  const violations: Violation[] = [];
  for (const parameter of compiled.path) {
    const raw = request.pathParams[parameter.key];
    if (raw === undefined) violations.push(missingParameter(parameter, 'path', operationId));
    else violations.push(...checkParameter(parameter, [raw], 'path', operationId, compiler));
  }
  const consumed = new Set<string>();
  for (const parameter of compiled.query) {
    const { values, names } = queryValues(parameter.parameter, request.search);
    for (const name of names) consumed.add(name);
    if (values.length > 0) violations.push(...checkParameter(parameter, values, 'query', operationId, compiler));
    else if (parameter.parameter.required) violations.push(missingParameter(parameter, 'query', operationId));
  }
  if (options.strict) {
    for (const name of new Set(request.search.keys())) {
      if (compiled.queryNames.has(name) || consumed.has(name)) continue;
      violations.push({
        operationId, where: 'request', part: 'query', code: 'PROPERTY_UNDOCUMENTED', pointer: name,
        message: `Received: query parameter "${name}"\nDocumented: ${formatList([...compiled.queryNames]) || 'no query parameters'}`,
        received: name, documented: [...compiled.queryNames], specLocation: operation.specLocation,
      });
    }
  }
  for (const parameter of compiled.header) {
    const value = headerValue(request.headers, parameter.key);
    if (value !== undefined) violations.push(...checkParameter(parameter, [value], 'header', operationId, compiler));
    else if (parameter.parameter.required) violations.push(missingParameter(parameter, 'header', operationId));
  }
  const specLocation = operation.requestBody?.specLocation ?? operation.specLocation;
  const contentType = headerValue(request.headers, 'content-type');
  if (isEmptyBody(request.body)) {
    if (compiled.requestBodyRequired) {
      violations.push({
        operationId, where: 'request', part: 'body', code: 'BODY_MISSING', specLocation,
        message: `Received: no body\nDocumented: a required ${formatList(compiled.requestContent?.mediaTypes ?? [])} body`,
        documented: compiled.requestContent?.mediaTypes,
      });
    }
  } else {
    const read = readFormBody(compiled, contentType, request.body, specLocation);
    if ('violation' in read) violations.push(read.violation);
    else {
      const body = checkBody(compiled.requestContent, contentType, read.body, {
        operationId, where: 'request', specLocation, strict: options.strict, compiler,
      });
      if (body) violations.push(...body);
    }
  }
  return violations;
}

/**
 * A form body (urlencoded or multipart text) read into the object its documented schema describes, so it is
 * validated field by field rather than passed as opaque text; any other body as it is.
 */
function readFormBody(compiled: CompiledOperation, contentType: string | undefined, body: unknown, specLocation: string): { body: unknown } | { violation: Violation } {
  const documented = compiled.operation.requestBody?.content ?? {};
  if (typeof body !== 'string' || contentType === undefined || !isFormMediaType(contentType)) return { body };
  const key = matchMediaType(contentType, Object.keys(documented));
  if (key === undefined || !isFormMediaType(key)) return { body };
  const decoded = decodeFormBody(contentType, body, documented[key]!.schema);
  if (decoded.ok) return { body: decoded.value };
  return {
    violation: {
      operationId: compiled.operation.operationId, where: 'request', part: 'body', code: 'BODY_MALFORMED', specLocation,
      message: `Received: a ${contentType} body that cannot be read: ${decoded.reason}\nDocumented: ${key}`,
      received: contentType, documented: key,
    },
  };
}
