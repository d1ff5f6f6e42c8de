/** Splits a line longer than `width` into lines, breaking after a `/`, space or comma where possible. */
function wrap(line: string, width: number): string[] {
  const lines: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const window = rest.slice(0, width);
    const cut = Math.max(window.lastIndexOf('/'), window.lastIndexOf(' '), window.lastIndexOf(','));
    const at = cut > width / 2 ? cut + 1 : width;
    lines.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  lines.push(rest);
  return lines;
}

/**
 * Renders rows as an aligned plain-text table under a header. Cells may span several lines (a finding's
 * "Received / Documented" message); cells wider than `maxWidth` are wrapped, except in the last column.
 */
export function renderTextTable(header: readonly string[], rows: readonly (readonly string[])[], maxWidth = 48): string {
  const last = header.length - 1;
  const cellLines = (cell: string, column: number): string[] =>
    cell.split('\n').flatMap((line) => (column === last ? [line] : wrap(line, maxWidth)));
  const table = [header, ...rows].map((row) => header.map((_title, column) => cellLines(row[column] ?? '', column)));
  const widths = header.map((_title, column) => Math.max(...table.map((row) => Math.max(...row[column]!.map((line) => line.length)))));
  const lines = table.flatMap((columns) => {
    const height = Math.max(...columns.map((cell) => cell.length));
    return Array.from({ length: height }, (_unused, line) => columns
      .map((cell, column) => (column === last ? cell[line] ?? '' : (cell[line] ?? '').padEnd(widths[column]!)))
      .join('  ')
      .trimEnd());
  });
  return `${lines.join('\n')}\n`;
}
