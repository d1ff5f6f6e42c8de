import type { Dereferencer } from './dereference.ts';
import { childPointer, pointerOf, resolvePointer } from './json-pointer.ts';
import type { MediaType, NamedExample, Operation, Parameter, ResponseSpec, SchemaObject } from './loaded-spec.ts';
import type { SpecWarnings } from './spec-warning.ts';

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** What indexing needs: the document with its refs, a dereferencer over it, and where to put what it finds. */
interface IndexContext {
  root: Json;
  deref: Dereferencer;
  warnings: SpecWarnings;
}

/**
 * A path item, parameter, response, header or example object: itself, or the target of its `$ref` (chains
 * followed). A `$ref` that does not resolve is a REF_BROKEN (or REF_REMOTE) warning, and the object counts as empty.
 */
function follow(value: unknown, location: string, context: IndexContext): Json | undefined {
  let current = asObject(value);
  for (let hops = 0; hops < 32 && current && typeof current.$ref === 'string'; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith('#')) {
      context.warnings.add({ code: 'REF_REMOTE', location: childPointer(location, '$ref'), message: `$ref "${ref}" is not followed (only references inside the document are): what it names is not checked` });
      return undefined;
    }
    const target = resolvePointer(context.root, ref)?.value;
    if (target === undefined) {
      context.warnings.add({ code: 'REF_BROKEN', location: childPointer(location, '$ref'), message: `$ref "${ref}" does not resolve: what it names is not checked` });
      return undefined;
    }
    current = asObject(target);
  }
  return current;
}

/** Defines `key` as a getter computed on first read, then a plain property: indexing 11,000 operations reads only their routes. */
function lazy<T extends object, K extends keyof T>(holder: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(holder, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      const value = compute();
      Object.defineProperty(holder, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}

/** Defines `schema` as a getter that dereferences on first use, so indexing a large spec copies nothing. */
function lazySchema<T extends object>(holder: T, raw: unknown, context: IndexContext, fallback?: SchemaObject): T {
  let value: SchemaObject | undefined;
  Object.defineProperty(holder, 'schema', {
    enumerable: true,
    configurable: true,
    get: () => (value ??= raw === undefined ? fallback : (context.deref.valueOf(raw) as SchemaObject)),
  });
  return holder;
}

/** `example` (named `example`) and each of `examples` (by key, its `value`) of a media type or parameter. */
export function namedExamples(holder: Json, location: string, context?: IndexContext): NamedExample[] {
  const examples: NamedExample[] = [];
  if ('example' in holder) examples.push({ name: 'example', value: holder.example, specLocation: childPointer(location, 'example') });
  for (const [name, example] of Object.entries(asObject(holder.examples) ?? {})) {
    const here = childPointer(location, 'examples', name);
    const object = context ? follow(example, here, context) : asObject(example);
    if (object && 'value' in object) examples.push({ name, value: object.value, specLocation: here });
  }
  return examples;
}

function mediaTypes(content: unknown, location: string, context: IndexContext): Record<string, MediaType> {
  const result: Record<string, MediaType> = {};
  for (const [mediaType, raw] of Object.entries(asObject(content) ?? {})) {
    const media = asObject(raw) ?? {};
    const mediaLocation = childPointer(location, mediaType);
    const entry: MediaType = { examples: namedExamples(media, mediaLocation, context) };
    if (media.schema !== undefined) {
      entry.schemaLocation = childPointer(mediaLocation, 'schema');
      lazySchema(entry, media.schema, context);
    }
    result[mediaType.toLowerCase()] = entry;
  }
  return result;
}

function parameterOf(raw: Json, location: string, context: IndexContext): Parameter {
  const where = raw.in as string;
  let schema = raw.schema;
  let schemaLocation = childPointer(location, 'schema');
  if (schema === undefined) {
    const [mediaType, media] = Object.entries(asObject(raw.content) ?? {})[0] ?? [];
    schema = asObject(media)?.schema;
    if (mediaType !== undefined) schemaLocation = childPointer(location, 'content', mediaType, 'schema');
  }
  const style = typeof raw.style === 'string' ? raw.style : where === 'query' || where === 'cookie' ? 'form' : 'simple';
  const parameter = {
    name: String(raw.name),
    required: where === 'path' ? true : raw.required === true,
    schemaLocation,
    style,
    explode: typeof raw.explode === 'boolean' ? raw.explode : style === 'form',
    examples: namedExamples(raw, location, context),
    specLocation: location,
  };
  return lazySchema(parameter, schema, context, {}) as Parameter;
}

/** Path-level parameters overridden by operation-level ones of the same name and location. */
function mergedParameters(pathItem: Json, operation: Json, pathLocation: string, operationLocation: string, context: IndexContext): Operation['parameters'] {
  const byKey = new Map<string, { raw: Json; location: string }>();
  const collect = (list: unknown, location: string): void => {
    (Array.isArray(list) ? list : []).forEach((item, index) => {
      const here = childPointer(location, 'parameters', index);
      const object = follow(item, here, context);
      if (object && typeof object.name === 'string' && typeof object.in === 'string') {
        const key = `${object.in}:${object.in === 'header' ? object.name.toLowerCase() : object.name}`;
        byKey.set(key, { raw: object, location: here });
      }
    });
  };
  collect(pathItem.parameters, pathLocation);
  collect(operation.parameters, operationLocation);
  const parameters: Operation['parameters'] = { path: [], query: [], header: [] };
  for (const { raw, location } of byKey.values()) {
    if (raw.in === 'path' || raw.in === 'query' || raw.in === 'header') parameters[raw.in].push(parameterOf(raw, location, context));
  }
  return parameters;
}

function responsesOf(responses: unknown, location: string, context: IndexContext): Record<string, ResponseSpec> {
  const result: Record<string, ResponseSpec> = {};
  for (const [status, raw] of Object.entries(asObject(responses) ?? {})) {
    const responseLocation = childPointer(location, status);
    const response = follow(raw, responseLocation, context) ?? {};
    if (typeof response.description !== 'string' && asObject(raw)?.$ref === undefined) {
      context.warnings.add({ code: 'DESCRIPTION_MISSING', location: responseLocation, message: 'the response has no `description` (OpenAPI requires one)' });
    }
    const headers: ResponseSpec['headers'] = {};
    for (const [name, header] of Object.entries(asObject(response.headers) ?? {})) {
      const headerLocation = childPointer(responseLocation, 'headers', name);
      const object = follow(header, headerLocation, context) ?? {};
      headers[name] = lazySchema({ required: object.required === true, schemaLocation: childPointer(headerLocation, 'schema') }, object.schema, context, {}) as ResponseSpec['headers'][string];
    }
    result[/^[1-5]xx$/i.test(status) ? status.toUpperCase() : status] = {
      content: mediaTypes(response.content, childPointer(responseLocation, 'content'), context),
      headers,
      specLocation: responseLocation,
    };
  }
  return result;
}

/** An id no other operation has: the documented one, else `method path`, else that with `#2`, `#3`… */
function uniqueId(wanted: string, fallback: string, seen: Map<string, string>): string {
  if (!seen.has(wanted)) return wanted;
  if (!seen.has(fallback)) return fallback;
  let index = 2;
  while (seen.has(`${fallback}#${index}`)) index++;
  return `${fallback}#${index}`;
}

/**
 * Indexes every operation of a document whose `$ref`s are kept (schemas are dereferenced when first read).
 * Operations without an `operationId` get a stable one (`get /task-runs/{run_id}`); an operationId used twice is an
 * OPERATION_ID_DUPLICATE warning, and the later operation is known by its `method path`.
 */
export function extractOperations(document: Json, basePath: string, deref: Dereferencer, warnings: SpecWarnings): Operation[] {
  const context: IndexContext = { root: document, deref, warnings };
  const operations: Operation[] = [];
  const seen = new Map<string, string>();
  const rootSecurity = Array.isArray(document.security) ? (document.security as Operation['security']) : [];
  for (const [pathTemplate, rawPathItem] of Object.entries(asObject(document.paths) ?? {})) {
    const pathLocation = pointerOf(['paths', pathTemplate]);
    const pathItem = follow(rawPathItem, pathLocation, context);
    if (!pathItem) continue;
    for (const method of METHODS) {
      const operation = asObject(pathItem[method]);
      if (!operation) continue;
      const specLocation = childPointer(pathLocation, method);
      const synthesized = `${method} ${pathTemplate}`;
      const documented = typeof operation.operationId === 'string' && operation.operationId !== '' ? operation.operationId : synthesized;
      const operationId = uniqueId(documented, synthesized, seen);
      if (operationId !== documented) {
        warnings.add({
          code: 'OPERATION_ID_DUPLICATE', location: childPointer(specLocation, 'operationId'),
          message: `operationId "${documented}" is also used at ${seen.get(documented)}: this operation is known as "${operationId}"`,
        });
      }
      seen.set(operationId, specLocation);
      const indexed = {
        operationId,
        method,
        pathTemplate,
        fullPathTemplate: `${basePath}${pathTemplate}`,
        security: Array.isArray(operation.security) ? (operation.security as Operation['security']) : rootSecurity,
        specLocation,
      } as Operation;
      // Parameters, bodies and responses are read when first used: `validate --operation X` indexes only routes.
      lazy(indexed, 'parameters', () => mergedParameters(pathItem, operation, pathLocation, specLocation, context));
      lazy(indexed, 'responses', () => responsesOf(operation.responses, childPointer(specLocation, 'responses'), context));
      if (operation.requestBody !== undefined) {
        lazy(indexed, 'requestBody', () => {
          const body = follow(operation.requestBody, childPointer(specLocation, 'requestBody'), context);
          return body ? {
            required: body.required === true,
            content: mediaTypes(body.content, childPointer(specLocation, 'requestBody', 'content'), context),
            specLocation: childPointer(specLocation, 'requestBody'),
          } : undefined;
        });
      }
      operations.push(indexed);
    }
  }
  return operations;
}
