import { setTimeout as delay } from 'node:timers/promises';

/** Waits `ms`, rejecting with the signal's reason as soon as it aborts. Injected into clients so tests need not wait. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = async (ms, signal) => {
  if (signal?.aborted) throw signal.reason;
  if (ms <= 0) return;
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    throw signal?.aborted ? signal.reason : error;
  }
};
