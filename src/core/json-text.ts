import { displayPath } from './display-path.ts';
import { RunwardenError } from './errors.ts';
import { nestsDeeperThan } from './json-depth.ts';
import { findJsonSyntaxError, lineColumnOf } from './json-syntax-error.ts';

/** A UTF-8 byte order mark, which editors on Windows write and JSON.parse refuses. */
const BOM = 0xfeff;

/**
 * How deeply a file's arrays and objects may nest. Far beyond any real spec, body or HAR (JSON Schema's own
 * meta-schemas nest under 20), and well within the stack of the recursive walks that follow (Ajv, dereferencing).
 */
export const NESTING_LIMIT = 1000;

/** LIMIT_EXCEEDED for a document (or the part of it at `at`) that nests deeper than NESTING_LIMIT. */
export function nestingTooDeep(file: string, at?: string): RunwardenError {
  return new RunwardenError(
    'LIMIT_EXCEEDED',
    `${displayPath(file)}${at ? ` (${at})` : ''}: arrays and objects nest deeper than ${NESTING_LIMIT} levels`,
    'No real document nests this deeply; check that the file is the one you meant (a generated or corrupted file?).',
  );
}

/**
 * Throws LIMIT_EXCEEDED naming the file (and `at`, where in it the text is, e.g. a HAR entry's body) when JSON
 * text nests deeper than NESTING_LIMIT. One pass, before parsing.
 */
export function checkJsonNesting(text: string, file: string, at?: string): void {
  if (nestsDeeperThan(text, NESTING_LIMIT)) throw nestingTooDeep(file, at);
}

/** Parses JSON text (a leading byte order mark is skipped, as YAML does); JSON_INVALID with `file:line:column`, the reason and the offset when it is not JSON. */
export function parseJsonText(text: string, file: string): unknown {
  checkJsonNesting(text, file);
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
