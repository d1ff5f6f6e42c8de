import path from 'node:path';
import $RefParser from '@apidevtools/json-schema-ref-parser';
import { RunwardenError } from '../core/errors.ts';
import { basePathOf } from './base-path.ts';
import type { LoadedSpec, OpenApiDocument } from './loaded-spec.ts';
import { extractOperations } from './operations.ts';
import { displayPath, parseSpecText, readTextFile } from './read-source.ts';

const REF_OPTIONS = { resolve: { http: false as const }, dereference: { circular: true as const } };

/** The document's OpenAPI minor version, or SPEC_INVALID naming what the `openapi` field holds. */
function versionOf(document: unknown, file: string): '3.0' | '3.1' {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new RunwardenError('SPEC_INVALID', `${displayPath(file)} is not an OpenAPI document: its top level is not an object`);
  }
  const raw = (document as Record<string, unknown>).openapi;
  const hint = 'runwarden reads OpenAPI 3.0.x and 3.1.x documents.';
  if (raw === undefined) {
    const swagger = (document as Record<string, unknown>).swagger;
    const found = swagger !== undefined ? `it has swagger: ${JSON.stringify(swagger)} (Swagger 2.0)` : 'it has no `openapi` field';
    throw new RunwardenError('SPEC_INVALID', `${displayPath(file)} is not an OpenAPI 3.0/3.1 document: ${found}`, hint);
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

/**
 * Reads an OpenAPI 3.0/3.1 document (YAML or JSON), resolves every `$ref` and indexes its operations.
 * Throws RunwardenError: FILE_NOT_FOUND, YAML_INVALID / JSON_INVALID (with line and column), SPEC_INVALID, REF_BROKEN.
 */
export async function loadSpec(file: string): Promise<LoadedSpec> {
  const absolute = path.resolve(file);
  const text = await readTextFile(absolute, 'spec');
  const raw = parseSpecText(text, absolute);
  const version = versionOf(raw, absolute);
  let bundled: Record<string, unknown>;
  let document: OpenApiDocument;
  try {
    bundled = (await $RefParser.bundle(absolute, structuredClone(raw) as object, REF_OPTIONS)) as Record<string, unknown>;
    document = (await $RefParser.dereference(absolute, structuredClone(bundled), REF_OPTIONS)) as unknown as OpenApiDocument;
  } catch (error) {
    throw refError(error, absolute, text);
  }
  const basePath = basePathOf((document as { servers?: unknown }).servers);
  const info = (document as { info?: { title?: unknown } }).info;
  return {
    path: absolute,
    version,
    document,
    bundled,
    title: typeof info?.title === 'string' ? info.title : path.basename(absolute),
    basePath,
    operations: extractOperations(document as unknown as Record<string, unknown>, basePath),
  };
}
