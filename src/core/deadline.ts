/** An abort signal that fires after `ms`, and a way to stop its timer once the wait is over. */
export interface Deadline {
  signal: AbortSignal;
  clear(): void;
}

/**
 * Like `AbortSignal.timeout(ms)`, but its timer keeps the process alive. `AbortSignal.timeout` uses an unref'd
 * timer; when a peer accepts a connection and closes it without answering, Node's fetch never settles and holds no
 * handle, so the process ran out of work and exited 13 with no output. With this timer the wait ends in a
 * TimeoutError that callers turn into a clear message naming the URL. Always `clear()` it (in a finally).
 */
export function deadline(ms: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
