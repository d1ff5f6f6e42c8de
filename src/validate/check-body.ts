import type { Violation } from '../core/violation.ts';
import { findingsFromAjvErrors, locating } from './ajv-findings.ts';
import { selectMedia, type CompiledContent } from './compile-operation.ts';
import { formatList } from './format-value.ts';
import type { SchemaCompiler } from './schema-compiler.ts';

/** Which message a body belongs to, for findings. */
export interface BodyContext {
  operationId: string;
  where: 'request' | 'response';
  /** Pointer of the request body or response object in the spec. */
  specLocation: string;
  strict: boolean;
  compiler: SchemaCompiler;
}

/** A body that is absent or the empty string. */
export const isEmptyBody = (body: unknown): boolean => body === undefined || body === '';

/**
 * Checks a body against a documented `content` map: its media type must be documented, and a JSON body (or
 * any parsed, non-string body) must match the media type's schema. String bodies of non-JSON media are opaque.
 */
export function checkBody(content: CompiledContent | undefined, contentType: string | undefined, body: unknown, context: BodyContext): Violation[] | undefined {
  const { operationId, where, specLocation } = context;
  if (!content) {
    if (isEmptyBody(body)) return undefined;
    return [{
      operationId, where, part: 'content-type', code: 'CONTENT_TYPE_UNDOCUMENTED', specLocation,
      message: `Received: a body${contentType ? ` (${contentType})` : ''}\nDocumented: no body`,
      received: contentType, documented: [],
    }];
  }
  const media = selectMedia(content, contentType);
  if (media === null) {
    return [{
      operationId, where, part: 'content-type', code: 'CONTENT_TYPE_UNDOCUMENTED', specLocation,
      message: `Received: ${contentType ?? '(none)'}\nDocumented: ${formatList(content.mediaTypes)}`,
      received: contentType, documented: content.mediaTypes,
    }];
  }
  const schema = media.schema;
  if (!schema) return undefined;
  if (body === undefined) {
    return [{
      operationId, where, part: 'body', code: 'BODY_MISSING', specLocation,
      message: `Received: no body\nDocumented: a ${media.mediaType} body`,
      received: undefined, documented: media.mediaType,
    }];
  }
  if (!media.json && typeof body === 'string') return undefined;
  let violations: Violation[] | undefined;
  if (!schema.validate(body)) {
    violations = findingsFromAjvErrors(schema.validate.errors ?? [], {
      operationId, where, part: 'body', code: 'SCHEMA_MISMATCH', pointerPrefix: '',
      ...locating(context.compiler, schema, body),
    });
  }
  if (context.strict && media.undocumented) {
    for (const extra of media.undocumented(body)) {
      (violations ??= []).push({
        operationId, where, part: 'body', code: 'PROPERTY_UNDOCUMENTED', pointer: extra.pointer,
        message: `Received: property "${extra.property}"\nDocumented: ${extra.declared.join(', ')} (others are allowed, but strict mode reports them)`,
        received: extra.property, documented: extra.declared, specLocation: schema.location,
      });
    }
  }
  return violations;
}
