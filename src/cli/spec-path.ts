import { existsSync } from 'node:fs';
import type { RunwardenConfig } from '../config/index.ts';

/** A `--spec` value as a file path: a configured provider's name (`deck`) means its spec unless such a file exists. */
export function specPathOf(value: string, config: RunwardenConfig): string {
  return config.providers.has(value) && !existsSync(value) ? config.providers.get(value).spec : value;
}
