import { fileURLToPath } from 'node:url';

/** A scenario that ships with runwarden: its name (what `runwarden load <name>` takes) and the file that defines it. */
export interface BundledScenario {
  name: string;
  file: string;
}

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

/**
 * Every bundled scenario, in the order `runwarden load --list` shows them. YAML where the format says it all;
 * TypeScript where a flow needs code (deck-create-poll answers Deck's questions).
 */
export const BUNDLED_SCENARIOS: readonly BundledScenario[] = [
  { name: 'deck-create-poll', file: here('deck-create-poll.ts') },
  { name: 'refactor-async', file: here('refactor-async.yaml') },
  { name: 'refactor-sync', file: here('refactor-sync.yaml') },
  { name: 'rightbrain-run-fetch', file: here('rightbrain-run-fetch.yaml') },
  { name: 'rightbrain-agent-poll', file: here('rightbrain-agent-poll.yaml') },
  { name: 'deck-hot-read', file: here('deck-hot-read.yaml') },
  { name: 'mixed-ramp', file: here('mixed-ramp.yaml') },
];
