// The fact-check sheet as data, and its three renderings. The sheet is built once from the
// WorkspaceIndex and the article texts (the index keeps offsets, not texts), so Markdown, HTML
// and CSV always list the same rows. Every piece of article text is escaped for its format.
import type { Finding } from '../analysis/types';
import { LineIndex } from '../lineIndex';
import type { WorkspaceIndex } from '../workspace/index';

export const REPORT_FORMATS = ['markdown', 'html', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportArticle {
  path: string;
  text: string;
}

/** A place in an article, as `path:line`. */
export interface SheetLocation {
  article: string;
  line: number;
  column: number;
}

export interface SheetRow extends SheetLocation {
  /** The words quoted from the article, on one line and cut to a readable length. */
  excerpt: string;
}

export interface SheetConflict extends SheetRow {
  code: string;
  message: string;
  /** Where the other side of the finding is, as `path:line`. */
  related: string[];
}

export interface FactCheckSheet {
  articles: string[];
  /** Files that could not be read or analysed, with the reason. */
  problems: string[];
  conflicts: SheetConflict[];
  sources: Array<{ name: string; anonymous: boolean; claims: SheetRow[] }>;
  figures: Array<{ unit: string; timeFrame: string | null; rows: Array<SheetRow & { source: string | null }> }>;
  unattributed: SheetRow[];
  entities: Array<{ name: string; kind: string; variants: string[]; articles: number }>;
}

/** The longest excerpt the sheet quotes; a claim longer than this is cut with an ellipsis. */
export const EXCERPT_LIMIT = 240;

export function buildSheet(
  index: WorkspaceIndex,
  articles: readonly ReportArticle[],
  findings: ReadonlyMap<string, readonly Finding[]>,
  problems: readonly string[],
): FactCheckSheet {
  const texts = new Map(articles.map((article) => [article.path, article.text]));
  const lineIndexes = new Map<string, LineIndex>();
  const locate = (article: string, offset: number): SheetLocation => {
    let lines = lineIndexes.get(article);
    if (lines === undefined) {
      lines = new LineIndex(texts.get(article) ?? '');
      lineIndexes.set(article, lines);
    }
    const { line, column } = lines.humanPositionAt(offset);
    return { article, line, column };
  };
  const row = (article: string, start: number, end: number): SheetRow => ({
    ...locate(article, start),
    excerpt: excerpt(texts.get(article) ?? '', start, end),
  });

  const conflicts: SheetConflict[] = [];
  for (const article of articles) {
    for (const finding of findings.get(article.path) ?? []) {
      conflicts.push({
        ...row(article.path, finding.start, finding.end),
        code: finding.code,
        message: oneLine(finding.message),
        related: (finding.related ?? []).map((related) => {
          const where = locate(related.uri ?? article.path, related.start);
          return `${where.article}:${where.line}`;
        }),
      });
    }
  }
  return {
    articles: articles.map((article) => article.path),
    problems: [...problems],
    conflicts,
    sources: index.sources().map((source) => ({
      name: source.name,
      anonymous: source.anonymous,
      claims: source.claims.map((claim) => row(claim.uri, claim.start, claim.end)),
    })),
    figures: index.figuresByMeasure().map((group) => ({
      unit: group.unit,
      timeFrame: group.timeFrame,
      rows: group.figures.map((figure) => ({ ...row(figure.uri, figure.start, figure.end), source: figure.source })),
    })),
    unattributed: index.unattributedClaims().map((claim) => row(claim.uri, claim.start, claim.end)),
    entities: index.clusters().map((cluster) => ({
      name: cluster.canonical,
      kind: cluster.kind,
      variants: cluster.variants.filter((variant) => variant !== cluster.canonical),
      articles: cluster.uris.length,
    })),
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function excerpt(text: string, start: number, end: number): string {
  const words = oneLine(text.slice(start, end));
  return words.length > EXCERPT_LIMIT ? `${words.slice(0, EXCERPT_LIMIT - 1).trimEnd()}…` : words;
}

export function formatSheet(sheet: FactCheckSheet, format: ReportFormat): string {
  switch (format) {
    case 'markdown':
      return formatMarkdown(sheet);
    case 'html':
      return formatHtml(sheet);
    case 'csv':
      return formatCsv(sheet);
  }
}

const where = (row: SheetLocation): string => `${row.article}:${row.line}`;
const timeFrameLabel = (timeFrame: string | null): string => timeFrame ?? 'no time frame stated';

/** Escapes text for a Markdown table cell or list item: markup characters, pipes and HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]|<>]/g, (character) => `\\${character}`);
}

function formatMarkdown(sheet: FactCheckSheet): string {
  const out: string[] = ['# Fact-check sheet', ''];
  out.push(
    `Articles (${sheet.articles.length}): ${sheet.articles.map((path) => `\`${path.replace(/`/g, "'")}\``).join(', ')}`,
    '',
  );
  if (sheet.problems.length > 0) {
    out.push('Not included:', '', ...sheet.problems.map((problem) => `- ${escapeMarkdown(problem)}`), '');
  }
  out.push('## Conflicts and name variants', '');
  if (sheet.conflicts.length === 0) {
    out.push('None found.', '');
  } else {
    out.push('| Where | Code | Finding | See also |', '| --- | --- | --- | --- |');
    for (const conflict of sheet.conflicts) {
      out.push(
        `| ${escapeMarkdown(where(conflict))} | ${conflict.code} | ${escapeMarkdown(conflict.message)} | ${escapeMarkdown(conflict.related.join(', '))} |`,
      );
    }
    out.push('');
  }
  out.push('## Sources', '');
  if (sheet.sources.length === 0) out.push('No attributed claims.', '');
  for (const source of sheet.sources) {
    out.push(`### ${escapeMarkdown(source.name)}${source.anonymous ? ' (unnamed)' : ''}`, '');
    out.push(
      ...source.claims.map((claim) => `- ${escapeMarkdown(where(claim))}: ${escapeMarkdown(claim.excerpt)}`),
      '',
    );
  }
  out.push('## Figures', '');
  if (sheet.figures.length === 0) out.push('No comparable figures.', '');
  for (const group of sheet.figures) {
    out.push(`### ${escapeMarkdown(group.unit)} — ${escapeMarkdown(timeFrameLabel(group.timeFrame))}`, '');
    out.push('| Where | Figure | Attributed to |', '| --- | --- | --- |');
    for (const figure of group.rows) {
      out.push(
        `| ${escapeMarkdown(where(figure))} | ${escapeMarkdown(figure.excerpt)} | ${escapeMarkdown(figure.source ?? 'unattributed')} |`,
      );
    }
    out.push('');
  }
  out.push('## Unattributed claims', '');
  if (sheet.unattributed.length === 0) out.push('None.', '');
  else
    out.push(
      ...sheet.unattributed.map((claim) => `- ${escapeMarkdown(where(claim))}: ${escapeMarkdown(claim.excerpt)}`),
      '',
    );
  out.push('## People and organisations', '');
  if (sheet.entities.length === 0) out.push('None named.', '');
  for (const entity of sheet.entities) {
    const variants =
      entity.variants.length > 0 ? `; also written ${entity.variants.map(escapeMarkdown).join(', ')}` : '';
    out.push(
      `- ${escapeMarkdown(entity.name)} (${entity.kind}, ${entity.articles} ${entity.articles === 1 ? 'article' : 'articles'})${variants}`,
    );
  }
  out.push('');
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

// Inline styles only: the page must open from a file with no network and show the same
// everywhere, so it names no external font, stylesheet or script.
const HTML_STYLE = `body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b;background:#fff}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
.code{white-space:nowrap}.none{color:#555;font-style:italic}.problems{color:#8a1f11}`;

function formatHtml(sheet: FactCheckSheet): string {
  const e = escapeHtml;
  const table = (headers: string[], rows: string[][]): string =>
    `<table><thead><tr>${headers.map((header) => `<th>${e(header)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((cells) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  const none = (text: string): string => `<p class="none">${e(text)}</p>`;
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No scripts, and no loads from anywhere: the policy makes that a property of the page.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<title>Fact-check sheet</title>',
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    '<h1>Fact-check sheet</h1>',
    `<p>Articles (${sheet.articles.length}): ${sheet.articles.map((path) => `<code>${e(path)}</code>`).join(', ')}</p>`,
  ];
  if (sheet.problems.length > 0) {
    out.push(
      `<div class="problems"><p>Not included:</p><ul>${sheet.problems.map((p) => `<li>${e(p)}</li>`).join('')}</ul></div>`,
    );
  }
  out.push('<h2 id="conflicts">Conflicts and name variants</h2>');
  out.push(
    sheet.conflicts.length === 0
      ? none('None found.')
      : table(
          ['Where', 'Code', 'Finding', 'See also'],
          sheet.conflicts.map((c) => [
            `<code>${e(where(c))}</code>`,
            `<span class="code">${e(c.code)}</span>`,
            e(c.message),
            e(c.related.join(', ')),
          ]),
        ),
  );
  out.push('<h2 id="sources">Sources</h2>');
  if (sheet.sources.length === 0) out.push(none('No attributed claims.'));
  for (const source of sheet.sources) {
    out.push(`<h3>${e(source.name)}${source.anonymous ? ' <span class="none">(unnamed)</span>' : ''}</h3>`);
    out.push(
      `<ul>${source.claims.map((claim) => `<li><code>${e(where(claim))}</code> ${e(claim.excerpt)}</li>`).join('')}</ul>`,
    );
  }
  out.push('<h2 id="figures">Figures</h2>');
  if (sheet.figures.length === 0) out.push(none('No comparable figures.'));
  for (const group of sheet.figures) {
    out.push(`<h3>${e(group.unit)} — ${e(timeFrameLabel(group.timeFrame))}</h3>`);
    out.push(
      table(
        ['Where', 'Figure', 'Attributed to'],
        group.rows.map((figure) => [
          `<code>${e(where(figure))}</code>`,
          e(figure.excerpt),
          e(figure.source ?? 'unattributed'),
        ]),
      ),
    );
  }
  out.push('<h2 id="unattributed">Unattributed claims</h2>');
  out.push(
    sheet.unattributed.length === 0
      ? none('None.')
      : `<ul>${sheet.unattributed.map((claim) => `<li><code>${e(where(claim))}</code> ${e(claim.excerpt)}</li>`).join('')}</ul>`,
  );
  out.push('<h2 id="entities">People and organisations</h2>');
  out.push(
    sheet.entities.length === 0
      ? none('None named.')
      : table(
          ['Name', 'Kind', 'Articles', 'Also written'],
          sheet.entities.map((entity) => [
            e(entity.name),
            e(entity.kind),
            String(entity.articles),
            e(entity.variants.join(', ')),
          ]),
        ),
  );
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

export const CSV_HEADER = ['section', 'article', 'line', 'column', 'item', 'source', 'detail'] as const;

/**
 * Quotes one CSV field (RFC 4180). A field that starts with =, +, - or @ gets a leading
 * apostrophe, so that a spreadsheet shows article text instead of running it as a formula.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function formatCsv(sheet: FactCheckSheet): string {
  const rows: string[][] = [[...CSV_HEADER]];
  const at = (row: SheetLocation): string[] => [row.article, String(row.line), String(row.column)];
  for (const conflict of sheet.conflicts) {
    rows.push([
      'conflict',
      ...at(conflict),
      conflict.excerpt,
      '',
      `${conflict.code}: ${conflict.message}; see ${conflict.related.join(', ')}`,
    ]);
  }
  for (const source of sheet.sources) {
    for (const claim of source.claims) {
      rows.push(['source', ...at(claim), claim.excerpt, source.name, source.anonymous ? 'unnamed source' : '']);
    }
  }
  for (const group of sheet.figures) {
    for (const figure of group.rows) {
      rows.push([
        'figure',
        ...at(figure),
        figure.excerpt,
        figure.source ?? '',
        `${group.unit}; ${timeFrameLabel(group.timeFrame)}`,
      ]);
    }
  }
  for (const claim of sheet.unattributed) {
    rows.push(['unattributed', ...at(claim), claim.excerpt, '', '']);
  }
  for (const entity of sheet.entities) {
    rows.push([
      'entity',
      '',
      '',
      '',
      entity.name,
      '',
      `${entity.kind}; ${entity.articles} articles; also ${entity.variants.join(' / ')}`,
    ]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
