// The document outline: one symbol per source with the claims attributed to it as children,
// then an "Unattributed" group with the claims that rest on no source.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import type { Claim, Span } from '../analysis/types';
import type { CacheEntry } from './documents';
import { attributionOf, sourceLabel } from './lookups';

const MAX_NAME = 80;

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_NAME ? `${flat.slice(0, MAX_NAME - 1)}…` : flat || '(empty)';
}

function claimSymbol(entry: CacheEntry, claim: Claim): DocumentSymbol {
  const range = entry.positions.rangeOf(claim);
  return {
    name: shorten(claim.text),
    detail: claim.kind,
    kind: claim.kind === 'figure' ? SymbolKind.Number : SymbolKind.String,
    range,
    selectionRange: range,
  };
}

function covering(spans: Span[]): Span {
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  for (const span of spans) {
    start = Math.min(start, span.start);
    end = Math.max(end, span.end);
  }
  return { start, end };
}

export function documentSymbols(entry: CacheEntry): DocumentSymbol[] {
  if (entry.status !== 'ok') {
    return [];
  }
  const bySource = new Map<string, { claims: Claim[]; spans: Span[]; selection: Span; kind: SymbolKind }>();
  const unattributed: Claim[] = [];
  for (const claim of entry.analysis.claims) {
    const attribution = attributionOf(entry, claim);
    const label = claim.attributed ? sourceLabel(attribution) : null;
    if (label === null || attribution === undefined) {
      unattributed.push(claim);
      continue;
    }
    const selection = attribution.source ?? attribution.cue;
    let group = bySource.get(label);
    if (group === undefined) {
      const entity = attribution.sourceEntity === null ? undefined : entry.analysis.entities[attribution.sourceEntity];
      group = {
        claims: [],
        spans: [],
        selection,
        kind: entity?.kind === 'organization' ? SymbolKind.Class : SymbolKind.Object,
      };
      bySource.set(label, group);
    }
    group.claims.push(claim);
    group.spans.push(claim, selection);
  }
  const symbols: DocumentSymbol[] = [];
  for (const [label, group] of bySource) {
    symbols.push({
      name: shorten(label),
      detail: `${group.claims.length} claim${group.claims.length === 1 ? '' : 's'}`,
      kind: group.kind,
      range: entry.positions.rangeOf(covering(group.spans)),
      selectionRange: entry.positions.rangeOf(group.selection),
      children: group.claims.map((claim) => claimSymbol(entry, claim)),
    });
  }
  if (unattributed.length > 0) {
    const range = entry.positions.rangeOf(covering(unattributed));
    const first = unattributed[0] as Claim;
    symbols.push({
      name: 'Unattributed',
      detail: `${unattributed.length} claim${unattributed.length === 1 ? '' : 's'} without a source`,
      kind: SymbolKind.Namespace,
      range,
      selectionRange: entry.positions.rangeOf(first),
      children: unattributed.map((claim) => claimSymbol(entry, claim)),
    });
  }
  return symbols;
}
