import { valueAtPointer } from '../../../core/profile/index.ts';
import type { TemplateTools } from '../../generic/template-tools.ts';
import { documentedResponse, jsonMediaOf } from '../../generic/spec-operations.ts';
import type { Operation } from '../../../spec/index.ts';

/** How a completed Deck run ended: its goal met, not met, or not known (`result`). */
export type DeckResult = 'success' | 'failure' | 'unknown';

/** What a Deck run carries beyond its lifecycle: what the create sent, and what a provider state pinned. */
export interface DeckRunDetails {
  taskId?: string;
  credentialId?: string | null;
  sourceId?: string | null;
  input?: Record<string, unknown>;
  result?: DeckResult;
  /** The prompt type of a run waiting for interaction (`mfa`, …), when a state pinned it. */
  interaction?: string;
}

/** The bodies of the spec's getTaskRun examples that the extension borrows fields from, found once. */
export interface DeckExamples {
  /** An example run by a test on its fields (`result: failure`, an `interaction.type`, with `storage`). */
  find(test: (run: Record<string, unknown>) => boolean): Record<string, unknown> | undefined;
}

/** The examples of an operation's 200 answer, for borrowing documented values (never served as they are). */
export function deckExamples(tools: TemplateTools, operation: Operation): DeckExamples {
  const media = jsonMediaOf(documentedResponse(operation, 200)?.response.content ?? {});
  const examples = (media ? tools.candidates(`${operation.operationId} 200`, media.media).examples : [])
    .filter((example): example is Record<string, unknown> => typeof example === 'object' && example !== null);
  return { find: (test) => examples.find(test) };
}

/** Fields of a run's input that Deck vaults: removed from `input` and named in `vaulted_fields`. */
const VAULTED = /pass(word|code)?|secret|ssn|pin$|account_number|card_number|cvv|token/i;

/** The part of an input `include=input` shows, and the names of the fields vaulted. */
export function visibleInput(input: Record<string, unknown> | undefined): { input: Record<string, unknown>; vaulted: string[] } {
  const visible: Record<string, unknown> = {};
  const vaulted: string[] = [];
  for (const [key, value] of Object.entries(input ?? {})) {
    if (VAULTED.test(key)) vaulted.push(key);
    else visible[key] = value;
  }
  return { input: visible, vaulted };
}

/** The field names an interaction prompt asks for (`interaction.fields[].name`). */
export function promptFields(body: unknown): string[] {
  const fields = valueAtPointer(body, '/interaction/fields');
  return Array.isArray(fields) ? fields.flatMap((field) => (typeof field?.name === 'string' ? [field.name as string] : [])) : [];
}
