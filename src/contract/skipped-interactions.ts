import { displayPath } from '../spec/index.ts';
import type { ProviderPact } from './pact-selection.ts';

/** Something a contract command left out, and why: a provider without pacts, or one message interaction of a pact. */
export interface SkippedNote {
  provider: string;
  note: string;
  /** Set when one interaction was skipped: its pointer and description (`pact.json#/interactions/3 "…"`). */
  interaction?: string;
}

/** One note per message interaction of the pacts (see PactFile.skippedInteractions), in file order. */
export function skippedInteractionNotes(pacts: readonly ProviderPact[]): SkippedNote[] {
  return pacts.flatMap((pact) => pact.skippedInteractions.map((skipped) => {
    const interaction = `${displayPath(pact.file)}#/interactions/${skipped.index} "${skipped.description}"`;
    return { provider: pact.provider, interaction, note: `${interaction} (${skipped.type}): runwarden verifies and cross-checks HTTP interactions only` };
  }));
}
