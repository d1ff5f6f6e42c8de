import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { RunwardenError } from '../core/errors.ts';
import { displayPath, parseJsonText, parseYamlText } from '../spec/index.ts';

/** A config or profile file, parsed, that can say where any value in it stands. */
export interface SourceDocument {
  file: string;
  value: unknown;
  /** `file:line:column` of the value at a JSON pointer (of its key with `atKey`; the nearest enclosing one when absent). */
  where(pointer: string, atKey?: boolean): string;
}

/** Reads a YAML or JSON file synchronously (config is read once, at start-up). */
export function readSourceDocument(file: string, what: string): SourceDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RunwardenError('FILE_NOT_FOUND', `${what} not found: ${displayPath(file)}`, 'Check the path; relative paths are resolved from the file that names them.');
    throw new RunwardenError('FILE_UNREADABLE', `cannot read ${what} ${displayPath(file)}: ${code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`);
  }
  // The parsers with good messages decide validity; the YAML document (a superset of JSON) gives positions.
  const value = file.toLowerCase().endsWith('.json') ? parseJsonText(text, file) : parseYamlText(text, file);
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, keepSourceTokens: false });
  return { file, value, where: (pointer, atKey = false) => `${displayPath(file)}:${positionOf(document, lines, pointer, atKey)}` };
}

function positionOf(document: Document, lines: LineCounter, pointer: string, atKey: boolean): string {
  const tokens = pointer === '' ? [] : pointer.slice(1).split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = document.contents;
  let offset = (node as { range?: [number] } | null)?.range?.[0] ?? 0;
  for (const [index, token] of tokens.entries()) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => String((item.key as { value?: unknown } | null)?.value ?? item.key) === token);
      next = pair?.value;
      const keyRange = (pair?.key as { range?: [number] } | null)?.range;
      if (keyRange) offset = keyRange[0];
    } else if (isSeq(node)) next = node.items[Number(token)];
    const range = (next as { range?: [number] } | null)?.range;
    if (!range || (atKey && index === tokens.length - 1)) break;
    if (!isMap(next) && !isSeq(next)) offset = range[0];
    node = next;
  }
  const { line, col } = lines.linePos(offset);
  return `${line}:${col}`;
}
