import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { RunwardenError } from '../core/errors.ts';
import { findJsonSyntaxError, lineColumnOf } from './json-syntax-error.ts';

/** A path as shown to the user: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Reads a UTF-8 text file; FILE_NOT_FOUND or FILE_UNREADABLE when it cannot be read. */
export async function readTextFile(file: string, what = 'file'): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new RunwardenError('FILE_NOT_FOUND', `${what} not found: ${displayPath(file)}`, 'Check the path; relative paths are resolved from the working directory.');
    }
    const reason = code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new RunwardenError('FILE_UNREADABLE', `cannot read ${what} ${displayPath(file)}: ${reason}`);
  }
}

/** A UTF-8 byte order mark, which editors on Windows write and JSON.parse refuses. */
const BOM = 0xfeff;

/** Parses JSON text (a leading byte order mark is skipped, as YAML does); JSON_INVALID with `file:line:column`, the reason and the offset when it is not JSON. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === BOM ? text.slice(1) : text);
  } catch (error) {
    const syntax = findJsonSyntaxError(text) ?? { offset: 0, reason: (error as Error).message };
    const { line, column } = lineColumnOf(text, syntax.offset);
    throw new RunwardenError(
      'JSON_INVALID',
      `${displayPath(file)}:${line}:${column}: invalid JSON: ${syntax.reason} (position ${syntax.offset})`,
      'Fix the JSON at that position; a JSON validator or `node -e "JSON.parse(...)"` shows the same error.',
    );
  }
}

/** Parses YAML text; YAML_INVALID with `file:line:column` and the parser's reason when it is not YAML. */
export function parseYamlText(text: string, file: string): unknown {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const error = document.errors[0];
  if (error) {
    const position = error.linePos?.[0];
    const where = position ? `${displayPath(file)}:${position.line}:${position.col}` : displayPath(file);
    const reason = error.message.split(/ at line \d+, column \d+/)[0]!.split('\n')[0]!;
    throw new RunwardenError('YAML_INVALID', `${where}: invalid YAML: ${reason}`, 'Check the indentation and quoting around that line.');
  }
  return document.toJS({ maxAliasCount: 1000 });
}

/** Whether a spec's text is JSON (by extension, or a leading `{` after any byte order mark) or YAML. */
export function syntaxOf(file: string, text: string): 'json' | 'yaml' {
  const lower = file.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return lower.endsWith('.json') || /^\uFEFF?\s*\{/.test(text) ? 'json' : 'yaml';
}

/** Parses a spec's text as JSON or YAML (see `syntaxOf`). */
export function parseSpecText(text: string, file: string): unknown {
  return syntaxOf(file, text) === 'json' ? parseJsonText(text, file) : parseYamlText(text, file);
}
