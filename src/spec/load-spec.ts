import { stat } from 'node:fs/promises';
import path from 'node:path';
import { RunwardenError } from '../core/errors.ts';
import { basePathOf } from './base-path.ts';
import { convertSwagger } from './convert-swagger.ts';
import { createDereferencer, type Dereferencer } from './dereference.ts';
import { externalRefs, mayHaveExternalRefs, parkRemoteRefs, restoreRemoteRefs } from './external-refs.ts';
import type { LoadedSpec, OpenApiDocument } from './loaded-spec.ts';
import { extractOperations } from './operations.ts';
import { displayPath, parseSpecText, readTextFile, syntaxOf } from './read-source.ts';
import { SpecWarnings } from './spec-warning.ts';

type Json = Record<string, unknown>;

/** Bundling only inlines other files; remote (http) references are left for the warnings. */
const REF_OPTIONS = { resolve: { http: false as const } };

/** The document's OpenAPI minor version, or SPEC_INVALID naming what the `openapi` field holds. */
function versionOf(document: unknown, file: string): '3.0' | '3.1' {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new RunwardenError('SPEC_INVALID', `${displayPath(file)} is not an OpenAPI document: its top level is not an object`);
  }
  const raw = (document as Record<string, unknown>).openapi;
  const hint = 'runwarden reads OpenAPI 3.0.x and 3.1.x documents.';
  if (raw === undefined) {
    const swagger = (document as Record<string, unknown>).swagger;
    const found = swagger !== undefined ? `it has swagger: ${JSON.stringify(swagger)}, a version runwarden does not convert` : 'it has no `openapi` field';
    throw new RunwardenError('SPEC_INVALID', `${displayPath(file)} is not an OpenAPI 3.0/3.1 document: ${found}`, `${hint} Swagger 2.0 is converted to 3.0.`);
  }
  const version = String(raw);
  const match = /^3\.([01])(\.\d+)?(-[\w.]+)?$/.exec(version);
  if (!match) {
    throw new RunwardenError('SPEC_INVALID', `${displayPath(file)}: unsupported OpenAPI version\nReceived: openapi: ${JSON.stringify(raw)}\nDocumented: 3.0.x or 3.1.x`, hint);
  }
  return match[1] === '0' ? '3.0' : '3.1';
}

/** 1-based line of the first `$ref` in the text whose value mentions `needle`. */
function refLine(text: string, needle: string): number | undefined {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.includes('$ref') && line.includes(needle));
  return index === -1 ? undefined : index + 1;
}

/** Maps @apidevtools/json-schema-ref-parser errors onto the catalog, naming the `$ref` and the file. */
function refError(error: unknown, file: string, text: string): RunwardenError {
  const failure = error as { name?: string; code?: string; message?: string; targetRef?: string; parentPath?: string; source?: string; targetToken?: string };
  const hint = 'Fix the `$ref` (a JSON pointer like `#/components/schemas/TaskRun`, or a relative file path).';
  if (failure.code === 'EMISSINGPOINTER' || failure.code === 'EINVALIDPOINTER') {
    const ref = failure.targetRef ?? '(unknown)';
    const line = refLine(text, ref) ?? refLine(text, ref.replace(/^#/, ''));
    const at = failure.parentPath ? ` at ${failure.parentPath}` : '';
    const reason = failure.targetToken !== undefined ? `token "${failure.targetToken}" does not exist` : failure.message ?? 'invalid pointer';
    return new RunwardenError('REF_BROKEN', `${displayPath(file)}${line ? `:${line}` : ''}: $ref "${ref}"${at} does not resolve: ${reason}`, hint);
  }
  if (failure.code === 'EPARSER') {
    const code = failure.source?.endsWith('.json') ? 'JSON_INVALID' : 'YAML_INVALID';
    return new RunwardenError(code, `${failure.source ? displayPath(failure.source) : displayPath(file)} (referenced from ${displayPath(file)}) cannot be parsed: ${failure.message}`);
  }
  if (failure.code === 'ERESOLVER' || failure.code === 'EUNMATCHEDRESOLVER' || failure.code === 'ETIMEOUT') {
    const target = failure.source ? path.basename(failure.source.split('#')[0]!) : '';
    const line = target ? refLine(text, target) : undefined;
    const reason = /ENOENT/.test(failure.message ?? '') ? 'file not found' : failure.message ?? 'cannot be resolved';
    return new RunwardenError('REF_BROKEN', `${displayPath(file)}${line ? `:${line}` : ''}: $ref to "${failure.source ? displayPath(failure.source) : '(unknown)'}" does not resolve: ${reason}`, `${hint} Remote (http) references are not followed.`);
  }
  return new RunwardenError('REF_BROKEN', `${displayPath(file)}: cannot resolve $refs: ${failure.message ?? String(error)}`, hint);
}

/** Bundles `$ref`s to other files into the document (remote ones are warned about and left as they are). */
async function bundleExternalRefs(document: Json, file: string, text: string, warnings: SpecWarnings): Promise<Json> {
  if (!mayHaveExternalRefs(text)) return document;
  const refs = externalRefs(document);
  for (const ref of refs.filter((candidate) => candidate.remote)) {
    warnings.add({ code: 'REF_REMOTE', location: ref.location, message: `$ref "${ref.ref}" is not followed (runwarden reads no URLs): operations whose schemas use it cannot be validated` });
  }
  if (!refs.some((ref) => !ref.remote)) return document;
  parkRemoteRefs(refs);
  // Imported here: most specs are one file, and the bundler takes a quarter of a second to import.
  const { default: $RefParser } = await import('@apidevtools/json-schema-ref-parser');
  let bundled: Json;
  try {
    bundled = (await $RefParser.bundle(file, document, REF_OPTIONS)) as Json;
  } catch (error) {
    throw refError(error, file, text);
  }
  restoreRemoteRefs(bundled);
  return bundled;
}

/** The dereferencer behind each spec's lazy `document`, for the layers that want one part of it. */
const dereferencers = new WeakMap<LoadedSpec, Dereferencer>();

/** The dereferenced value at a pointer of a loaded spec (copied on first use, shared after), or undefined. */
export function dereferencedAt(spec: LoadedSpec, pointer: string): unknown {
  let deref = dereferencers.get(spec);
  if (!deref) dereferencers.set(spec, (deref = createDereferencer(spec.bundled)));
  return deref.at(pointer);
}

async function readSpec(absolute: string): Promise<LoadedSpec> {
  const text = await readTextFile(absolute, 'spec');
  const syntax = syntaxOf(absolute, text);
  let raw = parseSpecText(text, absolute);
  const warnings = new SpecWarnings();
  let convertedFrom: LoadedSpec['convertedFrom'];
  const swagger = typeof raw === 'object' && raw !== null ? (raw as Json).swagger : undefined;
  if ((raw as Json | null)?.openapi === undefined && (swagger === '2.0' || swagger === 2)) {
    const converted = await convertSwagger(raw as object, text, absolute);
    raw = converted.openapi;
    convertedFrom = 'swagger-2.0';
    warnings.add({ code: 'SWAGGER_CONVERTED', location: '', message: converted.note });
  }
  const version = versionOf(raw, absolute);
  const bundled = await bundleExternalRefs(raw as Json, absolute, text, warnings);
  const deref = createDereferencer(bundled);
  const basePath = basePathOf(bundled.servers);
  const info = bundled.info as { title?: unknown } | undefined;
  let document: OpenApiDocument | undefined;
  const spec: LoadedSpec = {
    path: absolute,
    version,
    get document(): OpenApiDocument {
      return (document ??= deref.valueOf(bundled) as OpenApiDocument);
    },
    bundled,
    title: typeof info?.title === 'string' ? info.title : path.basename(absolute),
    basePath,
    operations: extractOperations(bundled, basePath, deref, warnings),
    warnings,
    syntax,
    ...(convertedFrom ? { convertedFrom } : {}),
  };
  dereferencers.set(spec, deref);
  return spec;
}

/** Specs by absolute path, with the file's size and modification time they were read at. */
const loaded = new Map<string, { stamp: string; spec: Promise<LoadedSpec> }>();

async function stampOf(file: string): Promise<string | undefined> {
  try {
    const stats = await stat(file);
    return `${stats.size} ${stats.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/**
 * Reads an OpenAPI 3.0/3.1 document (YAML or JSON; Swagger 2.0 is converted), bundles `$ref`s to other files into
 * it and indexes its operations, keeping internal `$ref`s as references: nothing is dereferenced or compiled here.
 * A file is read once per process while it does not change: every command of `runwarden ci` shares one LoadedSpec
 * (and so the validators compiled for it). The document's flaws are `warnings`, not errors.
 * Throws RunwardenError: FILE_NOT_FOUND, YAML_INVALID / JSON_INVALID (with line and column), SPEC_INVALID, and
 * REF_BROKEN for a `$ref` to another file that cannot be read.
 */
export async function loadSpec(file: string, options: { cache?: boolean } = {}): Promise<LoadedSpec> {
  const absolute = path.resolve(file);
  if (options.cache === false) return readSpec(absolute);
  const stamp = await stampOf(absolute);
  const hit = loaded.get(absolute);
  if (hit && stamp !== undefined && hit.stamp === stamp) return hit.spec;
  const spec = readSpec(absolute);
  if (stamp !== undefined) {
    const entry = { stamp, spec };
    loaded.set(absolute, entry);
    spec.catch(() => {
      if (loaded.get(absolute) === entry) loaded.delete(absolute);
    });
  }
  return spec;
}
