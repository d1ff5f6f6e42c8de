import { describe, expect, it } from 'vitest';
import { renderTextTable } from './text-table.ts';

describe('renderTextTable', () => {
  it('aligns columns under the header and leaves the last column unpadded', () => {
    expect(renderTextTable(['A', 'B', 'C'], [['one', 'x', 'last'], ['2', 'yy', 'z']])).toBe(
      'A    B   C\none  x   last\n2    yy  z\n',
    );
  });

  it('puts the lines of a multi-line cell under each other', () => {
    expect(renderTextTable(['K', 'MESSAGE'], [['a', 'Received: 1\nDocumented: 2']])).toBe(
      'K  MESSAGE\na  Received: 1\n   Documented: 2\n',
    );
  });

  it('wraps a wide cell at a slash so the columns stay aligned', () => {
    const table = renderTextTable(['WHERE', 'MESSAGE'], [['#/components/schemas/TaskRun/properties/status', 'm']], 24);
    expect(table.split('\n')).toEqual([
      `${'WHERE'.padEnd(21)}  MESSAGE`,
      '#/components/schemas/  m',
      'TaskRun/properties/',
      'status',
      '',
    ]);
  });
});
