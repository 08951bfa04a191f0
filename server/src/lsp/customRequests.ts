// The plain results of the custom requests `newsClaims/claims` and `newsClaims/figures` and the
// `newsClaims/analysisUpdated` notification, built from one cached analysis.
import type { Attribution } from '../analysis/types';
import type {
  AnalysisUpdatedParams,
  ClaimItem,
  ClaimSourceKind,
  ClaimsResult,
  FigureItem,
  FiguresResult,
} from '../protocol';
import type { CacheEntry } from './documents';
import { attributionOf, claimOfFigure, sentenceContaining, sourceLabel } from './lookups';

function sentenceText(entry: CacheEntry, span: { start: number; end: number }): string {
  const sentence = sentenceContaining(entry, span) ?? span;
  return entry.text.slice(sentence.start, sentence.end);
}

/** The kind of a claim's source, for the Claims view's group icons. */
function sourceKindOf(entry: CacheEntry, attribution: Attribution | undefined): ClaimSourceKind | null {
  if (attribution === undefined) return null;
  if (attribution.anonymous) return 'anonymous';
  if (attribution.sourceEntity === null) return null;
  const kind = entry.analysis.entities[attribution.sourceEntity]?.kind;
  return kind === 'person' || kind === 'organization' || kind === 'place' ? kind : null;
}

export function claimsResult(entry: CacheEntry): ClaimsResult {
  const claims = entry.analysis.claims.map((claim): ClaimItem => {
    const attribution = attributionOf(entry, claim);
    return {
      text: claim.text,
      range: entry.positions.rangeOf(claim),
      sentence: sentenceText(entry, claim),
      attributed: claim.attributed,
      source: claim.attributed ? sourceLabel(attribution) : null,
      cue: claim.attributed ? (attribution?.cue.text ?? null) : null,
      kind: claim.kind,
      figureCount: claim.figures.length,
      sourceKind: claim.attributed ? sourceKindOf(entry, attribution) : null,
    };
  });
  return { uri: entry.uri, version: entry.version, claims };
}

export function figuresResult(entry: CacheEntry): FiguresResult {
  const figures: FigureItem[] = [];
  entry.analysis.entities.forEach((entity, index) => {
    if (entity.kind !== 'figure') {
      return;
    }
    const claim = claimOfFigure(entry, index);
    figures.push({
      text: entity.text,
      range: entry.positions.rangeOf(entity),
      value: entity.value ?? null,
      valueHigh: entity.valueHigh ?? null,
      unit: entity.unit ?? null,
      qualifier: entity.qualifier ?? null,
      source: claim?.attributed === true ? sourceLabel(attributionOf(entry, claim)) : null,
      sentence: sentenceText(entry, entity),
    });
  });
  return { uri: entry.uri, version: entry.version, figures };
}

export function analysisUpdated(entry: CacheEntry): AnalysisUpdatedParams {
  return {
    uri: entry.uri,
    version: entry.version,
    unattributedClaims: entry.analysis.claims.filter((claim) => !claim.attributed).length,
    claims: entry.analysis.claims.length,
    figures: entry.analysis.entities.filter((entity) => entity.kind === 'figure').length,
  };
}
