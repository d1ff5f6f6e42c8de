import type { Operation, Parameter, ResponseSpec, MediaType } from '../spec/loaded-spec.ts';
import { createCoercer, type Coercer } from './coerce-parameter.ts';
import type { Direction } from './convert-schema.ts';
import { isJsonMediaType, matchMediaType, mediaTypeOf } from './media-type.ts';
import type { CompiledSchema, SchemaCompiler } from './schema-compiler.ts';
import { createUndocumentedCheck, type ShapePlanner, type UndocumentedCheck } from './undocumented-properties.ts';

/** One documented media type of a body, its schema compiled. */
export interface CompiledMedia {
  mediaType: string;
  json: boolean;
  schema?: CompiledSchema;
  /** Strict mode only: reports properties the schema does not declare. */
  undocumented?: UndocumentedCheck;
}

/** A `content` map, compiled, with the media type to use when none is given. */
export interface CompiledContent {
  mediaTypes: string[];
  byMediaType: Map<string, CompiledMedia>;
  /** Used when the message names no content type: the JSON one, else the first. */
  fallback: CompiledMedia | undefined;
  /** Received Content-Type → documented media (null: undocumented); bounded memo. */
  resolved: Map<string, CompiledMedia | null>;
}

/** A parameter with its coercer and compiled schema. */
export interface CompiledParameter {
  parameter: Parameter;
  /** Lowercase for headers, as documented otherwise. */
  key: string;
  coerce: Coercer;
  schema: CompiledSchema;
}

/** A documented response with its compiled bodies and headers. */
export interface CompiledResponse {
  key: string;
  spec: ResponseSpec;
  content: CompiledContent | undefined;
  /** `coerce` turns the header's text into its schema's type (`Retry-After: 5` is the integer 5). */
  headers: Array<{ name: string; key: string; required: boolean; coerce: Coercer; schema: CompiledSchema }>;
}

/** Everything validation needs for one operation, compiled at start-up. */
export interface CompiledOperation {
  operation: Operation;
  responses: Map<string, CompiledResponse>;
  documentedStatuses: string[];
  /** Status → response (exact, then `2XX`, then `default`); null when undocumented. Bounded memo. */
  byStatus: Map<number, CompiledResponse | null>;
  path: CompiledParameter[];
  query: CompiledParameter[];
  header: CompiledParameter[];
  queryNames: Set<string>;
  requestContent: CompiledContent | undefined;
  requestBodyRequired: boolean;
}

/** What compiling needs: the spec's compiler and, in strict mode, a shape planner. */
export interface CompileTools {
  compiler: SchemaCompiler;
  planOf: ShapePlanner | undefined;
  /**
   * Whether the schemas the operation's schemas refer to compile now too (true), or when validation first reaches
   * them (false: one body against one operation of a large spec compiles what that body meets).
   */
  reachable: boolean;
}

const MEMO_LIMIT = 64;

/** Memoizes into a map until it holds `MEMO_LIMIT` entries (so hostile input cannot grow it). */
export function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size < MEMO_LIMIT) memo.set(key, value);
  return value;
}

function compileContent(content: Record<string, MediaType>, direction: Direction, owner: string, tools: CompileTools): CompiledContent | undefined {
  const entries = Object.entries(content);
  if (entries.length === 0) return undefined;
  const byMediaType = new Map<string, CompiledMedia>();
  for (const [mediaType, media] of entries) {
    const compiled: CompiledMedia = { mediaType, json: isJsonMediaType(mediaTypeOf(mediaType)) };
    if (media.schemaLocation !== undefined) {
      compiled.schema = tools.compiler.compile(media.schemaLocation, direction, `${owner} ${mediaType}`, { reachable: tools.reachable });
      if (tools.planOf) compiled.undocumented = createUndocumentedCheck(media.schema, tools.planOf);
    }
    byMediaType.set(mediaType, compiled);
  }
  const all = [...byMediaType.values()];
  return { mediaTypes: [...byMediaType.keys()], byMediaType, fallback: all.find((media) => media.json) ?? all[0], resolved: new Map() };
}

/** The documented media for a received Content-Type (undefined: use the fallback; null: undocumented). */
export function selectMedia(content: CompiledContent, contentType: string | undefined): CompiledMedia | null {
  if (contentType === undefined || contentType === '') return content.fallback ?? null;
  const memo = content.resolved.get(contentType);
  if (memo !== undefined) return memo;
  const key = matchMediaType(contentType, content.mediaTypes);
  return remember(content.resolved, contentType, key === undefined ? null : content.byMediaType.get(key) ?? null);
}

function compileParameters(parameters: Parameter[], where: 'path' | 'query' | 'header', operationId: string, tools: CompileTools): CompiledParameter[] {
  return parameters.map((parameter) => ({
    parameter,
    key: where === 'header' ? parameter.name.toLowerCase() : parameter.name,
    coerce: createCoercer(parameter),
    schema: tools.compiler.compile(parameter.schemaLocation, 'request', `${operationId} ${where} parameter "${parameter.name}"`, { reachable: tools.reachable }),
  }));
}

/** Compiles every schema of one operation: parameters, request bodies, responses and response headers. */
export function compileOperation(operation: Operation, tools: CompileTools): CompiledOperation {
  const { operationId } = operation;
  const responses = new Map<string, CompiledResponse>();
  for (const [key, spec] of Object.entries(operation.responses)) {
    responses.set(key, {
      key,
      spec,
      content: compileContent(spec.content, 'response', `${operationId} response ${key}`, tools),
      headers: Object.entries(spec.headers).map(([name, header]) => ({
        name,
        key: name.toLowerCase(),
        required: header.required,
        coerce: createCoercer({ schema: header.schema, style: 'simple' }),
        schema: tools.compiler.compile(header.schemaLocation, 'response', `${operationId} response ${key} header "${name}"`, { reachable: tools.reachable }),
      })),
    });
  }
  return {
    operation,
    responses,
    documentedStatuses: [...responses.keys()],
    byStatus: new Map(),
    path: compileParameters(operation.parameters.path, 'path', operationId, tools),
    query: compileParameters(operation.parameters.query, 'query', operationId, tools),
    header: compileParameters(operation.parameters.header, 'header', operationId, tools),
    queryNames: new Set(operation.parameters.query.map((parameter) => parameter.name)),
    requestContent: operation.requestBody ? compileContent(operation.requestBody.content, 'request', `${operationId} request body`, tools) : undefined,
    requestBodyRequired: operation.requestBody?.required ?? false,
  };
}

/** The response documented for a status: exact, then its range (`2XX`), then `default`. */
export function responseFor(compiled: CompiledOperation, status: number): CompiledResponse | null {
  const memo = compiled.byStatus.get(status);
  if (memo !== undefined) return memo;
  const found = compiled.responses.get(String(status)) ?? compiled.responses.get(`${Math.floor(status / 100)}XX`) ?? compiled.responses.get('default') ?? null;
  return remember(compiled.byStatus, status, found);
}
