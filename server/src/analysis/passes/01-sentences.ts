// Pass 1: paragraphs, sentences, the dateline and the article date.
//
// Paragraphs: news copy is usually written one paragraph per line, so a line break (LF, CRLF, CR,
// U+2028/9) ends a paragraph. Markdown and hard-wrapped copy instead separate paragraphs with blank
// lines and wrap long paragraphs over several lines; when a text has any blank line between two
// lines of text, a single line break is read as such a wrap and does not end the paragraph. Even
// then the first line (the headline) stands alone, a markdown heading ends its paragraph, and a
// line that opens with a markdown block marker ("- ", "> ", "1. ", "|") starts a new one. Blank
// lines make no paragraph. A paragraph's span has no surrounding spaces.
//
// Sentences are found per paragraph by `splitSentences`, a pure function of the paragraph's text
// whose offsets are relative to it; `runSentences` reaches it through `perParagraph()`, so an
// incremental run reuses it by content. Rules, in order of how often they matter:
// - a terminator (. ! ? … or a run of them) ends a sentence only before whitespace and then a
//   capital, a digit, an opening quote or bracket, or an emoji; closing quotes and brackets stay
//   with the sentence they end;
// - titles (Mr., Dr., Gen., Sen., St., vs. ...) never end one; month abbreviations and "No." do
//   not before a number; single capitals are initials ("John F. Kennedy", "J.R.R.");
// - dotted abbreviations ("U.S.", "a.m.") end one only before a common sentence opener ("The",
//   "He", ...), since a capital after them is usually a name ("U.S. Army");
// - inside a double quote, breaks wait for the quote to close: when it closes on a comma or dash,
//   or on ? or ! followed by an attribution ("he said", "Graham asked"), the quote and its
//   attribution are one sentence (`"We will fight. We will win," he said.`); otherwise the breaks
//   stand;
// - a markdown block marker ("# ", "> ", "- ", "1. ") is not part of a sentence, and a span with
//   no letter or digit (a markdown rule) is no sentence.
//
// The article date: when the options and configuration give none, a dateline with a year
// ("LONDON, Oct. 3, 2015 —") sets it. A dateline without a year is still recognised (and the date
// finder labels its date) but sets nothing: the analysis never reads the clock to guess a year.
import type { AnalysisContext } from '../context';
import { perParagraph } from '../incremental';
import type { Paragraph, Sentence } from '../types';
import { isDigit, isLetter, isLetterOrDigit, isUpper, isWhitespace } from '../text/chars';
import { markdownPrefixLength } from '../text/markdown';
import { DATELINE_PARAGRAPH_LIMIT, findDateline, formatIsoDate, MONTH_ABBREVIATIONS } from '../text/dateline';
import { US_STATE_ABBREVIATIONS } from '../data/places';

export function runSentences(context: AnalysisContext): void {
  const { text } = context;
  context.paragraphs = splitParagraphs(text);
  const sentences: Sentence[] = [];
  for (const paragraph of context.paragraphs) {
    const paragraphText = text.slice(paragraph.start, paragraph.end);
    // Cached by paragraph text in an incremental run; the spans are read, never changed.
    for (const relative of perParagraph(context, 'sentences', paragraphText, splitSentences)) {
      sentences.push({
        start: paragraph.start + relative.start,
        end: paragraph.start + relative.end,
        paragraph: paragraph.index,
      });
    }
  }
  context.sentences = sentences;
  if (context.articleDate === null) {
    context.articleDate = articleDateFromDateline(text, context.paragraphs);
  }
}

/** Splits the text into paragraphs (see the rules at the top of this file). */
export function splitParagraphs(text: string): Paragraph[] {
  const lines = splitLines(text);
  const wrapped = hasBlankLineBetweenText(lines);
  const paragraphs: Paragraph[] = [];
  let previous: TextLine | undefined;
  for (const line of lines) {
    const last = paragraphs[paragraphs.length - 1];
    // The headline (the first paragraph) and markdown headings never take a wrapped line.
    const joinsPrevious =
      wrapped &&
      last !== undefined &&
      previous !== undefined &&
      !previous.blankAfter &&
      paragraphs.length > 1 &&
      text.charCodeAt(previous.start) !== 0x23 /* # */ &&
      !startsBlock(text, line);
    if (joinsPrevious && last !== undefined) {
      last.end = line.end;
    } else {
      paragraphs.push({ start: line.start, end: line.end, index: paragraphs.length });
    }
    previous = line;
  }
  return paragraphs;
}

interface TextLine {
  /** Offsets of the line's text without surrounding spaces. */
  start: number;
  end: number;
  /** True when one or more blank lines follow this line before the next line of text. */
  blankAfter: boolean;
}

/** The non-blank lines of the text, trimmed, each noting whether a blank line follows it. */
function splitLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  let lineStart = 0;
  // Most texts break lines with \n alone. For them `indexOf('\n')`, which V8 runs as a fast
  // memory search, finds the breaks instead of the pattern, which reads every character (the
  // pattern cost a fifth of this pass). The four `indexOf` checks are fast for the same reason.
  const newlinesOnly = OTHER_LINE_BREAKS.every((mark) => !text.includes(mark));
  LINE_BREAK.lastIndex = 0;
  for (;;) {
    let found: boolean;
    let breakEnd: number;
    if (newlinesOnly) {
      const newline = text.indexOf('\n', lineStart);
      found = newline >= 0;
      breakEnd = found ? newline + 1 : text.length;
    } else {
      // `test()` and `lastIndex` instead of `exec()`: no match array is built per line.
      found = LINE_BREAK.test(text);
      breakEnd = found ? LINE_BREAK.lastIndex : text.length;
    }
    // CRLF is the only two-character break, and the pattern always takes its \r and \n together.
    const breakLength =
      found && text.charCodeAt(breakEnd - 1) === 0x0a && text.charCodeAt(breakEnd - 2) === 0x0d ? 2 : found ? 1 : 0;
    const lineEnd = breakEnd - breakLength;
    let start = lineStart;
    let end = lineEnd;
    while (start < end && isWhitespace(text.charCodeAt(start))) {
      start++;
    }
    while (end > start && isWhitespace(text.charCodeAt(end - 1))) {
      end--;
    }
    if (end > start) {
      lines.push({ start, end, blankAfter: false });
    } else {
      const last = lines[lines.length - 1];
      if (last !== undefined) {
        last.blankAfter = true;
      }
    }
    if (!found) {
      return lines;
    }
    lineStart = breakEnd;
  }
}

function hasBlankLineBetweenText(lines: readonly TextLine[]): boolean {
  for (let index = 0; index + 1 < lines.length; index++) {
    if (lines[index]?.blankAfter === true) {
      return true;
    }
  }
  return false;
}

/** True for a line that is a markdown heading, block quote, list item or table row. */
function startsBlock(text: string, line: TextLine): boolean {
  const first = text.charCodeAt(line.start);
  return (
    first === 0x7c /* | */ || markdownPrefixLength(text.slice(line.start, Math.min(line.end, line.start + 12))) > 0
  );
}

// CRLF counts as one break, so that it never makes an empty line between two paragraphs.
const LINE_BREAK = /\r\n?|[\n\u2028\u2029\u0085]/g;
/** The line breaks LINE_BREAK knows besides \n. */
const OTHER_LINE_BREAKS = ['\r', '\u2028', '\u2029', '\u0085'];

function articleDateFromDateline(text: string, paragraphs: readonly Paragraph[]): string | null {
  const limit = Math.min(paragraphs.length, DATELINE_PARAGRAPH_LIMIT);
  for (let index = 0; index < limit; index++) {
    const paragraph = paragraphs[index];
    if (paragraph === undefined) {
      continue;
    }
    const dateline = findDateline(text.slice(paragraph.start, paragraph.end));
    if (dateline === null) {
      continue;
    }
    if (dateline.year !== null && dateline.month !== null && dateline.day !== null) {
      return formatIsoDate(dateline.year, dateline.month, dateline.day);
    }
    return null;
  }
  return null;
}

export interface RelativeSpan {
  start: number;
  end: number;
}

// Abbreviations whose full stop never ends a sentence: titles come before a name.
const TITLE_ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'messrs',
  'dr',
  'prof',
  'gen',
  'col',
  'lt',
  'maj',
  'capt',
  'cpt',
  'sgt',
  'cpl',
  'pvt',
  'adm',
  'cmdr',
  'brig',
  'sen',
  'sens',
  'rep',
  'reps',
  'gov',
  'govs',
  'pres',
  'rev',
  'hon',
  'supt',
  'insp',
  'det',
  'st',
  'mt',
  'ft',
  'vs',
  'v',
  'approx',
  'cf',
  'fig',
]);

// Abbreviations that do not end a sentence when a number follows ("Oct. 16", "No. 10").
const BEFORE_NUMBER_ABBREVIATIONS = new Set([...MONTH_ABBREVIATIONS, 'no', 'nos', 'art', 'vol', 'p', 'pp']);

// After a dotted abbreviation ("U.S.", "p.m.") a capital usually starts a name ("U.S. Army"), so
// the stop ends the sentence only when one of these common sentence openers follows.
const SENTENCE_OPENERS = new Set([
  'the',
  'a',
  'an',
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'you',
  'this',
  'that',
  'these',
  'those',
  'there',
  'but',
  'and',
  'in',
  'on',
  'at',
  'as',
  'his',
  'her',
  'its',
  'their',
  'our',
  'if',
  'when',
  'after',
  'before',
  'while',
  'some',
  'many',
  'most',
  'no',
  'not',
  'officials',
  'police',
]);

// Opening marks that may start a sentence.
const OPENERS = new Set(['"', '“', '‘', "'", '«', '`', '(', '[', '„', '‹']);
// Closing marks that stay with the sentence they end: " ” ’ ' » ) ] ›, by char code, because
// the check runs after every terminator and a one-character string per check showed in profiles.
function isCloser(code: number): boolean {
  return (
    code === 0x22 ||
    code === 0x201d ||
    code === 0x2019 ||
    code === 0x27 ||
    code === 0xbb ||
    code === 0x29 ||
    code === 0x5d ||
    code === 0x203a
  );
}

/**
 * Splits one paragraph's text into sentences. Pure: offsets are relative to `paragraphText`.
 * Sentences exclude a markdown block marker and surrounding spaces, and a span with no letter or
 * digit (a markdown rule such as `---`) is not a sentence.
 */
export function splitSentences(paragraphText: string): RelativeSpan[] {
  const text = paragraphText;
  const length = text.length;
  const bodyStart = markdownPrefixLength(text);

  const boundaries: number[] = [];
  // Boundaries found inside an open double quote wait until the quote closes: when it closes on
  // a comma or dash (`"We will fight. We will win," he said.`) the quote and its attribution are
  // one sentence, so they are dropped; otherwise they stand.
  let pendingInQuote: number[] = [];
  let quoteOpen = false;

  // Jump from one quotation mark or terminator to the next; everything between is plain words.
  // `test()` and `lastIndex` instead of `exec()`: every event is one character, and no match
  // array is built per event.
  const events = SENTENCE_EVENTS;
  events.lastIndex = bodyStart;
  while (events.test(text)) {
    const position = events.lastIndex - 1;
    const char = text.charAt(position);
    if (char === '"' || char === '“' || char === '”' || char === '«' || char === '»') {
      const opens = char === '“' || char === '«' || (char === '"' && !quoteOpen);
      if (opens) {
        quoteOpen = true;
        pendingInQuote = [];
      } else if (quoteOpen) {
        quoteOpen = false;
        const before = text[position - 1] ?? '';
        const attributed =
          before === ',' ||
          before === '—' ||
          before === '–' ||
          before === '-' ||
          ((before === '?' || before === '!') && attributionFollows(text, position + 1));
        if (!attributed) {
          boundaries.push(...pendingInQuote);
        }
        pendingInQuote = [];
      }
      continue;
    }
    let after = position + 1;
    while (after < length && isTerminator(text.charCodeAt(after))) {
      after++;
    }
    const boundary = sentenceEndAfterTerminator(text, position, after);
    if (boundary === null) {
      events.lastIndex = after;
      continue;
    }
    // A closing quote absorbed into this sentence end also closes the quote for our tracking.
    if (quoteOpen && hasClosingDoubleMark(text, after, boundary)) {
      quoteOpen = false;
      boundaries.push(...pendingInQuote, boundary);
      pendingInQuote = [];
    } else if (quoteOpen) {
      pendingInQuote.push(boundary);
    } else {
      boundaries.push(boundary);
    }
    events.lastIndex = boundary;
  }
  // A quote still open at the paragraph end keeps its sentence breaks.
  // Boundaries were pushed in document order, so no sort is needed.
  boundaries.push(...pendingInQuote);

  const sentences: RelativeSpan[] = [];
  let start = bodyStart;
  for (const boundary of boundaries) {
    pushTrimmed(text, start, boundary, sentences);
    start = boundary;
  }
  pushTrimmed(text, start, length, sentences);
  return sentences;
}

const SENTENCE_EVENTS = /[.!?…"“”«»]/g;

function isTerminator(code: number): boolean {
  return code === 0x2e || code === 0x21 || code === 0x3f || code === 0x2026;
}

function hasClosingDoubleMark(text: string, from: number, to: number): boolean {
  for (let position = from; position < to; position++) {
    const code = text.charCodeAt(position);
    if (code === 0x22 || code === 0x201d || code === 0xbb) {
      return true;
    }
  }
  return false;
}

/**
 * Decides whether the terminator run `[start, after)` ends a sentence. Returns the sentence end
 * (after any closing quotes or brackets), or null when the run does not end one.
 */
function sentenceEndAfterTerminator(text: string, start: number, after: number): number | null {
  const length = text.length;
  let end = after;
  // Closing quotes and brackets belong to the sentence they close (`win."`, `(approx.)`, ``''``).
  while (end < length && isCloser(text.charCodeAt(end))) {
    end++;
  }
  if (end >= length) {
    return null;
  }
  // A stop followed by a non-space is inside a token: "2.5", "U.S.", "example.com".
  if (!isWhitespace(text.charCodeAt(end))) {
    return null;
  }
  let next = end;
  while (next < length && isWhitespace(text.charCodeAt(next))) {
    next++;
  }
  if (next >= length) {
    return null;
  }
  const nextChar = text[next] ?? '';
  const nextCode = text.charCodeAt(next);
  const startsSentence = isUpper(nextCode) || isDigit(nextCode) || OPENERS.has(nextChar) || isEmojiStart(nextCode);
  if (!startsSentence) {
    return null;
  }
  // `"Is it over?" Graham asked.`: a name and a reporting verb after a closed question or
  // exclamation belong to the quote.
  if (end > after && text[start] !== '.' && attributionFollows(text, end)) {
    return null;
  }
  const singleStop = after - start === 1 && text[start] === '.';
  if (!singleStop) {
    return end;
  }
  const word = wordBefore(text, start);
  if (word.length === 0) {
    return end;
  }
  const lower = word.toLowerCase();
  if (TITLE_ABBREVIATIONS.has(lower)) {
    return null;
  }
  if (BEFORE_NUMBER_ABBREVIATIONS.has(lower) && isDigit(nextCode)) {
    return null;
  }
  if (isStateBeforeTitle(text, start - word.length, word, next)) {
    return null;
  }
  // An initial: "John F. Kennedy", the last letter of "J.R.R.".
  if (word.length === 1 && isUpper(word.charCodeAt(0))) {
    return null;
  }
  if (word.includes('.')) {
    // "e.g." and "i.e." never end a sentence; "U.S." and "p.m." end one only before an opener.
    if (lower === 'e.g' || lower === 'i.e') {
      return null;
    }
    return SENTENCE_OPENERS.has(nextWord(text, next).toLowerCase()) ? end : null;
  }
  return end;
}

// One to three capitalised words, then a reporting verb: "Graham asked", "Mayor Elena Castellano said".
const NAME_THEN_REPORTING_VERB =
  /^\s+(?:[A-Z][\p{L}'’.-]*\s+){1,3}(?:said|says|asked|asks|added|adds|told|wrote|writes|continued|replied|explained|noted|insisted|declared|tweeted|recalled|shouted|exclaimed|cried|laughed|answered|wondered)\b/u;

/** True when what follows `position` attributes the quote just closed: a lowercase word or a name and a verb. */
function attributionFollows(text: string, position: number): boolean {
  let next = position;
  while (next < text.length && isWhitespace(text.charCodeAt(next))) {
    next++;
  }
  if (next === position && next < text.length) {
    return false;
  }
  const code = text.charCodeAt(next);
  if (code >= 0x61 && code <= 0x7a) {
    return true;
  }
  return NAME_THEN_REPORTING_VERB.test(text.slice(position, position + 60));
}

function isEmojiStart(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The letters (with inner stops, as in "U.S" or "a.m") just before `position`. */
/** State abbreviations as news style writes them, without their final stop ("Fla", "N.Y"). */
const STATE_ABBREVIATIONS: ReadonlySet<string> = new Set(
  US_STATE_ABBREVIATIONS.map(([abbreviation]) => abbreviation.slice(0, -1)),
);

/**
 * True for a state abbreviation used as a modifier before a title: "said Fla. Gov. Rick Scott".
 * After a comma ("Tallahassee, Fla. Gov. …") the abbreviation may close a place at the end of a
 * sentence, so that reading still splits.
 */
function isStateBeforeTitle(text: string, wordStart: number, word: string, next: number): boolean {
  if (!STATE_ABBREVIATIONS.has(word)) {
    return false;
  }
  const title = nextWord(text, next);
  if (!TITLE_ABBREVIATIONS.has(title.toLowerCase()) || text.charCodeAt(next + title.length) !== 0x2e) {
    return false;
  }
  let before = wordStart - 1;
  while (before >= 0 && isWhitespace(text.charCodeAt(before))) {
    before--;
  }
  return before < 0 || text.charCodeAt(before) !== 0x2c;
}

function wordBefore(text: string, position: number): string {
  let start = position;
  while (start > 0) {
    const code = text.charCodeAt(start - 1);
    if (isLetter(code) || (code === 0x2e && start - 1 > 0 && isLetter(text.charCodeAt(start - 2)))) {
      start--;
    } else {
      break;
    }
  }
  // A word glued to digits ("5p.") is not an abbreviation we know; keep only the letters.
  return text.slice(start, position);
}

function nextWord(text: string, position: number): string {
  let end = position;
  while (end < text.length && isLetterOrDigit(text.charCodeAt(end))) {
    end++;
  }
  return text.slice(position, end);
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/gu;

function pushTrimmed(text: string, start: number, end: number, into: RelativeSpan[]): void {
  let from = start;
  let to = end;
  while (from < to && isWhitespace(text.charCodeAt(from))) {
    from++;
  }
  while (to > from && isWhitespace(text.charCodeAt(to - 1))) {
    to--;
  }
  // Almost every sentence starts with an ASCII letter or digit, so look at characters first
  // and fall back to the Unicode test only for the rest.
  for (let position = from; position < to; position++) {
    const code = text.charCodeAt(position);
    const lower = code | 0x20;
    if ((lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      into.push({ start: from, end: to });
      return;
    }
    if (code >= 0x80) {
      LETTER_OR_NUMBER.lastIndex = position;
      const found = LETTER_OR_NUMBER.exec(text);
      if (found !== null && found.index < to) {
        into.push({ start: from, end: to });
      }
      return;
    }
  }
}
