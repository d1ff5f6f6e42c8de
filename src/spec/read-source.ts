import { parseDocument } from 'yaml';
import { displayPath } from '../core/display-path.ts';
import { RunwardenError } from '../core/errors.ts';
import { valueNestsDeeperThan } from '../core/json-depth.ts';
import { NESTING_LIMIT, nestingTooDeep, parseJsonText } from '../core/json-text.ts';

export { displayPath };
export { readTextFile } from '../core/read-text-file.ts';
export { NESTING_LIMIT, checkJsonNesting, parseJsonText } from '../core/json-text.ts';

/** How many aliases a YAML file may expand (the `yaml` package's guard against "billion laughs" documents). */
export const YAML_ALIAS_LIMIT = 1000;

/** Parses YAML text; YAML_INVALID with `file:line:column` and the parser's reason when it is not YAML. */
export function parseYamlText(text: string, file: string): unknown {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const error = document.errors[0];
  // The parser recurses per nesting level: a document thousands deep overflows its stack rather than erring.
  if (error && error.message.includes('Maximum call stack size exceeded')) throw nestingTooDeep(file);
  if (error) {
    const position = error.linePos?.[0];
    const where = position ? `${displayPath(file)}:${position.line}:${position.col}` : displayPath(file);
    const reason = error.message.split(/ at line \d+, column \d+/)[0]!.split('\n')[0]!;
    throw new RunwardenError('YAML_INVALID', `${where}: invalid YAML: ${reason}`, 'Check the indentation and quoting around that line.');
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: YAML_ALIAS_LIMIT });
  } catch (failure) {
    if (failure instanceof RangeError) throw nestingTooDeep(file);
    if (!/alias/i.test((failure as Error).message)) throw failure;
    throw new RunwardenError(
      'LIMIT_EXCEEDED',
      `${displayPath(file)}: YAML aliases expand beyond ${YAML_ALIAS_LIMIT} nodes (a "billion laughs" document?)`,
      'Write the repeated parts out, or use fewer nested aliases (*name) of anchors (&name).',
    );
  }
  if (valueNestsDeeperThan(value, NESTING_LIMIT)) throw nestingTooDeep(file);
  return value;
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
