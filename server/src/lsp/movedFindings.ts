// Cross-article findings carried from the text the index last took to the text being shown.
// The index takes an open document's new analysis only when typing pauses (feeding it cost as
// much as the analysis itself: 16 ms per edit at 100 KB, 375 ms at 2 MB), so between keystrokes
// its records of that document are a few versions old. Its findings are moved onto the newest
// text with the rule of an edit: what lies before the changed region stays, what lies after it
// moves by the change in length, and a finding that touches the changed region is left out
// until the index has taken the new version. A finding is never shown at an old offset.
import type { Finding, FindingData, RelatedSpan, Span } from '../analysis/types';
import { findEdit, type TextEdit } from './analysisDelta';

/**
 * Moves spans of one text onto another across the edit between them (`findEdit()`, the longest
 * common prefix and suffix). A span inside the common prefix keeps its offsets, one inside the
 * common suffix moves by the change in length, and any other span (one that touches what
 * changed) has no place in the new text: `move` returns null for it.
 */
export class SpanMover {
  constructor(private readonly edit: TextEdit) {}

  /** The mover from `before` onto `after`. */
  static between(before: string, after: string): SpanMover {
    return new SpanMover(findEdit(before, after));
  }

  move<T extends Span>(span: T): T | null {
    const { start, oldEnd, shift } = this.edit;
    if (span.end <= start) {
      return span;
    }
    if (span.start >= oldEnd) {
      return { ...span, start: span.start + shift, end: span.end + shift };
    }
    return null;
  }

  moveOffset(offset: number): number | null {
    const { start, oldEnd, shift } = this.edit;
    if (offset <= start) return offset;
    if (offset >= oldEnd) return offset + shift;
    return null;
  }
}

/** The data of a moved finding, or null when one of its spans in this article has no place any more. */
function movedData(data: FindingData, mover: SpanMover): FindingData | null {
  const moved: FindingData = { ...data };
  if (data.sentence !== undefined) {
    const sentence = mover.move(data.sentence);
    if (sentence === null) return null;
    moved.sentence = sentence;
  }
  if (data.verb !== undefined) {
    const verb = mover.move(data.verb);
    if (verb === null) return null;
    moved.verb = verb;
  }
  if (data.insertAt !== undefined) {
    const insertAt = mover.moveOffset(data.insertAt);
    if (insertAt === null) return null;
    moved.insertAt = insertAt;
  }
  if (data.mentions !== undefined) {
    const mentions: Span[] = [];
    for (const mention of data.mentions) {
      const movedMention = mover.move(mention);
      if (movedMention === null) return null;
      mentions.push(movedMention);
    }
    moved.mentions = mentions;
  }
  if (data.candidates !== undefined) {
    // Only the order uses the offset; a candidate whose mention changed keeps its place in it.
    moved.candidates = data.candidates.map((candidate) => ({
      ...candidate,
      nearestMention: mover.moveOffset(candidate.nearestMention) ?? candidate.nearestMention,
    }));
  }
  return moved;
}

/**
 * The findings of the article `uri`, made for the text `before`, placed in the text `after`.
 * Related spans in other articles are left as they are; every span in this article moves or, if
 * it touches the changed region, the whole finding is left out.
 */
export function moveFindings(uri: string, findings: readonly Finding[], before: string, after: string): Finding[] {
  if (before === after) {
    return [...findings];
  }
  const mover = SpanMover.between(before, after);
  const moved: Finding[] = [];
  for (const finding of findings) {
    const span = mover.move(finding);
    if (span === null) continue;
    let related: RelatedSpan[] | undefined;
    if (finding.related !== undefined) {
      related = [];
      for (const item of finding.related) {
        const movedItem = item.uri === undefined || item.uri === uri ? mover.move(item) : item;
        if (movedItem === null) break;
        related.push(movedItem);
      }
      if (related.length < finding.related.length) continue;
    }
    const data = finding.data === undefined ? undefined : movedData(finding.data, mover);
    if (data === null) continue;
    moved.push({
      ...span,
      ...(related === undefined ? {} : { related }),
      ...(data === undefined ? {} : { data }),
    });
  }
  return moved;
}
