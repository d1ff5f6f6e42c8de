import type { Confidence } from './profile-draft.ts';
import {
  CANCELED_WORDS, CANCELING_WORDS, comparableNames, FAILURE_WORDS, PAUSE_PATTERN, QUEUED_WORDS, SUCCESS_WORDS, WEAK_QUEUED_WORDS,
} from './state-words.ts';

/** A lifecycle guessed from state names alone. */
export interface StateGuess {
  states: string[];
  initial: string[];
  success: string[];
  failure: string[];
  /** A guess: every working state may reach every terminal one and every other working one, but never a queued one. */
  transitions: Record<string, string[]>;
  /** `[canceling, canceled]`-like, when the API has a cancel operation and a cancelled state. */
  cancelPath?: string[];
  /** Non-terminal states where a run waits for its caller (`interaction_required`). */
  pauses: string[];
  /** States no word list knows: taken as non-terminal. */
  unrecognized: string[];
  initialBy: { confidence: Confidence; reason: string };
  /** Set when no state reads as success and one had to be picked. */
  successGuessed?: string;
}

/**
 * Splits an API's states into initial, working, success and failure by their names, and guesses the moves
 * between them. `states` are in the order the spec lists them, which often is the lifecycle's order.
 */
export function classifyStates(states: readonly string[], options: { hasCancel: boolean }): StateGuess {
  const names = comparableNames(states);
  const nameOf = (state: string): string => names.get(state)!;
  const success = states.filter((state) => SUCCESS_WORDS.has(nameOf(state)));
  const failure = states.filter((state) => FAILURE_WORDS.has(nameOf(state)));
  let working = states.filter((state) => !success.includes(state) && !failure.includes(state));
  let successGuessed: string | undefined;
  if (success.length === 0) {
    successGuessed = working.at(-1) ?? states.at(-1)!;
    success.push(successGuessed);
    working = working.filter((state) => state !== successGuessed);
    if (failure.includes(successGuessed)) failure.splice(failure.indexOf(successGuessed), 1);
  }
  const terminal = [...success, ...failure];
  const queued = working.filter((state) => QUEUED_WORDS.has(nameOf(state)) || (WEAK_QUEUED_WORDS.has(nameOf(state)) && state === working[0]));
  const byName = queued.length > 0;
  const initial = byName ? queued : working.length > 0 ? [working[0]!] : [...terminal];
  const initialBy = byName
    ? { confidence: 'medium' as const, reason: `named like a state before work starts (${initial.join(', ')})` }
    : working.length > 0
      ? { confidence: 'low' as const, reason: `no state is named like a queue (queued, pending, …): the first non-terminal state the spec lists` }
      : { confidence: 'low' as const, reason: 'every state is terminal: a run is finished when it is created' };
  const transitions: Record<string, string[]> = {};
  const canceling = working.filter((state) => CANCELING_WORDS.has(nameOf(state)));
  for (const state of working) {
    // A run never returns to a queued-like state (one picked only by its position may be returned to), and a
    // cancelling run only ends (it may still finish before the cancel takes hold).
    const back = byName ? initial : [];
    const onward = canceling.includes(state)
      ? canceling.filter((other) => other !== state)
      : working.filter((other) => other !== state && (initial.includes(state) || !back.includes(other)));
    transitions[state] = [...onward, ...terminal];
  }
  const cancelPath = options.hasCancel ? cancelPathOf(canceling, terminal, nameOf) : undefined;
  return {
    states: [...states],
    initial,
    success,
    failure,
    transitions,
    ...(cancelPath ? { cancelPath } : {}),
    pauses: working.filter((state) => PAUSE_PATTERN.test(nameOf(state))),
    unrecognized: working.filter((state) => !initial.includes(state) && !QUEUED_WORDS.has(nameOf(state)) && !CANCELING_WORDS.has(nameOf(state))
      && !PAUSE_PATTERN.test(nameOf(state)) && !KNOWN_WORKING.has(nameOf(state))),
    initialBy,
    ...(successGuessed === undefined ? {} : { successGuessed }),
  };
}

/** Working states common enough that taking them as non-terminal needs no warning. */
const KNOWN_WORKING = new Set(['running', 'processing', 'in_progress', 'working', 'active', 'executing', 'started', 'waiting', 'busy', 'generating']);

function cancelPathOf(canceling: readonly string[], terminal: readonly string[], nameOf: (state: string) => string): string[] | undefined {
  const canceled = terminal.find((state) => CANCELED_WORDS.has(nameOf(state)));
  if (canceled === undefined) return undefined;
  return canceling.length === 0 ? [canceled] : [canceling[0]!, canceled];
}
