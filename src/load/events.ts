import type { LoadResult } from './result.ts';
import type { WorkloadModel } from './scenario.ts';

/** What a load run tells its listeners. The engine emits; printers and reporters only listen. */
export type LoadEvent =
  | { type: 'start'; scenario: string; model: WorkloadModel; durationMs: number; drainMs: number; targets: Record<string, string> }
  | {
    type: 'progress';
    phase: 'arrivals' | 'drain';
    elapsedMs: number;
    /** Arrival phase plus the longest possible drain. */
    totalMs: number;
    responses: number;
    /** Responses per second since the previous progress event. */
    ratePerSecond: number;
    runsInFlight: number;
    errors: number;
  }
  | { type: 'drain'; runsInFlight: number }
  | { type: 'end'; result: LoadResult };

/** Called synchronously for each event; must not block (it runs on the load generator's thread). */
export type LoadListener = (event: LoadEvent) => void;
