import type { Violation } from '../core/violation.ts';
import { renderTextTable } from './text-table.ts';

/** The findings table: operation, where (request/response and part), pointer, message. */
export function findingsTable(violations: readonly Violation[], entryOf?: (violation: Violation) => string): string {
  const header = [...(entryOf ? ['ENTRY'] : []), 'OPERATION', 'WHERE', 'POINTER', 'MESSAGE'];
  const rows = violations.map((violation) => [
    ...(entryOf ? [entryOf(violation)] : []),
    violation.operationId,
    `${violation.where} ${violation.part}`,
    violation.pointer === undefined ? '' : violation.pointer === '' ? '(root)' : violation.pointer,
    `${violation.message}\n${violation.code}${violation.specLocation ? ` at ${violation.specLocation}` : ''}`,
  ]);
  return renderTextTable(header, rows);
}

/** `1 finding`, `3 findings`, `2 entries` (with `pluralNoun`). */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
