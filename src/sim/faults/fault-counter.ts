import { FAULT_KINDS, type FaultKind } from './fault-rule.ts';
import { RunFaultLedger, type RunFaultKind, type RunFaultRecord } from './run-fault-ledger.ts';

/** Injected faults counted so a test can reconcile what it observed with what was injected. */
export interface FaultCounts {
  total: number;
  byKind: Record<FaultKind, number>;
  /** Keyed `provider.operationId`, e.g. `jobs.getJob`. */
  byOperation: Record<string, Partial<Record<FaultKind, number>>>;
  /** The runs given run-level faults (stuck, fail, drop, backward), by the id their create answered with. */
  runs: RunFaultRecord;
}

/** Counts injected faults by kind and by operation, and lists the runs given run-level faults by id. */
export class FaultCounter {
  private total = 0;
  private readonly ledger = new RunFaultLedger();
  private readonly byKind = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  private readonly byOperation = new Map<string, Partial<Record<FaultKind, number>>>();

  record(kind: FaultKind, provider: string, operationId: string): void {
    this.total++;
    this.byKind[kind]++;
    const key = `${provider}.${operationId}`;
    let entry = this.byOperation.get(key);
    if (!entry) {
      entry = {};
      this.byOperation.set(key, entry);
    }
    entry[kind] = (entry[kind] ?? 0) + 1;
  }

  /** Names the run a run-level fault was counted for (see `RunFaultLedger.record`). */
  recordRun(kinds: readonly RunFaultKind[], provider: string, operationId: string, id: string | undefined): void {
    this.ledger.record(kinds, provider, operationId, id);
  }

  /** A copy of the counts, safe to keep and compare. */
  snapshot(): FaultCounts {
    return {
      total: this.total,
      byKind: { ...this.byKind },
      byOperation: Object.fromEntries([...this.byOperation].map(([key, counts]) => [key, { ...counts }])),
      runs: this.ledger.snapshot(),
    };
  }

  reset(): void {
    this.total = 0;
    for (const kind of FAULT_KINDS) this.byKind[kind] = 0;
    this.byOperation.clear();
    this.ledger.reset();
  }
}
