// The context classes shared by the cue learner (`scripts/learn-cues.ts`) and the attribution
// pass. Both sides must compute them identically, or the learned counts would not apply.
import { CLOSING_QUOTES, DETERMINERS, OPENING_QUOTES, SKIPPABLE_BEFORE_CUE, ADJUNCT_STARTS } from './lexicon';
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
  const gap = text.slice(tokens.ends[previous] ?? 0, tokens.starts[index] ?? 0);
  if (gap.includes('\n')) return 'S';
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
