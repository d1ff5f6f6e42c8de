// Pure figures of a soak (bench/soak.ts): the lost-run reconciliation against the simulator's fault ledger, and
// the RSS trend. No I/O, so the e2e test and the soak compute them the same way.
import type { FaultCounts } from '../src/sim/index.ts';

/** One RSS sample of both processes, `atMs` after traffic started. */
export interface RssSample {
  atMs: number;
  harnessMiB: number;
  simulatorMiB: number | null;
  /** Heap in use, for telling a leak from RSS the allocator keeps. */
  harnessHeapMiB?: number;
  simulatorHeapMiB?: number | null;
  /** Runs the simulator holds, over every run kind (its store is bounded by TTL and size). */
  simulatorStoredRuns?: number | null;
  /** Taken after traffic ended (the closing sample): kept in the report, left out of the trend. */
  afterTraffic?: boolean;
}

/** A least-squares line through the samples after the warm-up, and how far it moves over that window. */
export interface RssTrend {
  samples: number;
  fromMs: number;
  toMs: number;
  slopeMiBPerMinute: number;
  /** (fit at the end − fit at the start) / fit at the start: the target is |drift| ≤ 0.10. */
  relativeDrift: number;
  flatWithin10Percent: boolean;
}

/** Fits RSS (MiB) against time over the samples taken during traffic, at or after `warmUpMs`; null with fewer than 3. */
export function rssTrend(samples: readonly RssSample[], pick: (sample: RssSample) => number | null, warmUpMs: number): RssTrend | null {
  const points = samples
    .filter((sample) => sample.atMs >= warmUpMs && sample.afterTraffic !== true)
    .map((sample) => ({ x: sample.atMs / 60_000, y: pick(sample) }))
    .filter((point): point is { x: number; y: number } => point.y !== null);
  if (points.length < 3) return null;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / points.length;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / points.length;
  const sxx = points.reduce((sum, point) => sum + (point.x - meanX) ** 2, 0);
  const sxy = points.reduce((sum, point) => sum + (point.x - meanX) * (point.y - meanY), 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const first = points[0]!.x, last = points[points.length - 1]!.x;
  const start = meanY + slope * (first - meanX);
  const drift = start > 0 ? (slope * (last - first)) / start : 0;
  return {
    samples: points.length, fromMs: Math.round(first * 60_000), toMs: Math.round(last * 60_000),
    slopeMiBPerMinute: round(slope, 3), relativeDrift: round(drift, 4), flatWithin10Percent: Math.abs(drift) <= 0.1,
  };
}

/** What the harness reported about runs, summed over every scenario. */
export interface HarnessRuns {
  lostIds: readonly string[];
  inFlightIds: readonly string[];
}

/** Lost runs reconciled id by id with the runs the simulator dropped or made stuck. */
export interface Reconciliation {
  /** Runs the simulator dropped (drop fault) among those the harness was to follow. */
  dropped: number;
  stuck: number;
  /** Runs given both faults (each counts once among the lost). */
  droppedAndStuck: number;
  lost: number;
  /** The lost ids are exactly the faulted ids (none missed, none extra, none left in flight), so lost = dropped + stuck − droppedAndStuck. */
  exact: boolean;
  /** Lost runs the simulator did not fault: lost by the harness. Target: none. */
  lostByHarness: string[];
  /** Faulted runs the harness neither lost nor still had in flight (it saw them end): target none. */
  faultedNotLost: Array<{ id: string; provider: string; fault: string }>;
  /** Faulted runs still followed when the soak stopped (an interrupted soak); neither lost nor missed. */
  faultedInFlight: string[];
  /** Faulted runs of read-only flows' seeds, created before traffic and never followed, left out of the above. */
  seededFaulted: string[];
  /** Faulted runs whose create answered with no id the profile locates, by kind (should stay 0). */
  unidentified: FaultCounts['runs']['unidentified'];
  /** Every lost run, by id, with the fault that explains it ('none' for a harness loss). */
  lostRuns: Array<{ id: string; provider: string; fault: string }>;
}

/**
 * Reconciles the harness's lost runs with the simulator's fault ledger: every lost id must be a run the simulator
 * dropped or made stuck, and every such run (except read flows' seeds, listed in `seedIds`) must be lost, or still
 * in flight when the soak was interrupted.
 */
export function reconcile(harness: HarnessRuns, faults: FaultCounts, seedIds: ReadonlySet<string>): Reconciliation {
  const losing = faults.runs.runs.filter((entry) => entry.kinds.includes('drop') || entry.kinds.includes('stuck'));
  const followed = losing.filter((entry) => !seedIds.has(entry.id));
  const faulted = new Map(followed.map((entry) => [entry.id, entry]));
  const lost = new Set(harness.lostIds);
  const inFlight = new Set(harness.inFlightIds);
  const lostByHarness = [...lost].filter((id) => !faulted.has(id)).sort();
  const faultedNotLost = [...faulted.values()].filter((entry) => !lost.has(entry.id) && !inFlight.has(entry.id))
    .sort((a, b) => a.id.localeCompare(b.id)).map((entry) => ({ id: entry.id, provider: entry.provider, fault: faultOf(entry.kinds) }));
  const dropped = followed.filter((entry) => entry.kinds.includes('drop')).length;
  const stuck = followed.filter((entry) => entry.kinds.includes('stuck')).length;
  const both = followed.filter((entry) => entry.kinds.includes('drop') && entry.kinds.includes('stuck')).length;
  const faultedInFlight = [...faulted.keys()].filter((id) => inFlight.has(id)).sort();
  return {
    dropped, stuck, droppedAndStuck: both, lost: lost.size,
    exact: lostByHarness.length === 0 && faultedNotLost.length === 0 && faultedInFlight.length === 0 && lost.size === dropped + stuck - both,
    lostByHarness,
    faultedNotLost,
    faultedInFlight,
    seededFaulted: losing.filter((entry) => seedIds.has(entry.id)).map((entry) => entry.id).sort(),
    unidentified: { ...faults.runs.unidentified },
    lostRuns: [...lost].sort().map((id) => {
      const entry = faulted.get(id);
      return { id, provider: entry?.provider ?? 'unknown', fault: entry ? faultOf(entry.kinds) : 'none' };
    }),
  };
}

/** The faults that lose a run, joined: `drop`, `stuck`, `stuck+drop`. */
function faultOf(kinds: readonly string[]): string {
  return kinds.filter((kind) => kind === 'stuck' || kind === 'drop').join('+');
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
