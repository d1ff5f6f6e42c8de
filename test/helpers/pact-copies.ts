import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

const PACTS = fileURLToPath(new URL('../../contracts/pacts/', import.meta.url));

let root: string | undefined;
// Registered while the importing test file is collected: its copies go when its tests are done.
afterAll(() => {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** A fresh directory under one temporary root per test file. */
function freshDir(): string {
  root ??= mkdtempSync(path.join(tmpdir(), 'runwarden-pacts-'));
  return mkdtempSync(path.join(root, 'copy-'));
}

/** A pact as JSON, for editing in tests. */
export type PactJson = { provider: { name: string }; interactions: Array<Record<string, any>>; [key: string]: unknown };

/** The checked-in pact of a provider, parsed. */
export function checkedInPact(provider: string): PactJson {
  return JSON.parse(readFileSync(path.join(PACTS, `runwarden-${provider}.json`), 'utf8')) as PactJson;
}

/** Writes an edited copy of a provider's checked-in pact into a fresh temporary directory. */
export function pactCopy(provider: string, edit: (pact: PactJson) => void = () => {}): { dir: string; file: string } {
  const pact = checkedInPact(provider);
  edit(pact);
  const dir = freshDir();
  const file = path.join(dir, `runwarden-${provider}.json`);
  writeFileSync(file, `${JSON.stringify(pact, null, 2)}\n`);
  return { dir, file };
}

/** Writes raw text as a pact file in a fresh temporary directory. */
export function rawPact(text: string, name = 'runwarden-deck.json'): { dir: string; file: string } {
  const dir = freshDir();
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return { dir, file };
}

/** The interaction with this description; throws when the pact has none (the test is out of date). */
export function interaction(pact: PactJson, description: string): Record<string, any> {
  const found = pact.interactions.find((candidate) => candidate.description === description);
  if (!found) throw new Error(`no interaction "${description}" in the ${pact.provider.name} pact`);
  return found;
}

/** Keeps only the interactions with these descriptions. */
export function only(pact: PactJson, ...descriptions: string[]): void {
  pact.interactions = pact.interactions.filter((candidate) => descriptions.includes(candidate.description));
}
