import { fileURLToPath } from 'node:url';

/** The pacts checked in with runwarden (`contracts/pacts/`), the default of every `contract` command. */
export function bundledPactsDir(): string {
  return fileURLToPath(new URL('../../contracts/pacts/', import.meta.url));
}
