import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadSpec } from '../../src/spec/load-spec.ts';
import type { LoadedSpec } from '../../src/spec/loaded-spec.ts';

type Json = Record<string, unknown>;

const dir = mkdtempSync(path.join(tmpdir(), 'runwarden-diff-'));
let count = 0;

/** Writes a document (YAML by default) to a temporary file and loads it, uncached. */
export async function specOf(document: Json, syntax: 'yaml' | 'json' = 'yaml'): Promise<LoadedSpec> {
  const file = path.join(dir, `spec-${count++}.${syntax}`);
  writeFileSync(file, syntax === 'yaml' ? stringify(document) : JSON.stringify(document));
  return loadSpec(file, { cache: false });
}

/** A minimal document with the given paths (and components), OpenAPI 3.0 unless told. */
export function documentOf(paths: Json, extra: Json = {}, version = '3.0.3'): Json {
  return { openapi: version, info: { title: 't', version: '1' }, servers: [{ url: 'https://api.example.test/v1' }], paths, ...extra };
}

/** One GET operation answering 200 with `schema` as JSON. */
export function getReturning(schema: Json, extra: Json = {}): Json {
  return { '/things/{id}': { get: { operationId: 'getThing', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'ok', content: { 'application/json': { schema } } } }, ...extra } } };
}

/** One POST operation taking `schema` as its JSON body. */
export function postTaking(schema: Json, extra: Json = {}): Json {
  return { '/things': { post: { operationId: 'createThing', requestBody: { required: true, content: { 'application/json': { schema } } }, responses: { 201: { description: 'created' } }, ...extra } } };
}
