import { RunwardenError } from '../core/errors.ts';
import { childPointer, pointerOf } from './json-pointer.ts';
import type { MediaType, NamedExample, Operation, Parameter, ResponseSpec, SchemaObject } from './loaded-spec.ts';

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** `example` (named `example`) and each of `examples` (by key, its `value`) of a media type or parameter. */
export function namedExamples(holder: Json, location: string): NamedExample[] {
  const examples: NamedExample[] = [];
  if ('example' in holder) examples.push({ name: 'example', value: holder.example, specLocation: childPointer(location, 'example') });
  for (const [name, example] of Object.entries(asObject(holder.examples) ?? {})) {
    const object = asObject(example);
    if (object && 'value' in object) {
      examples.push({ name, value: object.value, specLocation: childPointer(location, 'examples', name) });
    }
  }
  return examples;
}

function mediaTypes(content: unknown, location: string): Record<string, MediaType> {
  const result: Record<string, MediaType> = {};
  for (const [mediaType, raw] of Object.entries(asObject(content) ?? {})) {
    const media = asObject(raw) ?? {};
    const mediaLocation = childPointer(location, mediaType);
    const schema = media.schema as SchemaObject | undefined;
    result[mediaType.toLowerCase()] = {
      ...(schema !== undefined ? { schema, schemaLocation: childPointer(mediaLocation, 'schema') } : {}),
      examples: namedExamples(media, mediaLocation),
    };
  }
  return result;
}

function parameterOf(raw: Json, location: string): Parameter {
  const where = raw.in as string;
  let schema = raw.schema as SchemaObject | undefined;
  let schemaLocation = childPointer(location, 'schema');
  if (schema === undefined) {
    const [mediaType, media] = Object.entries(asObject(raw.content) ?? {})[0] ?? [];
    schema = asObject(media)?.schema as SchemaObject | undefined;
    if (mediaType !== undefined) schemaLocation = childPointer(location, 'content', mediaType, 'schema');
  }
  const style = typeof raw.style === 'string' ? raw.style : where === 'query' || where === 'cookie' ? 'form' : 'simple';
  return {
    name: String(raw.name),
    required: where === 'path' ? true : raw.required === true,
    schema: schema ?? {},
    schemaLocation,
    style,
    explode: typeof raw.explode === 'boolean' ? raw.explode : style === 'form',
    examples: namedExamples(raw, location),
    specLocation: location,
  };
}

/** Path-level parameters overridden by operation-level ones of the same name and location. */
function mergedParameters(pathItem: Json, operation: Json, pathLocation: string, operationLocation: string): Operation['parameters'] {
  const byKey = new Map<string, { raw: Json; location: string }>();
  const collect = (list: unknown, location: string): void => {
    (Array.isArray(list) ? list : []).forEach((raw, index) => {
      const object = asObject(raw);
      if (object && typeof object.name === 'string' && typeof object.in === 'string') {
        const key = `${object.in}:${object.in === 'header' ? object.name.toLowerCase() : object.name}`;
        byKey.set(key, { raw: object, location: childPointer(location, 'parameters', index) });
      }
    });
  };
  collect(pathItem.parameters, pathLocation);
  collect(operation.parameters, operationLocation);
  const parameters: Operation['parameters'] = { path: [], query: [], header: [] };
  for (const { raw, location } of byKey.values()) {
    if (raw.in === 'path' || raw.in === 'query' || raw.in === 'header') parameters[raw.in].push(parameterOf(raw, location));
  }
  return parameters;
}

function responsesOf(responses: unknown, location: string): Record<string, ResponseSpec> {
  const result: Record<string, ResponseSpec> = {};
  for (const [status, raw] of Object.entries(asObject(responses) ?? {})) {
    const response = asObject(raw) ?? {};
    const responseLocation = childPointer(location, status);
    const headers: ResponseSpec['headers'] = {};
    for (const [name, header] of Object.entries(asObject(response.headers) ?? {})) {
      const object = asObject(header) ?? {};
      headers[name] = {
        required: object.required === true,
        schema: (object.schema as SchemaObject | undefined) ?? {},
        schemaLocation: childPointer(responseLocation, 'headers', name, 'schema'),
      };
    }
    result[/^[1-5]xx$/i.test(status) ? status.toUpperCase() : status] = {
      content: mediaTypes(response.content, childPointer(responseLocation, 'content')),
      headers,
      specLocation: responseLocation,
    };
  }
  return result;
}

/**
 * Indexes every operation of a dereferenced document. Operations without an `operationId` get a stable one
 * (`get /task-runs/{run_id}`); two operations with the same id make the spec unusable (SPEC_INVALID).
 */
export function extractOperations(document: Json, basePath: string): Operation[] {
  const operations: Operation[] = [];
  const seen = new Map<string, string>();
  const rootSecurity = Array.isArray(document.security) ? (document.security as Operation['security']) : [];
  for (const [pathTemplate, rawPathItem] of Object.entries(asObject(document.paths) ?? {})) {
    const pathItem = asObject(rawPathItem);
    if (!pathItem) continue;
    const pathLocation = pointerOf(['paths', pathTemplate]);
    for (const method of METHODS) {
      const operation = asObject(pathItem[method]);
      if (!operation) continue;
      const specLocation = childPointer(pathLocation, method);
      const operationId = typeof operation.operationId === 'string' && operation.operationId !== ''
        ? operation.operationId
        : `${method} ${pathTemplate}`;
      const previous = seen.get(operationId);
      if (previous !== undefined) {
        throw new RunwardenError('SPEC_INVALID', `operationId "${operationId}" is used twice: at ${previous} and ${specLocation}`, 'Give every operation a unique operationId.');
      }
      seen.set(operationId, specLocation);
      const body = asObject(operation.requestBody);
      operations.push({
        operationId,
        method,
        pathTemplate,
        fullPathTemplate: `${basePath}${pathTemplate}`,
        parameters: mergedParameters(pathItem, operation, pathLocation, specLocation),
        ...(body ? {
          requestBody: {
            required: body.required === true,
            content: mediaTypes(body.content, childPointer(specLocation, 'requestBody', 'content')),
            specLocation: childPointer(specLocation, 'requestBody'),
          },
        } : {}),
        responses: responsesOf(operation.responses, childPointer(specLocation, 'responses')),
        security: Array.isArray(operation.security) ? (operation.security as Operation['security']) : rootSecurity,
        specLocation,
      });
    }
  }
  return operations;
}
