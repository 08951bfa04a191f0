// The answers to the workspace-mode requests of the Claims and Figures views
// (`newsClaims/workspaceSources`, `newsClaims/workspaceFigures`), built from the cross-article
// index. Ranges in closed articles come from the index's line-start tables.
import type { Range } from 'vscode-languageserver/node';
import type { Span } from '../analysis/types';
import type {
  ClaimSourceKind,
  WorkspaceFiguresResult,
  WorkspaceMeasureItem,
  WorkspaceSourcesResult,
} from '../protocol';
import { figureKey, type WorkspaceIndex } from '../workspace/index';

type RangeIn = (uri: string, span: Span) => Range | undefined;

const START_OF_FILE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export interface IndexState {
  index: WorkspaceIndex;
  building: boolean;
  rangeIn: RangeIn;
}

/** Every source with its claims, most-quoted first, named sources under their canonical spelling. */
export function workspaceSourcesResult({ index, building, rangeIn }: IndexState): WorkspaceSourcesResult {
  const sources = index.sources().map((source) => {
    let kind: ClaimSourceKind | null = source.anonymous ? 'anonymous' : null;
    let variants: string[] = [];
    if (!source.anonymous) {
      const cluster = index.clusterOf('person', source.name) ?? index.clusterOf('organization', source.name);
      if (cluster !== undefined) {
        kind = cluster.kind;
        variants = cluster.variants.filter((variant) => variant !== source.name);
      }
    }
    return {
      name: source.name,
      kind,
      variants,
      articleCount: new Set(source.claims.map((claim) => claim.uri)).size,
      claims: source.claims.map((claim) => ({
        uri: claim.uri,
        range: rangeIn(claim.uri, claim) ?? START_OF_FILE,
        text: claim.excerpt,
        kind: claim.kind,
        attributed: claim.attributed,
      })),
    };
  });
  return { indexed: index.size, building, sources };
}

/** Figures grouped by what they count, groups with a conflict first, then the largest. */
export function workspaceFiguresResult({ index, building, rangeIn }: IndexState): WorkspaceFiguresResult {
  const conflicts = index.conflictingFigures();
  const measures: WorkspaceMeasureItem[] = index.figuresByMeasure().map((group) => {
    const figures = group.figures.map((figure) => ({
      uri: figure.uri,
      range: rangeIn(figure.uri, figure) ?? START_OF_FILE,
      text: figure.text,
      value: figure.value,
      valueHigh: figure.valueHigh ?? null,
      qualifier: figure.qualifier ?? null,
      source: figure.source,
      sentence: figure.excerpt,
      conflict: conflicts.has(figureKey(figure.uri, figure.start)),
    }));
    return {
      unit: group.unit,
      timeFrame: group.timeFrame,
      conflict: figures.some((figure) => figure.conflict),
      figures,
    };
  });
  // A stable sort keeps figuresByMeasure's order (largest first) inside each half.
  measures.sort((a, b) => Number(b.conflict) - Number(a.conflict));
  return { indexed: index.size, building, measures };
}
