import { RunwardenError } from '../core/errors.ts';
import type { ViolationCode } from '../core/violation.ts';
import { childPointer, resolvePointer } from '../spec/json-pointer.ts';
import { dereferencedAt } from '../spec/load-spec.ts';
import type { LoadedSpec, NamedExample } from '../spec/loaded-spec.ts';
import { findingsFromAjvErrors, locating } from './ajv-findings.ts';
import type { Direction } from './convert-schema.ts';
import { createSchemaCompiler, type CompiledSchema, type SchemaCompiler } from './schema-compiler.ts';
import { createShapePlanner, createUndocumentedCheck, type ShapePlanner } from './undocumented-properties.ts';

/** An example in a spec that does not match the schema it illustrates. */
export interface ExampleFinding {
  /** Where the example is: its canonical JSON pointer (a shared component's own location, so it is fixed once). */
  location: string;
  /** The schema it was checked against. */
  schemaLocation: string;
  /** The operation it was found under, when there is one. */
  operationId?: string;
  /** JSON pointer into the example value. */
  pointer?: string;
  code: ViolationCode;
  message: string;
}

/** How many examples were checked and what was wrong with them. */
export interface ExampleReport {
  checked: number;
  /** Examples whose schema cannot compile (a SCHEMA_UNCOMPILABLE warning on the spec says why). */
  unchecked: number;
  findings: ExampleFinding[];
}

/** Options of `checkExamples`. */
export interface ExampleOptions {
  strict?: boolean;
  /** The compiler to share (a validator's), so schemas compiled for validation are not compiled twice. */
  compiler?: SchemaCompiler;
  /** Called every few hundred examples with how many are done out of how many, for a progress line. */
  onProgress?(done: number, total: number): void;
}

interface Job {
  examples: NamedExample[];
  schemaLocation: string;
  direction: Direction;
  operationId?: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_SINGLES = ['items', 'additionalProperties', 'contains', 'propertyNames', 'not', 'if', 'then', 'else', 'unevaluatedProperties', 'unevaluatedItems'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];

/** Schema-level `example` / `examples` of a schema and of every schema nested in it (refs not followed). */
function schemaExampleJobs(schema: unknown, location: string, direction: Direction, jobs: Job[]): void {
  if (!isObject(schema) || typeof schema.$ref === 'string') return;
  const examples: NamedExample[] = [];
  if ('example' in schema) examples.push({ name: 'example', value: schema.example, specLocation: childPointer(location, 'example') });
  if (Array.isArray(schema.examples)) {
    schema.examples.forEach((value, index) => examples.push({ name: String(index), value, specLocation: childPointer(location, 'examples', index) }));
  }
  if (examples.length > 0) jobs.push({ examples, schemaLocation: location, direction });
  for (const key of SCHEMA_MAPS) {
    if (isObject(schema[key])) for (const [name, sub] of Object.entries(schema[key])) schemaExampleJobs(sub, childPointer(location, key, name), direction, jobs);
  }
  for (const key of SCHEMA_SINGLES) if (isObject(schema[key])) schemaExampleJobs(schema[key], childPointer(location, key), direction, jobs);
  for (const key of SCHEMA_LISTS) {
    if (Array.isArray(schema[key])) (schema[key] as unknown[]).forEach((sub, index) => schemaExampleJobs(sub, childPointer(location, key, index), direction, jobs));
  }
}

/** Every schema in the bundled document, at its own location, with the direction its examples illustrate. */
function schemaJobs(bundled: Json): Job[] {
  const jobs: Job[] = [];
  const visit = (node: unknown, location: string, direction: Direction): void => {
    if (Array.isArray(node)) return node.forEach((item, index) => visit(item, childPointer(location, index), direction));
    if (!isObject(node) || typeof node.$ref === 'string') return;
    for (const [key, value] of Object.entries(node)) {
      const here = childPointer(location, key);
      const next = key === 'requestBody' || key === 'requestBodies' || key === 'parameters' ? 'request' : direction;
      if (key === 'schema') schemaExampleJobs(value, here, next, jobs);
      else if (key !== 'example' && key !== 'examples') visit(value, here, next);
    }
  };
  visit(bundled.paths, '#/paths', 'response');
  const components = isObject(bundled.components) ? bundled.components : {};
  for (const [name, schema] of Object.entries(isObject(components.schemas) ? components.schemas : {})) {
    schemaExampleJobs(schema, childPointer('#/components/schemas', name), 'response', jobs);
  }
  for (const key of ['responses', 'parameters', 'requestBodies', 'headers']) {
    visit(components[key], childPointer('#/components', key), key === 'parameters' || key === 'requestBodies' ? 'request' : 'response');
  }
  return jobs;
}

/** Media-type and parameter examples of every operation, checked against their own schema. */
function operationJobs(spec: LoadedSpec): Job[] {
  const jobs: Job[] = [];
  for (const operation of spec.operations) {
    const { operationId } = operation;
    for (const parameter of [...operation.parameters.path, ...operation.parameters.query, ...operation.parameters.header]) {
      jobs.push({ examples: parameter.examples, schemaLocation: parameter.schemaLocation, direction: 'request', operationId });
    }
    for (const media of Object.values(operation.requestBody?.content ?? {})) {
      if (media.schemaLocation) jobs.push({ examples: media.examples, schemaLocation: media.schemaLocation, direction: 'request', operationId });
    }
    for (const response of Object.values(operation.responses)) {
      for (const media of Object.values(response.content)) {
        if (media.schemaLocation) jobs.push({ examples: media.examples, schemaLocation: media.schemaLocation, direction: 'response', operationId });
      }
    }
  }
  return jobs;
}

/**
 * Validates every example in a spec against the schema it illustrates: media-type and parameter examples,
 * and schema-level `example`/`examples` everywhere. Each example is checked once, at its canonical location.
 * With `strict`, properties the schema does not declare are reported too. An example whose schema cannot compile is
 * counted as unchecked, with a SCHEMA_UNCOMPILABLE warning on the spec; the others are still checked.
 */
export function checkExamples(spec: LoadedSpec, options: ExampleOptions = {}): ExampleReport {
  const compiler = options.compiler ?? createSchemaCompiler(spec);
  const planOf: ShapePlanner | undefined = options.strict ? createShapePlanner((pointer: string) => dereferencedAt(spec, pointer)) : undefined;
  const seen = new Set<string>();
  const findings: ExampleFinding[] = [];
  const jobs = [...operationJobs(spec), ...schemaJobs(spec.bundled)];
  const total = jobs.reduce((sum, job) => sum + job.examples.length, 0);
  let checked = 0;
  let unchecked = 0;
  let done = 0;
  for (const job of jobs) {
    for (const example of job.examples) {
      done++;
      if (options.onProgress && done % 250 === 0) options.onProgress(done, total);
      const location = resolvePointer(spec.bundled, example.specLocation, { followRefs: true })?.canonical ?? example.specLocation;
      if (seen.has(location)) continue;
      seen.add(location);
      const owner = `${job.operationId ?? 'example'} ${example.specLocation}`;
      let compiled: CompiledSchema;
      try {
        compiled = compiler.compile(job.schemaLocation, job.direction, owner);
      } catch (error) {
        if (!(error instanceof RunwardenError)) throw error;
        unchecked++;
        spec.warnings.add({ code: 'SCHEMA_UNCOMPILABLE', location: job.schemaLocation, message: error.message });
        continue;
      }
      checked++;
      const base = { location, schemaLocation: compiled.location, ...(job.operationId ? { operationId: job.operationId } : {}) };
      if (!compiled.validate(example.value)) {
        const violations = findingsFromAjvErrors(compiled.validate.errors ?? [], {
          operationId: job.operationId ?? '', where: job.direction, part: 'body', code: 'SCHEMA_MISMATCH', pointerPrefix: '',
          ...locating(compiler, compiled, example.value),
        });
        for (const violation of violations) findings.push({ ...base, pointer: violation.pointer, code: violation.code, message: violation.message });
      }
      if (planOf) {
        const schema = dereferencedAt(spec, job.schemaLocation);
        for (const extra of createUndocumentedCheck(schema, planOf)(example.value)) {
          findings.push({
            ...base, pointer: extra.pointer, code: 'PROPERTY_UNDOCUMENTED',
            message: `Received: property "${extra.property}"\nDocumented: ${extra.declared.join(', ')}`,
          });
        }
      }
    }
  }
  options.onProgress?.(total, total);
  return { checked, unchecked, findings };
}
