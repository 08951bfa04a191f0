// Dates: "October 16", "Oct. 3, 2015", "on Saturday", "last week", "yesterday", "in 2015".
//
// chrono-node does the parsing, but it is far too slow to run over a whole article at the speed
// the analysis must keep (tens of megabytes a second). So a single cheap regular-expression scan
// finds trigger words first (month names, weekdays, today/yesterday/tomorrow, last/next/this
// week, four-digit years, 10/16), and chrono runs only on a small window of the sentence around
// each trigger. Windows never cross a sentence, and nearby triggers share one window.
//
// Resolution rules, chosen so that the result never depends on the clock:
// - With an article date (options, configuration or a dated dateline), relative expressions are
//   resolved against it and marked `relative: true`. A month and day without a year take the
//   year closest to the article date (chrono's rule), and also count as relative.
// - Without an article date, only fully written dates ("Oct. 3, 2015") get a `canonical`; the
//   others are still found, with no `canonical`.
// - Expressions that name no day ("this year", "last month") get no `canonical`.
// - A bare year after a preposition ("in 2015", "since 1987") is a date with reason `date.year`
//   and no `canonical`; the figure pass skips it.
import { casual } from 'chrono-node/en';
import type { ParsedResult } from 'chrono-node/en';
import type { AnalysisContext } from '../context';
import type { Entity } from '../types';
import { DATELINE_PARAGRAPH_LIMIT, findDateline, formatIsoDate } from '../text/dateline';

// Words that can start a date. Month names are capitalised so that "may" and "march" as verbs
// do not trigger; weekdays and casual words may be either case at a sentence start.
const TRIGGER =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|[Mm]ondays?|[Tt]uesdays?|[Ww]ednesdays?|[Tt]hursdays?|[Ff]ridays?|[Ss]aturdays?|[Ss]undays?|[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast)\s+(?:week|month|year|weekend)|(?:1[89]|20)\d\d|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)\b/g;

/** How far a chrono window reaches either side of a trigger, in UTF-16 code units. */
const WINDOW_REACH = 40;

// Words in a matched date that show it was computed from the reference date.
const RELATIVE_WORDS =
  /\b(?:today|yesterday|tomorrow|tonight|last|next|this|past|ago|coming|previous|following|earlier|later|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;

// A year that stands alone after a preposition: "in 2015", "since 1987", "by 2030".
const BARE_YEAR =
  /\b(?:in|since|by|until|till|before|after|from|during|of|through)\s+((?:1[89]|20)\d\d)\b(?![.,]\d|%|\s*(?:percent|per cent))/gi;

/** A sentinel reference used when the article date is unknown; results that depend on it are discarded. */
const SENTINEL_REFERENCE = new Date(2000, 0, 1, 12);

interface Window {
  start: number;
  end: number;
  /** Start of the sentence (or line) the window lies in; windows merge only within one. */
  boundsStart: number;
}

/**
 * Finds the dates in the text, sorted by start, each with a reason and, when resolvable, a
 * `canonical` `YYYY-MM-DD`. Reads `context.sentences` (pass 1) to keep chrono's windows inside
 * one sentence; without sentences it uses line boundaries.
 */
export function findDates(context: AnalysisContext): Entity[] {
  const { text } = context;
  const reference = referenceDate(context.articleDate);
  const windows = triggerWindows(context);
  const found: Entity[] = [];
  for (const window of windows) {
    const windowText = text.slice(window.start, window.end);
    let results: ParsedResult[];
    try {
      results = casual.parse(windowText, reference ?? SENTINEL_REFERENCE);
    } catch {
      // A chrono failure on one odd window must not cost the rest of the analysis.
      continue;
    }
    for (const result of results) {
      const entity = toEntity(result, window.start, reference !== null);
      if (entity !== null) {
        found.push(entity);
      }
    }
  }
  addBareYears(text, found);
  labelDateline(context, found);
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  return dropOverlaps(found);
}

function referenceDate(articleDate: string | null): Date | null {
  if (articleDate === null) {
    return null;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(articleDate);
  if (match === null) {
    return null;
  }
  // Noon local time keeps the calendar day stable whatever the machine's time zone or DST.
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12);
}

/** One linear scan for triggers, then merged windows clipped to the trigger's sentence. */
function triggerWindows(context: AnalysisContext): Window[] {
  const { text, sentences } = context;
  const windows: Window[] = [];
  let sentenceIndex = 0;
  TRIGGER.lastIndex = 0;
  for (let match = TRIGGER.exec(text); match !== null; match = TRIGGER.exec(text)) {
    const triggerStart = match.index;
    const triggerEnd = triggerStart + match[0].length;
    let boundsStart: number;
    let boundsEnd: number;
    // Sentences and triggers are both in document order, so one forward walk pairs them.
    while (sentenceIndex < sentences.length && (sentences[sentenceIndex]?.end ?? 0) <= triggerStart) {
      sentenceIndex++;
    }
    const sentence = sentences[sentenceIndex];
    if (sentence !== undefined && sentence.start <= triggerStart) {
      boundsStart = sentence.start;
      boundsEnd = sentence.end;
    } else {
      boundsStart = lineStart(text, triggerStart);
      boundsEnd = lineEnd(text, triggerEnd);
    }
    const start = wordStartAtOrBefore(text, Math.max(boundsStart, triggerStart - WINDOW_REACH), boundsStart);
    const end = wordEndAtOrAfter(text, Math.min(boundsEnd, triggerEnd + WINDOW_REACH), boundsEnd);
    const last = windows[windows.length - 1];
    if (last !== undefined && last.boundsStart === boundsStart && start <= last.end) {
      last.end = Math.max(last.end, end);
    } else {
      windows.push({ start, end, boundsStart });
    }
  }
  return windows;
}

function lineStart(text: string, offset: number): number {
  let position = offset;
  while (position > 0 && text[position - 1] !== '\n' && text[position - 1] !== '\r') {
    position--;
  }
  return position;
}

function lineEnd(text: string, offset: number): number {
  let position = offset;
  while (position < text.length && text[position] !== '\n' && text[position] !== '\r') {
    position++;
  }
  return position;
}

/** Moves a window edge back to the start of the word it cuts, so chrono never sees half a word. */
function wordStartAtOrBefore(text: string, offset: number, limit: number): number {
  let position = offset;
  while (position > limit && /\S/.test(text[position - 1] ?? ' ')) {
    position--;
  }
  return position;
}

function wordEndAtOrAfter(text: string, offset: number, limit: number): number {
  let position = offset;
  while (position < limit && /\S/.test(text[position] ?? ' ')) {
    position++;
  }
  return position;
}

function toEntity(result: ParsedResult, offset: number, haveReference: boolean): Entity | null {
  const start = result.start;
  const knowsDay = start.isCertain('day') || start.isCertain('weekday');
  const knowsMonth = start.isCertain('month');
  const knowsYear = start.isCertain('year');
  const casualWord = RELATIVE_WORDS.test(result.text);
  // A bare time ("at 10:30") is not a date for a news reader.
  if (!knowsDay && !knowsMonth && !knowsYear && !casualWord) {
    return null;
  }
  const entity: Entity = {
    kind: 'date',
    start: offset + result.index,
    end: offset + result.index + result.text.length,
    text: result.text,
    reason: 'date.chrono',
  };
  const dependsOnReference = casualWord || !knowsYear || !knowsMonth || !start.isCertain('day');
  const namesADay = knowsDay || casualWord;
  if (!namesADay) {
    // "this year", "October 2015": a period, not a day; no canonical day to give.
    return entity;
  }
  if (dependsOnReference && !haveReference) {
    return entity;
  }
  // "last month" and "this week" name a period; chrono's midpoint day would be invented precision.
  if (/\b(?:month|year)\b/i.test(result.text) && !start.isCertain('day')) {
    return entity;
  }
  const canonical = formatIsoDate(start.get('year') ?? NaN, start.get('month') ?? NaN, start.get('day') ?? NaN);
  if (canonical !== null) {
    entity.canonical = canonical;
    if (dependsOnReference) {
      entity.relative = true;
    }
  }
  return entity;
}

function addBareYears(text: string, found: Entity[]): void {
  BARE_YEAR.lastIndex = 0;
  for (let match = BARE_YEAR.exec(text); match !== null; match = BARE_YEAR.exec(text)) {
    const year = match[1] ?? '';
    const start = match.index + match[0].length - year.length;
    found.push({ kind: 'date', start, end: start + year.length, text: year, reason: 'date.year' });
  }
}

/** Marks the date inside the dateline with its own reason, so a hover can say where it came from. */
function labelDateline(context: AnalysisContext, found: Entity[]): void {
  const limit = Math.min(context.paragraphs.length, DATELINE_PARAGRAPH_LIMIT);
  for (let index = 0; index < limit; index++) {
    const paragraph = context.paragraphs[index];
    if (paragraph === undefined) {
      continue;
    }
    const dateline = findDateline(context.text.slice(paragraph.start, paragraph.end));
    if (dateline === null) {
      continue;
    }
    if (dateline.dateStart !== null && dateline.dateEnd !== null) {
      const start = paragraph.start + dateline.dateStart;
      const end = paragraph.start + dateline.dateEnd;
      for (const entity of found) {
        if (entity.start < end && entity.end > start) {
          entity.reason = 'date.dateline';
        }
      }
    }
    return;
  }
}

/** Keeps the first and longest of overlapping dates (the list is sorted by start, longest first). */
function dropOverlaps(sorted: Entity[]): Entity[] {
  const kept: Entity[] = [];
  for (const entity of sorted) {
    const last = kept[kept.length - 1];
    if (last !== undefined && entity.start < last.end) {
      continue;
    }
    kept.push(entity);
  }
  return kept;
}
