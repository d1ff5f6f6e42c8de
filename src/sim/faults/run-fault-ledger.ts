import { runIdInAnswer, type ProviderProfile, type RunIdSource } from '../../core/profile/index.ts';
import type { Reply } from '../http/reply.ts';
import type { RunFate } from './fault-plan.ts';

/** The run-level faults one created run was given. */
export type RunFaultKind = 'stuck' | 'fail' | 'drop' | 'backward';

/** One run a run-level fault hit, by the id its create answered with. */
export interface RunFaultEntry {
  id: string;
  provider: string;
  operationId: string;
  kinds: RunFaultKind[];
}

/** Per-id record of the runs given run-level faults, so a client's lost runs can be reconciled id by id. */
export interface RunFaultRecord {
  runs: RunFaultEntry[];
  /**
   * Faulted runs whose create answered with no id the profile locates (a stream, a create that never answers, an
   * operation that is not a profile's create), by kind: counted, not listed.
   */
  unidentified: Record<RunFaultKind, number>;
  /** Identified runs not listed because the ledger was full (MAX_LEDGER_RUNS). */
  overflow: number;
}

/** At most this many faulted runs are listed (a long soak at 1% faults stays far below it); the rest are counted. */
export const MAX_LEDGER_RUNS = 100_000;

/** The kinds a fate carries, in a fixed order; empty when the run is unharmed. */
export function faultKindsOf(fate: RunFate): RunFaultKind[] {
  const kinds: RunFaultKind[] = [];
  if (fate.stuck) kinds.push('stuck');
  if (fate.fail) kinds.push('fail');
  if (fate.dropAfterMs !== undefined) kinds.push('drop');
  if (fate.backward) kinds.push('backward');
  return kinds;
}

/** Where each provider's create operations put the new run's id, from the profiles (`runs.<kind>.create.runId`). */
export function runIdSources(profile: ProviderProfile): ReadonlyMap<string, RunIdSource> {
  const sources = new Map<string, RunIdSource>();
  for (const kind of Object.values(profile.runs)) sources.set(kind.create.operationId, kind.create.runId);
  return sources;
}

/**
 * The run id a create's reply carries at `source`, read as the client reads it (`runIdInAnswer`), so the ledger names runs
 * by the ids pollers and the soak see; undefined for a streamed reply or when it is not there.
 */
export function runIdInReply(reply: Reply, source: RunIdSource): string | undefined {
  if (reply.kind === 'stream') return undefined;
  const body = reply.kind === 'json' ? reply.body : jsonOrUndefined(reply.text);
  const headers = Object.entries(reply.headers ?? {});
  return runIdInAnswer(source, body, (name) => headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1]);
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Lists faulted runs by id (bounded), and counts those it cannot name. */
export class RunFaultLedger {
  private readonly entries: RunFaultEntry[] = [];
  private readonly unidentified: Record<RunFaultKind, number> = { stuck: 0, fail: 0, drop: 0, backward: 0 };
  private overflow = 0;

  /** Records one faulted run; `id` undefined when its create's answer named none. */
  record(kinds: readonly RunFaultKind[], provider: string, operationId: string, id: string | undefined): void {
    if (kinds.length === 0) return;
    if (id === undefined) {
      for (const kind of kinds) this.unidentified[kind]++;
      return;
    }
    if (this.entries.length >= MAX_LEDGER_RUNS) {
      this.overflow++;
      return;
    }
    this.entries.push({ id, provider, operationId, kinds: [...kinds] });
  }

  snapshot(): RunFaultRecord {
    return { runs: this.entries.map((entry) => ({ ...entry, kinds: [...entry.kinds] })), unidentified: { ...this.unidentified }, overflow: this.overflow };
  }

  reset(): void {
    this.entries.length = 0;
    this.overflow = 0;
    for (const kind of Object.keys(this.unidentified) as RunFaultKind[]) this.unidentified[kind] = 0;
  }
}
