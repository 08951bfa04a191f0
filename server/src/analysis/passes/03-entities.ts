// Pass 3: people, organisations and places (`../entities/`), merged with the dates that
// `../entities/dates.ts` finds. Each paragraph is scanned on its own (a pure function of its
// text), then one linear stitch over all candidates resolves surnames, acronyms and leftovers.
import type { AnalysisContext } from '../context';
import { findDates } from '../entities/dates';
import { lexiconFor, type Lexicon } from '../entities/lexicon';
import { findParagraphCandidates, type Candidate } from '../entities/paragraph';
import { stitchCandidates, type CandidateGroup } from '../entities/stitch';
import { ownCopy, perParagraphFitting } from '../incremental';
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
    // The candidates depend on the sentence starts too, so a cached value fits only where they
    // are the same. (A key of the text and the starts joined made a flat copy of every paragraph
    // and a string of its starts on every run.) The candidates keep paragraph-relative offsets,
    // so a cached paragraph may move, and are never modified after this point.
    if (context.paragraphCache === undefined) {
      groups.push({
        offset: paragraph.start,
        candidates: findParagraphCandidates(paragraphText, relativeStarts, lexicon),
      });
      continue;
    }
    const cached = perParagraphFitting<ParagraphCandidates>(
      context,
      'entities',
      paragraphText,
      (value) => sameNumbers(value.sentenceStarts, relativeStarts),
      () => paragraphCandidates(ownCopy(paragraphText), relativeStarts, lexicon),
    );
    groups.push({ offset: paragraph.start, ...cached });
  }
  const named = stitchCandidates(text, groups, lexicon);
  context.entities = mergeWithoutOverlap(context.entities, named, findDates(context));
}

/**
 * A paragraph's candidates as the cache keeps them: with the sentence starts they were found
 * with, and each candidate's text and lower case for the stitch (see `CandidateGroup`). The texts
 * are slices of the cache's own copy of the paragraph, never of the document.
 */
interface ParagraphCandidates {
  sentenceStarts: readonly number[];
  candidates: Candidate[];
  surfaces: string[];
  lowerSurfaces: string[];
}

function paragraphCandidates(
  paragraphText: string,
  sentenceStarts: readonly number[],
  lexicon: Lexicon,
): ParagraphCandidates {
  const candidates = findParagraphCandidates(paragraphText, sentenceStarts, lexicon);
  const surfaces = candidates.map((candidate) => paragraphText.slice(candidate.start, candidate.end));
  const lowerSurfaces = surfaces.map((surface) => surface.toLowerCase());
  return { sentenceStarts, candidates, surfaces, lowerSurfaces };
}

function sameNumbers(left: readonly number[], right: readonly number[]): boolean {
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index++) {
    if (left[index] !== right[index]) return false;
  }
  return true;
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
 * The entities of `lists` by start, dropping any that overlap an earlier kept one. Where two
 * overlap, the longer wins (a date "May 5" over a name "May"); on a tie, the one listed first
 * (earlier list, then earlier place in its list).
 *
 * Each list normally arrives in that order already (the stitch emits its names paragraph by
 * paragraph, the date finder sorts its dates), so the lists are merged rather than sorted: the
 * sort wrapped every entity in an object per run, about a fifth of what an edit at 100 KB
 * allocated in this pass. A list that is not in order is sorted first, so the result is the same
 * either way.
 */
export function mergeWithoutOverlap(...lists: ReadonlyArray<readonly Entity[]>): Entity[] {
  const ordered = mergeInOrder(lists.map((list) => (isInOrder(list) ? list : sortedStably(list))));
  const kept: Entity[] = [];
  for (const entity of ordered) {
    const previous = kept[kept.length - 1];
    if (previous !== undefined && entity.start < previous.end) {
      if (entity.end - entity.start > previous.end - previous.start) kept[kept.length - 1] = entity;
      continue;
    }
    kept.push(entity);
  }
  return kept;
}

/** Negative when `left` goes before `right`: earlier start, then the longer one. Zero on a tie. */
function compareEntities(left: Entity, right: Entity): number {
  return left.start - right.start || right.end - right.start - (left.end - left.start);
}

function isInOrder(list: readonly Entity[]): boolean {
  for (let index = 1; index < list.length; index++) {
    if (compareEntities(list[index - 1] as Entity, list[index] as Entity) > 0) return false;
  }
  return true;
}

/** `list` in order; Array.prototype.sort is stable, so ties keep their listed order. */
function sortedStably(list: readonly Entity[]): Entity[] {
  return [...list].sort(compareEntities);
}

/** One list in order from lists that each are; on a tie the earlier list's entity goes first. */
function mergeInOrder(lists: ReadonlyArray<readonly Entity[]>): readonly Entity[] {
  let merged: readonly Entity[] = [];
  for (const list of lists) {
    if (list.length === 0) continue;
    if (merged.length === 0) {
      merged = list;
      continue;
    }
    const next: Entity[] = [];
    let left = 0;
    let right = 0;
    while (left < merged.length && right < list.length) {
      const fromMerged = merged[left] as Entity;
      const fromList = list[right] as Entity;
      // `<= 0`: on a tie the entity of the earlier list (already merged) goes first.
      if (compareEntities(fromMerged, fromList) <= 0) {
        next.push(fromMerged);
        left++;
      } else {
        next.push(fromList);
        right++;
      }
    }
    while (left < merged.length) next.push(merged[left++] as Entity);
    while (right < list.length) next.push(list[right++] as Entity);
    merged = next;
  }
  return merged;
}
