// The context classes shared by the cue learner (`scripts/learn-cues.ts`) and the attribution
// pass. Both sides must compute them identically, or the learned counts would not apply.
import { ADJUNCT_STARTS, CLOSING_QUOTES, DETERMINERS, OPENING_QUOTES, SKIPPABLE_BEFORE_CUE } from './lexicon';
import { TokenKind, type Tokens } from './tokens';

const PRONOUNS: ReadonlySet<string> = new Set(['he', 'she', 'they', 'it', 'i', 'we', 'you']);

/** What stands right before a word: `S` start, `P` pronoun, `C` capitalised, `,` comma, `Q` quote, `A` auxiliary, `D` determiner, `W` other. */
export function previousClass(tokens: Tokens, index: number, text: string): string {
  if (index === 0) return 'S';
  const previous = index - 1;
  if (tokens.kinds[previous] === TokenKind.Punctuation) {
    const mark = text.charAt(tokens.starts[previous] ?? 0);
    if (mark === ',') return ',';
    if (mark === '.' || mark === '!' || mark === '?' || mark === ':' || mark === ';') return 'S';
    if (CLOSING_QUOTES.includes(mark)) return 'Q';
    return 'W';
  }
  // A blank line between the tokens means a new paragraph, which counts as a start.
  for (let position = tokens.ends[previous] ?? 0; position < (tokens.starts[index] ?? 0); position++) {
    if (text.charCodeAt(position) === 10) return 'S';
  }
  const lower = tokens.lower(previous);
  if (PRONOUNS.has(lower)) return 'P';
  if (SKIPPABLE_BEFORE_CUE.has(lower)) return 'A';
  if (DETERMINERS.has(lower)) return 'D';
  if (tokens.capitalised(previous)) return 'C';
  return 'W';
}

/** What follows a word: `E` end, `T` "that", `Q` opening quote or colon, `,` comma, `C` capitalised, `P` pronoun, `2` "to", `R` adjunct, `W` other. */
export function nextClass(tokens: Tokens, index: number, text: string): string {
  const next = index + 1;
  if (next >= tokens.count) return 'E';
  if (tokens.kinds[next] === TokenKind.Punctuation) {
    const mark = text.charAt(tokens.starts[next] ?? 0);
    if (mark === ',') return ',';
    if (mark === '.' || mark === '!' || mark === '?' || mark === ';') return 'E';
    if (mark === ':' || OPENING_QUOTES.includes(mark)) return 'Q';
    return 'W';
  }
  const lower = tokens.lower(next);
  if (lower === 'that') return 'T';
  if (lower === 'to') return '2';
  if (PRONOUNS.has(lower)) return 'P';
  if (ADJUNCT_STARTS.has(lower)) return 'R';
  if (tokens.capitalised(next)) return 'C';
  return 'W';
}

/** Learned counts: `[times it was a cue, times seen]` per word and per `word|previous|next`. */
export type CueCounts = ReadonlyMap<string, readonly [number, number]>;

/** Decodes the `key=cue,seen;…` string that `scripts/learn-cues.ts` writes. */
export function decodeCueCounts(encoded: string): CueCounts {
  const counts = new Map<string, readonly [number, number]>();
  for (const entry of encoded.split(';')) {
    const equals = entry.lastIndexOf('=');
    const comma = entry.lastIndexOf(',');
    if (equals < 0 || comma < equals) continue;
    counts.set(entry.slice(0, equals), [Number(entry.slice(equals + 1, comma)), Number(entry.slice(comma + 1))]);
  }
  return counts;
}

/**
 * The probability that a word in this context is an attribution cue. The context estimate is
 * smoothed towards the word's overall rate, which is itself smoothed towards zero, so that
 * rare contexts and rare words do not swing the decision.
 */
export function cueProbability(counts: CueCounts, word: string, previous: string, next: string): number {
  const overall = counts.get(word);
  if (overall === undefined) return 0;
  const wordRate = overall[0] / (overall[1] + 1);
  const contextual = counts.get(`${word}|${previous}|${next}`);
  const smoothing = 2;
  if (contextual === undefined) {
    const backoffPrevious = counts.get(`${word}|${previous}|*`);
    const backoffNext = counts.get(`${word}|*|${next}`);
    const previousRate =
      backoffPrevious === undefined
        ? wordRate
        : (backoffPrevious[0] + smoothing * wordRate) / (backoffPrevious[1] + smoothing);
    const nextRate =
      backoffNext === undefined ? wordRate : (backoffNext[0] + smoothing * wordRate) / (backoffNext[1] + smoothing);
    return (previousRate + nextRate) / 2;
  }
  return (contextual[0] + smoothing * wordRate) / (contextual[1] + smoothing);
}

/**
 * The words worth a context look-up at all: those that reach `threshold` in at least one
 * context. Filtering once at load keeps the per-token cost to one set look-up.
 */
export function possibleCueWords(counts: CueCounts, threshold: number): Set<string> {
  const words = new Set<string>();
  for (const key of counts.keys()) {
    const bar = key.indexOf('|');
    const word = bar < 0 ? key : key.slice(0, bar);
    if (words.has(word)) continue;
    if (bar < 0) {
      if (cueProbability(counts, word, '?', '?') >= threshold) words.add(word);
      continue;
    }
    const [, previous = '*', next = '*'] = key.split('|');
    const probability =
      previous === '*' || next === '*'
        ? cueProbability(counts, word, previous === '*' ? '?' : previous, next === '*' ? '?' : next)
        : cueProbability(counts, word, previous, next);
    if (probability >= threshold) words.add(word);
  }
  return words;
}

/** Every class `previousClass` and `nextClass` can return, in table order. */
export const PREVIOUS_CLASSES = 'SPC,QADW';
export const NEXT_CLASSES = 'ETQ,CP2RW';

/**
 * Pre-computes `cueProbability` for every context of each word, so that the pass does one map
 * look-up and one array read per candidate instead of building three keys.
 */
export function cueTables(counts: CueCounts, words: Iterable<string>): Map<string, Float32Array> {
  const tables = new Map<string, Float32Array>();
  for (const word of words) {
    const table = new Float32Array(PREVIOUS_CLASSES.length * NEXT_CLASSES.length);
    for (let previous = 0; previous < PREVIOUS_CLASSES.length; previous++) {
      for (let next = 0; next < NEXT_CLASSES.length; next++) {
        table[previous * NEXT_CLASSES.length + next] = cueProbability(
          counts,
          word,
          PREVIOUS_CLASSES.charAt(previous),
          NEXT_CLASSES.charAt(next),
        );
      }
    }
    tables.set(word, table);
  }
  return tables;
}
