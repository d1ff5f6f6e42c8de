import type { Violation } from '../core/violation.ts';
import { findingsFromAjvErrors, locating } from './ajv-findings.ts';
import type { CompiledResponse } from './compile-operation.ts';
import { headerValue, type HeaderMap } from './headers.ts';
import type { SchemaCompiler } from './schema-compiler.ts';

/** HEADER_MISSING for documented required response headers, PARAMETER_INVALID for values off their schema. */
export function checkResponseHeaders(operationId: string, response: CompiledResponse, headers: HeaderMap, compiler: SchemaCompiler): Violation[] {
  const violations: Violation[] = [];
  for (const header of response.headers) {
    const value = headerValue(headers, header.key);
    if (value === undefined) {
      if (header.required) {
        violations.push({
          operationId, where: 'response', part: 'header', code: 'HEADER_MISSING', pointer: header.name,
          specLocation: `${response.spec.specLocation}/headers/${header.name}`,
          message: `Received: no header "${header.name}"\nDocumented: required header "${header.name}"`, documented: header.name,
        });
      }
    } else {
      const coerced = header.coerce([value]);
      if (header.schema.validate(coerced)) continue;
      violations.push(...findingsFromAjvErrors(header.schema.validate.errors ?? [], {
        operationId, where: 'response', part: 'header', code: 'PARAMETER_INVALID', pointerPrefix: header.name,
        ...locating(compiler, header.schema, coerced),
      }));
    }
  }
  return violations;
}
