const KEY = '"status"';

/**
 * True when the body's one and only `"status"` key holds exactly `status`: the poll taught nothing new and need
 * not be parsed. Any doubt (no key, a second key, other spacing or escapes) answers false, and the body is parsed.
 */
export function onlyStatusIs(text: string, status: string): boolean {
  const at = text.indexOf(KEY);
  if (at < 0 || text.indexOf(KEY, at + KEY.length) >= 0) return false;
  let i = at + KEY.length;
  while (text.charCodeAt(i) === 32) i++;
  if (text.charCodeAt(i++) !== 58 /* : */) return false;
  while (text.charCodeAt(i) === 32) i++;
  return text.charCodeAt(i) === 34 /* " */ && text.startsWith(status, i + 1) && text.charCodeAt(i + 1 + status.length) === 34;
}

/** Learns, from fully parsed bodies, whether a lifecycle's status is simply the body's top-level `status` key. */
export class StatusKeyEvidence {
  private seen = 0;
  private contradicted = false;

  /** Trust the text check only after several agreeing bodies and no contradiction. */
  get trusted(): boolean {
    return !this.contradicted && this.seen >= 3;
  }

  learn(body: unknown, status: string | undefined): void {
    if (this.contradicted || status === undefined || typeof body !== 'object' || body === null) return;
    if ((body as { status?: unknown }).status === status) this.seen++;
    else this.contradicted = true;
  }
}
