// Pass 4: figures — the numbers a reader could check.
//
// What counts (each figure is one entity whose span covers qualifier + number + unit):
// - digits ("670", "1,200", "2.5") and number words ("six", "twenty-two", "a dozen"); see
//   `text/numberWords.ts` for the word rules (a lone "one" is not a figure);
// - scales: "1.2 million", "3bn", "£2.5m" (a bare "m" means million only after a currency sign);
// - ranges: "40 to 50", "between 40 and 50", "40-50"; `value` is the low end, `valueHigh` the
//   high end. "from 40 to 50" is a change between two figures, not a range;
// - percentages: "12%", "12 percent", "12 per cent" (unit `%`), "2 percentage points";
// - money: "$5 million", "£300", "€2bn", "5 million dollars" (unit is the ISO code);
// - the qualifier: "about", "more than", "some", "at least", ... (see QUALIFIERS). "over",
//   "under", "around" and "about" directly after another figure are prepositions ("60 sorties
//   over 50 targets"), not qualifiers.
//
// The unit is the head noun of the counted phrase, not the whole phrase: up to three words
// after the number, stopping at a function word or punctuation, and the head is the first
// plural-looking word among them ("46 control points" → "points", "11 radical Sunni groups" →
// "groups"). When none looks plural, a one- or two-word run ends in its head ("22 different
// warehouse" → "warehouse"). One rule everywhere keeps units comparable across articles.
//
// What does not count:
// - ordinals ("first", "3rd"): they rank, they do not count;
// - years: a four-digit whole number from 1800 to 2100 written without a comma and without a
//   currency, percent or scale ("in 2015", "since 1987"). House style writes counts of a
//   thousand or more with a comma ("2,000 troops"), so a bare four-digit number is a year;
// - anything inside a date entity (pass 3 puts dates in `context.entities`), and numbers next
//   to a month name even if no date was found ("October 16", "15 October");
// - times ("10:30", "9 a.m.", "9pm"), decades ("1990s", "'90s"), fractions like "10/16",
//   versions ("2.5.1"), names with numbers ("F-16", "G7", "#1"), labels ("No. 11"), scores and
//   vote tallies ("5-4", "3–1"), and list markers ("1. ").
//
// Reasons: `figure.digits`, `figure.words`, `figure.money`, `figure.percent`, `figure.range`, with
// `+approximator` appended when a qualifier was found ("figure.digits+approximator").
//
// `findParagraphFigures` is a pure function of one paragraph's text with offsets relative to it;
// `runFigures` reaches it through `perParagraph()`, so an incremental run reuses it by content.
import type { AnalysisContext } from '../context';
import { perParagraph } from '../incremental';
import type { Entity } from '../types';
import { isDigit, isJavaScriptSpace, isLetter, isUpper } from '../text/chars';
import { markdownPrefixLength } from '../text/markdown';
import { parseNumberWords, SCALES } from '../text/numberWords';

export function runFigures(context: AnalysisContext): void {
  const { text } = context;
  const dates = context.entities.filter((entity) => entity.kind === 'date');
  const figures: Entity[] = [];
  let dateIndex = 0;
  for (const paragraph of context.paragraphs) {
    // Cached by paragraph text in an incremental run; the figures are copied, never changed.
    const paragraphText = text.slice(paragraph.start, paragraph.end);
    for (const relative of perParagraph(context, 'figures', paragraphText, findParagraphFigures)) {
      const start = paragraph.start + relative.start;
      const end = paragraph.start + relative.end;
      // Dates and figures both come in document order, so one forward walk finds overlaps.
      while (dateIndex < dates.length && (dates[dateIndex]?.end ?? 0) <= start) {
        dateIndex++;
      }
      const date = dates[dateIndex];
      if (date !== undefined && date.start < end) {
        continue;
      }
      // A copy, never the paragraph's own object: a per-paragraph cache may hand that out again.
      figures.push(movedFigure(relative, start, end));
    }
  }
  context.entities = mergeByStart(context.entities, figures);
}

/**
 * A copy of a paragraph's figure at document offsets, with the keys in the order `buildFigure`
 * writes them. Spelled out because `{ ...figure, start, end }` over figures of several shapes
 * was the slowest line of `runFigures`.
 */
function movedFigure(figure: Entity, start: number, end: number): Entity {
  const moved: Entity = {
    kind: figure.kind,
    start,
    end,
    text: figure.text,
    reason: figure.reason,
    value: figure.value,
  };
  if (figure.valueHigh !== undefined) {
    moved.valueHigh = figure.valueHigh;
  }
  if (figure.unit !== undefined) {
    moved.unit = figure.unit;
  }
  if (figure.qualifier !== undefined) {
    moved.qualifier = figure.qualifier;
  }
  return moved;
}

/** Merges two lists already sorted by start; on a tie the existing entity comes first. */
function mergeByStart(existing: Entity[], added: Entity[]): Entity[] {
  if (added.length === 0) {
    return existing;
  }
  const merged: Entity[] = [];
  let left = 0;
  let right = 0;
  while (left < existing.length || right < added.length) {
    const a = existing[left];
    const b = added[right];
    if (b === undefined || (a !== undefined && a.start <= b.start)) {
      if (a !== undefined) {
        merged.push(a);
      }
      left++;
    } else {
      merged.push(b);
      right++;
    }
  }
  return merged;
}

// Approximators, longest first so that "more than" wins over a bare "than".
const QUALIFIERS = [
  'no more than',
  'no fewer than',
  'no less than',
  'more than',
  'fewer than',
  'less than',
  'at least',
  'at most',
  'up to',
  'as many as',
  'as much as',
  'as few as',
  'as little as',
  'an estimated',
  'close to',
  'just over',
  'just under',
  'well over',
  'upwards of',
  'in excess of',
  'approximately',
  'roughly',
  'nearly',
  'almost',
  'about',
  'around',
  'some',
  'over',
  'under',
  'estimated',
  'maybe',
  'perhaps',
];

const QUALIFIER_SET: ReadonlySet<string> = new Set(QUALIFIERS);
/** The most words a qualifier has ("no more than"). */
const QUALIFIER_MAX_WORDS = 3;

// The last word of every qualifier, so that most numbers are rejected after reading one word.
const QUALIFIER_LAST_WORDS: ReadonlySet<string> = new Set(
  QUALIFIERS.map((qualifier) => qualifier.split(' ').pop() ?? ''),
);

/** The bounds of the ASCII word that ends (after spaces) just before `position`, or null. */
function previousWord(text: string, position: number): { start: number; end: number } | null {
  let end = position;
  while (end > 0 && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0xa0)) {
    end--;
  }
  if (end === position) {
    return null;
  }
  let start = end;
  while (start > 0 && isAsciiLetter(text.charCodeAt(start - 1))) {
    start--;
  }
  if (start === end || end - start > 13 || isLetter(text.charCodeAt(start - 1))) {
    return null;
  }
  return { start, end };
}

/**
 * The qualifier that ends just before `position` (separated by spaces), matched case-insensitively
 * on whole words, longest first; or null. Reads backwards word by word, so it costs a few
 * characters, not a scan.
 */
function qualifierBefore(text: string, position: number): { qualifier: string; start: number } | null {
  const last = previousWord(text, position);
  if (last === null) {
    return null;
  }
  const lastWord = text.slice(last.start, last.end).toLowerCase();
  if (!QUALIFIER_LAST_WORDS.has(lastWord)) {
    return null;
  }
  let phrase = lastWord;
  let best: { qualifier: string; start: number } | null = QUALIFIER_SET.has(phrase)
    ? { qualifier: phrase, start: last.start }
    : null;
  let cursor = last.start;
  for (let count = 1; count < QUALIFIER_MAX_WORDS; count++) {
    const word = previousWord(text, cursor);
    if (word === null) {
      break;
    }
    phrase = `${text.slice(word.start, word.end).toLowerCase()} ${phrase}`;
    if (QUALIFIER_SET.has(phrase)) {
      best = { qualifier: phrase, start: word.start };
    }
    cursor = word.start;
  }
  return best;
}

function isAsciiLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

// Words that are prepositions when they follow a counted noun.
const PREPOSITION_QUALIFIERS = new Set(['over', 'under', 'around', 'about']);

const CURRENCY_SIGNS: ReadonlyMap<string, string> = new Map([
  ['$', 'USD'],
  ['£', 'GBP'],
  ['€', 'EUR'],
  ['¥', 'JPY'],
  ['₽', 'RUB'],
  ['₹', 'INR'],
]);

// Letters that sharpen a dollar sign: "US$", "A$", "C$", "HK$", "NZ$".
const DOLLAR_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['US', 'USD'],
  ['A', 'AUD'],
  ['C', 'CAD'],
  ['HK', 'HKD'],
  ['NZ', 'NZD'],
  ['S', 'SGD'],
]);

const CURRENCY_WORDS: ReadonlyMap<string, string> = new Map([
  ['dollars', 'USD'],
  ['dollar', 'USD'],
  ['euros', 'EUR'],
  ['euro', 'EUR'],
  ['pounds', 'GBP'],
  ['sterling', 'GBP'],
  ['roubles', 'RUB'],
  ['rubles', 'RUB'],
  ['yen', 'JPY'],
  ['yuan', 'CNY'],
  ['rupees', 'INR'],
]);

// Letters glued to digits that scale them ("3bn", "2.5m", "10k").
const GLUED_SCALES: ReadonlyMap<string, number> = new Map([
  ['bn', 1e9],
  ['b', 1e9],
  ['tn', 1e12],
  ['trn', 1e12],
  ['mn', 1e6],
  ['m', 1e6],
  ['k', 1e3],
]);

// Scale words after a number written in digits.
const SPACED_SCALES: ReadonlyMap<string, number> = new Map([...SCALES, ['bn', 1e9], ['mn', 1e6], ['trn', 1e12]]);

// Units glued to digits ("5km", "40mph").
const GLUED_UNITS = new Set([
  'km',
  'kg',
  'mm',
  'cm',
  'ft',
  'mph',
  'kph',
  'mw',
  'gw',
  'kw',
  'mt',
  'ha',
  'lb',
  'lbs',
  'g',
  't',
  'l',
  'ml',
  'm',
]);

const MONTHS =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/;

// Words that end the counted phrase: articles, prepositions, conjunctions, pronouns, auxiliaries.
const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'with',
  'by',
  'from',
  'and',
  'or',
  'but',
  'nor',
  'that',
  'which',
  'who',
  'whom',
  'whose',
  'was',
  'were',
  'is',
  'are',
  'be',
  'been',
  'being',
  'have',
  'has',
  'had',
  'will',
  'would',
  'could',
  'should',
  'may',
  'might',
  'must',
  'can',
  'did',
  'do',
  'does',
  'said',
  'says',
  'than',
  'as',
  'per',
  'each',
  'more',
  'less',
  'fewer',
  'over',
  'under',
  'into',
  'onto',
  'since',
  'this',
  'these',
  'those',
  'their',
  'its',
  'his',
  'her',
  'our',
  'my',
  'your',
  'it',
  'they',
  'we',
  'he',
  'she',
  'i',
  'you',
  'them',
  'not',
  'no',
  'so',
  'if',
  'about',
  'after',
  'before',
  'during',
  'while',
  'when',
  'where',
  'until',
  'against',
  'between',
  'across',
  'through',
  'up',
  'down',
  'out',
  'off',
  'last',
  'next',
  'ago',
  'later',
  'earlier',
  'too',
  'also',
  'only',
  'all',
  'both',
  'away',
  'because',
  'although',
  'though',
  'unless',
  'whether',
  'once',
  'yet',
  'then',
  'there',
  'here',
  'now',
  'instead',
  'rather',
  'including',
  'according',
]);

// Plurals that do not end in "s", and units that need no plural.
const IRREGULAR_PLURALS = new Set([
  'people',
  'men',
  'women',
  'children',
  'police',
  'personnel',
  'staff',
  'cattle',
  'sheep',
  'aircraft',
  'data',
  'feet',
  'teeth',
  'geese',
  'mice',
  'media',
  'livestock',
  'crew',
  'infantry',
  'artillery',
  'km',
  'kg',
  'mph',
]);

interface NumberCore {
  start: number;
  end: number;
  value: number;
  words: boolean;
  currency: string | null;
  percent: boolean;
  /** Set when the unit was fixed by the number itself ("5km", "percentage points"). */
  unit: string | null;
  /** True when a scale ("million", "bn") was applied. */
  scaled: boolean;
}

/**
 * Finds the figures in one paragraph. Pure: offsets are relative to `paragraphText`. The result
 * is sorted by start, and figures never overlap.
 */
export function findParagraphFigures(paragraphText: string): Entity[] {
  const text = paragraphText;
  const figures: Entity[] = [];
  let previousFigureEnd = -1;
  // One regular expression jumps from one candidate (digits or a number word) to the next;
  // measured, it beats a hand-written character loop here, and `\b` beats lookarounds twofold.
  const candidates = FIGURE_CANDIDATE;
  candidates.lastIndex = markdownPrefixLength(text);
  for (let candidate = candidates.exec(text); candidate !== null; candidate = candidates.exec(text)) {
    const position = candidate.index;
    let core: NumberCore | null = null;
    let skipTo = position + candidate[0].length;
    if (isDigit(text.charCodeAt(position))) {
      const read = readDigits(text, position);
      skipTo = Math.max(skipTo, read.end);
      core = read.core;
      // "5-4", "3–1": a score or a vote tally counts no thing; neither number is a figure.
      const scoreEnd = core === null ? -1 : scoreTallyEnd(text, core);
      if (scoreEnd >= 0) {
        core = null;
        skipTo = scoreEnd;
      }
    } else {
      const parsed = parseNumberWords(text, position);
      if (parsed !== null) {
        core = withScaleAndUnit(text, {
          start: position,
          end: parsed.end,
          value: parsed.value,
          words: true,
          currency: null,
          percent: false,
          unit: null,
          scaled: false,
        });
      }
    }
    if (core !== null) {
      skipTo = Math.max(skipTo, core.end);
      const figure = buildFigure(text, core, previousFigureEnd);
      if (figure !== null) {
        figures.push(figure);
        previousFigureEnd = figure.end;
        skipTo = Math.max(skipTo, figure.end);
      }
    }
    candidates.lastIndex = skipTo;
  }
  return figures;
}

// Digits, or a word that can start a number ("a" only before a scale word or "dozen").
const FIGURE_CANDIDATE =
  /\d+|\b(?:[Zz]ero|[Oo]ne|[Tt](?:wo|hree|en|welve|hirteen|wenty|hirty)|[Ff](?:our|ive|ourteen|ifteen|orty|ifty)|[Ss](?:ix|even|ixteen|eventeen|ixty|eventy)|[Ee](?:ight|leven|ighteen|ighty)|[Nn](?:ine|ineteen|inety)|[Aa](?= +(?:hundred|thousand|million|billion|dozen)))\b/g;

const DIGITS = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/y;

/**
 * Reads a number in digits at `start` and what is glued to it; `core` is null when it is not a
 * figure. `rangeEnd` is set when reading the high end of "40-50", whose dash is expected.
 */
function readDigits(text: string, start: number, rangeEnd = false): { end: number; core: NumberCore | null } {
  DIGITS.lastIndex = start;
  const match = DIGITS.exec(text);
  const raw = match?.[0] ?? text[start] ?? '';
  const end = start + raw.length;
  const before = text[start - 1] ?? '';
  const beforeBefore = text[start - 2] ?? '';
  const after = text[end] ?? '';
  const afterAfter = text[end + 1] ?? '';
  if ((after === ':' || after === '/' || after === '.' || after === ',') && isDigit(afterAfter.charCodeAt(0))) {
    return { end: tokenEnd(text, end), core: null };
  }
  // "G7", "MH17", "#1", "F-16", "Su-24", "'90s", "v2".
  if (
    isLetter(before.charCodeAt(0)) ||
    before === '#' ||
    before === '_' ||
    ((before === '-' || before === '‑') && isLetter(beforeBefore.charCodeAt(0)))
  ) {
    return { end: tokenEnd(text, end), core: null };
  }
  // The tail of a token whose head was no figure: "2015-02-30", "2014-2015", "555-1234".
  if (!rangeEnd && (before === '-' || before === '–' || before === '/') && isDigit(beforeBefore.charCodeAt(0))) {
    return { end: tokenEnd(text, end), core: null };
  }
  if (before === "'" || before === '’') {
    return { end: tokenEnd(text, end), core: null };
  }
  // "No. 10", "number 7": a label, not a count.
  if (
    mayFollowLabel(text, start) &&
    /(?:\bNo\.|\bNos\.|\bnumber)\s?$/i.test(text.slice(Math.max(0, start - 8), start))
  ) {
    return { end: tokenEnd(text, end), core: null };
  }
  const value = Number(raw.includes(',') ? raw.replace(/,/g, '') : raw);
  const core: NumberCore = {
    start,
    end,
    value,
    words: false,
    currency: null,
    percent: false,
    unit: null,
    scaled: false,
  };
  // Letters glued to the digits: a scale ("3bn"), a unit ("5km"), or something that makes it no figure.
  if (isLetter(after.charCodeAt(0))) {
    let lettersEnd = end;
    while (lettersEnd < text.length && isLetter(text.charCodeAt(lettersEnd))) {
      lettersEnd++;
    }
    const glued = text.slice(end, lettersEnd).toLowerCase();
    if (isDigit(text.charCodeAt(lettersEnd))) {
      return { end: tokenEnd(text, end), core: null };
    }
    const scale = GLUED_SCALES.get(glued);
    const currencyBefore = currencyBeforeSign(text, start);
    if (
      scale !== undefined &&
      (glued !== 'm' || currencyBefore !== null) &&
      (glued !== 'b' || currencyBefore !== null)
    ) {
      core.value *= scale;
      core.scaled = true;
      core.end = lettersEnd;
    } else if (GLUED_UNITS.has(glued)) {
      core.unit = text.slice(end, lettersEnd);
      core.end = lettersEnd;
    } else {
      // "10th", "1990s", "9pm", "3D", "5G".
      return { end: lettersEnd, core: null };
    }
  }
  return { end: core.end, core: withScaleAndUnit(text, core) };
}

/**
 * False when the label pattern in `readDigits` ("No.", "Nos.", "number", then at most one space)
 * cannot end at `start`: the character before (or before one space) is neither a stop nor an "r".
 * Settles almost every number without slicing the text and running the pattern.
 */
function mayFollowLabel(text: string, start: number): boolean {
  let before = text.charCodeAt(start - 1);
  if (isJavaScriptSpace(before)) {
    before = text.charCodeAt(start - 2);
  }
  return before === 0x2e /* . */ || before === 0x72 /* r */ || before === 0x52; /* R */
}

/** The end of a token we do not treat as a figure: "10:30", "10/16", "2.5.1", "MH17". */
function tokenEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    const joiner = code === 0x3a || code === 0x2f || code === 0x2e || code === 0x2c;
    if (joiner) {
      // A stop or comma before a space ends the sentence or clause, not the token.
      if (!isDigit(text.charCodeAt(end + 1)) && !isLetter(text.charCodeAt(end + 1))) {
        break;
      }
    } else if (!isDigit(code) && !isLetter(code)) {
      break;
    }
    end++;
  }
  return end;
}

/** The currency sign just before `start` ("$5", "US$ 5", "€ 2"), as an ISO code, or null. */
function currencyBeforeSign(text: string, start: number): { code: string; start: number } | null {
  let position = start;
  if (text[position - 1] === ' ' || text[position - 1] === '\u00a0') {
    position--;
  }
  const sign = text[position - 1] ?? '';
  const code = CURRENCY_SIGNS.get(sign);
  if (code === undefined) {
    return null;
  }
  position--;
  if (sign === '$') {
    const prefix = /([A-Z]{1,2})$/.exec(text.slice(Math.max(0, position - 2), position));
    const sharpened = prefix?.[1] === undefined ? undefined : DOLLAR_PREFIXES.get(prefix[1]);
    if (prefix !== null && sharpened !== undefined && !isLetter(text.charCodeAt(position - prefix[0].length - 1))) {
      return { code: sharpened, start: position - prefix[0].length };
    }
  }
  return { code, start: position };
}

const SPACED_WORD = /[ \u00a0]+([A-Za-z]+)/y;

/** Applies a spaced scale ("1.2 million"), a percent sign or word, and a currency word after the number. */
function withScaleAndUnit(text: string, core: NumberCore): NumberCore | null {
  let end = core.end;
  if (!core.words) {
    SPACED_WORD.lastIndex = end;
    const scaleMatch = SPACED_WORD.exec(text);
    const scale = scaleMatch?.[1] === undefined ? undefined : SPACED_SCALES.get(scaleMatch[1].toLowerCase());
    if (scaleMatch !== null && scale !== undefined && !core.scaled) {
      core.value *= scale;
      core.scaled = true;
      end = SPACED_WORD.lastIndex;
    }
  }
  if (text[end] === '%' || (text[end] === ' ' && text[end + 1] === '%')) {
    core.percent = true;
    core.unit = '%';
    end = text.indexOf('%', end) + 1;
  } else {
    const rest = mayNamePercent(text, end)
      ? /^[ \u00a0]+(percentage points?|per ?cent|pct)\b/i.exec(text.slice(end, end + 24))
      : null;
    if (rest !== null) {
      const word = rest[1]?.toLowerCase() ?? '';
      core.percent = true;
      core.unit = word.startsWith('percentage') ? 'percentage points' : '%';
      end += rest[0].length;
    } else {
      SPACED_WORD.lastIndex = end;
      const currencyMatch = SPACED_WORD.exec(text);
      const currency =
        currencyMatch?.[1] === undefined ? undefined : CURRENCY_WORDS.get(currencyMatch[1].toLowerCase());
      if (currencyMatch !== null && currency !== undefined) {
        core.currency = currency;
        core.unit = currency;
        end = SPACED_WORD.lastIndex;
      }
    }
  }
  core.end = end;
  return core;
}

/** False when no "percent" word can follow `end`: it needs spaces and then a "p". */
function mayNamePercent(text: string, end: number): boolean {
  let position = end;
  while (text.charCodeAt(position) === 0x20 || text.charCodeAt(position) === 0xa0) {
    position++;
  }
  return position > end && (text.charCodeAt(position) | 0x20) === 0x70;
}

function buildFigure(text: string, first: NumberCore, previousFigureEnd: number): Entity | null {
  let start = first.start;
  let end = first.end;
  let value = first.value;
  let valueHigh: number | undefined;
  let currency = first.currency;
  let unit = first.unit;
  let percent = first.percent;
  let range = false;

  const sign = first.words ? null : currencyBeforeSign(text, first.start);
  if (sign !== null && currency === null) {
    currency = sign.code;
    unit = sign.code;
    start = sign.start;
  }

  if (isYear(text, first, sign !== null) || besideMonth(text, first) || isTime(text, first)) {
    return null;
  }

  // Ranges: "40-50", "40 to 50", "between 40 and 50".
  const high = readRangeEnd(text, first, start);
  if (high !== null) {
    range = true;
    valueHigh = high.core.value;
    end = high.core.end;
    if (high.core.scaled && !first.scaled) {
      // "2 to 3 million": the scale covers both ends.
      const scale = high.core.value / high.rawValue;
      value *= scale;
    }
    if (high.core.percent) {
      percent = true;
      unit = high.core.unit;
    }
    if (high.core.currency !== null && currency === null) {
      currency = high.core.currency;
      unit = currency;
    }
    if (high.between !== null) {
      start = Math.min(start, high.between);
    }
  }

  // The qualifier sits before the currency sign and before "between".
  let qualifier: string | undefined;
  const found = qualifierBefore(text, start);
  if (found !== null) {
    const word = found.qualifier;
    const qualifierStart = found.start;
    const afterFigure = previousFigureEnd >= 0 && /^[\s,]*$/.test(text.slice(previousFigureEnd, qualifierStart));
    const afterNoun = afterFigure || (PREPOSITION_QUALIFIERS.has(word) && endsWithNoun(text, qualifierStart));
    if (!(PREPOSITION_QUALIFIERS.has(word) && afterNoun)) {
      qualifier = word;
      start = qualifierStart;
    }
  }

  if (unit === null && !percent) {
    const counted = countedNoun(text, end, value);
    if (counted !== null) {
      unit = counted.unit;
      end = counted.end;
    }
  }

  let reason: string;
  if (range) {
    reason = 'figure.range';
  } else if (currency !== null) {
    reason = 'figure.money';
  } else if (percent) {
    reason = 'figure.percent';
  } else if (first.words) {
    reason = 'figure.words';
  } else {
    reason = 'figure.digits';
  }
  if (qualifier !== undefined) {
    reason += '+approximator';
  }

  const figure: Entity = { kind: 'figure', start, end, text: text.slice(start, end), reason, value };
  if (valueHigh !== undefined) {
    figure.valueHigh = valueHigh;
  }
  if (unit !== null) {
    figure.unit = unit;
  }
  if (qualifier !== undefined) {
    figure.qualifier = qualifier;
  }
  return figure;
}

const SCORE_TAIL = /[-–](\d{1,3})(?!\d|[.,]\d|[-–]|[A-Za-z%])/y;

/** The end of "5-4" when `core` opens a score or tally (the second number not above the first), or -1. */
function scoreTallyEnd(text: string, core: NumberCore): number {
  if (core.scaled || core.unit !== null || core.percent || !Number.isInteger(core.value) || core.value > 999) {
    return -1;
  }
  SCORE_TAIL.lastIndex = core.end;
  const match = SCORE_TAIL.exec(text);
  if (match === null || Number(match[1]) > core.value || currencyBeforeSign(text, core.start) !== null) {
    return -1;
  }
  return SCORE_TAIL.lastIndex;
}

/** A bare year: four digits from 1800 to 2100, no comma, no currency, percent or scale. */
function isYear(text: string, core: NumberCore, hasCurrency: boolean): boolean {
  if (core.words || hasCurrency || core.percent || core.scaled || core.currency !== null || core.unit !== null) {
    return false;
  }
  // Four digits at the start, by char code rather than `/^\d{4}$/` on a slice.
  const fourDigits =
    core.start + 4 <= text.length &&
    isDigit(text.charCodeAt(core.start)) &&
    isDigit(text.charCodeAt(core.start + 1)) &&
    isDigit(text.charCodeAt(core.start + 2)) &&
    isDigit(text.charCodeAt(core.start + 3));
  return fourDigits && core.value >= 1800 && core.value <= 2100 && !isDigit(text.charCodeAt(core.start + 4));
}

/** "October 16", "Oct. 3", "16 October": a day of the month, even if no date entity covers it. */
function besideMonth(text: string, core: NumberCore): boolean {
  if (core.words || core.value > 31 || !Number.isInteger(core.value)) {
    return false;
  }
  // Each pattern runs only when the character next to the number can start it: a space before
  // ("October 16"), a space or an ordinal's first letter after ("16 October", "16th of October").
  const before = isJavaScriptSpace(text.charCodeAt(core.start - 1))
    ? /([A-Za-z]+)\.?\s+$/.exec(text.slice(Math.max(0, core.start - 12), core.start))
    : null;
  if (before?.[1] !== undefined && MONTHS.test(before[1].toLowerCase())) {
    return true;
  }
  const next = text.charCodeAt(core.end);
  const mayNameMonth = isJavaScriptSpace(next) || next === 0x73 || next === 0x6e || next === 0x72 || next === 0x74;
  const after = mayNameMonth
    ? /^(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]+)/.exec(text.slice(core.end, core.end + 16))
    : null;
  return (
    after?.[1] !== undefined &&
    MONTHS.test(after[1].toLowerCase()) &&
    after[1].length >= 3 &&
    isUpper(after[1].charCodeAt(0))
  );
}

/** "9 a.m.", "9 pm", "5 o'clock". */
function isTime(text: string, core: NumberCore): boolean {
  if (core.value > 12) {
    return false;
  }
  // The pattern's first letter (after one optional space) is an "a", "p" or "o"; anything else
  // settles it without a slice.
  let next = text.charCodeAt(core.end);
  if (isJavaScriptSpace(next)) {
    next = text.charCodeAt(core.end + 1);
  }
  const lower = next | 0x20;
  if (lower !== 0x61 && lower !== 0x70 && lower !== 0x6f) {
    return false;
  }
  return /^\s?(?:[ap]\.m\.|[ap]m\b|o['’]clock)/i.test(text.slice(core.end, core.end + 8));
}

interface RangeEnd {
  core: NumberCore;
  rawValue: number;
  /** Start of "between" when the range was written "between X and Y". */
  between: number | null;
}

function readRangeEnd(text: string, first: NumberCore, figureStart: number): RangeEnd | null {
  // Every connector below opens with a space or a dash; most numbers are followed by neither.
  const next = text.charCodeAt(first.end);
  if (!isJavaScriptSpace(next) && next !== 0x2d && next !== 0x2013 && next !== 0x2011) {
    return null;
  }
  const tail = text.slice(first.end, first.end + 8);
  const betweenMatch = /(?:^|[^A-Za-z])(between)\s+$/i.exec(text.slice(Math.max(0, figureStart - 10), figureStart));
  let connector: RegExpExecArray | null;
  if (betweenMatch !== null) {
    connector = /^\s+and\s+/.exec(tail);
  } else {
    connector = /^(?:\s*[-–‑]\s*|\s+to\s+)/.exec(tail);
    // "from 40 to 50" is a change, not a range.
    if (
      connector !== null &&
      /\bto\b/.test(connector[0]) &&
      /(?:^|[^A-Za-z])from\s+\S*$/i.test(text.slice(Math.max(0, figureStart - 8), figureStart))
    ) {
      return null;
    }
  }
  if (connector === null) {
    return null;
  }
  const secondStart = first.end + connector[0].length;
  // A currency sign may repeat on the high end: "$40-$50".
  const signOffset = CURRENCY_SIGNS.has(text[secondStart] ?? '') ? 1 : 0;
  let second: NumberCore | null = null;
  let rawValue = 0;
  if (isDigit(text.charCodeAt(secondStart + signOffset)) && !first.words) {
    const read = readDigits(text, secondStart + signOffset, true);
    second = read.core;
    DIGITS.lastIndex = secondStart + signOffset;
    rawValue = Number((DIGITS.exec(text)?.[0] ?? '0').replace(/,/g, ''));
  } else if (first.words) {
    const parsed = parseNumberWords(text, secondStart);
    if (parsed !== null) {
      second = withScaleAndUnit(text, {
        start: secondStart,
        end: parsed.end,
        value: parsed.value,
        words: true,
        currency: null,
        percent: false,
        unit: null,
        scaled: false,
      });
      rawValue = parsed.value;
    }
  }
  if (second === null) {
    return null;
  }
  // The high end must be higher: "10-2" is a score, not a range. Compare before a scale that
  // only the high end carries ("2 to 3 million").
  const comparable = second.scaled && !first.scaled ? rawValue : second.value;
  if (comparable <= first.value) {
    return null;
  }
  // "2014-2015" is a span of years, not a range of counts.
  if (isYear(text, first, false) && isYear(text, second, false)) {
    return null;
  }
  const betweenStart =
    betweenMatch === null
      ? null
      : Math.max(0, figureStart - 10) + betweenMatch.index + betweenMatch[0].indexOf(betweenMatch[1] ?? 'between');
  return { core: second, rawValue, between: betweenStart };
}

/** True when the word ending just before `position` (after spaces) looks like a plural noun. */
function endsWithNoun(text: string, position: number): boolean {
  const before = /([A-Za-z]+)\s*$/.exec(text.slice(Math.max(0, position - 20), position));
  const word = before?.[1]?.toLowerCase();
  return word !== undefined && looksPlural(word) && !STOP_WORDS.has(word);
}

function looksPlural(lower: string): boolean {
  if (IRREGULAR_PLURALS.has(lower)) {
    return true;
  }
  return (
    lower.length > 2 && lower.endsWith('s') && !lower.endsWith('ss') && !lower.endsWith('us') && !lower.endsWith('is')
  );
}

const NEXT_WORD = /[ \u00a0]+([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)/y;

/** A hyphen left hanging before "and", "or" or "to": the first half of a suspended compound. */
const SUSPENDED_HYPHEN = /[-\u2011][ \u00a0]+(?:and|or|to)(?=[ \u00a0])/y;

const QUOTED_UNIT = /[ \u00a0]+(["“‘`'])([A-Za-z]+)(["”’`'])/y;

/** True when `closing` is the mark that closes `opening` in one of the styles pass 2 knows. */
function closesMark(opening: string, closing: string): boolean {
  switch (opening) {
    case '"':
      return closing === '"' || closing === '”';
    case '“':
      return closing === '”' || closing === '"';
    case '‘':
      return closing === '’';
    case '`':
      return closing === '`' || closing === "'";
    case "'":
      return closing === "'";
    default:
      return false;
  }
}

/** The counted noun after a figure: its head word and where the phrase ends. */
function countedNoun(text: string, from: number, value: number): { unit: string; end: number } | null {
  // "22-year-old", "12-member": a compound glued to the number with a hyphen.
  const hyphen = text.charCodeAt(from);
  const compound =
    hyphen === 0x2d || hyphen === 0x2011 ? /^[-‑]([A-Za-z]+(?:-[A-Za-z]+)*)/.exec(text.slice(from, from + 30)) : null;
  if (compound?.[1] !== undefined) {
    return { unit: compound[1], end: from + compound[0].length };
  }
  // A one-word unit in quotation marks, as wires mark a disputed word: `some 600 "militants"`.
  // The figure then takes the whole quoted word, marks included, so it contains the quote.
  QUOTED_UNIT.lastIndex = from;
  const quoted = QUOTED_UNIT.exec(text);
  if (quoted?.[2] !== undefined && closesMark(quoted[1] ?? '', quoted[3] ?? '')) {
    return { unit: quoted[2], end: QUOTED_UNIT.lastIndex };
  }
  const run: Array<{ word: string; end: number }> = [];
  let position = from;
  while (run.length < 3) {
    NEXT_WORD.lastIndex = position;
    const match = NEXT_WORD.exec(text);
    const word = match?.[1];
    if (match === null || word === undefined) {
      break;
    }
    const lower = word.toLowerCase();
    // An all-capitals word ("IS", "US") is an acronym, never a function word.
    const acronym = word.length >= 2 && word === word.toUpperCase();
    if ((!acronym && STOP_WORDS.has(lower)) || MONTHS.test(lower) || lower.endsWith('ly')) {
      break;
    }
    const wordEnd = NEXT_WORD.lastIndex;
    // A word glued to digits or another sign is not part of the phrase.
    if (isDigit(text.charCodeAt(wordEnd))) {
      break;
    }
    run.push({ word, end: wordEnd });
    position = wordEnd;
    const plural =
      looksPlural(lower) && !(isUpper(word.charCodeAt(0)) && word.length <= 3 && word === word.toUpperCase());
    if (plural || (value === 1 && run.length === 1)) {
      return { unit: word, end: wordEnd };
    }
    // A suspended hyphen ("40 coal- and gas-fired plants") shares its second half with the next
    // modifier, so the phrase goes on past "- and" to the noun both modifiers describe.
    SUSPENDED_HYPHEN.lastIndex = wordEnd;
    if (SUSPENDED_HYPHEN.test(text)) {
      position = SUSPENDED_HYPHEN.lastIndex;
      continue;
    }
    // Punctuation after the word ends the phrase.
    const next = text[wordEnd] ?? '';
    if (next !== ' ' && next !== '\u00a0') {
      break;
    }
  }
  const last = run[run.length - 1];
  if (last !== undefined && run.length <= 2 && !isUpper(last.word.charCodeAt(0)) && !/(?:ed|ing)$/.test(last.word)) {
    return { unit: last.word, end: last.end };
  }
  return null;
}
