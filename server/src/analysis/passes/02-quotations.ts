// Pass 2: quotations.
//
// Marks recognised: straight "…", curly “…” (and „…“), guillemets «…», single curly ‘…’ and
// straight '…' (usually nested inside a double quote), and the backtick styles `…` and ``…''
// that plain-text wires and LaTeX use. Apostrophes are not quotes: a mark between two letters
// ("don't", "Russia’s"), an elision before digits ("the '90s") and a mark after a word while no
// single quote is open ("the militants' positions") are skipped.
//
// Quotes never cross a paragraph. `findParagraphQuotes` is a pure function of one paragraph's
// text with offsets relative to it; `runQuotations` shifts them and links the multi-paragraph
// chains: a paragraph whose outer quote is still open at its end, followed by a paragraph that
// opens with a quotation mark, continues into it (news convention). The open piece then counts
// as closed, the next piece gets `continuesPrevious: true`, and every piece carries the index of
// the chain's first quote in `chainStart`. An outer quote still open at a paragraph end with no
// continuation after it is `closed: false`.
//
// Inner quotes left open when their outer quote closes or the paragraph ends are dropped: they
// are far more often a stray apostrophe than a real quotation.
import type { AnalysisContext } from '../context';
import { perParagraph } from '../incremental';
import type { Quote, QuoteStyle } from '../types';
import { isDigit, isLetter, isLetterOrDigit, isWhitespace } from '../text/chars';
import { markdownPrefixLength } from '../text/markdown';

/** A quote found in one paragraph, offsets relative to the paragraph text. */
export interface ParagraphQuote {
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
  style: QuoteStyle;
  depth: number;
  closed: boolean;
}

export interface ParagraphQuotes {
  /** Sorted by start. */
  quotes: ParagraphQuote[];
  /** True when the first thing in the paragraph (after a markdown marker) is an opening quotation mark. */
  opensWithQuote: boolean;
  /** True when an outer quote is still open at the paragraph end (it is the last outer quote). */
  endsOpen: boolean;
}

export function runQuotations(context: AnalysisContext): void {
  const { text } = context;
  const quotes: Quote[] = [];
  // The index (in `quotes`) of the previous paragraph's still-open outer quote, if any.
  let openFromPrevious: number | null = null;
  for (const paragraph of context.paragraphs) {
    // Cached by paragraph text in an incremental run; the result is read, never changed.
    const found = perParagraph(context, 'quotations', text.slice(paragraph.start, paragraph.end), findParagraphQuotes);
    const firstIndex = quotes.length;
    for (const relative of found.quotes) {
      const index = quotes.length;
      quotes.push({
        start: paragraph.start + relative.start,
        end: paragraph.start + relative.end,
        contentStart: paragraph.start + relative.contentStart,
        contentEnd: paragraph.start + relative.contentEnd,
        style: relative.style,
        depth: relative.depth,
        closed: relative.closed,
        continuesPrevious: false,
        chainStart: index,
      });
    }
    const opener = quotes[firstIndex];
    if (openFromPrevious !== null && found.opensWithQuote && opener !== undefined && opener.depth === 0) {
      const previous = quotes[openFromPrevious];
      if (previous !== undefined) {
        // The open piece is not an error: the quote goes on in this paragraph.
        previous.closed = true;
        opener.continuesPrevious = true;
        opener.chainStart = previous.chainStart;
      }
    }
    openFromPrevious = null;
    if (found.endsOpen) {
      for (let index = quotes.length - 1; index >= firstIndex; index--) {
        if (quotes[index]?.depth === 0) {
          openFromPrevious = index;
          break;
        }
      }
    }
  }
  context.quotes = quotes;
}

interface OpenQuote {
  start: number;
  contentStart: number;
  style: QuoteStyle;
  /** Which mark opened it, to pick the matching closer. */
  opener: string;
}

const QUOTATION_MARKS = /["“”„«»‘’'`]/g;

const OPENING_CONTEXT = new Set(['(', '[', '{', '—', '–', '-', '/', ':']);

/**
 * Finds the quotations in one paragraph. Pure: offsets are relative to `paragraphText`.
 */
export function findParagraphQuotes(paragraphText: string): ParagraphQuotes {
  const text = paragraphText;
  const length = text.length;
  const bodyStart = markdownPrefixLength(text);
  const stack: OpenQuote[] = [];
  const quotes: ParagraphQuote[] = [];
  const state: ScanState = { bodyStart, stack, quotes, opensWithQuote: false };

  // Jump from one quotation mark to the next; the words between need no look.
  // `test()` and `lastIndex` instead of `exec()`: every mark is one character, and no match array
  // is built per mark.
  const marks = QUOTATION_MARKS;
  marks.lastIndex = bodyStart;
  while (marks.test(text)) {
    let position = marks.lastIndex - 1;
    const char = text.charAt(position);
    const before = position > 0 ? (text[position - 1] ?? '') : '';
    const after = text[position + 1] ?? '';
    const openingPlace =
      position === bodyStart ||
      before === '' ||
      isWhitespace(before.charCodeAt(0)) ||
      OPENING_CONTEXT.has(before) ||
      isOpeningMark(before);
    switch (char) {
      case '"': {
        const canClose = hasOpen(stack, 'straight') && before !== '' && !isWhitespace(before.charCodeAt(0));
        if (canClose) {
          close(state, position, 1, 'straight');
        } else if (!openingPlace && hasOpen(stack, 'curly')) {
          // Mixed marks in pasted copy: “…" closes the curly quote.
          close(state, position, 1, 'curly');
        } else if (openingPlace && after !== '' && !isWhitespace(after.charCodeAt(0))) {
          open(state, position, 1, 'straight', '"');
        } else if (hasOpen(stack, 'straight')) {
          close(state, position, 1, 'straight');
        }
        break;
      }
      case '“':
      case '„':
        // Some copy closes with “ as well; a “ glued to the end of a word closes the open quote.
        if (!openingPlace && hasOpen(stack, 'curly')) {
          close(state, position, 1, 'curly');
        } else {
          open(state, position, 1, 'curly', char);
        }
        break;
      case '”':
        if (hasOpen(stack, 'curly')) {
          close(state, position, 1, 'curly');
        } else if (hasOpen(stack, 'straight')) {
          // Mixed marks in pasted copy: "…” closes the straight quote.
          close(state, position, 1, 'straight');
        } else if (openingPlace && after !== '' && !isWhitespace(after.charCodeAt(0))) {
          // Copy that uses ” for both marks.
          open(state, position, 1, 'curly', char);
        }
        break;
      case '«':
        open(state, position, 1, 'guillemet', char);
        break;
      case '»':
        close(state, position, 1, 'guillemet');
        break;
      case '‘':
        if (openingPlace && !isElision(text, position + 1)) {
          open(state, position, 1, 'single', char);
        }
        break;
      case '’':
      case "'": {
        if (isLetterOrDigit(before.charCodeAt(0)) && isLetter(after.charCodeAt(0))) {
          // "don't", "Russia’s": an apostrophe.
          break;
        }
        if (char === "'" && after === "'" && hasOpen(stack, 'backtick', '``')) {
          close(state, position, 2, 'backtick', '``');
          position++;
          break;
        }
        if (hasOpen(stack, 'backtick', '`') && !openingPlace) {
          close(state, position, 1, 'backtick', '`');
          break;
        }
        if (hasOpen(stack, 'single') && !openingPlace) {
          close(state, position, 1, 'single');
          break;
        }
        if (char === "'" && openingPlace && isLetterOrDigit(after.charCodeAt(0)) && !isElision(text, position + 1)) {
          open(state, position, 1, 'single', char);
        }
        break;
      }
      case '`': {
        if (after === '`') {
          open(state, position, 2, 'backtick', '``');
          position++;
        } else if (hasOpen(stack, 'backtick', '`') && !openingPlace) {
          close(state, position, 1, 'backtick', '`');
        } else if (after !== '' && !isWhitespace(after.charCodeAt(0))) {
          open(state, position, 1, 'backtick', '`');
        }
        break;
      }
      default:
        break;
    }
    // Two-character marks ("``", "''") moved `position` past their first character.
    marks.lastIndex = position + 1;
  }

  // Only the outermost quote may stay open at the paragraph end; inner ones were apostrophes.
  const outer = stack[0];
  let endsOpen = false;
  if (outer !== undefined) {
    let contentEnd = length;
    while (contentEnd > outer.contentStart && isWhitespace(text.charCodeAt(contentEnd - 1))) {
      contentEnd--;
    }
    quotes.push({
      start: outer.start,
      end: length,
      contentStart: outer.contentStart,
      contentEnd,
      style: outer.style,
      depth: 0,
      closed: false,
    });
    endsOpen = true;
  }
  // Most paragraphs have no quote or one; a sort call on them still cost a few percent of the pass.
  if (quotes.length > 1) {
    quotes.sort((a, b) => a.start - b.start);
  }
  return { quotes, opensWithQuote: state.opensWithQuote, endsOpen };
}

interface ScanState {
  bodyStart: number;
  stack: OpenQuote[];
  quotes: ParagraphQuote[];
  opensWithQuote: boolean;
}

function open(state: ScanState, position: number, markLength: number, style: QuoteStyle, opener: string): void {
  if (position === state.bodyStart && state.stack.length === 0 && state.quotes.length === 0) {
    state.opensWithQuote = true;
  }
  state.stack.push({ start: position, contentStart: position + markLength, style, opener });
}

/** Closes the innermost open quote of `style` (and `opener`, when given); inner quotes above it are dropped. */
function close(state: ScanState, position: number, markLength: number, style: QuoteStyle, opener?: string): void {
  const { stack } = state;
  for (let level = stack.length - 1; level >= 0; level--) {
    const candidate = stack[level];
    if (candidate !== undefined && candidate.style === style && (opener === undefined || candidate.opener === opener)) {
      // Closing the innermost quote is the common case, and `pop()` is cheaper than truncating.
      if (level === stack.length - 1) {
        stack.pop();
      } else {
        stack.length = level;
      }
      state.quotes.push({
        start: candidate.start,
        end: position + markLength,
        contentStart: candidate.contentStart,
        contentEnd: position,
        style: candidate.style,
        depth: level,
        closed: true,
      });
      return;
    }
  }
}

function hasOpen(stack: readonly OpenQuote[], style: QuoteStyle, opener?: string): boolean {
  for (const quote of stack) {
    if (quote.style === style && (opener === undefined || quote.opener === opener)) {
      return true;
    }
  }
  return false;
}

function isOpeningMark(char: string): boolean {
  return char === '"' || char === '“' || char === '„' || char === '«' || char === '‘' || char === '`' || char === "'";
}

/** "'90s", "’em", "'til": a mark that elides letters or digits rather than opening a quote. */
function isElision(text: string, position: number): boolean {
  if (isDigit(text.charCodeAt(position)) && isDigit(text.charCodeAt(position + 1))) {
    return true;
  }
  const word = /^[A-Za-z]+/.exec(text.slice(position, position + 6))?.[0]?.toLowerCase() ?? '';
  return word === 'em' || word === 'til' || word === 'n' || word === 'cause' || word === 'tis';
}
