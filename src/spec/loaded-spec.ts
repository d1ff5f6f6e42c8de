import type { OpenAPIV3, OpenAPIV3_1 } from 'openapi-types';
import type { SpecWarnings } from './spec-warning.ts';

/** An OpenAPI 3.0 or 3.1 document, dereferenced (see `LoadedSpec.document`). */
export type OpenApiDocument = OpenAPIV3.Document | OpenAPIV3_1.Document;

/** A (dereferenced) schema object from a 3.0 or 3.1 document. */
export type SchemaObject = OpenAPIV3.SchemaObject | OpenAPIV3_1.SchemaObject;

/** A named example: a media type's `example` is named `example`, each of `examples` by its key. */
export interface NamedExample {
  name: string;
  value: unknown;
  /** JSON pointer to the example in the spec. */
  specLocation: string;
}

/** A path, query or header parameter, path-level and operation-level parameters merged. */
export interface Parameter {
  name: string;
  required: boolean;
  schema: SchemaObject;
  /** JSON pointer to the parameter's schema (where it is compiled from). */
  schemaLocation: string;
  /** `style`/`explode` as documented, defaults applied (form + explode for query, simple for path and header). */
  style: string;
  explode: boolean;
  examples: NamedExample[];
  /** JSON pointer to the parameter object. */
  specLocation: string;
}

/** One media type of a request or response body. */
export interface MediaType {
  schema?: SchemaObject;
  /** JSON pointer to the schema, when there is one. */
  schemaLocation?: string;
  examples: NamedExample[];
}

/** A documented response, keyed in `Operation.responses` by status (`200`), range (`2XX`) or `default`. */
export interface ResponseSpec {
  content: Record<string, MediaType>;
  headers: Record<string, { required: boolean; schema: SchemaObject; schemaLocation: string }>;
  specLocation: string;
}

/** One method on one path, with everything a validator or simulator needs and where it sits in the spec. */
export interface Operation {
  /** As documented, or synthesized as `get /task-runs/{run_id}` when the spec has none. */
  operationId: string;
  /** Lowercase HTTP method. */
  method: string;
  /** The path as written in the document, relative to the server's base path. */
  pathTemplate: string;
  /** `basePath + pathTemplate`: what a request's URL pathname is matched against. */
  fullPathTemplate: string;
  parameters: { path: Parameter[]; query: Parameter[]; header: Parameter[] };
  requestBody?: { required: boolean; content: Record<string, MediaType>; specLocation: string };
  responses: Record<string, ResponseSpec>;
  /** Security requirements in effect (the operation's, else the document's). */
  security: Array<Record<string, string[]>>;
  /** JSON pointer to the operation object, e.g. `#/paths/~1task-runs~1{run_id}/get`. */
  specLocation: string;
}

/** A spec read, checked and indexed once; shared read-only by the validator, simulator and clients. */
export interface LoadedSpec {
  /** Absolute path of the file. */
  path: string;
  version: '3.0' | '3.1';
  /**
   * The document with every `$ref` replaced by its target, built on first read (a large spec that is only validated
   * against never pays for it). Shared targets are the same object; a schema that refers to itself becomes a cycle,
   * so do not `JSON.stringify` it blindly. Operation schemas are parts of it, also dereferenced when first read.
   */
  readonly document: OpenApiDocument;
  /** The document as written, external `$ref`s inlined and internal ones kept: what the validator compiles from. */
  bundled: Record<string, unknown>;
  title: string;
  /** Pathname of `servers[0].url`, variables replaced by their defaults, without a trailing slash; '' if none. */
  basePath: string;
  operations: Operation[];
  /** The document's flaws runwarden works around, found while loading and as operations compile. */
  warnings: SpecWarnings;
  /** The syntax of the file (JSON or YAML), for locating warnings in it. */
  syntax: 'json' | 'yaml';
  /** Set when the file is Swagger 2.0, converted to OpenAPI 3.0 on load: pointers are into the converted document. */
  convertedFrom?: 'swagger-2.0';
}
