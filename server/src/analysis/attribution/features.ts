// The context classes shared by the cue learner (`scripts/learn-cues.ts`) and the cue model
// (`cueModel.ts`). Both sides must compute them identically, or the learned weights would not apply.
import { ADJUNCT_STARTS, CLOSING_QUOTES, DETERMINERS, OPENING_QUOTES, SKIPPABLE_BEFORE_CUE } from './lexicon';
import { TokenKind, type Tokens } from './tokens';

const PRONOUNS: ReadonlySet<string> = new Set(['he', 'she', 'they', 'it', 'i', 'we', 'you']);

/** Every word that `previousWordClass` or `nextWordClass` gives a class of its own. */
export const CLASS_WORDS: readonly string[] = [
  ...PRONOUNS,
  ...SKIPPABLE_BEFORE_CUE,
  ...DETERMINERS,
  ...ADJUNCT_STARTS,
  'that',
  'to',
];

/** The class a lower-case word gives the word after it (`P`, `A` or `D`), or '' when its case decides. */
export function previousWordClass(lower: string): string {
  if (PRONOUNS.has(lower)) return 'P';
  if (SKIPPABLE_BEFORE_CUE.has(lower)) return 'A';
  if (DETERMINERS.has(lower)) return 'D';
  return '';
}

/** The class a lower-case word gives the word before it (`T`, `2`, `P` or `R`), or '' when its case decides. */
export function nextWordClass(lower: string): string {
  if (lower === 'that') return 'T';
  if (lower === 'to') return '2';
  if (PRONOUNS.has(lower)) return 'P';
  if (ADJUNCT_STARTS.has(lower)) return 'R';
  return '';
}

/** What stands right before a word: `S` start, `P` pronoun, `C` capitalised, `,` comma, `Q` quote, `A` auxiliary, `D` determiner, `W` other. */
/**
 * `previousLower`, when given, is the previous token lower-cased, which a caller that needs it
 * anyway passes in to spare a second slice.
 */
export function previousClass(tokens: Tokens, index: number, text: string, previousLower?: string): string {
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
  const wordClass = previousWordClass(previousLower ?? tokens.lower(previous));
  if (wordClass !== '') return wordClass;
  if (tokens.capitalised(previous)) return 'C';
  return 'W';
}

/** What follows a word: `E` end, `T` "that", `Q` opening quote or colon, `,` comma, `C` capitalised, `P` pronoun, `2` "to", `R` adjunct, `W` other. */
/** `nextLower`, when given, is the next token lower-cased (see `previousClass`). */
export function nextClass(tokens: Tokens, index: number, text: string, nextLower?: string): string {
  const next = index + 1;
  if (next >= tokens.count) return 'E';
  if (tokens.kinds[next] === TokenKind.Punctuation) {
    const mark = text.charAt(tokens.starts[next] ?? 0);
    if (mark === ',') return ',';
    if (mark === '.' || mark === '!' || mark === '?' || mark === ';') return 'E';
    if (mark === ':' || OPENING_QUOTES.includes(mark)) return 'Q';
    return 'W';
  }
  const wordClass = nextWordClass(nextLower ?? tokens.lower(next));
  if (wordClass !== '') return wordClass;
  if (tokens.capitalised(next)) return 'C';
  return 'W';
}

/** Every class `previousClass` and `nextClass` can return, in table order. */
export const PREVIOUS_CLASSES = 'SPC,QADW';
export const NEXT_CLASSES = 'ETQ,CP2RW';
