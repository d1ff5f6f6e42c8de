import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { RunwardenError } from '../core/errors.ts';
import type { SourceDocument } from './read-document.ts';

/** The published schema of runwarden.config.yaml and of profile files (docs/config.schema.json). */
export const CONFIG_SCHEMA_PATH = fileURLToPath(new URL('../../docs/config.schema.json', import.meta.url));

let validators: { config: ValidateFunction; profile: ValidateFunction } | undefined;

function compiled(): NonNullable<typeof validators> {
  if (validators) return validators;
  const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_PATH, 'utf8')) as { $id: string };
  const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
  ajv.addSchema(schema);
  validators = { config: ajv.getSchema(schema.$id)!, profile: ajv.getSchema(`${schema.$id}#/$defs/profile`)! };
  return validators;
}

/** Checks a config (`kind: config`) or profile file against the schema; CONFIG_INVALID at the first problem's line. */
export function checkAgainstSchema(document: SourceDocument, kind: 'config' | 'profile'): void {
  const validate = compiled()[kind];
  if (validate(document.value)) return;
  throw new RunwardenError(
    'CONFIG_INVALID',
    `${kind === 'config' ? 'invalid config' : 'invalid provider profile'}:\n  ${schemaProblemLines(document, validate.errors ?? [])}`,
    'See docs/config.md for every field; editors that read docs/config.schema.json complete and check it as you type.',
  );
}

/** Ajv's errors about a document as `file:line:column: sentence` lines in source order (five, then how many more). */
export function schemaProblemLines(document: SourceDocument, errors: readonly ErrorObject[]): string {
  const problems = relevant(errors);
  const lines = problems.map((error) => ({ where: document.where(pointerOf(error), isUnknownField(error)), text: sentence(error) }))
    .sort((a, b) => lineOf(a.where) - lineOf(b.where)).slice(0, 5).map((problem) => `${problem.where}: ${problem.text}`);
  return `${lines.join('\n  ')}${problems.length > 5 ? `\n  … and ${problems.length - 5} more` : ''}`;
}

/** Drops the wrappers of the schema's if/then branches, keeping the errors that name a field. */
function relevant(errors: readonly ErrorObject[]): ErrorObject[] {
  const concrete = errors.filter((error) => !['if', 'oneOf', 'anyOf', 'allOf'].includes(error.keyword));
  const seen = new Set<string>();
  return (concrete.length > 0 ? concrete : [...errors]).filter((error) => {
    const key = `${pointerOf(error)} ${sentence(error)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pointerOf(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    const extra = (error.params as { additionalProperty?: string; unevaluatedProperty?: string });
    return `${error.instancePath}/${String(extra.additionalProperty ?? extra.unevaluatedProperty).replace(/~/g, '~0').replace(/\//g, '~1')}`;
  }
  return error.instancePath;
}

function sentence(error: ErrorObject): string {
  const at = error.instancePath === '' ? 'the file' : error.instancePath.slice(1).split('/').join('.');
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': return `${at} needs "${String(params.missingProperty)}"`;
    case 'additionalProperties': return `${at} has an unknown field "${String(params.additionalProperty)}"`;
    case 'unevaluatedProperties': return `${at} has an unknown field "${String(params.unevaluatedProperty)}"`;
    case 'enum': return `${at} must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const': return `${at} must be ${JSON.stringify(params.allowedValue)}`;
    case 'pattern': return `${at} ${error.parentSchema && (error.parentSchema as { description?: string }).description ? `must be ${lowerFirst((error.parentSchema as { description: string }).description.replace(/\.$/, ''))}` : `must match ${String(params.pattern)}`}`;
    default: return `${at} ${error.message ?? 'is invalid'}`;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function isUnknownField(error: ErrorObject): boolean {
  return error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties';
}

function lineOf(where: string): number {
  const match = /:(\d+):(\d+)$/.exec(where);
  return match ? Number(match[1]) * 10_000 + Number(match[2]) : 0;
}
