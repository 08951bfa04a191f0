// Dates: "October 16", "Oct. 3, 2015", "on Saturday", "last week", "yesterday", "in 2015".
//
// Speed: the analysis must keep tens of megabytes a second, and chrono-node costs tens of
// microseconds per call. So one cheap regular-expression scan finds trigger words (month names,
// weekdays, today/yesterday/tomorrow, last/next/this week, four-digit years, 10/16), and:
// - the common news shapes are read right there by a small pattern reader (reason
//   `date.pattern`): "October 16", "Oct. 3, 2015", "16 October 2015", "Tuesday, Oct. 16",
//   "2015-10-16", "Saturday", "last Monday", "yesterday", "last week", "three days ago",
//   "in October";
// - everything else (numeric dates such as "10/16/2015") goes to chrono-node (reason
//   `date.chrono`), which runs only on a small window of the sentence around the trigger.
//   Windows never cross a sentence, and nearby triggers share one window.
//
// Resolution rules, chosen so that the result never depends on the clock:
// - With an article date (options, configuration or a dated dateline), relative expressions are
//   resolved against it and marked `relative: true`. A month and day without a year take the
//   year that puts the date closest to the article date, and also count as relative.
// - A weekday alone ("on Saturday") means the most recent such day, the article date included,
//   unless the sentence speaks of the future before it ("will", "is due to", "next", ...), in
//   which case it means the coming one. "last Monday" is the one before the article date,
//   "next Monday" the one after it. "last week" is seven days before, "next week" seven after.
// - Without an article date, only fully written dates ("Oct. 3, 2015") get a `canonical`; the
//   others are still found, with no `canonical`.
// - Expressions that name a period rather than a day ("this year", "last month", "October",
//   "October 2015", "last weekend") get no `canonical`.
// - A bare year after a preposition ("in 2015", "since 1987") is a date with reason `date.year`
//   and no `canonical`; the figure pass skips it.
// - The date inside the story's dateline gets reason `date.dateline`.
import { casual } from 'chrono-node/en';
import type { ParsedResult } from 'chrono-node/en';
import type { AnalysisContext } from '../context';
import { perParagraph } from '../incremental';
import type { Entity, Span } from '../types';
import { DATELINE_PARAGRAPH_LIMIT, findDateline, formatIsoDate, monthNumber } from '../text/dateline';
import { smallNumberWordValue } from '../text/numberWords';

// Words that can start a date. Month names are capitalised so that "may" and "march" as verbs
// do not trigger; weekdays and casual words may be either case at a sentence start.
const TRIGGER =
  /\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|(?:[Mm]on|[Tt]ues|[Ww]ednes|[Tt]hurs|[Ff]ri|[Ss]atur|[Ss]un)days?\b|(?:[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight)\b|(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast)\s+(?:week|month|year|weekend)\b|(?:1[89]|20)\d\d\b|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b|ago\b)/g;

/** How far a chrono window reaches either side of a trigger, in UTF-16 code units. */
const WINDOW_REACH = 40;

// Words in a chrono match that show it was computed from the reference date.
const RELATIVE_WORDS =
  /\b(?:today|yesterday|tomorrow|tonight|last|next|this|past|ago|coming|previous|following|earlier|later|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;

// The prepositions that make a four-digit number a year, and what after it makes it a number.
const YEAR_PREPOSITION = /\b(?:in|since|by|until|till|before|after|from|during|of|through)\s+$/i;
const NOT_A_YEAR_AFTER = /^(?:[.,]\d|\s*%|\s*per ?cent)/i;

/** A sentinel reference used when the article date is unknown; results that depend on it are discarded. */
const SENTINEL_REFERENCE = new Date(2000, 0, 1, 12);

const DAY_MS = 86_400_000;

const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ['sunday', 0],
  ['monday', 1],
  ['tuesday', 2],
  ['wednesday', 3],
  ['thursday', 4],
  ['friday', 5],
  ['saturday', 6],
]);

// Words before a weekday, in the same sentence, that point to the future.
const FUTURE_MARKERS =
  /\b(?:will|won't|shall|'ll|is due|are due|is to|are to|expected|plans?|planned|scheduled|going to|next|tomorrow|later|upcoming|until|till)\b/i;

interface Window {
  start: number;
  end: number;
  /** Start of the sentence (or line) the window lies in; windows merge only within one. */
  boundsStart: number;
}

/** A calendar day as UTC milliseconds, so arithmetic never meets a time zone or DST. */
type DayNumber = number;

/**
 * Finds the dates in the text, sorted by start, each with a reason and, when resolvable, a
 * `canonical` `YYYY-MM-DD`. Reads `context.sentences` (pass 1) to keep windows inside one
 * sentence; without sentences it uses line boundaries.
 */
export function findDates(context: AnalysisContext): Entity[] {
  const { text, sentences } = context;
  const referenceDay = dayNumberOf(context.articleDate);
  const found: Entity[] = [];
  const windows: Window[] = [];
  let sentenceIndex = 0;
  let coveredUntil = 0;
  for (const trigger of findTriggers(context)) {
    const triggerStart = trigger.start;
    const triggerEnd = triggerStart + trigger.text.length;
    if (triggerStart < coveredUntil) {
      continue;
    }
    // Sentences and triggers are both in document order, so one forward walk pairs them.
    while (sentenceIndex < sentences.length && (sentences[sentenceIndex]?.end ?? 0) <= triggerStart) {
      sentenceIndex++;
    }
    const sentence = sentences[sentenceIndex];
    const inSentence = sentence !== undefined && sentence.start <= triggerStart;
    const boundsStart = inSentence ? sentence.start : lineStart(text, triggerStart);
    const boundsEnd = inSentence ? sentence.end : lineEnd(text, triggerEnd);
    const read = readPattern(text, trigger.text, triggerStart, boundsStart, boundsEnd, referenceDay);
    if (read === 'skip') {
      continue;
    }
    if (read !== 'chrono') {
      found.push(read);
      coveredUntil = read.end;
      continue;
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
  const reference = referenceDay === null ? null : new Date(referenceDay + DAY_MS / 2);
  const patternDates = found;
  const chronoDates: Entity[] = [];
  for (const window of windows) {
    let results: ParsedResult[];
    try {
      // Chrono reads a Date's local fields; noon UTC of the article day is that day in any zone
      // from UTC-11 to UTC+11, and the sentinel is discarded anyway.
      results = casual.parse(text.slice(window.start, window.end), toLocalNoon(reference) ?? SENTINEL_REFERENCE);
    } catch {
      // A chrono failure on one odd window must not cost the rest of the analysis.
      continue;
    }
    for (const result of results) {
      const entity = toEntity(result, window.start, reference !== null);
      // The pattern reader's dates win: a chrono window may reach over one of them.
      if (entity !== null && !overlapsAny(patternDates, entity.start, entity.end)) {
        chronoDates.push(entity);
      }
    }
  }
  found.push(...chronoDates);
  labelDateline(context, found);
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  return dropOverlaps(found);
}

/** A match of `TRIGGER`: where it starts and the words it matched. */
interface Trigger {
  start: number;
  text: string;
}

// The words the `\s+` of `TRIGGER` can join to the next line; one at a paragraph's end makes
// `findTriggers()` scan the whole text (see there). All are four letters long.
const PERIOD_WORD_BEFORE = /(?:[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast)/y;
const PERIOD_WORD_LENGTH = 4;
const SPACES = /\s*/y;

/**
 * The matches of `TRIGGER` in the text, in order, as one scan of the whole text finds them, but
 * scanned paragraph by paragraph through the paragraph cache: the scan read every character of
 * the document on every edit, 5.9% of an edit's analysis time at 100 KB (CPU profile), the most
 * of any one function. A paragraph's matches are the whole text's matches inside it when the text
 * between paragraphs is all white space: every alternative of `TRIGGER` starts with a letter or a
 * digit, so none starts between paragraphs; `\b` reads white space on either side of a paragraph
 * as it reads the text's ends; and only the `\s+` after "last", "next", "this" or "past" can run
 * on over the white space after a paragraph, which it does only when one of those words ends the
 * paragraph. Where any of this does not hold (no paragraphs, text between them that is not white
 * space, a paragraph ending in one of those words) the whole text is scanned, as before.
 */
function findTriggers(context: AnalysisContext): Trigger[] {
  const { text, paragraphs } = context;
  if (!paragraphsHoldAllTriggers(text, paragraphs)) return triggersIn(text);
  const triggers: Trigger[] = [];
  for (const paragraph of paragraphs) {
    // Cached by paragraph text in an incremental run; the triggers are read, never changed.
    for (const relative of perParagraph(context, 'dateTriggers', text.slice(paragraph.start, paragraph.end), (own) =>
      triggersIn(own),
    )) {
      triggers.push({ start: paragraph.start + relative.start, text: relative.text });
    }
  }
  return triggers;
}

/** The conditions of `findTriggers()` for scanning paragraph by paragraph. */
function paragraphsHoldAllTriggers(text: string, paragraphs: readonly Span[]): boolean {
  if (paragraphs.length === 0) return false;
  let gapStart = 0;
  for (const paragraph of paragraphs) {
    // Two paragraphs with nothing between them could share a match, or make a `\b` read
    // differently, so they need at least one white space character between them.
    const touchesPrevious = gapStart > 0 && paragraph.start <= gapStart;
    if (paragraph.start < gapStart || touchesPrevious || !isAllSpace(text, gapStart, paragraph.start)) return false;
    PERIOD_WORD_BEFORE.lastIndex = paragraph.end - PERIOD_WORD_LENGTH;
    if (paragraph.end - paragraph.start >= PERIOD_WORD_LENGTH && PERIOD_WORD_BEFORE.test(text)) return false;
    gapStart = paragraph.end;
  }
  return isAllSpace(text, gapStart, text.length);
}

/** Whether `text` from `start` to `end` is white space as `\s` reads it. */
function isAllSpace(text: string, start: number, end: number): boolean {
  if (start >= end) return true;
  SPACES.lastIndex = start;
  SPACES.test(text);
  return SPACES.lastIndex >= end;
}

/** The matches of `TRIGGER` in `text`. */
function triggersIn(text: string): Trigger[] {
  const triggers: Trigger[] = [];
  TRIGGER.lastIndex = 0;
  for (let match = TRIGGER.exec(text); match !== null; match = TRIGGER.exec(text)) {
    triggers.push({ start: match.index, text: match[0] });
  }
  return triggers;
}

function toLocalNoon(utcDay: Date | null): Date | null {
  if (utcDay === null) {
    return null;
  }
  return new Date(utcDay.getUTCFullYear(), utcDay.getUTCMonth(), utcDay.getUTCDate(), 12);
}

function dayNumberOf(isoDate: string | null): DayNumber | null {
  if (isoDate === null) {
    return null;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (match === null) {
    return null;
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return formatIsoDate(year, month, day) === null ? null : Date.UTC(year, month - 1, day);
}

function isoOf(day: DayNumber): string {
  return new Date(day).toISOString().slice(0, 10);
}

function dateEntity(text: string, start: number, end: number, canonical: string | null, relative: boolean): Entity {
  const entity: Entity = { kind: 'date', start, end, text: text.slice(start, end), reason: 'date.pattern' };
  if (canonical !== null) {
    entity.canonical = canonical;
    if (relative) {
      entity.relative = true;
    }
  }
  return entity;
}

const MONTH_DAY_YEAR = /^\.?[ \u00a0]+(\d{1,2})(?:st|nd|rd|th)?(?![\d:.,]\d)\b(?:,?[ \u00a0]+(\d{4})\b)?/;
const MONTH_YEAR = /^\.?,?[ \u00a0]+(\d{4})\b/;
const DAY_BEFORE_MONTH = /(?:^|[^\d])(\d{1,2})(?:st|nd|rd|th)?[ \u00a0]+(?:of[ \u00a0]+)?$/;
const YEAR_AFTER = /^,?[ \u00a0]+(\d{4})\b/;
const WEEKDAY_BEFORE = /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?[ \u00a0]+(?:the[ \u00a0]+)?$/;
const PERIOD_PREPOSITION =
  /\b(?:in|since|until|till|by|from|during|early|late|mid|of|last|next|this|through|before|after)[ \u00a0-]+$/i;

/**
 * Reads the date at a trigger with the pattern reader. Returns the entity, `'chrono'` when the
 * shape needs chrono, or `'skip'` when the trigger is not a date.
 */
function readPattern(
  text: string,
  trigger: string,
  triggerStart: number,
  boundsStart: number,
  boundsEnd: number,
  referenceDay: DayNumber | null,
): Entity | 'chrono' | 'skip' {
  const first = trigger.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39) {
    // "10/16" goes to chrono; "2015-10-16" is read here; a four-digit year on its own counts
    // only after a preposition ("in 2015").
    if (trigger.includes('/')) {
      return 'chrono';
    }
    ISO_DATE.lastIndex = triggerStart;
    const iso = ISO_DATE.exec(text);
    if (iso !== null) {
      const canonical = formatIsoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
      return canonical === null ? 'skip' : dateEntity(text, triggerStart, ISO_DATE.lastIndex, canonical, false);
    }
    return readBareYear(text, triggerStart, triggerStart + trigger.length);
  }
  if (trigger === 'ago') {
    return readAgo(text, triggerStart, triggerStart + trigger.length, boundsStart, referenceDay);
  }
  const lower = trigger.toLowerCase();
  const triggerEnd = triggerStart + trigger.length;
  const month = monthNumber(lower);
  if (month !== null) {
    return readMonth(text, month, triggerStart, triggerEnd, boundsStart, boundsEnd, referenceDay);
  }
  const weekday = WEEKDAYS.get(lower);
  if (weekday !== undefined) {
    return readWeekday(text, weekday, triggerStart, triggerEnd, boundsStart, referenceDay);
  }
  if (lower.endsWith('days')) {
    // "on Sundays": a habit, not a date.
    return 'skip';
  }
  const offset = CASUAL_DAYS.get(lower);
  if (offset !== undefined) {
    return dateEntity(
      text,
      triggerStart,
      triggerEnd,
      referenceDay === null ? null : isoOf(referenceDay + offset * DAY_MS),
      true,
    );
  }
  // "last week", "next month", "this year", "past weekend".
  const [modifier, unit] = lower.split(/\s+/);
  if (unit === 'week' && referenceDay !== null) {
    const days = modifier === 'next' ? 7 : modifier === 'this' ? 0 : -7;
    return dateEntity(text, triggerStart, triggerEnd, isoOf(referenceDay + days * DAY_MS), true);
  }
  return dateEntity(text, triggerStart, triggerEnd, null, false);
}

// "three days ago", "a week ago", "2 years ago", "several months ago".
const AMOUNT_BEFORE_AGO =
  /(?:^|[^A-Za-z\d])(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3}|a few|few|several|some)\s+(minute|hour|day|week|month|year|decade)s?\s+$/i;

// "a week ago" and "an hour ago" count one; other words are the shared number words.
function amountWordValue(lowerWord: string): number | undefined {
  return lowerWord === 'a' || lowerWord === 'an' ? 1 : smallNumberWordValue(lowerWord);
}

/**
 * "three days ago" and "two weeks ago" resolve to a day; months, years and vague amounts ("a
 * few days ago") name no single day; minutes and hours are times, not dates.
 */
function readAgo(
  text: string,
  triggerStart: number,
  triggerEnd: number,
  boundsStart: number,
  referenceDay: DayNumber | null,
): Entity | 'skip' {
  const before = text.slice(Math.max(boundsStart, triggerStart - 32), triggerStart);
  const match = AMOUNT_BEFORE_AGO.exec(before);
  if (match === null || match[1] === undefined || match[2] === undefined) {
    return 'skip';
  }
  const unit = match[2].toLowerCase();
  if (unit === 'minute' || unit === 'hour') {
    return 'skip';
  }
  const start = triggerStart - before.length + match.index + match[0].indexOf(match[1]);
  const amountWord = match[1].toLowerCase();
  const amount = amountWordValue(amountWord) ?? (/^\d+$/.test(amountWord) ? Number(amountWord) : null);
  if (referenceDay === null || amount === null || (unit !== 'day' && unit !== 'week')) {
    return dateEntity(text, start, triggerEnd, null, false);
  }
  const days = unit === 'week' ? amount * 7 : amount;
  return dateEntity(text, start, triggerEnd, isoOf(referenceDay - days * DAY_MS), true);
}

const ISO_DATE = /(\d{4})-(\d{2})-(\d{2})(?![\d:])/y;

const CASUAL_DAYS: ReadonlyMap<string, number> = new Map([
  ['today', 0],
  ['tonight', 0],
  ['yesterday', -1],
  ['tomorrow', 1],
]);

function readMonth(
  text: string,
  month: number,
  triggerStart: number,
  triggerEnd: number,
  boundsStart: number,
  boundsEnd: number,
  referenceDay: DayNumber | null,
): Entity | 'chrono' | 'skip' {
  const after = text.slice(triggerEnd, Math.min(boundsEnd, triggerEnd + 12));
  const before = text.slice(Math.max(boundsStart, triggerStart - 24), triggerStart);
  let start = triggerStart;
  let end = triggerEnd;
  let day: number | null = null;
  let year: number | null = null;
  const forward = MONTH_DAY_YEAR.exec(after);
  const backward = forward === null ? DAY_BEFORE_MONTH.exec(before) : null;
  if (forward !== null) {
    day = Number(forward[1]);
    year = forward[2] === undefined ? null : Number(forward[2]);
    end = triggerEnd + forward[0].length;
  } else if (backward !== null) {
    day = Number(backward[1]);
    start = triggerStart - backward[0].length + backward[0].indexOf(backward[1] ?? '');
    const yearAfter = YEAR_AFTER.exec(after);
    if (yearAfter !== null) {
      year = Number(yearAfter[1]);
      end = triggerEnd + yearAfter[0].length;
    }
  } else {
    // A month with no day: "October 2015", or "in October". Without a preposition or year a
    // capitalised "May" or "March" is too often a name or a verb.
    const yearAfter = MONTH_YEAR.exec(after);
    if (yearAfter !== null) {
      return dateEntity(text, triggerStart, triggerEnd + yearAfter[0].length, null, false);
    }
    if (!PERIOD_PREPOSITION.test(before) || (month === 5 && !/\bin[ \u00a0]+$/i.test(before))) {
      return 'skip';
    }
    return dateEntity(text, triggerStart, text[triggerEnd] === '.' ? triggerEnd : triggerEnd, null, false);
  }
  // "Tuesday, Oct. 16": the weekday belongs to the date.
  const weekday = WEEKDAY_BEFORE.exec(text.slice(Math.max(boundsStart, start - 14), start));
  if (weekday !== null) {
    start -= weekday[0].length;
  }
  if (day < 1 || day > 31) {
    return 'skip';
  }
  if (year !== null) {
    return dateEntity(text, start, end, formatIsoDate(year, month, day), false);
  }
  if (referenceDay === null) {
    return dateEntity(text, start, end, null, false);
  }
  return dateEntity(text, start, end, closestYearDate(month, day, referenceDay), true);
}

/** The date with this month and day nearest to the reference day (previous, same or next year). */
function closestYearDate(month: number, day: number, referenceDay: DayNumber): string | null {
  const referenceYear = new Date(referenceDay).getUTCFullYear();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const year of [referenceYear - 1, referenceYear, referenceYear + 1]) {
    const iso = formatIsoDate(year, month, day);
    if (iso === null) {
      continue;
    }
    const distance = Math.abs(Date.UTC(year, month - 1, day) - referenceDay);
    if (distance < bestDistance) {
      best = iso;
      bestDistance = distance;
    }
  }
  return best;
}

const WEEKDAY_MODIFIER = /\b(last|next|this|coming|past)[ \u00a0]+$/i;
const DATE_AFTER_WEEKDAY =
  /^,?[ \u00a0]+(?:the[ \u00a0]+)?(?:\d|January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)/;

function readWeekday(
  text: string,
  weekday: number,
  triggerStart: number,
  triggerEnd: number,
  boundsStart: number,
  referenceDay: DayNumber | null,
): Entity | 'chrono' | 'skip' {
  // "Tuesday, Oct. 16" and "Tuesday 16 October": the month reader takes the whole date.
  if (DATE_AFTER_WEEKDAY.test(text.slice(triggerEnd, triggerEnd + 14))) {
    return 'skip';
  }
  const before = text.slice(Math.max(boundsStart, triggerStart - 10), triggerStart);
  const modifier = WEEKDAY_MODIFIER.exec(before);
  const start = modifier === null ? triggerStart : triggerStart - modifier[0].length;
  if (referenceDay === null) {
    return dateEntity(text, start, triggerEnd, null, false);
  }
  const referenceWeekday = new Date(referenceDay).getUTCDay();
  const back = (referenceWeekday - weekday + 7) % 7;
  const ahead = (weekday - referenceWeekday + 7) % 7;
  let offset: number;
  switch (modifier?.[1]?.toLowerCase()) {
    case 'last':
    case 'past':
      offset = -(back === 0 ? 7 : back);
      break;
    case 'next':
    case 'coming':
      offset = ahead === 0 ? 7 : ahead;
      break;
    case 'this':
      offset = FUTURE_MARKERS.test(text.slice(boundsStart, triggerStart)) ? ahead : -back;
      break;
    default:
      offset = FUTURE_MARKERS.test(text.slice(boundsStart, triggerStart)) ? ahead : -back;
  }
  return dateEntity(text, start, triggerEnd, isoOf(referenceDay + offset * DAY_MS), true);
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

/** A year standing alone after a preposition: "in 2015", "since 1987", "by 2030". */
function readBareYear(text: string, start: number, end: number): Entity | 'skip' {
  if (!YEAR_PREPOSITION.test(text.slice(Math.max(0, start - 8), start))) {
    return 'skip';
  }
  // "in 2015.5" or "by 2015 percent" is a number, not a year.
  if (NOT_A_YEAR_AFTER.test(text.slice(end, end + 9))) {
    return 'skip';
  }
  return { kind: 'date', start, end, text: text.slice(start, end), reason: 'date.year' };
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

/** True when `[start, end)` overlaps an entity of `sorted` (sorted by start, not overlapping each other). */
function overlapsAny(sorted: readonly Entity[], start: number, end: number): boolean {
  let low = 0;
  let high = sorted.length;
  // Find the first entity that ends after `start`; it is the only one that can overlap first.
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle]?.end ?? 0) <= start) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  const candidate = sorted[low];
  return candidate !== undefined && candidate.start < end;
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
