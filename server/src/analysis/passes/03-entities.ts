// Pass 3: people, organisations and places (`../entities/`), merged with the dates that
// `../entities/dates.ts` finds. Each paragraph is scanned on its own (a pure function of its
// text), then one linear stitch over all candidates resolves surnames, acronyms and leftovers.
import type { AnalysisContext } from '../context';
import { findDates } from '../entities/dates';
import { lexiconFor } from '../entities/lexicon';
import { findParagraphCandidates, type Candidate } from '../entities/paragraph';
import { stitchCandidates, type CandidateGroup } from '../entities/stitch';
import { perParagraph } from '../incremental';
import type { Entity, Span } from '../types';

export function runEntities(context: AnalysisContext): void {
  const lexicon = lexiconFor(context.config);
  const { text } = context;
  const paragraphs: Span[] = context.paragraphs.length > 0 ? context.paragraphs : splitParagraphs(text);
  const sentences = context.sentences;
  const groups: CandidateGroup[] = [];
  let sentenceIndex = 0;
  for (const paragraph of paragraphs) {
    const relativeStarts: number[] = [];
    while (sentenceIndex < sentences.length && (sentences[sentenceIndex]?.start ?? 0) < paragraph.end) {
      const start = sentences[sentenceIndex]?.start ?? 0;
      if (start >= paragraph.start) relativeStarts.push(start - paragraph.start);
      sentenceIndex++;
    }
    const paragraphText = text.slice(paragraph.start, paragraph.end);
    // The cache key carries the sentence starts too, since the candidates depend on them. The
    // candidates keep paragraph-relative offsets (so a cached paragraph may move) and are never
    // modified after this point.
    const compute = (): Candidate[] => findParagraphCandidates(paragraphText, relativeStarts, lexicon);
    const local =
      context.paragraphCache === undefined
        ? compute()
        : perParagraph(context, 'entities', `${paragraphText}\u0000${relativeStarts.join(',')}`, compute);
    groups.push({ offset: paragraph.start, candidates: local });
  }
  const named = stitchCandidates(text, groups, lexicon);
  context.entities = mergeWithoutOverlap([...context.entities, ...named, ...findDates(context)]);
}

/** Paragraphs as runs of non-empty lines, for when pass 1 has supplied none. */
function splitParagraphs(text: string): Span[] {
  const paragraphs: Span[] = [];
  const pattern = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    paragraphs.push({ start: match.index, end: match.index + match[0].length });
  }
  return paragraphs;
}

/**
 * Sorts entities by start and drops any that overlap an earlier kept one. Where two overlap,
 * the longer wins (a date "May 5" over a name "May"); on a tie, the earlier-listed one.
 */
export function mergeWithoutOverlap(entities: Entity[]): Entity[] {
  const ordered = entities
    .map((entity, order) => ({ entity, order }))
    .sort(
      (left, right) =>
        left.entity.start - right.entity.start ||
        right.entity.end - right.entity.start - (left.entity.end - left.entity.start) ||
        left.order - right.order,
    );
  const kept: Entity[] = [];
  for (const { entity } of ordered) {
    const previous = kept[kept.length - 1];
    if (previous !== undefined && entity.start < previous.end) {
      if (entity.end - entity.start > previous.end - previous.start) kept[kept.length - 1] = entity;
      continue;
    }
    kept.push(entity);
  }
  return kept;
}
