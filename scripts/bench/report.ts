// Collects the benchmark's tables and targets, prints them as aligned text and renders them as
// the Markdown of docs/PERFORMANCE.md.

export type Verdict = 'PASS' | 'MISS' | 'NOT MEASURED';

export interface Table {
  title: string;
  /** Sentences under the title: what was measured and how. */
  notes: string[];
  headers: string[];
  rows: string[][];
}

export interface TargetRow {
  target: string;
  measured: string;
  verdict: Verdict;
}

export function verdict(passed: boolean): Verdict {
  return passed ? 'PASS' : 'MISS';
}

export class Report {
  readonly tables: Table[] = [];
  readonly targets: TargetRow[] = [];
  /** Problems that kept a section from running, said plainly in the report. */
  readonly problems: string[] = [];

  addTable(table: Table): void {
    this.tables.push(table);
    process.stdout.write(`\n${renderText(table)}\n`);
  }

  addTarget(row: TargetRow): void {
    this.targets.push(row);
  }

  addProblem(problem: string): void {
    this.problems.push(problem);
    process.stdout.write(`\n!! ${problem}\n`);
  }

  targetsTable(): Table {
    return {
      title: 'Targets (2 cores, Node 20)',
      notes: [],
      headers: ['target', 'measured', 'verdict'],
      rows: this.targets.map((row) => [row.target, row.measured, row.verdict]),
    };
  }
}

function pad(cell: string, width: number, alignRight: boolean): string {
  return alignRight ? cell.padStart(width) : cell.padEnd(width);
}

/** Numbers (and "n/a") align right; words align left. */
function looksNumeric(cell: string): boolean {
  return /^[-+~≈]?[\d.,]+\s*(%|×|ms|s|MB\/s|MB|KB|B|k|M)?$/.test(cell.trim());
}

export function renderText(table: Table): string {
  const widths = table.headers.map((header, column) =>
    Math.max(header.length, ...table.rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells.map((cell, column) => pad(cell, widths[column] ?? 0, looksNumeric(cell))).join('  ');
  return [
    `== ${table.title}`,
    ...table.notes.map((note) => `   ${note}`),
    line(table.headers),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...table.rows.map((row) => line(row)),
  ].join('\n');
}

function escapeCell(cell: string): string {
  return cell.replace(/\|/g, '\\|');
}

export function renderMarkdown(table: Table): string {
  const alignments = table.headers.map((_, column) =>
    table.rows.length > 0 && table.rows.every((row) => looksNumeric(row[column] ?? '')) ? '---:' : '---',
  );
  return [
    `## ${table.title}`,
    '',
    ...(table.notes.length > 0 ? [...table.notes, ''] : []),
    `| ${table.headers.map(escapeCell).join(' | ')} |`,
    `| ${alignments.join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
    '',
  ].join('\n');
}
