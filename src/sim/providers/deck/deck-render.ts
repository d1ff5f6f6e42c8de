import { isoTime, prefixedId } from '../../ids.ts';
import type { Rng } from '../../random.ts';
import type { SeededFaker } from '../../seeded-faker.ts';
import { deckAgentId, deckInteraction, deckOutput, deckRunErrors, deckScreenshots, deckStorage, deckVisibleInput } from './deck-content.ts';
import type { DeckRun } from './deck-run.ts';
import type { DeckView } from './deck-timeline.ts';

/** `include` sections as bits. */
export const INCLUDE_INPUT = 1;
export const INCLUDE_STORAGE = 2;
export const INCLUDE_ARTIFACTS = 4;

/** What rendering needs besides the run: the seeded faker and a scratch generator. */
export interface DeckRenderer {
  seeded: SeededFaker;
  scratch: Rng;
  agentIds: Map<string, string>;
}

/** Creates a renderer over the simulator's seeded faker. */
export function createDeckRenderer(seeded: SeededFaker, scratch: Rng): DeckRenderer {
  return { seeded, scratch, agentIds: new Map() };
}

/** The agent id of a task's runs (stable per task id). */
export function deckAgentOf(renderer: DeckRenderer, taskId: string): string {
  let id = renderer.agentIds.get(taskId);
  if (id === undefined) {
    id = deckAgentId(renderer.scratch, taskId);
    if (renderer.agentIds.size > 50_000) renderer.agentIds.clear();
    renderer.agentIds.set(taskId, id);
  }
  return id;
}

/** The session a run executes in: the one the client passed, or one derived from the run's seed. */
export function deckSessionId(renderer: DeckRenderer, run: DeckRun): string {
  if (run.sessionId !== null) return run.sessionId;
  renderer.scratch.reseed(run.seed ^ 0x5e55);
  return prefixedId(renderer.scratch, 'sess_');
}

/**
 * Renders a run as Deck's TaskRun object at the state `view`. Sections not asked for with `include` are
 * absent (not null); `requestId` is omitted for list rows.
 */
export function renderDeckRun(renderer: DeckRenderer, run: DeckRun, view: DeckView, include: number, requestId: string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: run.id,
    object: 'task_run',
    status: view.status,
    result: view.result,
    task_id: run.taskId,
    credential_id: run.credentialId,
    session_id: deckSessionId(renderer, run),
    workflow_id: null,
    agent_id: deckAgentOf(renderer, run.taskId),
    source_id: run.sourceId,
    runtime_ms: view.runtimeMs,
  };
  if (include & INCLUDE_INPUT) {
    const { input, vaulted } = deckVisibleInput(run.input);
    body.input = input;
    if (vaulted.length > 0) body.vaulted_fields = vaulted;
  }
  const endedAt = view.startedAt !== undefined && view.runtimeMs !== null ? view.startedAt + view.runtimeMs : view.since;
  body.output = view.hasOutput ? deckOutput(renderer.seeded, run.seed, run.taskId, endedAt, run.input) : null;
  if (include & INCLUDE_STORAGE) {
    body.storage = view.hasOutput && view.startedAt !== undefined
      ? deckStorage(renderer.seeded, run.seed, run.taskId, view.startedAt, endedAt)
      : [];
  }
  if (include & INCLUDE_ARTIFACTS) {
    body.artifacts = { screenshots: deckScreenshots(renderer.seeded, run.seed, run.id, view.startedAt, view.since) };
  }
  body.errors = view.error === null ? [] : deckRunErrors(renderer.seeded, run.seed, view.error);
  body.interaction = view.interactionRound > 0 ? deckInteraction(renderer.seeded, run.seed, view.interactionRound, run.interactionType) : null;
  body.canceled_at = view.canceledAt === null ? null : isoTime(view.canceledAt);
  body.created_at = isoTime(run.createdAt);
  body.updated_at = isoTime(view.since);
  if (requestId !== undefined) body.request_id = requestId;
  return body;
}
