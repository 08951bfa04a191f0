// Rules for comparing figures across articles. A figure is compared only with figures of the
// same measure: the same counted noun after lemmatising and the same stated time frame. Values
// conflict only when the ranges their qualifiers allow do not overlap. Every rule leans towards
// silence, because a false conflict costs an editor's trust; docs/cross-article.md lists them.
import type { Entity } from '../analysis/types';

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
  return !GENERIC_UNITS.has(unitLemma(unit));
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
 * bounded by zero. A range ("between 40 and 50") is its two ends. An unqualified number is exact.
 */
export function valueRange(value: number, valueHigh: number | undefined, qualifier: string | undefined): ValueRange {
  const high = valueHigh ?? value;
  const q = (qualifier ?? '').trim().toLowerCase();
  const slack = Math.max(1, Math.abs(value) * 0.1);
  if (JUST_BELOW.has(q)) {
    return { low: value - slack, high };
  }
  if (AT_LEAST.has(q)) {
    return { low: value, high: Infinity };
  }
  if (AT_MOST.has(q)) {
    return { low: 0, high };
  }
  if (APPROXIMATE.has(q)) {
    return { low: value - slack, high: high + Math.max(1, Math.abs(high) * 0.1) };
  }
  return { low: value, high };
}

/** True when two figures' ranges overlap, so both could be right. */
export function valuesConsistent(a: ValueRange, b: ValueRange): boolean {
  return a.low <= b.high && b.low <= a.high;
}

/** The qualifier family, so that "some 600" and "about 600" count as the same figure. */
export function qualifierClass(qualifier: string | undefined): 'exact' | 'approximate' | 'at-least' | 'at-most' {
  const q = (qualifier ?? '').trim().toLowerCase();
  if (q === '') return 'exact';
  if (AT_LEAST.has(q)) return 'at-least';
  if (AT_MOST.has(q) && !APPROXIMATE.has(q)) return 'at-most';
  return 'approximate';
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
 * September 30") more often than the reverse.
 */
export function timeFrameFor(figure: { start: number; end: number }, frames: readonly TimeFrame[]): string | null {
  const after = frames.find((frame) => frame.start >= figure.end);
  if (after !== undefined) {
    return after.key;
  }
  const before = [...frames].reverse().find((frame) => frame.end <= figure.start);
  return before?.key ?? null;
}
