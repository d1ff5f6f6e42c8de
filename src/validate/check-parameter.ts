import type { Violation } from '../core/violation.ts';
import { findingsFromAjvErrors, locating } from './ajv-findings.ts';
import type { CompiledParameter } from './compile-operation.ts';
import type { SchemaCompiler } from './schema-compiler.ts';

/** Coerces a parameter's raw values per its schema and validates them; findings name the parameter. */
export function checkParameter(
  compiled: CompiledParameter,
  values: readonly string[],
  part: 'path' | 'query' | 'header',
  operationId: string,
  compiler: SchemaCompiler,
): Violation[] {
  const value = compiled.coerce(values);
  if (compiled.schema.validate(value)) return [];
  return findingsFromAjvErrors(compiled.schema.validate.errors ?? [], {
    operationId,
    where: 'request',
    part,
    code: 'PARAMETER_INVALID',
    pointerPrefix: compiled.parameter.name,
    ...locating(compiler, compiled.schema, value),
  });
}

/** PARAMETER_MISSING / HEADER_MISSING for a required parameter that was not sent. */
export function missingParameter(compiled: CompiledParameter, part: 'path' | 'query' | 'header', operationId: string, where: Violation['where'] = 'request'): Violation {
  const { name, specLocation } = compiled.parameter;
  const kind = part === 'header' ? 'header' : `${part} parameter`;
  return {
    operationId,
    where,
    part,
    code: part === 'header' ? 'HEADER_MISSING' : 'PARAMETER_MISSING',
    message: `Received: no ${kind} "${name}"\nDocumented: required ${kind} "${name}"`,
    pointer: name,
    received: undefined,
    documented: name,
    specLocation,
  };
}
