import type { ErrorObject } from 'ajv';
import type { Violation, ViolationCode } from '../core/violation.ts';
import { escapeToken } from '../spec/json-pointer.ts';
import { collapseErrors, type BranchSizes } from './collapse-errors.ts';
import { formatAlternatives, formatList, formatValue, jsonTypeOf } from './format-value.ts';
import type { CompiledSchema, SchemaCompiler } from './schema-compiler.ts';

/** Who a set of Ajv errors belongs to, and how to point into the spec. */
export interface FindingContext {
  operationId: string;
  where: 'request' | 'response';
  part: Violation['part'];
  code: ViolationCode;
  /** Prepended to every instance path: '' for a body, the parameter's name for a parameter. */
  pointerPrefix: string;
  /** The spec pointer of the keyword an error comes from. */
  specLocationOf(error: ErrorObject): string;
  /** Tells the errors of a oneOf/anyOf's branches apart (see collapseErrors). */
  branchSizes?: BranchSizes;
  /** Adds each error's data and schemas (Ajv compiles without `verbose`). */
  enrich?(errors: readonly ErrorObject[]): ErrorObject[];
}

interface Contrast {
  pointer: string;
  received: unknown;
  documented: unknown;
  receivedText: string;
  documentedText: string;
}

type Params = Record<string, unknown>;

function describeTypes(types: string[], data: unknown): string {
  const text = formatAlternatives(types);
  return data === null && !types.includes('null') ? `${text} (not nullable)` : text;
}

function received(data: unknown): string {
  const type = jsonTypeOf(data);
  return data === null || data === undefined ? formatValue(data) : `${formatValue(data)} (${type})`;
}

function discriminatorValues(parentSchema: unknown, tag: string): unknown[] {
  const branches = (parentSchema as { oneOf?: Array<{ properties?: Record<string, { enum?: unknown[]; const?: unknown }> }> }).oneOf ?? [];
  return branches.flatMap((branch) => {
    const property = branch.properties?.[tag];
    return property?.enum ?? (property && 'const' in property ? [property.const] : []);
  });
}

const LIMITS: Record<string, (limit: unknown) => string> = {
  minimum: (limit) => `>= ${limit}`,
  maximum: (limit) => `<= ${limit}`,
  exclusiveMinimum: (limit) => `> ${limit}`,
  exclusiveMaximum: (limit) => `< ${limit}`,
  multipleOf: (limit) => `a multiple of ${limit}`,
  minLength: (limit) => `a string of at least ${limit} characters`,
  maxLength: (limit) => `a string of at most ${limit} characters`,
  minItems: (limit) => `at least ${limit} items`,
  maxItems: (limit) => `at most ${limit} items`,
  minProperties: (limit) => `at least ${limit} properties`,
  maxProperties: (limit) => `at most ${limit} properties`,
};

/** What was received and what the schema documents, for one Ajv error. */
function contrast(error: ErrorObject, base: string): Contrast {
  const params = error.params as Params;
  const data = error.data;
  const at = (suffix: string): string => `${base}/${escapeToken(suffix)}`;
  const make = (receivedText: string, documentedText: string, documented: unknown, ...override: [pointer: string, value: unknown] | []): Contrast => ({
    pointer: override.length === 0 ? base : override[0], received: override.length === 0 ? data : override[1], documented, receivedText, documentedText,
  });
  switch (error.keyword) {
    case 'type': {
      const types = Array.isArray(params.type) ? params.type.map(String) : String(params.type).split(',');
      return make(received(data), describeTypes(types, data), types);
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [];
      return make(formatValue(data), `one of ${formatList(allowed)}`, allowed);
    }
    case 'const':
      return make(formatValue(data), formatValue(params.allowedValue), params.allowedValue);
    case 'required': {
      const name = String(params.missingProperty);
      return make('(missing)', `required property "${name}"`, name, at(name), undefined);
    }
    case 'dependentRequired':
    case 'dependencies': {
      const name = String(params.missingProperty);
      return make('(missing)', `property "${name}" when "${String(params.property)}" is present`, name, at(name), undefined);
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty);
      const declared = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const documented = declared.length > 0 ? `no properties other than ${declared.join(', ')}` : 'no properties';
      return make(`property "${name}"`, documented, declared, at(name), (data as Record<string, unknown> | undefined)?.[name]);
    }
    case 'format':
      return make(formatValue(data), `${typeof data === 'number' ? 'a number' : 'a string'} in format ${String(params.format)}`, params.format);
    case 'pattern':
      return make(formatValue(data), `a string matching ${String(params.pattern)}`, params.pattern);
    case 'discriminator': {
      const tag = String(params.tag ?? params.tagName ?? '');
      const values = discriminatorValues(error.parentSchema, tag);
      const value = (data as Record<string, unknown> | undefined)?.[tag];
      return make(formatValue(value), `"${tag}" one of ${formatList(values)}`, values, at(tag), value);
    }
    case 'oneOf':
      return make(`a value matching schemas ${formatAlternatives(((params.passingSchemas as number[] | null) ?? []).map(String))}`, 'a value matching exactly one schema of oneOf', undefined);
    case 'not':
      return make(formatValue(data), 'a value that does not match the "not" schema', undefined);
    case 'uniqueItems':
      return make(`items ${String(params.j)} and ${String(params.i)} are equal`, 'unique items', undefined);
    case 'false schema':
      return make(formatValue(data), 'nothing (the schema is `false`)', false);
    default: {
      const limit = LIMITS[error.keyword];
      const value = params.limit ?? params.comparison;
      if (limit) return make(formatValue(data), limit(params.limit), params.limit);
      return make(formatValue(data), error.message ?? error.keyword, value);
    }
  }
}

/** Turns Ajv errors into precise findings: one per real problem, combinator noise collapsed. */
export function findingsFromAjvErrors(errors: readonly ErrorObject[], context: FindingContext): Violation[] {
  const enriched = context.enrich ? context.enrich(errors) : errors;
  return collapseErrors(enriched, context.branchSizes).map((error) => {
    const base = `${context.pointerPrefix}${error.instancePath}`;
    const found = contrast(error, base);
    return {
      operationId: context.operationId,
      where: context.where,
      part: context.part,
      code: context.code,
      message: `Received: ${found.receivedText}\nDocumented: ${found.documentedText}`,
      pointer: found.pointer,
      received: found.received,
      documented: found.documented,
      specLocation: context.specLocationOf(error),
    };
  });
}

/**
 * How the findings of `data` validated against a compiled schema get their data and schemas back, point into the
 * spec and tell oneOf branches apart, through the schema's compiler.
 */
export function locating(compiler: SchemaCompiler, compiled: CompiledSchema, data: unknown): Pick<FindingContext, 'specLocationOf' | 'branchSizes' | 'enrich'> {
  return {
    enrich: (errors) => compiler.enrich(errors, data),
    specLocationOf: (error) => compiler.locationOfError(compiled, error),
    branchSizes: (combinator) => (Array.isArray(combinator.schema)
      ? combinator.schema.map((branch: unknown) => compiler.branchErrorCount(branch, combinator.data))
      : undefined),
  };
}
