// Pass 5: attributions — who said what.
//
// Each sentence is walked once, token by token. A word becomes a cue candidate when the cue model
// learned from the PolNeAR train split (`attribution/cueModel.ts`, `data/cues.ts`, see
// THIRD_PARTY.md) finds it likely enough to head a cue in its context. A candidate becomes an
// attribution with a source when the grammar around it gives one, and otherwise a cue-only
// attribution, which never makes a claim attributed:
//
//   subject-verb        Kartapolov said (that) …        He said: "…"         X told reporters …
//   trailing            "…," Kartapolov said.           …, the ministry said on Friday.
//   inverted            "…," said Kartapolov.           …, said the head of the directorate.
//   parenthetical       Only last week, the General noted, the pilots made 394 sorties.
//   appositive          Ochoa, who voted against the plan, said the cuts …
//   according-to        According to him, … / …, according to the ministry.
//   colon               Moscow: Russian air strikes have … (a name opening a sentence)
//
// Of the cues found in one sentence, one inside a likelier cue's content is dropped ("The mayor
// said voters want a bridge": "want" is part of what she said; `attribution/nesting.ts`).
//
// Quotes then inherit: a quote paragraph that continues an attributed quote (`continuesPrevious`)
// gets the same source with `inherited: true`, and so does a quote that directly follows an
// attributed quote in the same paragraph ("…," he added. "We will …"). A quote-only paragraph
// after a closed, attributed quote inherits nothing: the reader cannot tell who speaks, so it
// stays unattributed and pass 7 reports `quote-without-source`.
//
// Sources resolve to names through `SourceResolver`, which keeps a running "last person / last
// organisation / last person with this title" state. Everything is linear in the text length.
import type { AnalysisContext } from '../context';
import { ownCopy, perParagraphFitting } from '../incremental';
import type { Attribution, Quote, Span, TextSpan } from '../types';
import {
  ADJUNCT_STARTS,
  CLOSING_QUOTES,
  CORE_CUES,
  DETERMINERS,
  LEADING_CONJUNCTIONS,
  OPENING_QUOTES,
  SKIPPABLE_BEFORE_CUE,
  SUBJECT_BOUNDARIES,
  VERBS_WITH_LISTENER,
} from '../attribution/lexicon';
import { isSpeechWord } from '../attribution/cueClasses';
import { coverQuotes } from '../attribution/coverage';
import { dropNestedCues } from '../attribution/nesting';
import { type Resolution, SourceResolver } from '../attribution/resolve';
import { TokenKind, tokenize, type Tokens } from '../attribution/tokens';
import { CueModel, figureFollows, logOdds } from '../attribution/cueModel';
import { isJavaScriptSpace } from '../text/chars';
import { LEARNED_CUE_MODEL, LEARNED_CUE_THRESHOLD, LEARNED_CUE_UNLISTED_THRESHOLD } from '../data/cues';

/** The shipped cue model, learned from the PolNeAR train split (see THIRD_PARTY.md). */
const DEFAULT_CUE_MODEL = new CueModel(LEARNED_CUE_MODEL);
/** The longest subject or inverted source, in tokens. */
const MAX_SOURCE_TOKENS = 12;
/** Words a time adverbial between subject and verb is made of ("on Saturday", "last week"). */
const TIME_WORDS: ReadonlySet<string> = new Set(
  'monday tuesday wednesday thursday friday saturday sunday today yesterday morning afternoon evening night week month year weekend earlier later recently'.split(
    ' ',
  ),
);
const TIME_PREPOSITIONS: ReadonlySet<string> = new Set(['on', 'last', 'this', 'earlier', 'late', 'early']);
/** Lower-case words that may sit inside a name ("Bashar al-Assad", "Secretary of State"). */
const NAME_JOINERS: ReadonlySet<string> = new Set([
  'of',
  'al',
  'de',
  'da',
  'van',
  'von',
  'der',
  'bin',
  'la',
  'le',
  'the',
  'and',
  'for',
]);
/** A form of "be" inside a subject means the walk has left the noun phrase ("400 of them were reservists"). */
const BE_VERBS: ReadonlySet<string> = new Set(['is', 'was', 'were', 'are', 'am']);
/** Words that open a description set off by commas after a name ("Ochoa, who …", "Cook, a spokesman …"). */
const APPOSITIVE_OPENERS: ReadonlySet<string> = new Set(
  'who whose which a an the speaking one himself herself his her their its'.split(' '),
);
/** Labels that open a line with a colon but name no speaker ("UPDATE:", "Watch:"). */
const COLON_LABELS: ReadonlySet<string> = new Set(
  'update updated watch note related read editor photo photos video source sources correction advertisement breaking exclusive live analysis opinion comment q a warning caption credit subscribe'.split(
    ' ',
  ),
);
/** The fewest words after "Name:" for it to be an attribution. */
const MIN_COLON_CONTENT_WORDS = 4;
/** Speakers inside a quote ("I said", "we believe") are not the article's sources. */
const FIRST_AND_SECOND_PERSON: ReadonlySet<string> = new Set(['i', 'we', 'you', 'our', 'my', 'your', 'us']);
/** How far after a listener verb ("told reporters at a briefing that") to look for "that". */
const MAX_LISTENER_TOKENS = 10;

/**
 * A filter on (length, first, second and last letter) of the candidate words, so that most tokens
 * are skipped without making a string. Letters are folded to lower case; other characters
 * share one slot.
 */
const MAX_CANDIDATE_LENGTH = 24;
function letterSlot(code: number): number {
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 97;
  return 26;
}
/** (length, first, second and last letter) folded into one index. */
function shapeIndex(length: number, first: number, second: number, last: number): number {
  return (
    ((Math.min(length, MAX_CANDIDATE_LENGTH) * 27 + letterSlot(first)) * 27 + letterSlot(second)) * 27 +
    letterSlot(last)
  );
}

/**
 * The shape filter of each model's candidate words. The cross-validation passes its own models for
 * every document, and building the half-megabyte filter each time cost more than the pass itself.
 */
const SHAPES = new WeakMap<CueModel, Uint8Array>();
function shapesOf(model: CueModel): Uint8Array {
  let shapes = SHAPES.get(model);
  if (shapes === undefined) {
    shapes = new Uint8Array((MAX_CANDIDATE_LENGTH + 1) * 27 * 27 * 27);
    for (const word of [...model.candidateWords, 'according']) {
      shapes[shapeIndex(word.length, word.charCodeAt(0), word.charCodeAt(1), word.charCodeAt(word.length - 1))] = 1;
    }
    SHAPES.set(model, shapes);
  }
  return shapes;
}

/** A cue model's shape filter and its thresholds. */
class CueScorer {
  readonly shapes: Uint8Array;
  /** The thresholds as log-odds, compared with `CueModel.score()`. */
  readonly listedScore: number;
  readonly unlistedScore: number;

  constructor(readonly choice: CueModelChoice) {
    this.shapes = shapesOf(choice.model);
    this.listedScore = logOdds(choice.threshold);
    this.unlistedScore = logOdds(choice.unlistedThreshold);
  }
}

/**
 * A cue model and the probabilities at which its candidates become cues: `threshold` for words in
 * the hand-written classes of `attribution/cueClasses.ts` (reporting, belief, intention and
 * evidence words), `unlistedThreshold` for every other word the model learned ("passed",
 * "doubled"), which needs more evidence before it makes a claim look sourced. Only the
 * cross-validation on train (`scripts/eval/cue-folds.ts`) passes another one than the shipped model.
 */
export interface CueModelChoice {
  model: CueModel;
  threshold: number;
  unlistedThreshold: number;
}

const DEFAULT_SCORER = new CueScorer({
  model: DEFAULT_CUE_MODEL,
  threshold: LEARNED_CUE_THRESHOLD,
  unlistedThreshold: LEARNED_CUE_UNLISTED_THRESHOLD,
});

/** Phrases that extend a cue: "said in a statement", "told reporters". */
const CUE_EXTENSIONS: ReadonlyArray<readonly string[]> = [
  ['in', 'a', 'statement'],
  ['in', 'an', 'interview'],
  ['in', 'a', 'tweet'],
  ['on', 'twitter'],
  ['in', 'a', 'letter'],
];

type Rest = 'end' | 'adjunct' | 'comma' | 'clause';

interface SentenceScope {
  start: number;
  end: number;
  firstToken: number;
  /** One past the last token of the sentence. */
  endToken: number;
}

export function runAttributions(context: AnalysisContext, cueModel?: CueModelChoice): void {
  const { text } = context;
  // An incremental run scans each paragraph through the paragraph cache (see scanParagraph());
  // a one-off analysis, and a run with another cue model, scan the whole text at once, which
  // spares the windows' overlap and the cache keys. Both give the same attributions.
  if (context.paragraphCache !== undefined && cueModel === undefined) {
    const found = findByParagraph(context);
    if (found !== null) {
      context.attributions = inheritForQuotes(text, found, context.quotes, context.paragraphs);
      return;
    }
  }
  const tokens = tokenize(text);
  const scorer = cueModel === undefined ? DEFAULT_SCORER : new CueScorer(cueModel);
  const finder = new AttributionFinder(text, tokens, scorer, context.quotes, new SourceResolver(context.entities));
  const sentences: Span[] =
    context.sentences.length > 0
      ? context.sentences
      : context.paragraphs.length > 0
        ? context.paragraphs
        : [{ start: 0, end: text.length }];
  for (const scope of sentenceScopes(tokens, sentences)) finder.scanSentence(scope);
  context.attributions = inheritForQuotes(text, finder.results(), context.quotes, context.paragraphs);
}

/** Each sentence with the tokens that start inside it; sentences come in document order and do not overlap. */
function sentenceScopes(tokens: Tokens, sentences: readonly Span[]): SentenceScope[] {
  const scopes: SentenceScope[] = [];
  let tokenIndex = 0;
  for (const sentence of sentences) {
    while (tokenIndex < tokens.count && (tokens.starts[tokenIndex] ?? 0) < sentence.start) tokenIndex++;
    let endToken = tokenIndex;
    while (endToken < tokens.count && (tokens.starts[endToken] ?? 0) < sentence.end) endToken++;
    scopes.push({ start: sentence.start, end: sentence.end, firstToken: tokenIndex, endToken });
    tokenIndex = endToken;
  }
  return scopes;
}

/**
 * How many whitespace-separated chunks of text a paragraph scan reads on each side of its
 * paragraph. The cue model scores a word by its neighbours (up to six tokens back and five on
 * in `attribution/cueModel.ts`), which may lie in the next or previous paragraph; every chunk
 * holds at least one token, so this many chunks cover at least this many tokens, with room for
 * a model that looks a little further. A model that read further than this would make an
 * incremental run differ from `analyse()`, which the property test in
 * `test/unit/incremental.test.ts` checks.
 */
const CUE_CONTEXT_CHUNKS = 12;

/** The characters the tokenizer skips as spaces that a window edge may sit next to. */
function isWindowSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/**
 * The start of the `chunks`th whitespace-separated chunk before `offset` (or 0). Tokenizing from
 * just after a space gives exactly the tokens the whole text has there, since no token spans a space.
 */
function windowStartBefore(text: string, offset: number, chunks: number): number {
  let position = offset;
  for (let chunk = 0; chunk < chunks && position > 0; chunk++) {
    while (position > 0 && isWindowSpace(text.charCodeAt(position - 1))) position--;
    while (position > 0 && !isWindowSpace(text.charCodeAt(position - 1))) position--;
  }
  return position;
}

/** The end of the `chunks`th whitespace-separated chunk after `offset` (or the text's end). */
function windowEndAfter(text: string, offset: number, chunks: number): number {
  let position = offset;
  for (let chunk = 0; chunk < chunks && position < text.length; chunk++) {
    while (position < text.length && isWindowSpace(text.charCodeAt(position))) position++;
    while (position < text.length && !isWindowSpace(text.charCodeAt(position))) position++;
  }
  return position;
}

/**
 * One paragraph's attributions before their sources are resolved, offsets relative to the
 * paragraph's window (`findByParagraph()`). The cache hands the same object to later runs, so
 * it is read, never changed.
 */
interface ParagraphScan {
  /** What the scan read; the rescan of a sentence reads it again. */
  window: ParagraphWindow;
  found: Attribution[];
  /** Per entry of `found`, what is left to resolve, and the subject to resolve. */
  pending: Resolve[];
  subjects: Array<TextSpan | null>;
  /** Per sentence, one past its last entry in `found`. */
  sentenceEnds: number[];
  /** Sentences whose rules read a source that was not resolved yet; they are scanned again with the resolver. */
  rescan: number[];
}

/** What a paragraph scan reads besides the text, offsets relative to its window. */
interface ParagraphWindow {
  text: string;
  /** The text of the window before and after the paragraph, which a cached scan compares. */
  before: string;
  after: string;
  /** Where the paragraph starts in `text`. */
  paragraphStart: number;
  /** Whether `text` starts at the start of the whole text, and ends at its end. */
  startsText: boolean;
  endsText: boolean;
  sentences: Span[];
  quotes: Quote[];
  quoteBefore: Quote | undefined;
}

/**
 * The window a paragraph scan reads: the paragraph with `CUE_CONTEXT_CHUNKS` chunks of text on
 * each side (and back to the start of `quoteBefore`), with the sentences and quotes relative to it.
 */
function paragraphWindow(
  text: string,
  paragraph: Span,
  sentences: readonly Span[],
  quotes: readonly Quote[],
  quoteBefore: Quote | undefined,
): ParagraphWindow {
  let start = windowStartBefore(text, paragraph.start, CUE_CONTEXT_CHUNKS);
  if (quoteBefore !== undefined) start = Math.min(start, windowStartBefore(text, quoteBefore.start, 1));
  const end = windowEndAfter(text, paragraph.end, CUE_CONTEXT_CHUNKS);
  // A copy, so that the cache does not keep the whole document alive through a slice of it.
  const windowText = ownCopy(text.slice(start, end));
  return {
    text: windowText,
    before: windowText.slice(0, paragraph.start - start),
    after: windowText.slice(paragraph.end - start),
    paragraphStart: paragraph.start - start,
    startsText: start === 0,
    endsText: end === text.length,
    sentences: sentences.map((sentence) => ({ start: sentence.start - start, end: sentence.end - start })),
    quotes: quotes.map((quote) => shiftQuote(quote, -start)),
    quoteBefore: quoteBefore === undefined ? undefined : shiftQuote(quoteBefore, -start),
  };
}

/**
 * Whether a cached scan of a paragraph with the same text applies to `paragraph` in `text`: the
 * text around the paragraph is the window's, cut in the same way (next to a space, or at the
 * text's ends), and the sentences, outer quotes and the quote before it sit at the same places.
 */
function fitsAt(
  scan: ParagraphScan,
  text: string,
  paragraph: Span,
  sentences: readonly Span[],
  quotes: readonly Quote[],
  quoteBefore: Quote | undefined,
): boolean {
  const { window } = scan;
  const start = paragraph.start - window.paragraphStart;
  const end = paragraph.end + window.after.length;
  if (start < 0 || end > text.length) return false;
  if (window.startsText ? start !== 0 : start === 0 || !isWindowSpace(text.charCodeAt(start - 1))) return false;
  if (window.endsText ? end !== text.length : end === text.length || !isWindowSpace(text.charCodeAt(end))) return false;
  if (window.sentences.length !== sentences.length || window.quotes.length !== quotes.length) return false;
  for (let index = 0; index < sentences.length; index++) {
    const cached = window.sentences[index];
    const sentence = sentences[index];
    if (cached === undefined || sentence === undefined) return false;
    if (cached.start + start !== sentence.start || cached.end + start !== sentence.end) return false;
  }
  for (let index = 0; index < quotes.length; index++) {
    if (!sameQuote(window.quotes[index], quotes[index], start)) return false;
  }
  if ((window.quoteBefore === undefined) !== (quoteBefore === undefined)) return false;
  if (quoteBefore !== undefined && !sameQuote(window.quoteBefore, quoteBefore, start)) return false;
  return text.startsWith(window.before, start) && text.startsWith(window.after, paragraph.end);
}

/** Whether a window-relative quote, moved by `shift`, is `quote` as far as the scan reads it. */
function sameQuote(cached: Quote | undefined, quote: Quote | undefined, shift: number): boolean {
  return (
    cached !== undefined &&
    quote !== undefined &&
    cached.start + shift === quote.start &&
    cached.end + shift === quote.end &&
    cached.contentStart + shift === quote.contentStart &&
    cached.contentEnd + shift === quote.contentEnd &&
    cached.depth === quote.depth
  );
}

/** Scans the sentences of one paragraph window with the shipped cue model and no resolver. */
function scanParagraph(window: ParagraphWindow): ParagraphScan {
  const tokens = tokenize(window.text);
  const finder = new AttributionFinder(window.text, tokens, DEFAULT_SCORER, window.quotes, null, window.quoteBefore);
  const sentenceEnds: number[] = [];
  const rescan: number[] = [];
  sentenceScopes(tokens, window.sentences).forEach((scope, sentence) => {
    finder.readsUnresolvedSource = false;
    finder.scanSentence(scope);
    sentenceEnds.push(finder.results().length);
    if (finder.readsUnresolvedSource) rescan.push(sentence);
  });
  return {
    window,
    found: finder.results(),
    pending: finder.pending,
    subjects: finder.subjects,
    sentenceEnds,
    rescan,
  };
}

/**
 * Pass 5 paragraph by paragraph, for an incremental run: the scan of each paragraph (tokens, cue
 * candidates and their scores, the grammar rules, content spans) goes through the paragraph
 * cache, keyed by the paragraph's text and checked against everything else it read (`fitsAt()`),
 * and only the resolution of sources, which carries state across the whole article, runs over
 * every attribution again. Returns exactly what the
 * whole-text scan in `runAttributions()` finds, before `inheritForQuotes()`, or null when the
 * paragraphs, sentences or quotes are not laid out as this needs (then the caller scans the
 * whole text).
 *
 * Why it equals the whole-text scan:
 * - a sentence's scan reads its own tokens and, through the cue model, a few tokens on either
 *   side; the window (the paragraph and `CUE_CONTEXT_CHUNKS` chunks each side, cut next to a
 *   space) gives exactly the whole text's tokens there;
 * - the state the finder carries from one sentence to the next (`lastCueEnd`, the previous
 *   attribution for a participle, `cueKind`) only matters inside one sentence;
 * - the drop of nested cues (`scanSentence()`) reads only the sentence's unsettled attributions,
 *   and a few words before a cue (`attribution/nesting.ts`, well inside the window), so the
 *   cached scan holds exactly the attributions the whole-text scan keeps;
 * - quotes never cross a paragraph, and the one quote a sentence may reach before its paragraph
 *   ("He added." after a closed quote) is passed in as `quoteBefore`;
 * - sources are resolved afterwards in document order, the order the whole-text scan resolves
 *   them in at the end of each sentence, and only for the attributions the drop kept; a
 *   sentence whose rules asked whether a source resolves (a participle after a learned cue) is
 *   scanned again, with the resolver, at its turn.
 */
function findByParagraph(context: AnalysisContext): Attribution[] | null {
  const { text, paragraphs, sentences } = context;
  if (paragraphs.length === 0) return null;
  const outerQuotes = context.quotes.filter((quote) => quote.depth === 0);
  const outerByEnd = new Map<number, Quote>();
  for (const quote of outerQuotes) outerByEnd.set(quote.end, quote);
  const resolver = new SourceResolver(context.entities);
  const found: Attribution[] = [];
  let sentenceIndex = 0;
  let quoteIndex = 0;
  let previousEnd = 0;
  for (const paragraph of paragraphs) {
    if (paragraph.start < previousEnd) return null;
    previousEnd = paragraph.end;
    // The sentences the whole-text scan would scan inside this paragraph: its sentences, or
    // the paragraph itself when there are none at all.
    const scopes: Span[] = [];
    if (sentences.length === 0) {
      scopes.push(paragraph);
    } else {
      let sentenceEnd = paragraph.start;
      while (sentenceIndex < sentences.length) {
        const sentence = sentences[sentenceIndex];
        if (sentence === undefined || sentence.start >= paragraph.end) break;
        if (sentence.start < sentenceEnd || sentence.end > paragraph.end) return null;
        scopes.push(sentence);
        sentenceEnd = sentence.end;
        sentenceIndex++;
      }
    }
    const paragraphQuotes: Quote[] = [];
    while (quoteIndex < outerQuotes.length) {
      const quote = outerQuotes[quoteIndex];
      if (quote === undefined || quote.start >= paragraph.end) break;
      const previous = paragraphQuotes[paragraphQuotes.length - 1];
      if (
        quote.start < paragraph.start ||
        quote.end > paragraph.end ||
        (previous !== undefined && quote.start < previous.end)
      ) {
        return null;
      }
      paragraphQuotes.push(quote);
      quoteIndex++;
    }
    // The quote `quoteJustBefore()` finds from the paragraph's start, if any.
    let beforeParagraph = paragraph.start;
    while (beforeParagraph > 0 && isJavaScriptSpace(text.charCodeAt(beforeParagraph - 1))) beforeParagraph--;
    const quoteBefore = outerByEnd.get(beforeParagraph);

    // Keyed by the paragraph's text; `fitsAt()` checks the rest of what the scan read. Building
    // one string key of all of it (text, offsets) cost more than the scan saved at 2 MB.
    const scan = perParagraphFitting(
      context,
      'attributions',
      text.slice(paragraph.start, paragraph.end),
      (cached: ParagraphScan) => fitsAt(cached, text, paragraph, scopes, paragraphQuotes, quoteBefore),
      () => scanParagraph(paragraphWindow(text, paragraph, scopes, paragraphQuotes, quoteBefore)),
    );
    const { window } = scan;
    const windowStart = paragraph.start - window.paragraphStart;

    let entry = 0;
    let rescanIndex = 0;
    for (let sentence = 0; sentence < scan.sentenceEnds.length; sentence++) {
      const sentenceEnd = scan.sentenceEnds[sentence] ?? entry;
      if (scan.rescan[rescanIndex] === sentence) {
        rescanIndex++;
        for (const attribution of rescanSentence(window, sentence, resolver, windowStart)) {
          found.push(shiftAttribution(attribution, windowStart));
        }
        entry = sentenceEnd;
        continue;
      }
      for (; entry < sentenceEnd; entry++) {
        const attribution = scan.found[entry];
        if (attribution === undefined) continue;
        const subject = scan.subjects[entry] ?? null;
        found.push(
          settleEntry(
            shiftAttribution(attribution, windowStart),
            scan.pending[entry] ?? Resolve.Done,
            subject === null ? null : shiftSpan(subject, windowStart),
            resolver,
          ),
        );
      }
    }
  }
  return sentenceIndex === sentences.length ? found : null;
}

/** One sentence of a paragraph window scanned again, this time resolving sources as it goes. */
function rescanSentence(
  window: ParagraphWindow,
  sentence: number,
  resolver: SourceResolver,
  shift: number,
): Attribution[] {
  const tokens = tokenize(window.text);
  const lookup: SourceLookup = {
    resolve: (source) => resolver.resolve(shiftSpan(source, shift)),
    peek: (source) => resolver.peek(shiftSpan(source, shift)),
  };
  const finder = new AttributionFinder(window.text, tokens, DEFAULT_SCORER, window.quotes, lookup, window.quoteBefore);
  const scope = sentenceScopes(tokens, window.sentences)[sentence];
  if (scope !== undefined) finder.scanSentence(scope);
  return finder.results();
}

function shiftQuote(quote: Quote, shift: number): Quote {
  return {
    ...quote,
    start: quote.start + shift,
    end: quote.end + shift,
    contentStart: quote.contentStart + shift,
    contentEnd: quote.contentEnd + shift,
  };
}

function shiftSpan(span: TextSpan, shift: number): TextSpan {
  return { start: span.start + shift, end: span.end + shift, text: span.text };
}

/** A copy of a window-relative attribution at its place in the whole text; the cached one is never changed. */
function shiftAttribution(attribution: Attribution, shift: number): Attribution {
  return {
    ...attribution,
    cue: shiftSpan(attribution.cue, shift),
    source: attribution.source === null ? null : shiftSpan(attribution.source, shift),
    content: shiftSpan(attribution.content, shift),
  };
}

class AttributionFinder {
  private readonly text: string;
  private readonly found: Attribution[] = [];
  /** The model score of each cue in `found` (Infinity for the fixed frames "according to" and "Name:"). */
  private readonly cueScores: number[] = [];
  /** The score of the cue being tried, recorded with each attribution it yields. */
  private currentScore = Infinity;
  /** Depth-0 quotes by the offset just after their closing mark, and by their opening offset. */
  private readonly quoteByEnd = new Map<number, Quote>();
  private readonly quoteByStart = new Map<number, Quote>();
  /** Depth-0 quotes in document order, for "is this offset inside a quote?". */
  private readonly outerQuotes: Quote[] = [];
  /**
   * True while the current cue sits inside a quote. A speaker quoted by a speaker ("…then I
   * said we should leave…") is not one of the article's sources: such cues are dropped, except
   * where the cue closes the quote itself ("…," he said), which a mis-paired quote mark can
   * make look inside.
   */
  private cueInsideQuote = false;
  /**
   * What the current cue makes of the source `add()` finds, as the settlement its attribution
   * waits for (see `Resolve`): a word outside the hand-written cue classes ("passed", "signed")
   * keeps it only when it names a person or an organisation ("The budget passed …" is not a
   * source of anything), and a stance word that takes a figure ("supports about 300 children")
   * names no source at all.
   *
   * Set afresh for every sentence: a colon attribution ("Moscow: …") has no cue word, and its
   * kind is its own (`Resolve.Colon`). It once took the kind the last cue before it left, even
   * from an earlier paragraph, so "Revealed: …" kept "Revealed" as its source after "The senator
   * said …" and "Pence: …" lost "Pence" after "The senate passed …".
   */
  private cueKind = Resolve.Listed;
  /** The end of the last cue used, so one cue phrase never yields two attributions. */
  private lastCueEnd = -1;

  /**
   * Per entry of `found`, what is left to resolve: `add()`'s entries wait until their sentence's
   * nested cues are dropped (`scanSentence()`), and without a resolver (a paragraph scan for
   * the cache) until `findByParagraph()` resolves them in document order. Kept parallel to
   * `found` (the drop compacts both), like `subjects`.
   */
  readonly pending: Resolve[] = [];
  /** Per entry of `found`, the span its settlement resolves (the subject `add()` found), or null. */
  readonly subjects: Array<TextSpan | null> = [];
  /**
   * Set when a rule read the source of an attribution that is still unresolved: whether that
   * attribution keeps its source depends on the resolver, so the sentence must be scanned again
   * with one (see `findByParagraph()`).
   */
  readsUnresolvedSource = false;

  /**
   * `quotes` are the text's quotes (only depth 0 is read); `quoteBefore`, when given, is one
   * more quote that may end just before the text's first sentence (the previous paragraph's,
   * for a paragraph scan). Without a `resolver`, sources are left for the caller to resolve.
   */
  constructor(
    text: string,
    private readonly tokens: Tokens,
    private readonly scorer: CueScorer,
    quotes: readonly Quote[],
    private readonly resolver: SourceLookup | null,
    quoteBefore?: Quote,
  ) {
    this.text = text;
    if (quoteBefore !== undefined) this.quoteByEnd.set(quoteBefore.end, quoteBefore);
    for (const quote of quotes) {
      if (quote.depth !== 0) continue;
      this.outerQuotes.push(quote);
      this.quoteByEnd.set(quote.end, quote);
      this.quoteByStart.set(quote.start, quote);
    }
  }

  results(): Attribution[] {
    return this.found;
  }

  /** The character a token starts with, or "" outside the token range (never another token's). */
  private mark(index: number): string {
    const start = this.tokens.starts[index];
    return start === undefined || index >= this.tokens.count ? '' : this.text.charAt(start);
  }

  private isPunctuation(index: number): boolean {
    return this.tokens.kinds[index] === TokenKind.Punctuation;
  }

  private isWord(index: number, word: string): boolean {
    return this.tokens.kinds[index] === TokenKind.Word && this.tokens.isLower(index, word);
  }

  private span(start: number, end: number): TextSpan {
    return { start, end, text: this.text.slice(start, end) };
  }

  /** The span from the first to the last of a run of tokens. */
  private tokenSpan(first: number, last: number): TextSpan {
    return this.span(this.tokens.starts[first] ?? 0, this.tokens.ends[last] ?? 0);
  }

  /**
   * Finds one sentence's attributions, drops those nested in a likelier cue's content, and then,
   * with a resolver, resolves the sources of the ones that are left, in the order they were
   * found. The drop reads only what the scan found (a source is the subject the rules found,
   * never what the resolver made of it), and the resolver sees only attributions that stay, so
   * a paragraph scan without a resolver, settled later by `findByParagraph()`, gives the same.
   */
  scanSentence(scope: SentenceScope): void {
    const sentenceFirst = this.found.length;
    this.scanCues(scope);
    dropNestedCues(this.text, this.found, this.cueScores, sentenceFirst, [this.pending, this.subjects]);
    const { resolver } = this;
    if (resolver === null) return;
    for (let index = sentenceFirst; index < this.found.length; index++) {
      const attribution = this.found[index];
      if (attribution === undefined) continue;
      this.found[index] = settleEntry(
        attribution,
        this.pending[index] ?? Resolve.Done,
        this.subjects[index] ?? null,
        resolver,
      );
      this.pending[index] = Resolve.Done;
    }
  }

  private scanCues(scope: SentenceScope): void {
    const { tokens } = this;
    this.cueInsideQuote = false;
    this.currentScore = Infinity;
    this.cueKind = Resolve.Colon;
    if (this.tryColon(scope)) return;
    this.cueKind = Resolve.Listed;
    for (let index = scope.firstToken; index < scope.endToken; index++) {
      if (tokens.kinds[index] !== TokenKind.Word) continue;
      const start = tokens.starts[index] ?? 0;
      if (start < this.lastCueEnd) continue;
      // A word of ASCII characters is found by the hash the tokenizer made, with no string. Any
      // other word keeps the older shape filter before it is lower-cased and looked up as a
      // string, so that a character that lower-cases to ASCII is judged exactly as before.
      if ((tokens.hashes[index] ?? -1) < 0) {
        const end = tokens.ends[index] ?? 0;
        const shape = shapeIndex(
          end - start,
          this.text.charCodeAt(start),
          end - start > 1 ? this.text.charCodeAt(start + 1) : NaN,
          this.text.charCodeAt(end - 1),
        );
        if (this.scorer.shapes[shape] !== 1) continue;
      }
      const { model } = this.scorer.choice;
      if (!model.mayBeCandidate(tokens, index)) continue;
      const id = model.wordId(tokens, index, this.text);
      if (id === model.accordingId && index + 1 < scope.endToken && this.isWord(index + 1, 'to')) {
        this.cueInsideQuote = this.enclosingQuote(start) !== null;
        this.cueKind = Resolve.Listed;
        this.currentScore = Infinity;
        this.tryAccordingTo(scope, index);
        continue;
      }
      const candidate = model.candidateById(id);
      if (candidate === undefined) continue;
      const word = model.vocabulary.words[id] ?? '';
      // An adverb is never the cue itself ("has repeatedly said"): the verb after it is.
      if (word.endsWith('ly')) continue;
      const threshold = candidate.listed ? this.scorer.listedScore : this.scorer.unlistedScore;
      const score = model.score(candidate, tokens, index, this.text);
      if (score < threshold) continue;
      this.currentScore = score;
      this.cueInsideQuote = this.enclosingQuote(start) !== null;
      this.cueKind =
        candidate.stanceOnly && figureFollows(tokens, index, this.text)
          ? Resolve.SubjectOnly
          : candidate.listed
            ? Resolve.Listed
            : Resolve.Unlisted;
      const before = this.found.length;
      this.tryVerbCue(scope, index, word);
      if (this.found.length === before) this.addCueOnly(scope, index);
    }
  }

  /** Classifies what follows the cue (and its extensions) up to the end of the sentence. */
  private classifyRest(scope: SentenceScope, after: number): Rest {
    if (after >= scope.endToken) return 'end';
    if (this.isPunctuation(after)) {
      const mark = this.mark(after);
      if (mark === '.' || mark === '!' || mark === '?' || mark === ';') return 'end';
      if (mark === ',' || mark === '\u2014' || mark === '\u2013') return 'comma';
      return 'clause';
    }
    const word = this.tokens.lower(after);
    if (ADJUNCT_STARTS.has(word)) {
      // "said on Friday that …" still reports a clause; "said on Friday." does not.
      for (let index = after; index < scope.endToken && index < after + MAX_LISTENER_TOKENS; index++) {
        if (this.isWord(index, 'that') || this.mark(index) === ':' || OPENING_QUOTES.includes(this.mark(index))) {
          return 'clause';
        }
        if (this.isPunctuation(index)) return this.mark(index) === ',' ? 'comma' : 'adjunct';
      }
      return 'adjunct';
    }
    return 'clause';
  }

  /**
   * Walks back from the cue over auxiliaries and a subject noun phrase; returns the subject's
   * first and last token and the token that stopped the walk. A parenthesis ("Rubio (R-Fla.)")
   * and a time adverbial between subject and verb ("Sanders on Saturday said") are stepped over.
   */
  private findSubject(scope: SentenceScope, cue: number): { first: number; last: number; boundary: number } | null {
    let index = cue - 1;
    while (index >= scope.firstToken && !this.isPunctuation(index) && isSkippable(this.tokens.lower(index))) {
      index--;
    }
    let last = index;
    let first = index + 1;
    let onlyTimeWords = true;
    while (index >= scope.firstToken && last - index < MAX_SOURCE_TOKENS) {
      if (this.isPunctuation(index)) {
        const mark = this.mark(index);
        if (mark === ')') {
          const opening = this.matchingParenthesis(scope, index);
          if (opening === null) break;
          first = opening;
          index = opening - 1;
          continue;
        }
        // A full stop inside a sentence belongs to an abbreviation ("Gen.", "U.S.").
        if (mark !== '.' || index === scope.firstToken) break;
      } else {
        const word = this.tokens.lower(index);
        if (word === 'who' && index === last) {
          // "Ochoa, who said …" and "people who say …": the relative pronoun is the source,
          // together with the noun phrase it refers to so that the name can be resolved.
          const antecedent = this.findSubject(scope, index - (this.mark(index - 1) === ',' ? 1 : 0));
          if (antecedent !== null) return { first: antecedent.first, last: index, boundary: antecedent.boundary };
          return { first: index, last: index, boundary: index - 1 };
        }
        if (SUBJECT_BOUNDARIES.has(word) || BE_VERBS.has(word)) break;
        if (onlyTimeWords && TIME_PREPOSITIONS.has(word) && first <= last) {
          // Everything collected so far was "on Saturday": start again before it.
          last = index - 1;
          first = index;
          index--;
          onlyTimeWords = false;
          continue;
        }
        if (!TIME_WORDS.has(word)) onlyTimeWords = false;
      }
      first = index;
      index--;
    }
    if (first > last) return null;
    if (FIRST_AND_SECOND_PERSON.has(this.tokens.lower(first)) && last - first < 3) return null;
    return { first, last, boundary: index };
  }

  /** The "(" that matches the ")" at `closing`, within the sentence and a few tokens. */
  private matchingParenthesis(scope: SentenceScope, closing: number): number | null {
    for (let index = closing - 1; index >= scope.firstToken && closing - index <= 8; index--) {
      if (this.isPunctuation(index) && this.mark(index) === '(') return index;
    }
    return null;
  }

  /** The content before a boundary: a quote ending there, or the sentence from its start. */
  private contentBefore(scope: SentenceScope, boundaryToken: number): TextSpan | null {
    // Skip back over the comma and closing quote marks that separate content from attribution.
    let end = this.tokens.ends[boundaryToken] ?? scope.start;
    let index = boundaryToken;
    while (index >= scope.firstToken && this.isPunctuation(index)) {
      const mark = this.mark(index);
      const quote = this.quoteByEnd.get(this.tokens.ends[index] ?? -1);
      if (quote !== undefined) {
        return this.span(Math.min(quote.start, scope.start), quote.end);
      }
      if (!(mark === ',' || CLOSING_QUOTES.includes(mark) || mark === '\u2014' || mark === '\u2013')) break;
      end = this.tokens.starts[index] ?? end;
      index--;
    }
    const start = this.afterDateline(scope);
    if (end <= start) return null;
    return this.span(start, end);
  }

  /** Where a sentence's own words start: after a dateline such as "VARNSTAD, October 9 —". */
  private afterDateline(scope: SentenceScope): number {
    const first = scope.firstToken;
    if (first >= scope.endToken || this.tokens.capitalised(first) === false) return scope.start;
    const raw = this.tokens.raw(first);
    if (raw.length < 2 || raw !== raw.toUpperCase()) return scope.start;
    for (let index = first + 1; index < scope.endToken && index < first + 10; index++) {
      const mark = this.mark(index);
      if (this.isPunctuation(index) && (mark === '\u2014' || mark === '\u2013')) {
        return this.tokens.starts[index + 1] ?? scope.start;
      }
    }
    return scope.start;
  }

  /** The content after the cue: an opening quote (possibly running past the sentence) or the rest of the sentence. */
  private contentAfter(scope: SentenceScope, from: number): TextSpan | null {
    let index = from;
    while (
      index < scope.endToken &&
      this.isPunctuation(index) &&
      (this.mark(index) === ',' || this.mark(index) === ':')
    ) {
      index++;
    }
    if (index >= scope.endToken) return null;
    const start = this.tokens.starts[index] ?? scope.end;
    let end = scope.end;
    // A speaker quoted inside a quote ("… Americans informed us that …," he added) reports
    // only up to the end of that quote.
    const enclosing = this.enclosingQuote(start);
    if (enclosing !== null && enclosing.contentEnd < end) end = enclosing.contentEnd;
    while (end > start && '.!?,'.includes(this.text.charAt(end - 1))) end--;
    // A quote may run on past this sentence ("He said: "A. B. C."), and then it is all content.
    const quote = this.quoteByStart.get(start);
    if (quote !== undefined) end = Math.max(end, quote.end);
    return end > start ? this.span(start, end) : null;
  }

  /** The depth-0 quote whose words contain `offset`, found by binary search. */
  private enclosingQuote(offset: number): Quote | null {
    let low = 0;
    let high = this.outerQuotes.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.outerQuotes[middle]?.contentStart ?? 0) <= offset) low = middle + 1;
      else high = middle;
    }
    const candidate = this.outerQuotes[low - 1];
    return candidate !== undefined && offset < candidate.contentEnd ? candidate : null;
  }

  /** The token after the cue and any extension ("in a statement"), and the cue's end offset. */
  private extendCue(scope: SentenceScope, cue: number): { after: number; cueEnd: number } {
    for (const extension of CUE_EXTENSIONS) {
      if (extension.every((word, offset) => cue + 1 + offset < scope.endToken && this.isWord(cue + 1 + offset, word))) {
        const last = cue + extension.length;
        return { after: last + 1, cueEnd: this.tokens.ends[last] ?? 0 };
      }
    }
    return { after: cue + 1, cueEnd: this.tokens.ends[cue] ?? 0 };
  }

  /**
   * An inverted source after the cue ("said Kartapolov", "said the head of the directorate",
   * "said the man who built his career on …"): a noun phrase that runs to the end of the
   * sentence, a comma or an adjunct. A name stops at its first lower-case word; a description
   * may contain lower-case words and a relative clause.
   */
  private invertedSource(scope: SentenceScope, after: number): { first: number; last: number } | null {
    // "said today the head of …": a time word may sit between cue and source.
    let first = after;
    while (
      first < scope.endToken &&
      ['today', 'yesterday', 'also', 'later', 'then'].includes(this.tokens.lower(first))
    ) {
      first++;
    }
    if (first >= scope.endToken || this.isPunctuation(first)) return null;
    const opener = this.tokens.lower(first);
    const isName = this.tokens.capitalised(first) && !DETERMINERS.has(opener);
    const isDescription = DETERMINERS.has(opener) && opener !== 'that';
    const isPronoun = ['he', 'she', 'they', 'it'].includes(opener);
    if (!isName && !isDescription && !isPronoun) return null;
    let last = first;
    let index = first + 1;
    // A description may be long ("the head of the main operations directorate of the General
    // Staff of the armed forces Andrey Kartapolov"); a name is short.
    let limit = isDescription ? MAX_SOURCE_TOKENS * 2 : MAX_SOURCE_TOKENS;
    while (!isPronoun && index < scope.endToken && index - first < limit) {
      if (this.isPunctuation(index)) {
        const mark = this.mark(index);
        if (mark === '(') {
          // "Rep. Michael McCaul (R-TX)": keep the parenthesis with the name.
          let closing = index + 1;
          while (closing < scope.endToken && closing - index < 8 && this.mark(closing) !== ')') closing++;
          if (closing >= scope.endToken || this.mark(closing) !== ')') break;
          last = closing;
          index = closing + 1;
          continue;
        }
        if (mark !== '.' || index + 1 >= scope.endToken) break;
      } else {
        const word = this.tokens.lower(index);
        if (word === 'who' && isDescription) {
          limit = MAX_SOURCE_TOKENS * 3;
        } else if (word === 'that' || word === 'who') {
          return null;
        } else if (
          limit === MAX_SOURCE_TOKENS &&
          ADJUNCT_STARTS.has(word) &&
          word !== 'of' &&
          !this.tokens.capitalised(index)
        ) {
          break;
        } else if (isName && !this.tokens.capitalised(index) && !NAME_JOINERS.has(word)) {
          break;
        }
      }
      last = index;
      index++;
    }
    // The noun phrase must be followed by the end, a comma or an adjunct, not by a verb phrase.
    const rest = this.classifyRest(scope, last + 1);
    return rest === 'clause' ? null : { first, last };
  }

  /**
   * "…, saying that …" / "…, adding: …": a participle after a comma reports for the subject of
   * the sentence — the source of an attribution earlier in this sentence, or the name it opens with.
   */
  private participleSource(scope: SentenceScope): TextSpan | null {
    const previousIndex = this.found.length - 1;
    const previous = this.found[previousIndex];
    if (previous?.source && previous.cue.start >= scope.start && this.keepsSource(previousIndex, previous.source)) {
      return previous.source;
    }
    let first = scope.firstToken;
    while (first < scope.endToken && LEADING_CONJUNCTIONS.has(this.tokens.lower(first))) first++;
    let last = first - 1;
    for (let index = first; index < scope.endToken && index < first + 6; index++) {
      const word = this.tokens.lower(index);
      const fits =
        !this.isPunctuation(index) &&
        (this.tokens.capitalised(index) || NAME_JOINERS.has(word) || (index === first && DETERMINERS.has(word)));
      if (!fits) break;
      last = index;
    }
    if (last < first || DETERMINERS.has(this.tokens.lower(last))) return null;
    return this.tokenSpan(first, last);
  }

  /** "Ochoa, who voted against the plan, said …": the subject sits before the appositive. */
  private appositiveSubject(
    scope: SentenceScope,
    comma: number,
  ): { first: number; last: number; boundary: number } | null {
    let index = comma - 1;
    while (index >= scope.firstToken && comma - index <= MAX_SOURCE_TOKENS && this.mark(index) !== ',') index--;
    if (index <= scope.firstToken || this.mark(index) !== ',') return null;
    // A description ("a spokesman for …", "who voted …") may be long; anything else between the
    // commas must be short ("meanwhile", "in fact", "Mrs. Obama's chief of staff").
    const opener = this.tokens.lower(index + 1);
    const isDescription = APPOSITIVE_OPENERS.has(opener);
    if (!isDescription && comma - index > 7) return null;
    return this.findSubject(scope, index);
  }

  private tryVerbCue(scope: SentenceScope, cue: number, word: string): void {
    const { tokens } = this;
    const { after, cueEnd } = this.extendCue(scope, cue);
    let cueStart = tokens.starts[cue] ?? 0;
    const rest = this.classifyRest(scope, after);
    const subject = this.findSubject(scope, cue);
    if (subject !== null && subject.last < cue - 1) {
      // Keep auxiliaries with the cue: "has learned", "had earlier claimed".
      cueStart = tokens.starts[subject.last + 1] ?? cueStart;
    }
    const cueSpan = this.span(cueStart, cueEnd);

    if (subject !== null && this.isEmptyPassive(subject, cue)) return;

    if (subject !== null) {
      const source = this.tokenSpan(subject.first, subject.last);
      const boundaryMark = subject.boundary >= scope.firstToken ? this.mark(subject.boundary) : '';
      const afterQuoteOrComma =
        boundaryMark === ',' ||
        CLOSING_QUOTES.includes(boundaryMark) ||
        boundaryMark === '\u2014' ||
        boundaryMark === '\u2013';
      if (rest === 'clause' || (rest === 'comma' && !afterQuoteOrComma)) {
        const contentStart = this.listenerSkip(scope, cue, word, after);
        const content = this.contentAfter(scope, contentStart);
        if (content !== null) this.add(cueSpan, source, content, 'attribution.subject-verb');
        return;
      }
      if (afterQuoteOrComma && subject.boundary >= scope.firstToken) {
        if (rest === 'comma' && boundaryMark === ',' && !this.quoteByEnd.has(tokens.ends[subject.boundary - 1] ?? -1)) {
          // "Only last week, the General noted, the pilots …": the whole sentence is the content.
          let end = scope.end;
          while (end > scope.start && '.!?'.includes(this.text.charAt(end - 1))) end--;
          this.add(cueSpan, source, this.span(scope.start, end), 'attribution.parenthetical');
          return;
        }
        const content = this.contentBefore(scope, subject.boundary);
        if (content !== null) this.add(cueSpan, source, content, 'attribution.trailing');
        return;
      }
      // "He added." with the quote in the sentence before.
      if (subject.boundary < scope.firstToken) {
        const quote = this.quoteJustBefore(scope.start);
        if (quote !== null) this.add(cueSpan, source, this.span(quote.start, quote.end), 'attribution.trailing');
      }
      return;
    }

    // No subject before the cue: either inverted ("…," said Kartapolov) or an appositive subject.
    // Auxiliaries belong to the verb: "Ubben, who has a stake, has defended …".
    let previous = cue - 1;
    while (previous >= scope.firstToken && SKIPPABLE_BEFORE_CUE.has(this.tokens.lower(previous))) previous--;
    const auxiliarySkipped = previous < cue - 1;
    if (previous < scope.firstToken) return;
    if (this.mark(previous) === ',' && word.endsWith('ing') && rest !== 'end') {
      const source = this.participleSource(scope);
      const content = this.contentAfter(scope, this.listenerSkip(scope, cue, word, after));
      if (source !== null && content !== null) this.add(cueSpan, source, content, 'attribution.participle');
      return;
    }
    if (this.mark(previous) === ',') {
      const appositive = this.appositiveSubject(scope, previous);
      if (appositive !== null) {
        // The source keeps its description ("Tina Tchen, Mrs. Obama's chief of staff"): it names
        // the person and gives the resolver title words for later "the official".
        const source = this.tokenSpan(appositive.first, previous - 1);
        const boundaryMark = appositive.boundary >= scope.firstToken ? this.mark(appositive.boundary) : '';
        const trailing =
          (rest === 'adjunct' || rest === 'end') &&
          (boundaryMark === ',' || CLOSING_QUOTES.includes(boundaryMark) || boundaryMark === '\u2014');
        if (rest === 'end' && !trailing) return;
        const content = trailing
          ? this.contentBefore(scope, appositive.boundary)
          : this.contentAfter(scope, this.listenerSkip(scope, cue, word, after));
        if (content !== null) this.add(cueSpan, source, content, 'attribution.appositive');
        return;
      }
    }
    // Inversion ("…," said Kartapolov) needs content before it and a bare verb.
    const previousMark = this.mark(previous);
    const afterContent =
      previousMark === ',' ||
      CLOSING_QUOTES.includes(previousMark) ||
      previousMark === '\u2014' ||
      previousMark === '\u2013';
    if (!afterContent || auxiliarySkipped) return;
    const inverted = this.invertedSource(scope, after);
    if (inverted === null) return;
    const content = this.contentBefore(scope, previous);
    if (content === null) return;
    this.add(cueSpan, this.tokenSpan(inverted.first, inverted.last), content, 'attribution.inverted');
  }

  /**
   * A passive names no speaker in its subject: "It was reported that …", "The charges were
   * announced on Monday" (the subject is what was reported). A form of "be" between subject and
   * a verb that is not an -ing form marks it.
   */
  private isEmptyPassive(subject: { first: number; last: number }, cue: number): boolean {
    if (this.tokens.lower(cue).endsWith('ing')) return false;
    for (let index = subject.last + 1; index < cue; index++) {
      const word = this.tokens.lower(index);
      if (BE_VERBS.has(word) || word === 'been' || word === 'be') return true;
    }
    return false;
  }

  /** Whether a form of "be" stands right before the cue, adverbs aside ("were announced", "is widely expected"). */
  private followsBe(scope: SentenceScope, cue: number): boolean {
    let index = cue - 1;
    while (index >= scope.firstToken && !this.isPunctuation(index) && this.tokens.lower(index).endsWith('ly')) index--;
    if (index < scope.firstToken || this.isPunctuation(index)) return false;
    const word = this.tokens.lower(index);
    return BE_VERBS.has(word) || word === 'been' || word === 'be' || word === 'being';
  }

  /** "told reporters at a briefing that …": the content starts after "that" (or a colon). */
  private listenerSkip(scope: SentenceScope, cue: number, word: string, after: number): number {
    if (this.isWord(after, 'that')) return after + 1;
    if (!VERBS_WITH_LISTENER.has(word)) return after;
    for (let index = after; index < scope.endToken && index < after + MAX_LISTENER_TOKENS; index++) {
      if (this.isWord(index, 'that') || this.mark(index) === ':') return index + 1;
      if (this.isPunctuation(index) && OPENING_QUOTES.includes(this.mark(index))) return index;
    }
    return after;
  }

  /** A depth-0 quote that ends right before `offset`, separated only by spaces. */
  private quoteJustBefore(offset: number): Quote | null {
    let position = offset;
    while (position > 0 && /\s/.test(this.text.charAt(position - 1))) position--;
    return this.quoteByEnd.get(position) ?? null;
  }

  private tryAccordingTo(scope: SentenceScope, according: number): void {
    const toToken = according + 1;
    const cueSpan = this.tokenSpan(according, toToken);
    let last = toToken;
    let index = toToken + 1;
    while (index < scope.endToken && index - toToken <= MAX_SOURCE_TOKENS) {
      if (this.isPunctuation(index)) {
        const mark = this.mark(index);
        if (mark !== '.' || index + 1 >= scope.endToken) break;
      }
      last = index;
      index++;
    }
    if (last === toToken) return;
    const source = this.tokenSpan(toToken + 1, last);
    let opener = scope.firstToken;
    while (opener < according && LEADING_CONJUNCTIONS.has(this.tokens.lower(opener))) opener++;
    if (opener === according) {
      const content = this.contentAfter(scope, last + 1);
      if (content !== null) this.add(cueSpan, source, content, 'attribution.according-to');
      return;
    }
    const content = this.contentBefore(scope, according - 1);
    if (content !== null) this.add(cueSpan, source, content, 'attribution.according-to');
  }

  /** "Moscow: Russian air strikes …" — a short name opening a sentence, then a colon. */
  private tryColon(scope: SentenceScope): boolean {
    const { tokens } = this;
    for (let index = scope.firstToken; index < scope.endToken && index < scope.firstToken + 5; index++) {
      if (this.isPunctuation(index)) {
        if (this.mark(index) !== ':' || index === scope.firstToken) return false;
        if (COLON_LABELS.has(tokens.lower(scope.firstToken))) return false;
        const content = this.contentAfter(scope, index + 1);
        // "Clinton: 547." is a tally, not a statement; a claim needs a few words.
        if (content === null || countWordTokens(tokens, index + 1, scope.endToken) < MIN_COLON_CONTENT_WORDS) {
          return false;
        }
        const source = this.tokenSpan(scope.firstToken, index - 1);
        this.add(this.tokenSpan(index, index), source, content, 'attribution.colon');
        return true;
      }
      if (!tokens.capitalised(index) || CORE_CUES.has(tokens.lower(index))) return false;
    }
    return false;
  }

  /**
   * A likely cue whose source the rules cannot find ("It was reported that …", "Asked about
   * the plan, …") still marks the rest of its sentence as reported content, with no source.
   * Such attributions never make a claim attributed (pass 6 requires a source).
   */
  private addCueOnly(scope: SentenceScope, cue: number): void {
    if (this.cueInsideQuote) return;
    const cueSpan = this.tokenSpan(cue, cue);
    let content = this.contentAfter(scope, cue + 1);
    if (content === null) {
      // "… since the charges were announced.": a passive that ends its clause reports nothing; it
      // names what was announced, and the sentence before it belongs to another speaker.
      if (this.followsBe(scope, cue)) return;
      // "… the region has ever seen.": only a speech word reports what came before it.
      if (!isSpeechWord(this.tokens.lower(cue))) return;
      // "… by the time he said that.": nothing reported follows, so the sentence so far is the content.
      const start = this.afterDateline(scope);
      if (cueSpan.start <= start) return;
      content = this.span(start, cueSpan.start);
    }
    // Even when the grammar did not fit a known form, a subject right before the verb, or the
    // subject of a coordinated verb ("Trump welcomed the plan and said …"), is still the source.
    const subject = this.findSubject(scope, cue);
    let before = cue - 1;
    while (before >= scope.firstToken && SKIPPABLE_BEFORE_CUE.has(this.tokens.lower(before))) before--;
    const coordinated = before >= scope.firstToken && ['and', 'but', 'or'].includes(this.tokens.lower(before));
    if (subject !== null && !this.isEmptyPassive(subject, cue)) {
      this.add(cueSpan, this.tokenSpan(subject.first, subject.last), content, 'attribution.subject-only');
      return;
    }
    if (coordinated) {
      const source = this.participleSource(scope);
      if (source !== null && source.end <= cueSpan.start) {
        this.add(cueSpan, source, content, 'attribution.coordinated');
        return;
      }
    }
    this.lastCueEnd = Math.max(this.lastCueEnd, cueSpan.end);
    this.pushCueOnly(cueSpan, content, 'attribution.cue-only');
  }

  /**
   * Whether the entry at `index` of this sentence, not settled yet, keeps `source` once it is: a
   * learned cue outside the hand-written classes, or a colon, keeps it only when it resolves (`settle()`).
   * The resolver is asked without moving its running state (`peek()`), which only the
   * attributions that stay after the drop move, at the end of the sentence. Without a resolver
   * the answer waits: the sentence is marked to be scanned again with one.
   */
  private keepsSource(index: number, source: TextSpan): boolean {
    const pending = this.pending[index];
    if (pending !== Resolve.Unlisted && pending !== Resolve.Colon) return true;
    if (this.resolver === null) {
      this.readsUnresolvedSource = true;
      return true;
    }
    return keepsResolvedSource(pending, this.resolver.peek(source));
  }

  /** An attribution with a cue and content but no source; it never makes a claim attributed. */
  private pushCueOnly(cue: TextSpan, content: TextSpan, reason: string, subject: TextSpan | null = null): void {
    this.cueScores.push(this.currentScore);
    // A stance verb with a figure names no source, but its subject is still resolved, so that
    // the resolver's running state moves as it did when `add()` resolved every subject it found.
    this.pending.push(subject === null ? Resolve.Done : Resolve.SubjectOnly);
    this.subjects.push(subject);
    this.found.push(cueOnlyAttribution(cue, content, reason));
  }

  private isValid(span: Span): boolean {
    return span.start >= 0 && span.end > span.start && span.end <= this.text.length;
  }

  private add(cue: TextSpan, source: TextSpan, content: TextSpan, rule: string): void {
    // A rule that misjudged its tokens must not emit a broken span; dropping it loses one guess.
    if (!this.isValid(cue) || !this.isValid(source) || !this.isValid(content)) return;
    if (this.cueInsideQuote && rule !== 'attribution.trailing' && rule !== 'attribution.inverted') return;
    this.lastCueEnd = Math.max(this.lastCueEnd, cue.end);
    if (this.cueKind === Resolve.SubjectOnly) {
      this.pushCueOnly(cue, content, 'attribution.stance-figure', source);
      return;
    }
    // Resolved at the end of the sentence (`scanSentence()`), or by `findByParagraph()`.
    this.cueScores.push(this.currentScore);
    this.pending.push(this.cueKind);
    this.subjects.push(source);
    this.found.push(unresolvedAttribution(cue, source, content, rule));
  }
}

/** What is left to settle for each attribution a scan found, and so what its cue makes of the source. */
const enum Resolve {
  /** A cue-only attribution: nothing to resolve. */
  Done = 0,
  /** A cue from the hand-written classes: its source is resolved and kept. */
  Listed = 1,
  /** A learned cue outside them: it keeps its source only when the source resolves (see `settle()`). */
  Unlisted = 2,
  /**
   * A cue-only attribution whose subject is resolved all the same: a stance word followed by a
   * figure ("supports about 300 children") names no source.
   */
  SubjectOnly = 3,
  /** A colon attribution: it keeps its source only when the words before the colon make a name (see `settle()`). */
  Colon = 4,
}

/** What the finder needs of a `SourceResolver`. */
interface SourceLookup {
  resolve(source: TextSpan): Resolution;
  /** What `resolve()` would give now, leaving the running state as it is. */
  peek(source: TextSpan): Resolution;
}

/** An attribution with a cue and content but no source. */
function cueOnlyAttribution(cue: TextSpan, content: TextSpan, reason: string): Attribution {
  return {
    cue,
    source: null,
    content,
    sourceName: null,
    sourceEntity: null,
    anonymous: false,
    inherited: false,
    reason,
  };
}

/**
 * Whether an attribution keeps the source its resolution gives. A learned cue outside the classes
 * ("passed") keeps it only when it resolves to a person or organisation the entity pass found, or
 * an anonymous one. A colon keeps any name, a capitalised one the entity pass did not know too
 * ("Pence: …" in a headline, before the article names him in full), but not an ordinary word
 * ("Poll: …", "Revealed: …", "Contributing: …"), which the resolver leaves unresolved.
 */
function keepsResolvedSource(pending: Resolve, resolution: Resolution): boolean {
  if (pending === Resolve.Unlisted) return resolution.sourceEntity !== null || resolution.anonymous;
  if (pending === Resolve.Colon) return resolution.sourceName !== null || resolution.anonymous;
  return true;
}

/**
 * One entry of a sentence's scan once the drop kept it: its subject resolved through `resolver`
 * (which moves the resolver's running state) as `pending` says.
 */
function settleEntry(
  attribution: Attribution,
  pending: Resolve,
  subject: TextSpan | null,
  resolver: Pick<SourceLookup, 'resolve'>,
): Attribution {
  if (pending === Resolve.Done || subject === null) return attribution;
  if (pending === Resolve.SubjectOnly) {
    resolver.resolve(subject);
    return attribution.source === null
      ? attribution
      : cueOnlyAttribution(attribution.cue, attribution.content, 'attribution.stance-figure');
  }
  return settle(attribution, pending, resolver.resolve(subject));
}

/** An attribution whose source is not resolved yet; `reason` holds the rule alone. */
function unresolvedAttribution(cue: TextSpan, source: TextSpan, content: TextSpan, rule: string): Attribution {
  return {
    cue,
    source,
    content,
    sourceName: null,
    sourceEntity: null,
    anonymous: false,
    inherited: false,
    reason: rule,
  };
}

/**
 * The attribution `add()` found, with its source resolved. A cue outside the hand-written
 * classes and a colon keep the source only as `keepsResolvedSource()` says; otherwise the
 * attribution stays cue-only ("The budget passed …" and "Revealed: …" name no source).
 */
function settle(unresolved: Attribution, pending: Resolve, resolution: Resolution): Attribution {
  if (!keepsResolvedSource(pending, resolution)) {
    const reason = pending === Resolve.Colon ? 'attribution.colon-without-speaker' : 'attribution.unlisted-cue';
    return { ...unresolved, source: null, reason };
  }
  return {
    ...unresolved,
    sourceName: resolution.sourceName,
    sourceEntity: resolution.sourceEntity,
    anonymous: resolution.anonymous,
    reason: `${unresolved.reason}+source.${resolution.rule}`,
  };
}

/**
 * Gives continuing quotes their chain's attribution, and a quote that directly follows an
 * attributed quote in the same paragraph the same speaker. Returns all attributions sorted by
 * the start of their content.
 */
function inheritForQuotes(
  text: string,
  found: Attribution[],
  quotes: readonly Quote[],
  paragraphs: readonly Span[],
): Attribution[] {
  // Chain membership needs each quote's own index, which `chainStart` refers to.
  const outer = quotes.map((quote, index) => ({ quote, index })).filter(({ quote }) => quote.depth === 0);
  if (outer.length === 0) return found.sort(byContentStart);
  const byIndex = coverQuotes(quotes, found, (attribution) => attribution.source !== null);
  const covering = new Map<Quote, number>();
  for (const [quoteIndex, attributionIndex] of byIndex) {
    const quote = quotes[quoteIndex];
    if (quote !== undefined) covering.set(quote, attributionIndex);
  }

  // Walk the quotes in order so that a quote which inherits passes its speaker on to the next
  // paragraph of the same chain.
  const chainSource = new Map<number, number>();
  const paragraphOf = paragraphLookup(paragraphs);
  const inherited: Attribution[] = [];
  let previous: Quote | null = null;
  for (const { quote, index } of outer) {
    let attributionIndex = covering.get(quote);
    if (attributionIndex === undefined) {
      const inChain = quote.continuesPrevious || quote.chainStart !== index;
      const fromChain = inChain ? chainSource.get(quote.chainStart) : undefined;
      const fromNeighbour =
        previous !== null && paragraphOf(previous.start) === paragraphOf(quote.start)
          ? covering.get(previous)
          : undefined;
      attributionIndex = fromChain ?? fromNeighbour;
      const original = attributionIndex === undefined ? undefined : found[attributionIndex];
      if (original !== undefined && attributionIndex !== undefined) {
        inherited.push({
          ...original,
          content: { start: quote.start, end: quote.end, text: text.slice(quote.start, quote.end) },
          inherited: true,
          reason: `${fromChain !== undefined ? 'attribution.continued-quote' : 'attribution.same-paragraph-quote'}+${original.reason}`,
        });
        covering.set(quote, attributionIndex);
      }
    } else {
      paragraphOf(quote.start);
    }
    if (attributionIndex !== undefined && !chainSource.has(quote.chainStart)) {
      chainSource.set(quote.chainStart, attributionIndex);
    }
    previous = quote;
  }
  return [...found, ...inherited].sort(byContentStart);
}

/** Auxiliaries and adverbs between a subject and its verb ("has repeatedly said"). */
function isSkippable(word: string): boolean {
  return SKIPPABLE_BEFORE_CUE.has(word) || (word.length > 4 && word.endsWith('ly'));
}

function countWordTokens(tokens: Tokens, from: number, to: number): number {
  let words = 0;
  for (let index = from; index < to; index++) if (tokens.kinds[index] === TokenKind.Word) words++;
  return words;
}

function byContentStart(left: Attribution, right: Attribution): number {
  return left.content.start - right.content.start || left.cue.start - right.cue.start;
}

/** Maps an offset to its paragraph index; calls must come in increasing order of offset. */
function paragraphLookup(paragraphs: readonly Span[]): (offset: number) => number {
  let index = 0;
  return (offset: number): number => {
    while (index + 1 < paragraphs.length && (paragraphs[index + 1]?.start ?? Infinity) <= offset) index++;
    return index;
  };
}
