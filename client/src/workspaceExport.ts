// The workspace views as CSV or Markdown: every source's claims and every measure's figures across
// the articles, for a fact-check sheet. Pure (no vscode import), like export.ts; the rows come in
// the order the views show them, because both are built by workspaceTreeModel.ts.
import type { WorkspaceFiguresResult, WorkspaceSourcesResult } from '../../server/src/protocol';
import { csvField, markdownCell, markdownTable } from './export';
import { formatValue } from './treeModel';
import {
  buildMeasureNodes,
  buildSourceNodes,
  fileNameOf,
  measureLabel,
  type MeasureNode,
  type SourceNode,
} from './workspaceTreeModel';

export interface WorkspaceExportData {
  sources: WorkspaceSourcesResult;
  figures: WorkspaceFiguresResult;
  /** How an article is named in the export; the editor passes the path relative to the workspace. */
  articleName?: (uri: string) => string;
}

/** One row per claim of a source and per figure of a measure, so one sheet can be sorted and filtered. */
export const WORKSPACE_CSV_HEADER = [
  'record',
  'article',
  'line',
  'text',
  'source',
  'source_kind',
  'attributed',
  'kind',
  'measure',
  'time_frame',
  'value',
  'value_high',
  'qualifier',
  'conflict',
  'sentence',
] as const;

function sourceNodes(data: WorkspaceExportData): SourceNode[] {
  return buildSourceNodes({ state: 'ready', result: data.sources }).filter(
    (node): node is SourceNode => node.type === 'source',
  );
}

function measureNodes(data: WorkspaceExportData): MeasureNode[] {
  return buildMeasureNodes({ state: 'ready', result: data.figures }).filter(
    (node): node is MeasureNode => node.type === 'measure',
  );
}

/** CSV with CRLF line ends (RFC 4180): claims by source first, then figures by measure. */
export function workspaceToCsv(data: WorkspaceExportData): string {
  const articleName = data.articleName ?? fileNameOf;
  const rows = [WORKSPACE_CSV_HEADER.join(',')];
  const row = (fields: (string | number | boolean | null)[]): void => {
    rows.push(fields.map(csvField).join(','));
  };
  for (const source of sourceNodes(data)) {
    for (const article of source.articles) {
      for (const { claim } of article.claims) {
        row([
          'claim',
          articleName(claim.uri),
          claim.range.start.line + 1,
          claim.text,
          source.name,
          source.kind,
          claim.attributed,
          claim.kind,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
        ]);
      }
    }
  }
  for (const measure of measureNodes(data)) {
    for (const { figure } of measure.figures) {
      row([
        'figure',
        articleName(figure.uri),
        figure.range.start.line + 1,
        figure.text,
        figure.source,
        null,
        figure.source !== null,
        null,
        measure.unit,
        measure.timeFrame,
        figure.value,
        figure.valueHigh,
        figure.qualifier,
        figure.conflict,
        figure.sentence,
      ]);
    }
  }
  return rows.join('\r\n') + '\r\n';
}

/** A sources table, the claims under each source, and the figures by measure with conflicts marked. */
export function workspaceToMarkdown(data: WorkspaceExportData, title?: string): string {
  const articleName = data.articleName ?? fileNameOf;
  const sources = sourceNodes(data);
  const measures = measureNodes(data);
  const lines: string[] = [];
  if (title !== undefined) lines.push(`# ${markdownCell(title)}`, '');
  lines.push(`${data.sources.indexed} articles indexed${data.sources.building ? ' (index still building)' : ''}.`, '');
  lines.push(`## Sources (${sources.length})`, '');
  if (sources.length === 0) lines.push('No sources found.');
  else
    lines.push(
      ...markdownTable(
        ['Source', 'Kind', 'Claims', 'Articles', 'Also written'],
        ['---', '---', '---:', '---:', '---'],
        sources.map((source) => [
          source.name,
          source.kind,
          source.claimCount,
          source.articles.length,
          source.variants.join(', '),
        ]),
      ),
      '',
      '### Claims by source',
      '',
      ...markdownTable(
        ['Source', 'Article', 'Line', 'Claim'],
        ['---', '---', '---:', '---'],
        sources.flatMap((source) =>
          source.articles.flatMap((article) =>
            article.claims.map(({ claim }) => [
              source.name,
              articleName(article.uri),
              claim.range.start.line + 1,
              claim.attributed ? claim.text : `${claim.text} (**unattributed**)`,
            ]),
          ),
        ),
      ),
    );
  const conflicts = measures.filter((measure) => measure.conflict).length;
  lines.push('', `## Figures by measure (${measures.length}, ${conflicts} with conflicts)`, '');
  if (measures.length === 0) lines.push('No comparable figures found.');
  else
    lines.push(
      ...markdownTable(
        ['Measure', 'Conflict', 'Value', 'Qualifier', 'Source', 'Article', 'Line'],
        ['---', '---', '---:', '---', '---', '---', '---:'],
        measures.flatMap((measure) =>
          measure.figures.map(({ figure }) => [
            measureLabel(measure),
            figure.conflict ? '**yes**' : measure.conflict ? 'in group' : '',
            formatValue(figure.value, figure.valueHigh),
            figure.qualifier,
            figure.source ?? '**unattributed**',
            articleName(figure.uri),
            figure.range.start.line + 1,
          ]),
        ),
      ),
    );
  return lines.join('\n') + '\n';
}
