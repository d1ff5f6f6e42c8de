import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { tokensOf } from './json-pointer.ts';

/** `,` `}` `]` and whitespace: where a JSON number or literal ends. */
const SCALAR_END = new Set([44, 125, 93, 32, 10, 13, 9]);

/** A one-based line and column in a source text. */
export interface Position {
  line: number;
  column: number;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  pointer?: string;
}

function trieOf(pointers: readonly string[]): TrieNode {
  const root: TrieNode = { children: new Map() };
  for (const pointer of pointers) {
    let node = root;
    for (const token of tokensOf(pointer)) {
      let next = node.children.get(token);
      if (!next) node.children.set(token, (next = { children: new Map() }));
      node = next;
    }
    node.pointer = pointer;
  }
  return root;
}

/** One-based positions of ascending offsets, in one sweep over the text. */
function positionsOfOffsets(text: string, offsets: readonly number[]): Position[] {
  const order = offsets.map((offset, index) => ({ offset, index })).sort((a, b) => a.offset - b.offset);
  const out: Position[] = new Array(offsets.length);
  let line = 1;
  let lineStart = 0;
  let cursor = 0;
  for (const { offset, index } of order) {
    for (; cursor < offset && cursor < text.length; cursor++) {
      if (text.charCodeAt(cursor) === 10) {
        line++;
        lineStart = cursor + 1;
      }
    }
    out[index] = { line, column: offset - lineStart + 1 };
  }
  return out;
}

/**
 * Where each pointer's member starts in a JSON text (the key of an object member, the value of an array item), in
 * one pass that only descends into the parts the pointers lead to. Pointers that do not exist are left out.
 */
export function jsonPositions(text: string, pointers: readonly string[]): Map<string, Position> {
  const found = new Map<string, number>();
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const space = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return;
      i++;
    }
  };
  const readString = (): string => {
    const start = i;
    i++;
    let escaped = false;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 92) {
        escaped = true;
        i += 2;
        continue;
      }
      i++;
      if (c === 34) break;
    }
    const raw = text.slice(start, i);
    if (!escaped) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  };
  /** Skips one value without looking inside it. */
  const skip = (): void => {
    const first = text.charCodeAt(i);
    if (first === 34) return void readString();
    if (first !== 123 && first !== 91) {
      while (i < text.length && !SCALAR_END.has(text.charCodeAt(i))) i++;
      return;
    }
    let depth = 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        readString();
        continue;
      }
      i++;
      if (c === 123 || c === 91) depth++;
      else if ((c === 125 || c === 93) && --depth === 0) return;
    }
  };
  const value = (node: TrieNode | undefined): void => {
    space();
    if (node === undefined || node.children.size === 0) return skip();
    const c = text.charCodeAt(i);
    if (c !== 123 && c !== 91) return skip();
    const array = c === 91;
    i++;
    for (let index = 0; ; index++) {
      space();
      const close = text.charCodeAt(i);
      if (close === 125 || close === 93 || i >= text.length) {
        i++;
        return;
      }
      const start = i;
      let key = String(index);
      if (!array) {
        key = readString();
        space();
        i++; // ':'
      }
      const child = node.children.get(key);
      if (child?.pointer !== undefined) found.set(child.pointer, start);
      value(child);
      space();
      if (text.charCodeAt(i) === 44) i++;
    }
  };
  value(trieOf(pointers));
  const entries = [...found];
  const positions = positionsOfOffsets(text, entries.map(([, offset]) => offset));
  return new Map(entries.map(([pointer], index) => [pointer, positions[index]!]));
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/** Where each pointer's member starts in a YAML text (its key, or its sequence item). */
export function yamlPositions(text: string, pointers: readonly string[]): Map<string, Position> {
  const lines = new LineCounter();
  const document: Document = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const out = new Map<string, Position>();
  for (const pointer of pointers) {
    let node: unknown = document.contents;
    let start: number | undefined;
    for (const token of tokensOf(pointer)) {
      if (isAlias(node)) node = node.resolve(document);
      if (isMap(node)) {
        const pair = node.items.find((item) => keyText(item.key) === token);
        if (!pair) { start = undefined; break; }
        start = (pair.key as Node | null)?.range?.[0];
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(token)] as Node | undefined;
        if (!item) { start = undefined; break; }
        start = item.range?.[0];
        node = item;
      } else {
        start = undefined;
        break;
      }
    }
    if (start !== undefined) {
      const { line, col } = lines.linePos(start);
      out.set(pointer, { line, column: col });
    }
  }
  return out;
}

/** Positions of pointers in a spec's text, JSON or YAML. */
export function sourcePositions(text: string, json: boolean, pointers: readonly string[]): Map<string, Position> {
  if (pointers.length === 0) return new Map();
  return json ? jsonPositions(text, pointers) : yamlPositions(text, pointers);
}

