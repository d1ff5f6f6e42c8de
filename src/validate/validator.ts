import { RunwardenError } from '../core/errors.ts';
import type { Violation } from '../core/violation.ts';
import { closestNames } from '../spec/edit-distance.ts';
import type { LoadedSpec, Operation } from '../spec/loaded-spec.ts';
import { createRouter } from '../spec/router.ts';
import { checkBody } from './check-body.ts';
import { checkRequest, splitUrl } from './check-request.ts';
import { checkResponseHeaders } from './check-response-headers.ts';
import { compileOperation, responseFor, type CompiledOperation } from './compile-operation.ts';
import { formatList } from './format-value.ts';
import { headerValue, type HeaderMap } from './headers.ts';
import { createSchemaCompiler, type SchemaCompiler } from './schema-compiler.ts';
import { createShapePlanner } from './undocumented-properties.ts';

/** How strictly to validate. */
export interface ValidatorOptions {
  /** Also report PROPERTY_UNDOCUMENTED for properties a schema does not declare, even where it allows extra ones. */
  strict?: boolean;
}

/** An observed response. `body` is the parsed JSON (or the text of a non-JSON body). */
export interface ObservedResponse {
  status: number;
  /** When given, documented required headers are checked. */
  headers?: HeaderMap;
  body?: unknown;
  /** Defaults to the `content-type` header, then to the documented JSON media type. */
  contentType?: string;
}

/** An observed request. `url` is a path + query or a full URL (any host). */
export interface ObservedRequest {
  method: string;
  url: string;
  headers?: HeaderMap;
  body?: unknown;
}

/** Validates requests and responses against one spec; every schema is compiled when it is created. */
export interface Validator {
  readonly spec: LoadedSpec;
  /** The compiler, for other checks over the same spec (examples). */
  readonly compiler: SchemaCompiler;
  /** Findings for a response of an operation; [] when it conforms. Throws OPERATION_UNKNOWN for an unknown id. */
  validateResponse(operationId: string, response: ObservedResponse): Violation[];
  /**
   * Routes a request to its operation and checks parameters, headers and body. When no route matches, the single
   * ROUTE_UNKNOWN finding carries `METHOD /path` as its operationId and the nearest routes as `documented`.
   */
  validateRequest(request: ObservedRequest): { operation?: Operation; violations: Violation[] };
}

function unknownOperation(spec: LoadedSpec, operationId: string): RunwardenError {
  const known = spec.operations.map((operation) => operation.operationId);
  const nearest = closestNames(operationId, known);
  return new RunwardenError(
    'OPERATION_UNKNOWN',
    `unknown operation "${operationId}" in ${spec.title}`,
    `${nearest.length > 0 ? `Did you mean ${nearest.join(', ')}? ` : ''}Known operations: ${known.join(', ')}.`,
  );
}

/**
 * Compiles every schema of a spec once (request bodies, parameters, responses by status and media type,
 * response headers) and returns a validator whose calls never compile. Throws SCHEMA_UNCOMPILABLE naming the
 * operation and the schema's location when a schema cannot be compiled.
 */
export function createValidator(spec: LoadedSpec, options: ValidatorOptions = {}): Validator {
  const strict = options.strict === true;
  const compiler = createSchemaCompiler(spec);
  const tools = { compiler, planOf: strict ? createShapePlanner(spec.document) : undefined };
  const operations = new Map<string, CompiledOperation>();
  for (const operation of spec.operations) operations.set(operation.operationId, compileOperation(operation, tools));
  const router = createRouter(spec.operations);

  function validateResponse(operationId: string, response: ObservedResponse): Violation[] {
    const compiled = operations.get(operationId);
    if (!compiled) throw unknownOperation(spec, operationId);
    const documented = responseFor(compiled, response.status);
    if (documented === null) {
      return [{
        operationId, where: 'response', part: 'status', code: 'STATUS_UNDOCUMENTED',
        message: `Received: ${response.status}\nDocumented: ${formatList(compiled.documentedStatuses)}`,
        received: response.status, documented: compiled.documentedStatuses, specLocation: `${compiled.operation.specLocation}/responses`,
      }];
    }
    // Fast path: a conforming body costs a map lookup or two and the compiled Ajv function.
    let violations: Violation[] | undefined;
    if (response.headers !== undefined && documented.headers.length > 0) {
      const found = checkResponseHeaders(operationId, documented, response.headers, compiler);
      if (found.length > 0) violations = found;
    }
    const contentType = response.contentType ?? headerValue(response.headers, 'content-type');
    const body = checkBody(documented.content, contentType, response.body, {
      operationId, where: 'response', specLocation: documented.spec.specLocation, strict, compiler,
    });
    if (body) violations = violations ? [...violations, ...body] : body;
    return violations ?? [];
  }

  function validateRequest(request: ObservedRequest): { operation?: Operation; violations: Violation[] } {
    const { pathname, search } = splitUrl(request.url);
    const routed = router.match(request.method, pathname);
    if (routed.operation === undefined) {
      const received = `${request.method.toUpperCase()} ${pathname}`;
      return {
        violations: [{
          operationId: received, where: 'request', part: 'route', code: 'ROUTE_UNKNOWN',
          message: `Received: ${received}\nDocumented: nearest ${routed.nearest.join(', ') || '(no routes)'}`,
          received, documented: routed.nearest,
        }],
      };
    }
    const compiled = operations.get(routed.operation.operationId)!;
    const violations = checkRequest(compiled, { pathParams: routed.pathParams, search, headers: request.headers, body: request.body }, { strict, compiler });
    return { operation: compiled.operation, violations };
  }

  return { spec, compiler, validateResponse, validateRequest };
}
