import { RunwardenError } from '../core/errors.ts';
import type { ArrivalSchedule } from './arrival-schedule.ts';

/**
 * One slice of a load run split across processes or machines. Shards share no state: each derives its slice from
 * its index alone, so the slices are disjoint and together are exactly the unsharded run.
 */
export interface Shard {
  /** 1-based: shard 1 of 4 … shard 4 of 4. */
  index: number;
  count: number;
  /** Shared by every shard of one run; the merge refuses results of different runs. */
  runId: string;
}

const SHARD = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;
export const MAX_SHARDS = 1024;
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Parses `i/n` (e.g. `2/4`) with a usage error naming the flag. */
export function parseShard(text: string, runId: string, where = '--shard'): Shard {
  const match = SHARD.exec(text);
  const index = Number(match?.[1]), count = Number(match?.[2]);
  if (!match || !(count >= 1 && count <= MAX_SHARDS) || !(index >= 1 && index <= count)) {
    throw new RunwardenError('USAGE', `${where} must be i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS}\nReceived: ${text}`, 'For example --shard 2/4 runs the second of four slices.');
  }
  if (!RUN_ID.test(runId)) {
    throw new RunwardenError('USAGE', `the run id must be 1 to 128 letters, digits, '.', '_' or '-'\nReceived: ${JSON.stringify(runId)}`, 'Pass the same --run-id (or RUNWARDEN_RUN_ID) to every shard, e.g. the CI run number.');
  }
  return { index, count, runId };
}

/** How many of `total` items (numbered 0…total−1) fall to a shard when item k goes to shard (k mod n) + 1. */
export function shareOf(total: number, shard: Shard | undefined): number {
  if (shard === undefined) return total;
  return total >= shard.index ? Math.floor((total - shard.index) / shard.count) + 1 : 0;
}

/**
 * The shard's arrivals: every n-th of the full schedule, at the same due times, so the shards' arrivals together
 * are the unsharded schedule. Each call reads at most n arrivals of the full schedule.
 */
export function shardSchedule(schedule: ArrivalSchedule, shard: Shard | undefined): ArrivalSchedule {
  if (shard === undefined || shard.count === 1) return schedule;
  let k = 0;
  return () => {
    for (let read = 0; read < shard.count; read++) {
      const at = schedule();
      if (at === undefined) return undefined;
      const mine = k % shard.count === shard.index - 1;
      k++;
      if (mine) return at;
    }
    return undefined;
  };
}
