// `workspace/symbol` and `textDocument/references` over the cross-article index: every person and
// organisation of the workspace, found by any spelling, and every mention of one across articles.
import { SymbolKind, type Location, type Range, type SymbolInformation } from 'vscode-languageserver/node';
import type { Span } from '../analysis/types';
import type { EntityCluster, WorkspaceIndex } from '../workspace/index';

/** Enough for a picker; the most widely reported names come first. */
export const MAX_WORKSPACE_SYMBOLS = 500;

type RangeIn = (uri: string, span: Span) => Range | undefined;

/** True when the query's characters appear in order in the name, ignoring case, as editors' pickers match. */
export function matchesQuery(name: string, query: string): boolean {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  const haystack = name.toLowerCase();
  let position = 0;
  for (const character of wanted) {
    position = haystack.indexOf(character, position);
    if (position < 0) {
      return false;
    }
    position++;
  }
  return true;
}

export function articleCountLabel(count: number): string {
  return `${count} ${count === 1 ? 'article' : 'articles'}`;
}

/**
 * People and organisations whose canonical name or any variant matches the query, each at its
 * first mention and with its article count as container name ("3 articles").
 */
export function workspaceSymbols(index: WorkspaceIndex, query: string, rangeIn: RangeIn): SymbolInformation[] {
  const symbols: SymbolInformation[] = [];
  for (const cluster of index.clusters()) {
    if (symbols.length >= MAX_WORKSPACE_SYMBOLS) {
      break;
    }
    if (!cluster.variants.some((variant) => matchesQuery(variant, query))) {
      continue;
    }
    const first = index.mentionsOf(cluster)[0];
    const range = first === undefined ? undefined : rangeIn(first.uri, first);
    if (first === undefined || range === undefined) {
      continue;
    }
    symbols.push({
      name: cluster.canonical,
      kind: symbolKindOf(cluster),
      location: { uri: first.uri, range },
      containerName: articleCountLabel(cluster.uris.length),
    });
  }
  return symbols;
}

/** People and organisations take the kinds the document outline gives them. */
function symbolKindOf(cluster: EntityCluster): SymbolKind {
  return cluster.kind === 'organization' ? SymbolKind.Class : SymbolKind.Object;
}

/** Every mention of the name's cluster in every indexed article, in index order. */
export function clusterReferences(
  index: WorkspaceIndex,
  kind: 'person' | 'organization',
  canonical: string,
  rangeIn: RangeIn,
): Location[] {
  const cluster = index.clusterOf(kind, canonical);
  if (cluster === undefined) {
    return [];
  }
  const locations: Location[] = [];
  for (const mention of index.mentionsOf(cluster)) {
    const range = rangeIn(mention.uri, mention);
    if (range !== undefined) {
      locations.push({ uri: mention.uri, range });
    }
  }
  return locations;
}
