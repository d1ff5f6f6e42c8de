import { existsSync } from 'node:fs';
import { bundledSpecPath, isProviderName } from '../core/providers.ts';

/** A `--spec` value as a file path: a provider name (`deck`) means its bundled spec unless such a file exists. */
export function specPathOf(value: string): string {
  return isProviderName(value) && !existsSync(value) ? bundledSpecPath(value) : value;
}
