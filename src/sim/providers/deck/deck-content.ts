import { hashString, type Rng } from '../../random.ts';
import { hexId, isoTime, prefixedId } from '../../ids.ts';
import type { SeededFaker } from '../../seeded-faker.ts';
import type { DeckErrorItem } from './deck-errors.ts';

/** The kinds of output a simulated Deck task produces; a task always produces the same kind (hash of its id). */
const TASK_KINDS = ['invoices', 'balances', 'statements', 'profile'] as const;
type TaskKind = (typeof TASK_KINDS)[number];

function taskKind(taskId: string): TaskKind {
  return TASK_KINDS[hashString(taskId) % TASK_KINDS.length]!;
}

function day(ms: number): string {
  return isoTime(ms).slice(0, 10);
}

function money(rng: Rng, min: number, max: number): number {
  return Math.round((min + rng.next() * (max - min)) * 100) / 100;
}

/** The output of a successful run, shaped like its task's output schema and seeded by the run. */
export function deckOutput(seeded: SeededFaker, seed: number, taskId: string, at: number, input: Record<string, unknown> | null): Record<string, unknown> {
  seeded.seed(seed ^ 0x0a17);
  const { faker, rng } = seeded;
  // A billing_period in the input (YYYY-MM) names the month the documents are for.
  const period = input?.billing_period;
  const month = typeof period === 'string' && /^\d{4}-\d{2}$/.test(period) ? period : isoTime(at - 20 * 86_400_000).slice(0, 7);
  switch (taskKind(taskId)) {
    case 'invoices':
      return {
        invoices: Array.from({ length: rng.int(1, 3) }, () => ({
          invoice_number: `INV-${month}-${rng.int(10000, 99999)}`,
          issue_date: day(at - rng.int(2, 10) * 86_400_000),
          due_date: day(at + rng.int(10, 30) * 86_400_000),
          amount_due: money(rng, 20, 2500),
          currency: 'USD',
        })),
      };
    case 'balances':
      return {
        accounts: Array.from({ length: rng.int(1, 3) }, () => ({
          account_name: faker.finance.accountName(),
          account_last4: faker.finance.accountNumber(4),
          balance: money(rng, -500, 25000),
          currency: 'USD',
          as_of: day(at),
        })),
      };
    case 'statements':
      return {
        statements: Array.from({ length: rng.int(1, 4) }, (_, index) => ({
          period: isoTime(at - (index + 1) * 30 * 86_400_000).slice(0, 7),
          file_name: `statement-${isoTime(at - (index + 1) * 30 * 86_400_000).slice(0, 7)}.pdf`,
          closing_balance: money(rng, 0, 12000),
        })),
      };
    case 'profile':
      return {
        customer: {
          name: faker.person.fullName(),
          email: faker.internet.email().toLowerCase(),
          address: {
            street: faker.location.streetAddress(),
            city: faker.location.city(),
            state: faker.location.state({ abbreviated: true }),
            zip: faker.location.zipCode('#####'),
          },
          member_since: day(at - rng.int(200, 3000) * 86_400_000),
        },
      };
  }
}

/** The files a successful run captured (`include=storage`). */
export function deckStorage(seeded: SeededFaker, seed: number, taskId: string, startedAt: number, endedAt: number): Record<string, unknown>[] {
  seeded.seed(seed ^ 0x5702);
  const { rng } = seeded;
  const kind = taskKind(taskId);
  return Array.from({ length: rng.int(1, 2) }, (_, index) => {
    const id = prefixedId(rng, 'stor_');
    const fileName = kind === 'invoices' ? `INV-${isoTime(endedAt).slice(0, 7)}-${rng.int(10000, 99999)}.pdf` : `${kind}-${index + 1}.pdf`;
    return {
      id,
      object: 'storage',
      file_name: fileName,
      file_type: 'application/pdf',
      file_size: rng.int(20_000, 900_000),
      created_at: isoTime(startedAt + Math.floor((endedAt - startedAt) * (0.6 + 0.3 * rng.next()))),
      url: `https://storage.deck.co/${id}/${fileName}?expires=${Math.floor(endedAt / 1000) + 3600}&signature=${hexId(rng, 16)}`,
      extraction: { file_name: fileName, pages: rng.int(1, 6) },
    };
  });
}

const SCREENS = ['login-page', 'mfa-prompt', 'dashboard', 'billing-history', 'document-list', 'download-complete'];

/** Screenshots taken so far (`include=artifacts`): more as the run progresses. */
export function deckScreenshots(seeded: SeededFaker, seed: number, runId: string, startedAt: number | undefined, until: number): Record<string, unknown>[] {
  if (startedAt === undefined) return [];
  seeded.seed(seed ^ 0xa871);
  const { faker, rng } = seeded;
  const span = Math.max(1, until - startedAt);
  const count = Math.min(SCREENS.length, 1 + Math.floor(span / 400));
  return Array.from({ length: count }, (_, index) => {
    const fileName = `step-${String(index + 1).padStart(2, '0')}-${SCREENS[index]}.png`;
    return {
      file_name: fileName,
      file_type: 'image/png',
      file_size: rng.int(80_000, 400_000),
      created_at: isoTime(startedAt + Math.floor((span * (index + 0.5)) / count)),
      url: `https://storage.deck.co/artifacts/${runId}/${fileName}?signature=${hexId(rng, 16)}`,
      reasoning: `${faker.helpers.arrayElement(['Page loaded', 'Navigated', 'Form submitted', 'Table rendered'])}: ${SCREENS[index]!.replace('-', ' ')}.`,
    };
  });
}

/** The interaction types and the field each asks for. */
const INTERACTIONS = {
  mfa: { name: 'code', type: 'text', label: 'Verification code' },
  security_question: { name: 'answer', type: 'text', label: 'Answer' },
  account_selection: { name: 'account', type: 'select', label: 'Service account' },
} as const;
/** A Deck interaction prompt's `type`. */
export type DeckInteractionType = keyof typeof INTERACTIONS;
/** Every interaction type, in the order of the spec's enum. */
export const DECK_INTERACTION_TYPES = Object.keys(INTERACTIONS) as readonly DeckInteractionType[];

/** The prompt of a run waiting for input; round > 1 after a wrong answer. `pinned` overrides the type drawn from the seed. */
export function deckInteraction(
  seeded: SeededFaker, seed: number, round: number, pinned: DeckInteractionType | null = null,
): { type: DeckInteractionType; message: string; fields: { name: string; type: string; label: string }[] } {
  seeded.seed(seed ^ 0x1a7e);
  const { faker, rng } = seeded;
  const roll = rng.next();
  const type: DeckInteractionType = pinned ?? (roll < 0.6 ? 'mfa' : roll < 0.85 ? 'security_question' : 'account_selection');
  const retry = round > 1 ? 'That answer was not accepted. ' : '';
  const message = type === 'mfa'
    ? `${retry}Enter the 6-digit code sent by text message to the phone number ending in ${rng.int(1000, 9999)}.`
    : type === 'security_question'
      ? `${retry}${faker.helpers.arrayElement(['What is the name of your first elementary school?', 'What was the make of your first car?', 'In which city were your parents married?'])}`
      : `${retry}This login has access to several service accounts. Choose the account to retrieve documents for.`;
  return { type, message, fields: [{ ...INTERACTIONS[type] }] };
}

/** The field names the run's current prompt asks for. */
export function deckInteractionFields(seeded: SeededFaker, seed: number, pinned: DeckInteractionType | null = null): string[] {
  return deckInteraction(seeded, seed, 1, pinned).fields.map((field) => field.name);
}

/** The errors of a run that failed, or completed with `result: failure`. */
export function deckRunErrors(seeded: SeededFaker, seed: number, kind: 'interaction_timeout' | 'task_failed' | 'result_failure'): DeckErrorItem[] {
  if (kind === 'interaction_timeout') {
    return [{ type: 'interaction', code: 'interaction_timeout', message: 'No response was submitted for the interaction prompt before the source\'s timeout.' }];
  }
  seeded.seed(seed ^ 0xe770);
  const { rng } = seeded;
  if (kind === 'result_failure') {
    return [rng.pick([
      { type: 'source', code: 'source_not_available', message: 'The source showed a scheduled-maintenance page; no documents could be retrieved.' },
      { type: 'source', code: 'source_error', message: 'The source returned an error page while loading the requested documents.' },
    ])];
  }
  return [rng.pick([
    { type: 'task', code: 'timeout', message: 'The task run exceeded its timeout of 1800 seconds.' },
    { type: 'session', code: 'timeout', message: 'Session could not start in time.' },
    { type: 'source', code: 'source_blocked', message: 'The source blocked the automated session.' },
  ])];
}

const VAULTED = /pass(word|code)?|secret|ssn|pin$|account_number|card_number|cvv|token/i;

/** Splits a run's input into what `include=input` shows and the names of the fields that were vaulted. */
export function deckVisibleInput(input: Record<string, unknown> | null): { input: Record<string, unknown>; vaulted: string[] } {
  if (input === null) return { input: {}, vaulted: [] };
  const visible: Record<string, unknown> = {};
  const vaulted: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (VAULTED.test(key)) vaulted.push(key);
    else visible[key] = value;
  }
  return { input: visible, vaulted };
}

/** The agent that runs a task: one per task id, stable across runs. */
export function deckAgentId(rng: Rng, taskId: string): string {
  rng.reseed(hashString(taskId) ^ 0xa9e7);
  return prefixedId(rng, 'agt_');
}
