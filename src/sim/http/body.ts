import type { IncomingMessage } from 'node:http';

/** The outcome of reading a request body under a size limit. */
export type BodyRead =
  | { kind: 'none' }
  | { kind: 'text'; text: string }
  | { kind: 'too-large' }
  | { kind: 'aborted' }
  /** The client stopped sending short of the body it announced. */
  | { kind: 'stalled' };

/** True when the request announces no body at all (no Content-Length, or 0, and no Transfer-Encoding). */
export function hasNoBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined;
}

/**
 * Reads the body as UTF-8 text, stopping at `limit` bytes: past it the rest is drained and discarded so that
 * the 413 can still be answered on a kept-alive connection. A body not whole within `timeoutMs` (wall clock: the
 * socket is real even when the simulator's clock is virtual) is `stalled`.
 */
export function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<BodyRead> {
  if (hasNoBody(req)) {
    req.resume();
    return Promise.resolve({ kind: 'none' });
  }
  const announced = Number(req.headers['content-length']);
  if (Number.isFinite(announced) && announced > limit) {
    req.resume();
    return Promise.resolve({ kind: 'too-large' });
  }
  return new Promise((settle) => {
    const stall = setTimeout(() => settle({ kind: 'stalled' }), timeoutMs);
    const resolve = (read: BodyRead): void => {
      clearTimeout(stall);
      settle(read);
    };
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) resolve({ kind: 'too-large' });
      else if (size === 0) resolve({ kind: 'none' });
      else resolve({ kind: 'text', text: Buffer.concat(chunks, size).toString('utf8') });
    });
    req.on('aborted', () => resolve({ kind: 'aborted' }));
    req.on('error', () => resolve({ kind: 'aborted' }));
  });
}
