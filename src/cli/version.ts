import { readFileSync } from 'node:fs';

/** runwarden's version, from package.json (read once). */
export const RUNWARDEN_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
