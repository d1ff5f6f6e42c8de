import type { JsonReply } from '../http/reply.ts';

interface StoredAnswer {
  fingerprint: string;
  reply: JsonReply;
  at: number;
}

/** The outcome of looking up an idempotency key. */
export type IdempotencyLookup =
  | { kind: 'new' }
  | { kind: 'replay'; reply: JsonReply }
  | { kind: 'conflict' };

/**
 * Stores successful answers by idempotency key (scoped by the caller), as idempotent APIs document them: the same key with
 * the same parameters replays the stored answer, with different parameters it is a conflict. Keys expire
 * after `ttlMs`; at most `maxKeys` are kept (oldest dropped first).
 */
export class IdempotencyStore {
  private readonly answers = new Map<string, StoredAnswer>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxKeys: number,
  ) {}

  lookup(key: string, fingerprint: string, now: number): IdempotencyLookup {
    const stored = this.answers.get(key);
    if (!stored) return { kind: 'new' };
    if (now - stored.at >= this.ttlMs) {
      this.answers.delete(key);
      return { kind: 'new' };
    }
    return stored.fingerprint === fingerprint ? { kind: 'replay', reply: stored.reply } : { kind: 'conflict' };
  }

  remember(key: string, fingerprint: string, reply: JsonReply, now: number): void {
    this.answers.set(key, { fingerprint, reply, at: now });
    while (this.answers.size > this.maxKeys) {
      const oldest = this.answers.keys().next().value as string;
      this.answers.delete(oldest);
    }
  }

  clear(): void {
    this.answers.clear();
  }
}

/** JSON with object keys sorted at every level: equal values give equal strings. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}
