import path from 'node:path';
import { ProviderSet } from '../config/index.ts';
import { isRunwardenError, RunwardenError } from '../core/errors.ts';
import type { ProviderProfile } from '../core/profile/index.ts';
import { displayPath } from '../spec/index.ts';
import { listPactFiles, readPactFile, type PactFile } from './pact-file.ts';

/** Which pacts a contract command works on, and the providers they are checked against. */
export interface PactSelection {
  /** A pact file or a directory of pacts; undefined when none is configured (every provider is then skipped). */
  pacts?: string;
  /** The providers to work on, in order. A pact's `provider.name` selects its profile. */
  profiles: readonly ProviderProfile[];
  /**
   * Every configured provider (default: `profiles`). A pact for a configured provider outside `profiles` is
   * left out; a pact for a provider that is not configured at all is PROVIDER_UNKNOWN.
   */
  configured?: ProviderSet;
}

/** A pact file matched to the profile of the provider it names. */
export interface ProviderPact extends PactFile {
  /** The provider's name (the pact's `provider.name`). */
  provider: string;
  profile: ProviderProfile;
}

export interface SelectedPacts {
  /** The pacts of the selected providers, in file order. */
  pacts: ProviderPact[];
  /** The selected providers no pact is for, in selection order, each with the note to show. */
  withoutPacts: Array<{ profile: ProviderProfile; note: string }>;
}

/**
 * Reads the pacts at `selection.pacts` and matches each to its provider's profile. Throws PACT_INVALID for a
 * corrupt pact and PROVIDER_UNKNOWN (listing the configured names) for a pact whose provider is not configured.
 */
export async function selectPacts(selection: PactSelection): Promise<SelectedPacts> {
  const configured = selection.configured ?? new ProviderSet(selection.profiles, 'selected');
  const selected = new Map(selection.profiles.map((profile) => [profile.name, profile]));
  const pacts: ProviderPact[] = [];
  for (const file of selection.pacts === undefined ? [] : await listPactFiles(selection.pacts)) {
    const pact = await readPactFile(file);
    knownProvider(configured, pact);
    const profile = selected.get(pact.providerName);
    if (profile !== undefined) pacts.push({ ...pact, provider: profile.name, profile });
  }
  const where = selection.pacts === undefined ? 'no pacts are configured' : `none in ${displayPath(path.resolve(selection.pacts))}`;
  const withoutPacts = selection.profiles
    .filter((profile) => !pacts.some((pact) => pact.profile === profile))
    .map((profile) => ({ profile, note: `no pacts for ${profile.name} (${where})` }));
  return { pacts, withoutPacts };
}

/** PROVIDER_UNKNOWN, in ProviderSet's words, plus the two fixes that belong to a pact. */
function knownProvider(configured: ProviderSet, pact: PactFile): void {
  try {
    configured.get(pact.providerName, `${displayPath(pact.file)}: pact for `);
  } catch (error) {
    if (!isRunwardenError(error)) throw error;
    throw new RunwardenError(error.code, error.message,
      `${error.hint ?? ''} Or make the pact's provider.name a configured provider (it is the provider name the consumer's Pact test declares, e.g. '${configured.names[0] ?? 'name'}'), or move the pact out of the pacts directory.`.trim());
  }
}
