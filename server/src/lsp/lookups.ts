// Read-only questions about one cached analysis (which entity is at an offset, which claim holds
// a figure, which sentence holds a span). Indexes are built once per cached entry and kept in
// `entry.derived`, so repeated hovers cost a binary search, never a rescan.
import type { Analysis, Attribution, Claim, Entity, Sentence, Span } from '../analysis/types';
import type { CacheEntry } from './documents';

/** Index of the last item whose start is at or before `offset`, or -1. Items must be sorted by start. */
function lastStartingAtOrBefore(items: readonly Span[], offset: number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((items[middle]?.start ?? 0) <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

function derived<T>(entry: CacheEntry, key: string, build: (analysis: Analysis) => T): T {
  const existing = entry.derived.get(key) as T | undefined;
  if (existing !== undefined) {
    return existing;
  }
  const value = build(entry.analysis);
  entry.derived.set(key, value);
  return value;
}

function sortedByStart<T extends Span>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The innermost entity under `offset` (ends are inclusive, so a cursor just after a word still hovers it). */
export function entityAt(entry: CacheEntry, offset: number): { entity: Entity; index: number } | undefined {
  const entities = entry.analysis.entities;
  const order = derived(entry, 'entityOrder', (analysis) =>
    analysis.entities
      .map((_, index) => index)
      .sort((a, b) => {
        const left = analysis.entities[a];
        const right = analysis.entities[b];
        return (left?.start ?? 0) - (right?.start ?? 0);
      }),
  );
  const spans = derived(entry, 'entitySpans', () => order.map((index) => entities[index] as Span));
  let position = lastStartingAtOrBefore(spans, offset);
  let best: { entity: Entity; index: number } | undefined;
  // Entities rarely nest more than a level or two; look back over the few that start earlier.
  for (let steps = 0; position >= 0 && steps < 8; position--, steps++) {
    const index = order[position];
    const entity = index === undefined ? undefined : entities[index];
    if (entity !== undefined && index !== undefined && entity.start <= offset && offset < entity.end) {
      if (best === undefined || entity.end - entity.start < best.entity.end - best.entity.start) {
        best = { entity, index };
      }
    }
  }
  return best;
}

export function sentenceContaining(entry: CacheEntry, span: Span): Sentence | undefined {
  const sentences = derived(entry, 'sentences', (analysis) => sortedByStart(analysis.sentences));
  const position = lastStartingAtOrBefore(sentences, span.start);
  const sentence = sentences[position];
  return sentence !== undefined && sentence.end >= span.start ? sentence : undefined;
}

/** The claim each figure belongs to, keyed by the figure's entity index. */
export function claimOfFigure(entry: CacheEntry, figureIndex: number): Claim | undefined {
  const map = derived(entry, 'claimOfFigure', (analysis) => {
    const byFigure = new Map<number, Claim>();
    for (const claim of analysis.claims) {
      for (const figure of claim.figures) {
        byFigure.set(figure, claim);
      }
    }
    return byFigure;
  });
  return map.get(figureIndex);
}

export function attributionOf(entry: CacheEntry, claim: Claim | undefined): Attribution | undefined {
  if (claim === undefined || claim.attribution === null) {
    return undefined;
  }
  return entry.analysis.attributions[claim.attribution];
}

/** The name an attribution's source goes by: the resolved name, else the words that name it. */
export function sourceLabel(attribution: Attribution | undefined): string | null {
  if (attribution === undefined) {
    return null;
  }
  return attribution.sourceName ?? attribution.source?.text ?? null;
}

export function canonicalOf(entity: Entity): string {
  return entity.canonical ?? entity.text;
}

export interface EntityGroup {
  canonical: string;
  kind: Entity['kind'];
  mentions: Entity[];
  titles: string[];
}

/** People, organisations and places grouped by the name their mentions resolve to. */
export function entityGroups(entry: CacheEntry): Map<string, EntityGroup> {
  return derived(entry, 'entityGroups', (analysis) => {
    const groups = new Map<string, EntityGroup>();
    for (const entity of analysis.entities) {
      if (entity.kind === 'figure' || entity.kind === 'date') {
        continue;
      }
      const key = `${entity.kind}\u0000${canonicalOf(entity)}`;
      let group = groups.get(key);
      if (group === undefined) {
        group = { canonical: canonicalOf(entity), kind: entity.kind, mentions: [], titles: [] };
        groups.set(key, group);
      }
      group.mentions.push(entity);
      if (entity.title !== undefined && !group.titles.includes(entity.title)) {
        group.titles.push(entity.title);
      }
    }
    return groups;
  });
}

export function groupOf(entry: CacheEntry, entity: Entity): EntityGroup | undefined {
  return entityGroups(entry).get(`${entity.kind}\u0000${canonicalOf(entity)}`);
}

/** Claims keyed by the name of their source, for hovers and the outline. */
export function claimsBySource(entry: CacheEntry): Map<string, Claim[]> {
  return derived(entry, 'claimsBySource', (analysis) => {
    const bySource = new Map<string, Claim[]>();
    for (const claim of analysis.claims) {
      const label = sourceLabel(attributionOf(entry, claim));
      if (label === null) {
        continue;
      }
      const list = bySource.get(label) ?? [];
      list.push(claim);
      bySource.set(label, list);
    }
    return bySource;
  });
}
