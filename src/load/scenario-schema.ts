import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { schemaProblemLines } from '../config/config-schema.ts';
import type { SourceDocument } from '../config/read-document.ts';
import { RunwardenError } from '../core/errors.ts';

/** The published schema of scenario files (docs/scenario.schema.json). */
export const SCENARIO_SCHEMA_PATH = fileURLToPath(new URL('../../docs/scenario.schema.json', import.meta.url));

let validator: ValidateFunction | undefined;

/** Checks a scenario file against the schema; CONFIG_INVALID with each problem's file:line:column. */
export function checkScenarioSchema(document: SourceDocument): void {
  validator ??= new Ajv2020({ allErrors: true, strict: false, verbose: true }).compile(JSON.parse(readFileSync(SCENARIO_SCHEMA_PATH, 'utf8')) as object);
  if (validator(document.value)) return;
  throw new RunwardenError(
    'CONFIG_INVALID',
    `invalid scenario:\n  ${schemaProblemLines(document, validator.errors ?? [])}`,
    'See load/README.md for every field; editors that read docs/scenario.schema.json complete and check it as you type.',
  );
}
