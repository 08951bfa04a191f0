// Rules for comparing figures across articles. A figure is compared only with figures of the
// same measure: the same counted noun after lemmatising and the same stated time frame. Values
// conflict only when the ranges their qualifiers allow do not overlap. Every rule leans towards
// silence, because a false conflict costs an editor's trust; docs/cross-article.md lists them.
import type { Entity } from '../analysis/types';
import { nameKey, wordKey } from './keys';

/** Units that are durations, money or shares: too generic to identify what is being counted. */
const GENERIC_UNITS = new Set([
  'second',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
  'decade',
  'century',
  'time',
  'percent',
  'per cent',
  '%',
  'point',
  'usd',
  'eur',
  'gbp',
  'rub',
  'dollar',
  'euro',
  'pound',
  'rouble',
  'ruble',
]);

const IRREGULAR_PLURALS: Record<string, string> = {
  people: 'person',
  persons: 'person',
  men: 'man',
  women: 'woman',
  children: 'child',
  feet: 'foot',
  teeth: 'tooth',
  mice: 'mouse',
  geese: 'goose',
  lives: 'life',
  wives: 'wife',
  knives: 'knife',
  aircraft: 'aircraft',
  personnel: 'personnel',
  troops: 'troop',
  series: 'series',
  species: 'species',
};

/** Nouns whose singular ends in -ie, so -ies loses only the s (sorties, not "sorty"). */
const IE_NOUNS = new Set([
  'sortie',
  'movie',
  'cookie',
  'calorie',
  'zombie',
  'rookie',
  'prairie',
  'selfie',
  'hoodie',
  'goalie',
]);

/** Reduces a counted noun to its singular: sorties → sortie, casualties → casualty, people → person. */
export function unitLemma(unit: string): string {
  const words = unit.trim().toLowerCase().split(/\s+/);
  const last = words.pop() ?? '';
  let lemma = IRREGULAR_PLURALS[last];
  if (lemma === undefined) {
    if (IE_NOUNS.has(last.slice(0, -1))) {
      lemma = last.slice(0, -1);
    } else if (/[^aeiou]ies$/.test(last)) {
      lemma = `${last.slice(0, -3)}y`;
    } else if (/(?:s|x|z|ch|sh)es$/.test(last)) {
      lemma = last.slice(0, -2);
    } else if (/[^s]s$/.test(last) && !/(?:us|is)$/.test(last)) {
      lemma = last.slice(0, -1);
    } else {
      lemma = last;
    }
  }
  return [...words, lemma].join(' ');
}

/** True when the unit names something countable and specific enough to compare. */
export function isComparableUnit(unit: string | undefined): unit is string {
  if (unit === undefined || !/^[\p{L}][\p{L}\s-]*$/u.test(unit)) {
    return false;
  }
  const lemma = unitLemma(unit);
  // "percentage points" is as generic as "points": the head noun decides.
  return !GENERIC_UNITS.has(lemma) && !GENERIC_UNITS.has(lemma.split(' ').pop() ?? lemma);
}

/**
 * True when the figure is a compound modifier ("three-candidate race", "63-year-old", "15-plus"):
 * it describes something rather than counting it, so it is never compared.
 */
export function isCompoundModifier(figureText: string): boolean {
  return /(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand))-\p{L}/iu.test(
    figureText,
  );
}

/** What a qualifier says about the true value, as a closed interval. */
export interface ValueRange {
  low: number;
  high: number;
}

const APPROXIMATE = new Set([
  'about',
  'some',
  'around',
  'approximately',
  'roughly',
  'an estimated',
  'estimated',
  'circa',
  'nearly',
  'almost',
  'close to',
  'just under',
  'just over',
  'up to',
  'as many as',
]);
const AT_LEAST = new Set([
  'more than',
  'over',
  'at least',
  'upwards of',
  'in excess of',
  'above',
  'no fewer than',
  'no less than',
]);
const AT_MOST = new Set([
  'less than',
  'fewer than',
  'under',
  'below',
  'at most',
  'no more than',
  'up to',
  'as many as',
]);
const JUST_BELOW = new Set(['nearly', 'almost', 'close to', 'just under']);

/**
 * The range a figure allows. "about", "some" and the like allow ten per cent either way (at
 * least one unit), because news rounds: "about 670" admits 669. "nearly" and "almost" allow up
 * to ten per cent below and nothing above. "more than 60" is open upwards; "fewer than 60" is
 * bounded by zero. A range ("between 40 and 50") is its two ends. An unqualified number is exact,
 * except that a number written with a scale word is only as precise as its last digit (see
 * `roundingSlack`), when `written` (the figure as written) is given.
 */
export function valueRange(
  value: number,
  valueHigh: number | undefined,
  qualifier: string | undefined,
  written = '',
): ValueRange {
  const high = valueHigh ?? value;
  const q = (qualifier ?? '').trim().toLowerCase();
  const rounding = roundingSlack(written);
  const slack = Math.max(1, Math.abs(value) * 0.1, rounding);
  if (JUST_BELOW.has(q)) {
    return { low: value - slack, high: high + rounding };
  }
  if (AT_LEAST.has(q)) {
    return { low: value, high: Infinity };
  }
  if (AT_MOST.has(q)) {
    return { low: 0, high };
  }
  if (APPROXIMATE.has(q)) {
    return { low: value - slack, high: high + Math.max(1, Math.abs(high) * 0.1, rounding) };
  }
  return { low: value - rounding, high: high + rounding };
}

const SCALE_WORDS: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  m: 1e6,
  billion: 1e9,
  bn: 1e9,
  trillion: 1e12,
};

/**
 * Half the unit of the last digit written before a scale word, or 0 when there is no scale
 * word. News rounds large counts to the digits it writes: "two million members" stands for
 * anything from 1.5 to 2.5 million, so it agrees with "2.1 million members", which itself
 * stands for 2.05 to 2.15 million. "2,300 containers" has no scale word and stays exact.
 */
export function roundingSlack(written: string): number {
  const match = /(?:\d+(?:\.(\d+))?|\p{L}+)[\s-]*(thousand|million|billion|trillion|bn|m)\b/iu.exec(written);
  const scale = match === null ? undefined : SCALE_WORDS[(match[2] ?? '').toLowerCase()];
  if (match === null || scale === undefined) return 0;
  const decimals = match[1]?.length ?? 0;
  return scale / 10 ** decimals / 2;
}

/** True when two figures' ranges overlap, so both could be right. */
export function valuesConsistent(a: ValueRange, b: ValueRange): boolean {
  return a.low <= b.high && b.low <= a.high;
}

const WEEKDAY_OR_MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const TIME_FRAME_PATTERNS: readonly RegExp[] = [
  new RegExp(
    `\\bsince (?:${WEEKDAY_OR_MONTH} \\d{1,2}(?:, \\d{4})?|\\d{1,2} ${WEEKDAY_OR_MONTH}(?: \\d{4})?|${WEEKDAY_OR_MONTH}(?: \\d{4})?|\\d{4}|the (?:start|beginning) of (?:the |this |its )?[a-z]+|last [a-z]+)`,
    'gi',
  ),
  /\b(?:in|during|over|within) the (?:first|past|last|previous|next|opening) (?:(?:\w+|\d+) )?(?:hours?|days?|weeks?|months?|years?|decades?)\b/gi,
  /\b(?:in|during) (?:19|20)\d\d\b/gi,
  /\b(?:this|last) (?:week|month|year|quarter)\b/gi,
  new RegExp(`\\bin ${WEEKDAY_OR_MONTH}(?: \\d{4})?\\b`, 'gi'),
  /\b(?:a|per) (?:day|week|month|year)\b/gi,
];

/** A time frame phrase found in a sentence, with its offsets in the article. */
export interface TimeFrame {
  start: number;
  end: number;
  /** The phrase normalised for comparison, with a resolved date where the analysis gave one. */
  key: string;
}

/**
 * Finds the time frames stated in one sentence. Dates the analysis resolved inside a phrase
 * replace their words in the key, so "since September 30" and "since 30 September" match.
 */
export function timeFramesInSentence(
  sentenceText: string,
  sentenceStart: number,
  dates: readonly Entity[],
): TimeFrame[] {
  const frames: TimeFrame[] = [];
  for (const pattern of TIME_FRAME_PATTERNS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(sentenceText); match !== null; match = pattern.exec(sentenceText)) {
      const start = sentenceStart + match.index;
      const end = start + match[0].length;
      let key = match[0].toLowerCase().replace(/\s+/g, ' ');
      const date = dates.find((entity) => entity.start >= start && entity.end <= end && entity.canonical);
      if (date?.canonical !== undefined) {
        const relativeStart = date.start - start;
        const relativeEnd = date.end - start;
        key = `${match[0].slice(0, relativeStart)}${date.canonical}${match[0].slice(relativeEnd)}`.toLowerCase();
      }
      key = key.replace(/\b(?:during|within|over)\b/g, 'in').replace(/\bpast\b/g, 'last');
      frames.push({ start, end, key });
    }
  }
  return frames.sort((a, b) => a.start - b.start);
}

/**
 * Picks the time frame a figure belongs to: the nearest one after it in the same sentence, else
 * the nearest one before it, because news states a count and then its period ("669 sorties since
 * September 30") more often than the reverse. A frame with another number between it and the
 * figure belongs to that number ("about 670 sorties, almost 400 of them last week": last week is
 * the 400's), so it is skipped. `frames` and `numberStarts` (the start offsets of every figure in
 * the sentence) are sorted, and both are searched by bisection, so a sentence with many figures
 * still costs a logarithm per figure.
 */
export function timeFrameFor(
  figure: { start: number; end: number },
  frames: readonly TimeFrame[],
  numberStarts: readonly number[] = [],
): string | null {
  const between = (from: number, to: number): boolean => {
    const index = firstAtOrAfter(numberStarts, (start) => start, from);
    const start = numberStarts[index];
    return start !== undefined && start < to;
  };
  const afterIndex = firstAtOrAfter(frames, (frame) => frame.start, figure.end);
  const after = frames[afterIndex];
  if (after !== undefined && !between(figure.end, after.start)) {
    return after.key;
  }
  // The last frame that ends before the figure: frames are sorted by start and do not nest much,
  // so the one just before the first frame starting at or after the figure is the candidate.
  const before = frames[firstAtOrAfter(frames, (frame) => frame.start, figure.start) - 1];
  if (before !== undefined && before.end <= figure.start && !between(before.end, figure.start)) {
    return before.key;
  }
  return null;
}

/** Index of the first item whose key is at least `value` in a list sorted by that key. */
function firstAtOrAfter<T>(items: readonly T[], key: (item: T) => number, value: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const item = items[middle];
    if (item !== undefined && key(item) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

// Words that say nothing about what a figure counts: function words, reporting verbs and
// hedges. What is left of a sentence approximates the figure's subject.
const SUBJECT_STOPWORDS = new Set(
  (
    'a an the and or but of in on at to for from by with as than that this these those it its they them their ' +
    'he she his her we our you your i is are was were be been being has have had do does did will would can could ' +
    'may might must shall should not no so if then there here who whom which what when where why how all any ' +
    'some about around more less most least over under nearly almost just only also into onto up down out off ' +
    'said says say told tell tells added adds according stated claimed reported noted per cent percent ' +
    'one two three four five six seven eight nine ten hundred thousand million billion since first last past week ' +
    'day days month months year years monday tuesday wednesday thursday friday saturday sunday ' +
    'january february march april may june july august september october november december'
  ).split(' '),
);

/** A crude stem, enough to match "abandoned" with "abandon" and "positions" with "position". */
function stem(word: string): string {
  return word.replace(/(?:ing|ed|es|s)$/, '');
}

/** A content word of a sentence with its offset, for picking the words around a figure. */
export interface ContentWord {
  start: number;
  word: string;
}

/** The content words of a sentence, in order, found once per sentence. */
export function contentWords(sentenceText: string, sentenceStart: number): ContentWord[] {
  const words: ContentWord[] = [];
  for (const match of sentenceText.matchAll(/\p{L}+/gu)) {
    const word = match[0].toLowerCase();
    if (word.length < 3 || SUBJECT_STOPWORDS.has(word)) continue;
    words.push({ start: sentenceStart + match.index, word });
  }
  return words;
}

/** How many content words on each side of a figure make up its subject. */
export const SUBJECT_WINDOW = 12;

/**
 * The subject words of a figure: the stemmed content words near it in its sentence (up to
 * `SUBJECT_WINDOW` on each side), outside the figure itself. The window keeps the cost per
 * figure fixed however long the sentence is. Two figures are about the same thing only when
 * these overlap (see `sameSubject`).
 */
export function subjectWords(words: readonly ContentWord[], figure: { start: number; end: number }): string[] {
  const first = firstAtOrAfter(words, (word) => word.start, figure.start);
  const afterFigure = firstAtOrAfter(words, (word) => word.start, figure.end);
  const chosen = [
    ...words.slice(Math.max(0, first - SUBJECT_WINDOW), first),
    ...words.slice(afterFigure, afterFigure + SUBJECT_WINDOW),
  ];
  return [...new Set(chosen.map((entry) => stem(entry.word)))].sort();
}

/** Shared subject words needed before two figures are compared. */
export const SUBJECT_MIN_SHARED = 3;

/**
 * True when two figures' sentences share at least three subject words and those make up at
 * least a third of the shorter list. "Port officials said the harbour handled 2,300 containers
 * in the first week" and the same sentence with 1,900 share port, official, harbour, handl; a
 * church's "1.6 billion members" and a committee's "447 members" share nothing. Three words,
 * not two, because articles about the same people share names in every sentence.
 */
export function sameSubject(a: readonly string[], b: readonly string[]): boolean {
  const other = new Set(b);
  const shared = a.filter((word) => other.has(word)).length;
  const shorter = Math.min(a.length, b.length);
  return shared >= SUBJECT_MIN_SHARED && shared * 3 >= shorter;
}

/**
 * What a figure's sentence says beyond its words: who and what it names, whether it is about a
 * poll, and whether it describes the state of things at the time of writing. `subjectNameKey`
 * and `sentenceTraits` build it from one sentence; `differentSubjects` and `differentMoments`
 * compare two.
 */
export interface FigureContext {
  /** Stemmed content words near the figure (see `subjectWords`). */
  subject: readonly string[];
  /** Keys of the people, organisations and places named in the figure's sentence, speakers left out. */
  names: readonly string[];
  /** Keys of the speakers of the figure's sentence: names inside an attribution's source. */
  speakers: readonly string[];
  /** Keys of the people and organisations named before the figure, back to the previous figure. */
  holders: readonly string[];
  /** The sentence is about a poll or survey, so a count of people in it is a sample size. */
  survey: boolean;
  /** The sentence describes a state at the time of writing ("still", "so far", "currently"). */
  snapshot: boolean;
  /** The normalised time frame of the figure, or null (see `timeFrameFor`). */
  timeFrame: string | null;
  /** The article's date, `YYYY-MM-DD`, when the analysis found one. */
  articleDate: string | null;
}

/**
 * The key under which a named entity is matched between two sentences: a person by the
 * skeleton of the surname (so "Clinton" in one sentence meets "Hillary Clinton" in the other),
 * an organisation or place by the skeleton of its canonical name. Coarse on purpose: sharing a
 * name is only ever a reason to keep comparing, never a reason to report.
 */
export function subjectNameKey(kind: 'person' | 'organization' | 'place', name: string): string {
  if (kind === 'person') {
    const words = name.split(/\s+/).filter((word) => word !== '');
    return `person:${wordKey(words[words.length - 1] ?? name)}`;
  }
  return `${kind}:${nameKey(name)}`;
}

// Words that mark a sentence as describing a poll; a count of adults or voters in it is then
// the poll's sample, which differs from poll to poll by design.
const SURVEY_WORDS =
  /\b(?:polls?|polled|polling|pollsters?|surveys?|surveyed|surveying|respondents|sample|sampled|margin of error)\b/i;
// Words that mark a count as true "now", at the time of writing: such counts change from one
// day to the next ("still 11 candidates in the race"), so two articles need the same date.
const SNAPSHOT_WORDS =
  /\b(?:still|currently|now|so far|to date|thus far|remains?|remaining|at present|at the moment|as of)\b/i;

/** Whether a sentence is about a poll and whether it describes the present, for `FigureContext`. */
export function sentenceTraits(sentenceText: string): { survey: boolean; snapshot: boolean } {
  return { survey: SURVEY_WORDS.test(sentenceText), snapshot: SNAPSHOT_WORDS.test(sentenceText) };
}

/**
 * Why two figures are taken to count different things, or null when they are about the same
 * subject. Each answer names one rule of docs/cross-article.md:
 * - `names`: both sentences name people, organisations or places and share none of them
 *   ("Dock crews in Rotterdam unloaded 2,300 containers", "Dock crews in Antwerp unloaded 1,900
 *   containers");
 * - `holders`: both figures have names just before them and the names differ ("Ingrid Solberg
 *   won 2,300 votes", "Petter Aasen won 1,900 votes");
 * - `survey`: a sample size is compared only when both sentences name the same pollster, as
 *   part of the fact or as the speaker ("the Nordic Research poll found");
 * - `words`: the sentences share too few content words (see `sameSubject`).
 */
export function differentSubjects(a: FigureContext, b: FigureContext): string | null {
  const shares = (x: readonly string[], y: readonly string[]): boolean => x.some((key) => y.includes(key));
  if (a.names.length > 0 && b.names.length > 0 && !shares(a.names, b.names)) return 'names';
  if (a.holders.length > 0 && b.holders.length > 0 && !shares(a.holders, b.holders)) return 'holders';
  if ((a.survey || b.survey) && !shares([...a.names, ...a.speakers], [...b.names, ...b.speakers])) return 'survey';
  if (!sameSubject(a.subject, b.subject)) return 'words';
  return null;
}

/**
 * Why two figures of one subject may describe different moments, or null. With a stated time
 * frame the measure key has already matched them. Without one, figures from articles dated on
 * different days are not compared (`dates`: counts move between editions), and a figure that
 * says it is true "now" ("still", "so far") is compared only with an article of the same known
 * date (`snapshot`), because without dates "still 14 candidates" and "still 11 candidates" are
 * both right weeks apart.
 */
export function differentMoments(a: FigureContext, b: FigureContext): string | null {
  if (a.timeFrame !== null || b.timeFrame !== null) return null;
  if (a.articleDate !== null && b.articleDate !== null && a.articleDate !== b.articleDate) return 'dates';
  if ((a.snapshot || b.snapshot) && (a.articleDate === null || a.articleDate !== b.articleDate)) return 'snapshot';
  return null;
}

/** Values further apart than this factor are taken to count different things, not to disagree. */
export const MAX_CONFLICT_FACTOR = 2;

/**
 * True when two values are close enough to be rival reports of one quantity. "2,300" against
 * "1,900" containers is a disagreement; "52,000 pages" against "37 pages" is almost always two
 * different sets of pages that the subject words failed to tell apart.
 */
export function plausibleRivals(a: number, b: number): boolean {
  const low = Math.min(Math.abs(a), Math.abs(b));
  const high = Math.max(Math.abs(a), Math.abs(b));
  return low >= MIN_CONFLICT_VALUE && high <= low * MAX_CONFLICT_FACTOR;
}

/**
 * Counts below ten ("two candidates", "four Americans") recur in unrelated stories about the
 * same people, so two articles giving different small counts are far more often talking about
 * different things than disagreeing; they are never reported as conflicts.
 */
export const MIN_CONFLICT_VALUE = 10;
