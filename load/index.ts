import type { Scenario } from '../src/load/index.ts';
import deckCreatePoll from './deck-create-poll.ts';
import deckHotRead from './deck-hot-read.ts';
import mixedRamp from './mixed-ramp.ts';
import refactorAsync from './refactor-async.ts';
import refactorSync from './refactor-sync.ts';
import rightbrainAgentPoll from './rightbrain-agent-poll.ts';
import rightbrainRunFetch from './rightbrain-run-fetch.ts';

/** Every scenario `runwarden load` knows, in the order `--list` shows them. */
export const SCENARIOS: readonly Scenario[] = [
  deckCreatePoll, refactorAsync, refactorSync, rightbrainRunFetch, rightbrainAgentPoll, deckHotRead, mixedRamp,
];
