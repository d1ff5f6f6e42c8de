import type { DeckScenario } from './deck-options.ts';
import type { StoredRun } from '../../store.ts';
import type { DeckInteractionType } from './deck-content.ts';

/** Something a client did to a run after creating it; answers and cancels change its schedule. */
export interface DeckEvent {
  kind: 'answer' | 'cancel';
  at: number;
  /** For answers: the run asks again instead of resuming. */
  wrong: boolean;
}

/**
 * A stored Deck run: identity, what the client sent, and its schedule (phase durations in ms) — never a
 * rendered body. Its status at any instant is `deckViewAt(run, now)`.
 */
export class DeckRun implements StoredRun {
  touchedAt = 0;
  alive = true;
  events: DeckEvent[] | null = null;
  /** The prompt type a provider state asked for; null draws it from the seed. */
  interactionType: DeckInteractionType | null = null;

  constructor(
    readonly id: string,
    readonly seq: number,
    readonly seed: number,
    readonly createdAt: number,
    readonly taskId: string,
    readonly credentialId: string | null,
    readonly sourceId: string | null,
    /** The session the client asked to reuse; a new one is derived from the seed otherwise. */
    readonly sessionId: string | null,
    readonly input: Record<string, unknown> | null,
    public scenario: DeckScenario,
    public queuedMs: number,
    public runningMs: number,
    /** Review hold (review scenario) or running time after an accepted answer (interaction scenario). */
    public tailMs: number,
    public cancelMs: number,
    public windowMs: number,
    /** Clock time from which the run is gone (drop fault); Infinity when it stays. */
    public vanishAt: number,
  ) {}

  /** Records a client action. */
  addEvent(event: DeckEvent): void {
    (this.events ??= []).push(event);
  }
}
