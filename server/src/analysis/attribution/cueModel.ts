// The learned cue model: a logistic regression over a word's form, its crude lemma and the
// grammar around it, learned from the PolNeAR train split by `scripts/learn-cues.ts` (see
// THIRD_PARTY.md). The learner and the pass both build features with `cueFeatures()`, so the
// weights always mean the same thing on both sides.
//
// Only words whose lemma headed gold cues in train are scored at all (`candidateWords`); every
// other word is skipped with one set look-up, which keeps the pass linear and cheap.
import { CUE_CLASSES, isStanceOnly } from './cueClasses';
import {
  CLASS_WORDS,
  NEXT_CLASSES,
  PREVIOUS_CLASSES,
  nextClass,
  nextWordClass,
  previousClass,
  previousWordClass,
} from './features';
import { CLOSING_QUOTES, OPENING_QUOTES } from './lexicon';
import { TokenKind, type Tokens } from './tokens';
import { hashString, NO_WORD, NOT_ASCII, WordTable } from './wordTable';

/**
 * A crude lemma that folds the -s, -es, -ed, -ied and -ing forms of a verb (and plural nouns)
 * onto one key, so that a form rarely seen in train ("backs") borrows the weight of its
 * frequent forms ("backed", "backing"). It is a feature key, not a dictionary form.
 */
export function cueLemma(word: string): string {
  const length = word.length;
  let stem = word;
  let undouble = false;
  if (length > 5 && word.endsWith('ing')) {
    stem = word.slice(0, -3);
    undouble = true;
  } else if (length > 4 && (word.endsWith('ied') || word.endsWith('ies'))) {
    return `${word.slice(0, -3)}y`;
  } else if (length > 4 && word.endsWith('ed')) {
    stem = word.slice(0, -2);
    undouble = true;
  } else if (length > 4 && word.endsWith('es') && /(?:ss|sh|ch|x)es$/.test(word)) {
    return word.slice(0, -2);
  } else if (length > 3 && word.endsWith('s') && !word.endsWith('ss')) {
    stem = word.slice(0, -1);
  }
  // "admitted" and "planning" double their last consonant; "called" and "pressed" do not lose it.
  const last = stem.charCodeAt(stem.length - 1);
  if (undouble && stem.length >= 5 && last === stem.charCodeAt(stem.length - 2) && last !== 115) {
    stem = stem.slice(0, -1);
  }
  return stem.length > 2 && stem.endsWith('e') ? stem.slice(0, -1) : stem;
}

/** Whether the token is the word "that" in any case, read from char codes without making a string. */
function isThat(tokens: Tokens, index: number, text: string): boolean {
  const start = tokens.starts[index] ?? 0;
  if ((tokens.ends[index] ?? 0) - start !== 4) return false;
  // Setting bit 5 folds ASCII upper case onto lower case.
  return (
    (text.charCodeAt(start) | 32) === 116 &&
    (text.charCodeAt(start + 1) | 32) === 104 &&
    (text.charCodeAt(start + 2) | 32) === 97 &&
    (text.charCodeAt(start + 3) | 32) === 116
  );
}

/** Whether "that" follows within a few words, before any punctuation ("told reporters on Friday that"). */
function thatFollows(tokens: Tokens, index: number, text: string): boolean {
  for (let next = index + 1; next < tokens.count && next <= index + THAT_WINDOW; next++) {
    if (tokens.kinds[next] !== TokenKind.Word) return false;
    if (isThat(tokens, next, text)) return true;
  }
  return false;
}

/**
 * Whether a figure follows within two tokens ("supports about 300 children", "made 394 sorties",
 * "spent $2 million"): a verb that takes a quantity reports nothing.
 */
export function figureFollows(tokens: Tokens, index: number, text: string): boolean {
  for (let next = index + 1; next < tokens.count && next <= index + 2; next++) {
    const code = text.charCodeAt(tokens.starts[next] ?? 0);
    // A digit, or a currency sign: $, £, €.
    if ((code >= 48 && code <= 57) || code === 36 || code === 0xa3 || code === 0x20ac) return true;
  }
  return false;
}

/** How many words after a verb "that" may come and still open its complement. */
const THAT_WINDOW = 5;
/** The longest subject between the comma and the verb of a trailing frame ("…, the minutes showed."). */
const TRAILING_SUBJECT_WINDOW = 5;

/**
 * Whether the word closes a trailing frame: a comma or closing quote, a few words of subject,
 * the word, then the end of the sentence or a comma ("…, the minutes showed.", "…," she added,).
 */
function closesTrailingFrame(tokens: Tokens, index: number, text: string, nextEndsOrComma: boolean): boolean {
  if (!nextEndsOrComma) return false;
  for (let previous = index - 1; previous >= 0 && previous >= index - 1 - TRAILING_SUBJECT_WINDOW; previous--) {
    if (tokens.kinds[previous] === TokenKind.Word) continue;
    const mark = text.charCodeAt(tokens.starts[previous] ?? 0);
    // A comma, a straight or curly closing quote: anything else ends the search.
    return previous < index - 1 && (mark === 44 || mark === 34 || mark === 0x201d || mark === 0x2019);
  }
  return false;
}

/**
 * A token two places from a candidate as a feature value: the word lower-cased, or the
 * punctuation mark itself ("said , adding" and "told reporters that" differ here).
 */
function tokenKey(tokens: Tokens, index: number, text: string): string {
  return tokens.kinds[index] === TokenKind.Word ? tokens.lower(index) : text.charAt(tokens.starts[index] ?? 0);
}

/**
 * The feature keys of the word at `index`: its form, lemma and last three letters, the classes of
 * what precedes and follows it (see `features.ts`), those classes combined with the form and the
 * lemma, the words (or marks) one and two places either side, and whether "that" follows. Keys
 * hold single words, marks and class letters only.
 */
export function cueFeatures(tokens: Tokens, index: number, text: string, word: string): string[] {
  const lemma = cueLemma(word);
  const suffix = word.slice(-3);
  const previous = previousClass(tokens, index, text);
  const next = nextClass(tokens, index, text);
  const afterNext = index + 1 < tokens.count ? nextClass(tokens, index + 1, text) : 'E';
  const beforePrevious = index > 0 ? previousClass(tokens, index - 1, text) : 'S';
  const nextWord =
    index + 1 < tokens.count && tokens.kinds[index + 1] === TokenKind.Word ? tokens.lower(index + 1) : '#';
  const previousWord = index > 0 && tokens.kinds[index - 1] === TokenKind.Word ? tokens.lower(index - 1) : '#';
  const secondNext = index + 2 < tokens.count ? tokenKey(tokens, index + 2, text) : '#';
  const secondPrevious = index >= 2 ? tokenKey(tokens, index - 2, text) : '#';
  const keys = [
    'b',
    `w=${word}`,
    `l=${lemma}`,
    `x=${suffix}`,
    `p=${previous}`,
    `n=${next}`,
    `pn=${previous}${next}`,
    `nn=${next}${afterNext}`,
    `pp=${beforePrevious}${previous}`,
    `wp=${word}${previous}`,
    `wn=${word}${next}`,
    `lp=${lemma}${previous}`,
    `ln=${lemma}${next}`,
    `lnn=${lemma}${next}${afterNext}`,
    `lpp=${lemma}${beforePrevious}${previous}`,
    `xn=${suffix}${next}`,
    `nw=${nextWord}`,
    `pw=${previousWord}`,
    `nw2=${secondNext}`,
    `pw2=${secondPrevious}`,
  ];
  if (tokens.capitalised(index)) keys.push('cap');
  const that = thatFollows(tokens, index, text);
  if (that) keys.push('t', `lt=${lemma}`);
  const figure = figureFollows(tokens, index, text);
  if (figure) keys.push('f', `lf=${lemma}`);
  const trailing = closesTrailingFrame(tokens, index, text, next === 'E' || next === ',');
  if (trailing) keys.push('tf', `ltf=${lemma}`);
  // The hand-written word classes generalise to forms that train saw rarely or never.
  for (const name of CUE_CLASSES.get(word) ?? []) {
    keys.push(`c=${name}`, `cp=${name}${previous}`, `cn=${name}${next}`, `cnn=${name}${next}${afterNext}`);
    keys.push(`cpn=${name}${previous}${next}`);
    if (that) keys.push(`ct=${name}`);
    if (trailing) keys.push(`ctf=${name}`);
    if (figure) keys.push(`cf=${name}`);
  }
  return keys;
}

/** The log-odds of a probability, for comparing thresholds with `CueModel.score()`. */
export function logOdds(probability: number): number {
  return Math.log(probability / (1 - probability));
}

/** Weights and candidate words as `scripts/learn-cues.ts` writes them into `data/cues.ts`. */
export interface CueModelData {
  /** Every word form worth scoring, space-separated. */
  candidates: string;
  /** `key=weight;…` for every kept feature. */
  weights: string;
}

/** The size of `CueModel.candidateHashBits`, a power of two. */
const CANDIDATE_HASH_BITS = 1 << 16;
const PREVIOUS_COUNT = PREVIOUS_CLASSES.length;
const NEXT_COUNT = NEXT_CLASSES.length;
/** Table positions of the classes `CueModel.score()` names itself. */
const PREVIOUS_START = PREVIOUS_CLASSES.indexOf('S');
const PREVIOUS_COMMA = PREVIOUS_CLASSES.indexOf(',');
const PREVIOUS_QUOTE = PREVIOUS_CLASSES.indexOf('Q');
const PREVIOUS_CAPITALISED = PREVIOUS_CLASSES.indexOf('C');
const PREVIOUS_OTHER = PREVIOUS_CLASSES.indexOf('W');
const NEXT_END = NEXT_CLASSES.indexOf('E');
const NEXT_COMMA = NEXT_CLASSES.indexOf(',');
const NEXT_QUOTE = NEXT_CLASSES.indexOf('Q');
const NEXT_CAPITALISED = NEXT_CLASSES.indexOf('C');
const NEXT_OTHER = NEXT_CLASSES.indexOf('W');

/**
 * One candidate word's weights, summed ahead by the context they depend on, so that scoring a
 * token adds six numbers and two map look-ups instead of building twenty feature keys. The sums
 * are exactly the weights `cueFeatures()` would name for that word in that context.
 */
export interface CueCandidate {
  /** Whether the word is in the hand-written classes of `cueClasses.ts`. */
  listed: boolean;
  /** Whether the word is only a stance word (`isStanceOnly()`), kept here so the pass asks once per word. */
  stanceOnly: boolean;
  /** Everything that depends on the word alone: bias, form, lemma, suffix, classes. */
  base: number;
  byPrevious: Float64Array;
  byNext: Float64Array;
  byPreviousAndNext: Float64Array;
  byNextAndAfter: Float64Array;
  byBeforeAndPrevious: Float64Array;
  /** Added when "that" follows within a few words. */
  thatFollows: number;
  /** Added when the word closes a trailing frame. */
  trailingFrame: number;
  /** Added when a figure follows within two tokens. */
  figureFollows: number;
}

export class CueModel {
  private readonly weights = new Map<string, number>();
  private readonly nextWordWeights = new Map<string, number>();
  private readonly previousWordWeights = new Map<string, number>();
  /** The `nw2=` and `pw2=` weights: words two places after and before, and the marks there. */
  private readonly secondNextWeights = new Map<string, number>();
  private readonly secondPreviousWeights = new Map<string, number>();
  private readonly capitalisedWeight: number;
  readonly candidateWords: ReadonlySet<string>;
  /**
   * Every word `score()` asks about (candidates, class words, weighted neighbours, "according"),
   * found from char codes; the arrays below hold what each id means to the model. Looking words
   * up this way instead of lower-casing them into strings made pass 5 several times faster.
   */
  readonly vocabulary: WordTable;
  /** The id of "according", which pass 5 checks before it scores a word. */
  readonly accordingId: number;
  private readonly isCandidate: Uint8Array;
  /**
   * One bit per value of a hash's low bits, set for the hashes of the candidate words and of
   * "according" (which pass 5 checks before the candidates). Most words
   * the pass meets ("the", "of") are in the vocabulary as neighbours but are not candidates; this
   * turns them away before the table probe and its character check (about 3% false positives).
   */
  private readonly candidateHashBits = new Uint32Array(CANDIDATE_HASH_BITS >> 5);
  /** Each candidate's tables, built on first use (`null` until then). */
  private readonly tablesById: Array<CueCandidate | null>;
  /** The class a word gives the word after it, as a `PREVIOUS_CLASSES` position, or -1. */
  private readonly previousClassById: Int8Array;
  /** The class a word gives the word before it, as a `NEXT_CLASSES` position, or -1. */
  private readonly nextClassById: Int8Array;
  private readonly nextWordWeightById: Float64Array;
  private readonly previousWordWeightById: Float64Array;
  private readonly secondNextWeightById: Float64Array;
  private readonly secondPreviousWeightById: Float64Array;
  /** The `nw=#` and `pw=#` weights, for a neighbour that is not a word. */
  private readonly noNextWordWeight: number;
  private readonly noPreviousWordWeight: number;

  constructor(data: CueModelData) {
    this.candidateWords = new Set(data.candidates.split(' ').filter((word) => word.length > 0));
    for (const entry of data.weights.split(';')) {
      const equals = entry.lastIndexOf('=');
      if (equals <= 0) continue;
      const key = entry.slice(0, equals);
      const weight = Number(entry.slice(equals + 1));
      this.weights.set(key, weight);
      if (key.startsWith('nw=')) this.nextWordWeights.set(key.slice(3), weight);
      else if (key.startsWith('pw=')) this.previousWordWeights.set(key.slice(3), weight);
      else if (key.startsWith('nw2=')) this.secondNextWeights.set(key.slice(4), weight);
      else if (key.startsWith('pw2=')) this.secondPreviousWeights.set(key.slice(4), weight);
    }
    this.capitalisedWeight = this.weight('cap');
    this.vocabulary = new WordTable([
      ...this.candidateWords,
      ...CLASS_WORDS,
      ...this.nextWordWeights.keys(),
      ...this.previousWordWeights.keys(),
      ...this.secondNextWeights.keys(),
      ...this.secondPreviousWeights.keys(),
      'according',
    ]);
    const size = this.vocabulary.words.length;
    this.accordingId = this.vocabulary.idOfWord('according');
    this.isCandidate = new Uint8Array(size);
    this.tablesById = new Array<CueCandidate | null>(size).fill(null);
    this.previousClassById = new Int8Array(size);
    this.nextClassById = new Int8Array(size);
    this.nextWordWeightById = new Float64Array(size);
    this.previousWordWeightById = new Float64Array(size);
    this.secondNextWeightById = new Float64Array(size);
    this.secondPreviousWeightById = new Float64Array(size);
    this.vocabulary.words.forEach((word, id) => {
      this.isCandidate[id] = this.candidateWords.has(word) ? 1 : 0;
      if (this.isCandidate[id] === 1 || id === this.accordingId) {
        const bit = hashString(word) & (CANDIDATE_HASH_BITS - 1);
        this.candidateHashBits[bit >> 5] = (this.candidateHashBits[bit >> 5] ?? 0) | (1 << (bit & 31));
      }
      const previous = previousWordClass(word);
      this.previousClassById[id] = previous === '' ? -1 : PREVIOUS_CLASSES.indexOf(previous);
      const next = nextWordClass(word);
      this.nextClassById[id] = next === '' ? -1 : NEXT_CLASSES.indexOf(next);
      this.nextWordWeightById[id] = this.nextWordWeights.get(word) ?? 0;
      this.previousWordWeightById[id] = this.previousWordWeights.get(word) ?? 0;
      this.secondNextWeightById[id] = this.secondNextWeights.get(word) ?? 0;
      this.secondPreviousWeightById[id] = this.secondPreviousWeights.get(word) ?? 0;
    });
    this.noNextWordWeight = this.nextWordWeights.get('#') ?? 0;
    this.noPreviousWordWeight = this.previousWordWeights.get('#') ?? 0;
  }

  /** The vocabulary id of the token at `index` lower-cased, or `NO_WORD`. */
  wordId(tokens: Tokens, index: number, text: string): number {
    const id = this.vocabulary.idOfHashed(
      tokens.hashes[index] ?? -1,
      text,
      tokens.starts[index] ?? 0,
      tokens.ends[index] ?? 0,
    );
    return id === NOT_ASCII ? this.vocabulary.idOfWord(tokens.lower(index)) : id;
  }

  /**
   * False when the word at `index` is surely neither a candidate nor "according" (by its hash
   * alone); true when it may be, and always for a word with characters outside ASCII, which has no hash.
   */
  mayBeCandidate(tokens: Tokens, index: number): boolean {
    const hash = tokens.hashes[index] ?? -1;
    if (hash < 0) return true;
    const bit = hash & (CANDIDATE_HASH_BITS - 1);
    return ((this.candidateHashBits[bit >> 5] ?? 0) & (1 << (bit & 31))) !== 0;
  }

  /** The vocabulary id of the token at `index` when it is a word, or `NO_WORD`. */
  private wordIdIfWord(tokens: Tokens, index: number, text: string): number {
    return index >= 0 && index < tokens.count && tokens.kinds[index] === TokenKind.Word
      ? this.wordId(tokens, index, text)
      : NO_WORD;
  }

  /**
   * The `nw2=`/`pw2=` weight of the token at `index` from `weightById` (a word) or `byMark` (a
   * punctuation mark); `#`, for no token at all, is looked up by the caller.
   */
  private secondWeight(
    tokens: Tokens,
    index: number,
    text: string,
    weightById: Float64Array,
    byMark: Map<string, number>,
  ): number {
    if (tokens.kinds[index] === TokenKind.Word) {
      const id = this.wordId(tokens, index, text);
      return id >= 0 ? (weightById[id] ?? 0) : 0;
    }
    return byMark.get(text.charAt(tokens.starts[index] ?? 0)) ?? 0;
  }

  /** A candidate's tables by vocabulary id, or undefined when the model does not score the word. */
  candidateById(id: number): CueCandidate | undefined {
    if (id < 0 || this.isCandidate[id] !== 1) return undefined;
    const cached = this.tablesById[id];
    if (cached !== null && cached !== undefined) return cached;
    const built = this.tablesFor(this.vocabulary.words[id] ?? '');
    this.tablesById[id] = built;
    return built;
  }

  /**
   * `previousClass()` as a `PREVIOUS_CLASSES` position, with the previous word given by its id
   * (`NO_WORD` when it is not a word or unknown), so that no string is made.
   */
  private previousClassAt(tokens: Tokens, index: number, text: string, previousId: number): number {
    if (index === 0) return PREVIOUS_START;
    const previous = index - 1;
    if (tokens.kinds[previous] === TokenKind.Punctuation) {
      const mark = text.charAt(tokens.starts[previous] ?? 0);
      if (mark === ',') return PREVIOUS_COMMA;
      if (mark === '.' || mark === '!' || mark === '?' || mark === ':' || mark === ';') return PREVIOUS_START;
      if (CLOSING_QUOTES.includes(mark)) return PREVIOUS_QUOTE;
      return PREVIOUS_OTHER;
    }
    // A blank line between the tokens means a new paragraph, which counts as a start.
    for (let position = tokens.ends[previous] ?? 0; position < (tokens.starts[index] ?? 0); position++) {
      if (text.charCodeAt(position) === 10) return PREVIOUS_START;
    }
    const wordClass = previousId >= 0 ? (this.previousClassById[previousId] ?? -1) : -1;
    if (wordClass >= 0) return wordClass;
    return tokens.capitalised(previous) ? PREVIOUS_CAPITALISED : PREVIOUS_OTHER;
  }

  /** `nextClass()` as a `NEXT_CLASSES` position, with the next word given by its id (see `previousClassAt`). */
  private nextClassAt(tokens: Tokens, index: number, text: string, nextId: number): number {
    const next = index + 1;
    if (next >= tokens.count) return NEXT_END;
    if (tokens.kinds[next] === TokenKind.Punctuation) {
      const mark = text.charAt(tokens.starts[next] ?? 0);
      if (mark === ',') return NEXT_COMMA;
      if (mark === '.' || mark === '!' || mark === '?' || mark === ';') return NEXT_END;
      if (mark === ':' || OPENING_QUOTES.includes(mark)) return NEXT_QUOTE;
      return NEXT_OTHER;
    }
    const wordClass = nextId >= 0 ? (this.nextClassById[nextId] ?? -1) : -1;
    if (wordClass >= 0) return wordClass;
    return tokens.capitalised(next) ? NEXT_CAPITALISED : NEXT_OTHER;
  }

  private weight(key: string): number {
    return this.weights.get(key) ?? 0;
  }

  /** A candidate word's tables, or undefined when the model does not score the word. */
  candidate(word: string): CueCandidate | undefined {
    return this.candidateById(this.vocabulary.idOfWord(word));
  }

  /** Builds a word's tables; the keys mirror `cueFeatures()` one for one. */
  private tablesFor(word: string): CueCandidate {
    const lemma = cueLemma(word);
    const suffix = word.slice(-3);
    const classes = CUE_CLASSES.get(word) ?? [];
    let base = this.weight('b') + this.weight(`w=${word}`) + this.weight(`l=${lemma}`) + this.weight(`x=${suffix}`);
    let thatFollows = this.weight('t') + this.weight(`lt=${lemma}`);
    let trailingFrame = this.weight('tf') + this.weight(`ltf=${lemma}`);
    let figureFollows = this.weight('f') + this.weight(`lf=${lemma}`);
    for (const name of classes) {
      base += this.weight(`c=${name}`);
      thatFollows += this.weight(`ct=${name}`);
      trailingFrame += this.weight(`ctf=${name}`);
      figureFollows += this.weight(`cf=${name}`);
    }
    const byPrevious = new Float64Array(PREVIOUS_COUNT);
    const byBeforeAndPrevious = new Float64Array(PREVIOUS_COUNT * PREVIOUS_COUNT);
    for (let previousIndex = 0; previousIndex < PREVIOUS_COUNT; previousIndex++) {
      const previous = PREVIOUS_CLASSES.charAt(previousIndex);
      let sum =
        this.weight(`p=${previous}`) + this.weight(`wp=${word}${previous}`) + this.weight(`lp=${lemma}${previous}`);
      for (const name of classes) sum += this.weight(`cp=${name}${previous}`);
      byPrevious[previousIndex] = sum;
      for (let beforeIndex = 0; beforeIndex < PREVIOUS_COUNT; beforeIndex++) {
        const before = PREVIOUS_CLASSES.charAt(beforeIndex);
        byBeforeAndPrevious[beforeIndex * PREVIOUS_COUNT + previousIndex] =
          this.weight(`pp=${before}${previous}`) + this.weight(`lpp=${lemma}${before}${previous}`);
      }
    }
    const byNext = new Float64Array(NEXT_COUNT);
    const byNextAndAfter = new Float64Array(NEXT_COUNT * NEXT_COUNT);
    for (let nextIndex = 0; nextIndex < NEXT_COUNT; nextIndex++) {
      const next = NEXT_CLASSES.charAt(nextIndex);
      let sum =
        this.weight(`n=${next}`) +
        this.weight(`wn=${word}${next}`) +
        this.weight(`ln=${lemma}${next}`) +
        this.weight(`xn=${suffix}${next}`);
      for (const name of classes) sum += this.weight(`cn=${name}${next}`);
      byNext[nextIndex] = sum;
      for (let afterIndex = 0; afterIndex < NEXT_COUNT; afterIndex++) {
        const after = NEXT_CLASSES.charAt(afterIndex);
        let pair = this.weight(`nn=${next}${after}`) + this.weight(`lnn=${lemma}${next}${after}`);
        for (const name of classes) pair += this.weight(`cnn=${name}${next}${after}`);
        byNextAndAfter[nextIndex * NEXT_COUNT + afterIndex] = pair;
      }
    }
    const byPreviousAndNext = new Float64Array(PREVIOUS_COUNT * NEXT_COUNT);
    for (let previousIndex = 0; previousIndex < PREVIOUS_COUNT; previousIndex++) {
      for (let nextIndex = 0; nextIndex < NEXT_COUNT; nextIndex++) {
        const pair = `${PREVIOUS_CLASSES.charAt(previousIndex)}${NEXT_CLASSES.charAt(nextIndex)}`;
        let sum = this.weight(`pn=${pair}`);
        for (const name of classes) sum += this.weight(`cpn=${name}${pair}`);
        byPreviousAndNext[previousIndex * NEXT_COUNT + nextIndex] = sum;
      }
    }
    return {
      listed: classes.length > 0,
      stanceOnly: isStanceOnly(word),
      base,
      byPrevious,
      byNext,
      byPreviousAndNext,
      byNextAndAfter,
      byBeforeAndPrevious,
      thatFollows,
      trailingFrame,
      figureFollows,
    };
  }

  /**
   * The log-odds that the word at `index` heads an attribution cue; `tables` is its `candidate()`.
   * The pass compares it with the log-odds of its threshold, which spares an exponential per word.
   */
  score(tables: CueCandidate, tokens: Tokens, index: number, text: string): number {
    // Each neighbour is looked up once, by id, and shared by its class and its word feature.
    const hasPreviousWord = index > 0 && tokens.kinds[index - 1] === TokenKind.Word;
    const hasNextWord = index + 1 < tokens.count && tokens.kinds[index + 1] === TokenKind.Word;
    const previousId = hasPreviousWord ? this.wordId(tokens, index - 1, text) : NO_WORD;
    const nextId = hasNextWord ? this.wordId(tokens, index + 1, text) : NO_WORD;
    const previous = this.previousClassAt(tokens, index, text, previousId);
    const next = this.nextClassAt(tokens, index, text, nextId);
    const afterNext =
      index + 1 < tokens.count
        ? this.nextClassAt(tokens, index + 1, text, this.wordIdIfWord(tokens, index + 2, text))
        : NEXT_END;
    const beforePrevious =
      index > 0
        ? this.previousClassAt(tokens, index - 1, text, this.wordIdIfWord(tokens, index - 2, text))
        : PREVIOUS_START;
    let score =
      tables.base +
      (tables.byPrevious[previous] ?? 0) +
      (tables.byNext[next] ?? 0) +
      (tables.byPreviousAndNext[previous * NEXT_COUNT + next] ?? 0) +
      (tables.byNextAndAfter[next * NEXT_COUNT + afterNext] ?? 0) +
      (tables.byBeforeAndPrevious[beforePrevious * PREVIOUS_COUNT + previous] ?? 0);
    const nextWordWeight = hasNextWord
      ? nextId >= 0
        ? (this.nextWordWeightById[nextId] ?? 0)
        : 0
      : this.noNextWordWeight;
    const previousWordWeight = hasPreviousWord
      ? previousId >= 0
        ? (this.previousWordWeightById[previousId] ?? 0)
        : 0
      : this.noPreviousWordWeight;
    score += nextWordWeight + previousWordWeight;
    score +=
      index + 2 < tokens.count
        ? this.secondWeight(tokens, index + 2, text, this.secondNextWeightById, this.secondNextWeights)
        : (this.secondNextWeights.get('#') ?? 0);
    score +=
      index >= 2
        ? this.secondWeight(tokens, index - 2, text, this.secondPreviousWeightById, this.secondPreviousWeights)
        : (this.secondPreviousWeights.get('#') ?? 0);
    if (tokens.capitalised(index)) score += this.capitalisedWeight;
    if (thatFollows(tokens, index, text)) score += tables.thatFollows;
    if (figureFollows(tokens, index, text)) score += tables.figureFollows;
    if (closesTrailingFrame(tokens, index, text, next === NEXT_END || next === NEXT_COMMA))
      score += tables.trailingFrame;
    return score;
  }

  /**
   * The probability that the word at `index` (lower-cased: `word`) heads an attribution cue, by its
   * features; the pass asks only about candidate words, and only for `score()`.
   */
  probability(tokens: Tokens, index: number, text: string, word: string): number {
    const tables = this.candidate(word) ?? this.tablesFor(word);
    return 1 / (1 + Math.exp(-this.score(tables, tokens, index, text)));
  }

  /** The same probability by naming every feature; the tests check that both agree. */
  probabilityFromKeys(tokens: Tokens, index: number, text: string, word: string): number {
    let score = 0;
    for (const key of cueFeatures(tokens, index, text, word)) score += this.weight(key);
    return 1 / (1 + Math.exp(-score));
  }
}
