import { RunwardenError } from '../core/errors.ts';
import type { Violation } from '../core/violation.ts';
import { closestNames } from '../spec/edit-distance.ts';
import { dereferencedAt } from '../spec/load-spec.ts';
import type { LoadedSpec, Operation } from '../spec/loaded-spec.ts';
import { createRouter, type Router } from '../spec/router.ts';
import { checkBody } from './check-body.ts';
import { checkRequest, splitUrl } from './check-request.ts';
import { checkResponseHeaders } from './check-response-headers.ts';
import { compileOperation, responseFor, type CompiledOperation, type CompileTools } from './compile-operation.ts';
import { formatList } from './format-value.ts';
import { headerValue, type HeaderMap } from './headers.ts';
import { createSchemaCompiler, type SchemaCompiler } from './schema-compiler.ts';
import { createShapePlanner } from './undocumented-properties.ts';

/** How strictly to validate, and when to compile. */
export interface ValidatorOptions {
  /** Also report PROPERTY_UNDOCUMENTED for properties a schema does not declare, even where it allows extra ones. */
  strict?: boolean;
  /**
   * `lazy` (the default): an operation's schemas compile the first time it is validated against. `all`: every
   * operation compiles now (see `compileAll`), for callers that must never compile while serving traffic.
   */
  compile?: 'lazy' | 'all';
}

/** What compiling every operation found: how many compiled, and each operation whose schemas cannot compile. */
export interface CompileReport {
  operations: number;
  compiled: number;
  failed: Array<{ operationId: string; message: string }>;
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

/** Validates requests and responses against one spec, compiling each operation's schemas once, on first use. */
export interface Validator {
  readonly spec: LoadedSpec;
  /** The compiler, for other checks over the same spec (examples). */
  readonly compiler: SchemaCompiler;
  /**
   * Compiles every operation, and every schema each one reaches, not compiled yet (the simulator and load runs call
   * this before any traffic; `spec check` to find every schema that cannot compile). An operation that cannot compile is listed, not thrown; it
   * throws SCHEMA_UNCOMPILABLE each time it is validated against. Other operations are not affected.
   */
  compileAll(): CompileReport;
  /**
   * Compiles one operation now, with every schema it reaches (so that nothing compiles while serving it). With
   * `reachable: false`, only the operation's own schemas: the shared ones compile when a message first reaches
   * them (one body against one operation of a large spec). Throws OPERATION_UNKNOWN or SCHEMA_UNCOMPILABLE.
   */
  prepare(operationId: string, options?: { reachable?: boolean }): void;
  /** Findings for a response of an operation; [] when it conforms. Throws OPERATION_UNKNOWN for an unknown id. */
  validateResponse(operationId: string, response: ObservedResponse): Violation[];
  /**
   * Routes a request to its operation and checks parameters, headers and body. When no route matches, the single
   * ROUTE_UNKNOWN finding carries `METHOD /path` as its operationId and the nearest routes as `documented`.
   */
  validateRequest(request: ObservedRequest): { operation?: Operation; violations: Violation[] };
}

/** At most this many operationIds are listed in a hint (Microsoft Graph has 11,000). */
const LISTED = 20;

/** `a, b, c` or `a, b, … and 11,400 more`. */
export function listOperations(known: readonly string[]): string {
  return known.length <= LISTED ? known.join(', ') : `${known.slice(0, LISTED).join(', ')}, … and ${(known.length - LISTED).toLocaleString('en-US')} more`;
}

function unknownOperation(spec: LoadedSpec, operationId: string): RunwardenError {
  const known = spec.operations.map((operation) => operation.operationId);
  const nearest = closestNames(operationId, known);
  return new RunwardenError(
    'OPERATION_UNKNOWN',
    `unknown operation "${operationId}" in ${spec.title}`,
    `${nearest.length > 0 ? `Did you mean ${nearest.join(', ')}? ` : ''}Known operations: ${listOperations(known)}.`,
  );
}

/** What the validators of one spec share (within a process): its compiler, router and compiled operations. */
interface SharedState {
  compiler: SchemaCompiler;
  router: Router;
  byId: Map<string, Operation>;
  /** Compiled operations (or why one cannot compile), plain and strict. */
  compiled: Record<'plain' | 'strict', Map<string, CompiledOperation | RunwardenError>>;
  /** The compiled operations every schema reachable from which has compiled too. */
  complete: Record<'plain' | 'strict', Set<string>>;
  planOf?: CompileTools['planOf'];
}

const sharedStates = new WeakMap<LoadedSpec, SharedState>();

function sharedState(spec: LoadedSpec): SharedState {
  let state = sharedStates.get(spec);
  if (!state) {
    state = {
      compiler: createSchemaCompiler(spec),
      router: createRouter(spec.operations),
      byId: new Map(spec.operations.map((operation) => [operation.operationId, operation])),
      compiled: { plain: new Map(), strict: new Map() },
      complete: { plain: new Set(), strict: new Set() },
    };
    sharedStates.set(spec, state);
  }
  return state;
}

/**
 * A validator for a spec. Nothing compiles here (unless `compile: 'all'`): each operation's schemas (request bodies,
 * parameters, responses by status and media type, response headers) compile the first time it is validated
 * against, the shared schemas they refer to the first time a message reaches them, and all stay compiled for every
 * validator of the same LoadedSpec in the process. A schema that cannot compile fails only the operations that use
 * it, with SCHEMA_UNCOMPILABLE naming the operation (or, met lazily, the shared schema) and the schema's location.
 */
export function createValidator(spec: LoadedSpec, options: ValidatorOptions = {}): Validator {
  const strict = options.strict === true;
  const state = sharedState(spec);
  const { compiler, router } = state;
  if (strict) state.planOf ??= createShapePlanner((pointer: string) => dereferencedAt(spec, pointer));
  const planOf = strict ? state.planOf : undefined;
  const operations = state.compiled[strict ? 'strict' : 'plain'];
  const complete = state.complete[strict ? 'strict' : 'plain'];

  /**
   * The compiled operation, compiling it now if needed; throws why it cannot compile. With `reachable`, every schema
   * its schemas refer to compiles now too (else each compiles when validation first reaches it).
   */
  function compiledOf(operation: Operation, reachable = false): CompiledOperation {
    let compiled = operations.get(operation.operationId);
    if (compiled === undefined || reachable && !(compiled instanceof RunwardenError) && !complete.has(operation.operationId)) {
      try {
        compiled = compileOperation(operation, { compiler, planOf, reachable });
        if (reachable) complete.add(operation.operationId);
      } catch (error) {
        if (!(error instanceof RunwardenError)) throw error;
        compiled = error;
        spec.warnings.add({ code: 'SCHEMA_UNCOMPILABLE', location: operation.specLocation, message: error.message });
      }
      operations.set(operation.operationId, compiled);
    }
    if (compiled instanceof RunwardenError) throw compiled;
    return compiled;
  }

  function compiledById(operationId: string, reachable = false): CompiledOperation {
    // Hot path: one map lookup once the operation has compiled.
    const ready = operations.get(operationId);
    if (ready !== undefined && !(ready instanceof RunwardenError) && (!reachable || complete.has(operationId))) return ready;
    const operation = state.byId.get(operationId);
    if (!operation) throw unknownOperation(spec, operationId);
    return compiledOf(operation, reachable);
  }

  function compileAll(): CompileReport {
    const report: CompileReport = { operations: spec.operations.length, compiled: 0, failed: [] };
    for (const operation of spec.operations) {
      try {
        compiledOf(operation, true);
        report.compiled++;
      } catch (error) {
        if (!(error instanceof RunwardenError)) throw error;
        report.failed.push({ operationId: operation.operationId, message: error.message });
      }
    }
    return report;
  }

  function validateResponse(operationId: string, response: ObservedResponse): Violation[] {
    const compiled = compiledById(operationId);
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
    const compiled = compiledOf(routed.operation);
    const violations = checkRequest(compiled, { pathParams: routed.pathParams, search, headers: request.headers, body: request.body }, { strict, compiler });
    return { operation: compiled.operation, violations };
  }

  if (options.compile === 'all') compileAll();
  return { spec, compiler, compileAll, prepare: (operationId, prepareOptions) => void compiledById(operationId, prepareOptions?.reachable !== false), validateResponse, validateRequest };
}
