import { isUuid } from '../ids.ts';
import type { Rng } from '../random.ts';

/** Draws run ids of one shape from a run's seeded generator. */
export interface RunIdGenerator {
  /** What the ids look like, for messages: `uuid`, `job_ + 12 [a-z0-9]`, `integer`. */
  readonly shape: string;
  /** The id is a JSON number in bodies (an integer id field). */
  readonly numeric: boolean;
  next(rng: Rng, seq: number): string;
}

const CHARSETS: ReadonlyArray<[RegExp, string, string]> = [
  [/^[0-9]+$/, '0123456789', '[0-9]'],
  [/^[0-9a-f]+$/, '0123456789abcdef', '[0-9a-f]'],
  [/^[0-9A-F]+$/, '0123456789ABCDEF', '[0-9A-F]'],
  [/^[a-z0-9]+$/, 'abcdefghijklmnopqrstuvwxyz0123456789', '[a-z0-9]'],
  [/^[A-Z0-9]+$/, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', '[A-Z0-9]'],
  [/^[A-Za-z0-9]+$/, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', '[A-Za-z0-9]'],
];

const HEX = '0123456789abcdef';

/**
 * Random (version 4) UUIDs. Built from one array of character codes: a string grown character by character is a
 * chain of cons strings in V8, several times the size of the flat one a stored id should be.
 */
export const UUID_IDS: RunIdGenerator = {
  shape: 'uuid',
  numeric: false,
  next(rng) {
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) {
      if (i === 8 || i === 12 || i === 16 || i === 20) codes.push(45);
      const digit = i === 12 ? 4 : i === 16 ? 8 + Math.floor(rng.next() * 4) : Math.floor(rng.next() * 16);
      codes.push(HEX.charCodeAt(digit));
    }
    return String.fromCharCode(...codes);
  },
};

/** Integer ids in creation order, for APIs whose run id is a number. */
export const INTEGER_IDS: RunIdGenerator = { shape: 'integer', numeric: true, next: (_rng, seq) => String(1000 + seq) };

/** `prefix` followed by `length` characters drawn from `alphabet` (one flat string, as for UUIDs). */
export function prefixedIds(prefix: string, length: number, alphabet: string, describe: string): RunIdGenerator {
  return {
    shape: `${prefix ? `${prefix} + ` : ''}${length} ${describe}`,
    numeric: false,
    next(rng) {
      const codes = Array.from(prefix, (char) => char.charCodeAt(0));
      for (let i = 0; i < length; i++) codes.push(alphabet.charCodeAt(Math.floor(rng.next() * alphabet.length)));
      return String.fromCharCode(...codes);
    },
  };
}

/** Ids shaped like a sample the spec gives (an example's or a generated id): same prefix, length and characters. */
export function idsLike(sample: unknown): RunIdGenerator | undefined {
  if (typeof sample === 'number') return Number.isInteger(sample) ? INTEGER_IDS : undefined;
  if (typeof sample !== 'string') return undefined;
  if (isUuid(sample)) return UUID_IDS;
  const match = /^([A-Za-z][A-Za-z0-9]*[_\-.:])?([A-Za-z0-9]+)$/.exec(sample);
  if (!match || match[2]!.length < 6) return undefined;
  const body = match[2]!;
  const [, alphabet, describe] = CHARSETS.find(([pattern]) => pattern.test(body))!;
  return prefixedIds(match[1] ?? '', body.length, alphabet, describe);
}

/** The first generator whose ids (three draws) the spec accepts, else undefined. */
export function chooseIds(candidates: readonly RunIdGenerator[], accepts: (id: string, generator: RunIdGenerator) => boolean, rng: Rng): RunIdGenerator | undefined {
  return candidates.find((generator) => [0, 1, 2].every((seq) => accepts(generator.next(rng, seq), generator)));
}
