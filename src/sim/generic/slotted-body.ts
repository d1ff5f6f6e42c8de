import { setAtPointer } from '../../core/profile/index.ts';

/** Marks a hole in a body being serialized; no JSON text a spec produces contains it. */
const mark = (slot: number) => `\u0000rw:${slot}\u0000`;
const MARKS = /"\\u0000rw:(\d+)\\u0000"/g;

/**
 * A JSON body serialized once, with holes where per-run values go (the id, timestamps): rendering is a handful of
 * string concatenations, so a read costs no serialization and no object copy.
 */
export class SlottedBody {
  constructor(
    private readonly pieces: readonly string[],
    /** The slot each hole takes its value from, in text order. */
    private readonly holes: readonly number[],
  ) {}

  /** The body with `values[slot]` (JSON text) in each hole. */
  render(values: readonly string[]): string {
    let text = this.pieces[0]!;
    for (let i = 0; i < this.holes.length; i++) text += values[this.holes[i]!]! + this.pieces[i + 1]!;
    return text;
  }

  /** True when some hole takes slot `slot`'s value. */
  has(slot: number): boolean {
    return this.holes.includes(slot);
  }
}

/** Serializes `body` (not changed) with a hole for slot i at `pointers[i]`; an undefined or root pointer makes none. */
export function slotBody(body: unknown, pointers: readonly (string | undefined)[]): SlottedBody {
  const copy = structuredClone(body);
  if (typeof copy === 'object' && copy !== null) {
    pointers.forEach((pointer, slot) => {
      if (pointer !== undefined && pointer !== '') setAtPointer(copy as Record<string, unknown>, pointer, mark(slot));
    });
  }
  const text = JSON.stringify(copy) ?? 'null';
  const pieces: string[] = [];
  const holes: number[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKS)) {
    pieces.push(text.slice(last, match.index));
    holes.push(Number(match[1]));
    last = match.index + match[0].length;
  }
  pieces.push(text.slice(last));
  return new SlottedBody(pieces, holes);
}
