import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseJsonText, readTextFile } from '../spec/read-source.ts';
import { MESSAGE_TYPES, type PactFile } from './pact-file.ts';

/** The pact files the Pact verifier is given, and the description it will report each HTTP interaction under. */
export interface VerifierCopies {
  /** Per pact, in order: the file to verify (the pact itself, or a copy). */
  files: string[];
  /** Per pact, in order: one description per `pact.interactions` entry, unique within the file. */
  descriptions: string[][];
  /** Removes the copies. */
  remove(): Promise<void>;
}

/**
 * What the verifier reads: a pact as it is when every interaction is HTTP and every description unique, else a
 * copy without the message interactions (the verifier would send them to the provider as messages) and with each
 * repeated description suffixed by its index, so each result maps back to one interaction.
 */
export async function verifierCopies(pacts: readonly PactFile[]): Promise<VerifierCopies> {
  let dir: string | undefined;
  const files: string[] = [];
  const descriptions: string[][] = [];
  for (const pact of pacts) {
    const unique = uniqueDescriptions(pact);
    descriptions.push(unique);
    const renamed = unique.some((description, position) => description !== pact.interactions[position]!.description);
    if (pact.skippedInteractions.length === 0 && !renamed) {
      files.push(pact.file);
      continue;
    }
    const json = parseJsonText(await readTextFile(pact.file, 'pact file'), pact.file) as { interactions: Array<Record<string, unknown>> };
    const byIndex = new Map(pact.interactions.map((interaction, position) => [interaction.index, unique[position]!]));
    json.interactions = json.interactions.flatMap((raw, index) => {
      if (typeof raw.type === 'string' && MESSAGE_TYPES.has(raw.type)) return [];
      return [{ ...raw, description: byIndex.get(index) ?? raw.description }];
    });
    dir ??= await mkdtemp(path.join(tmpdir(), 'runwarden-verify-'));
    const copy = path.join(dir, `${files.length}-${path.basename(pact.file)}`);
    await writeFile(copy, JSON.stringify(json));
    files.push(copy);
  }
  return { files, descriptions, remove: async () => { if (dir !== undefined) await rm(dir, { recursive: true, force: true }); } };
}

/** Each interaction's description, a repeated one suffixed with its index (`a request [#3]`). */
export function uniqueDescriptions(pact: PactFile): string[] {
  const counts = new Map<string, number>();
  for (const { description } of pact.interactions) counts.set(description, (counts.get(description) ?? 0) + 1);
  return pact.interactions.map(({ description, index }) => (counts.get(description)! > 1 ? `${description} [#${index}]` : description));
}
