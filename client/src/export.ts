// Claims and figures as CSV or a Markdown table, for fact-checkers who work in a spreadsheet or
// a ticket. Pure: no vscode import, so the formatting is unit-tested without an editor.
import type { ClaimItem, FigureItem } from '../../server/src/protocol';

export interface ExportData {
  claims: readonly ClaimItem[];
  figures: readonly FigureItem[];
}

export type ExportFormat = 'csv' | 'markdown';

/** One row per claim and per figure, so that a single sheet can be sorted and filtered. */
export const CSV_HEADER = [
  'record',
  'line',
  'text',
  'attributed',
  'source',
  'cue',
  'kind',
  'value',
  'value_high',
  'unit',
  'qualifier',
  'sentence',
] as const;

/**
 * Quotes one CSV field as RFC 4180 asks: a field holding a comma, a double quote or a line
 * break is wrapped in double quotes and its quotes are doubled. A text field that a spreadsheet
 * would run as a formula (it starts with =, @, +, - or a tab) gets a leading apostrophe, because
 * article text is pasted from anywhere; a plain negative number such as -3.5 is left alone.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const safe = /^[=@\t\r]/.test(value) || /^[+-](?![\d.]+$)/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvRow(fields: (string | number | boolean | null)[]): string {
  return fields.map(csvField).join(',');
}

/** CSV with CRLF line ends (RFC 4180), a header row, claims first and then figures, each in article order. */
export function toCsv(data: ExportData): string {
  const rows = [CSV_HEADER.join(',')];
  for (const claim of byPosition(data.claims)) {
    rows.push(
      csvRow([
        'claim',
        claim.range.start.line + 1,
        claim.text,
        claim.attributed,
        claim.source,
        claim.cue,
        claim.kind,
        null,
        null,
        null,
        null,
        claim.sentence,
      ]),
    );
  }
  for (const figure of byPosition(data.figures)) {
    rows.push(
      csvRow([
        'figure',
        figure.range.start.line + 1,
        figure.text,
        figure.source !== null,
        figure.source,
        null,
        null,
        figure.value,
        figure.valueHigh,
        figure.unit,
        figure.qualifier,
        figure.sentence,
      ]),
    );
  }
  return rows.join('\r\n') + '\r\n';
}

/**
 * Makes text safe inside one GitHub-flavoured Markdown table cell: a pipe would end the cell and
 * a line break would end the table, so pipes are escaped and line breaks become spaces. A
 * backslash is escaped first so that text ending in one cannot swallow the escape of a pipe.
 */
export function markdownCell(value: string | number | null): string {
  if (value === null) return '';
  return String(value)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r\n|\r|\n/g, ' ')
    .trim();
}

export function markdownTable(header: string[], alignments: string[], rows: (string | number | null)[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${alignments.join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(markdownCell).join(' | ')} |`),
  ];
}

function figureValue(figure: FigureItem): string | null {
  if (figure.value === null) return null;
  return figure.valueHigh !== null && figure.valueHigh !== figure.value
    ? `${figure.value}–${figure.valueHigh}`
    : String(figure.value);
}

/** Two tables under their own headings; an unattributed row says so in its source column. */
export function toMarkdown(data: ExportData, title?: string): string {
  const lines: string[] = [];
  if (title !== undefined) lines.push(`# ${markdownCell(title)}`, '');
  lines.push(`## Claims (${data.claims.length})`, '');
  if (data.claims.length === 0) lines.push('No claims found.');
  else
    lines.push(
      ...markdownTable(
        ['Line', 'Claim', 'Source', 'Cue', 'Kind'],
        ['---:', '---', '---', '---', '---'],
        byPosition(data.claims).map((claim) => [
          claim.range.start.line + 1,
          claim.text,
          claim.attributed ? (claim.source ?? 'unnamed source') : '**unattributed**',
          claim.cue,
          claim.kind,
        ]),
      ),
    );
  lines.push('', `## Figures (${data.figures.length})`, '');
  if (data.figures.length === 0) lines.push('No figures found.');
  else
    lines.push(
      ...markdownTable(
        ['Line', 'Figure', 'Value', 'Unit', 'Qualifier', 'Source'],
        ['---:', '---', '---:', '---', '---', '---'],
        byPosition(data.figures).map((figure) => [
          figure.range.start.line + 1,
          figure.text,
          figureValue(figure),
          figure.unit,
          figure.qualifier,
          figure.source ?? '**unattributed**',
        ]),
      ),
    );
  return lines.join('\n') + '\n';
}

export function formatExport(format: ExportFormat, data: ExportData, title?: string): string {
  return format === 'csv' ? toCsv(data) : toMarkdown(data, title);
}

/** The format a save-dialog path asks for: Markdown for .md/.markdown, CSV for everything else. */
export function formatForPath(path: string): ExportFormat {
  return /\.(md|markdown)$/i.test(path) ? 'markdown' : 'csv';
}

function byPosition<T extends { range: ClaimItem['range'] }>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}
