// A small, allocation-light tokenizer for the attribution passes. It walks the text once and
// records where each word or punctuation mark starts and ends; words are only turned into
// strings when a rule asks for one, which keeps the passes well above the speed budget.

export const enum TokenKind {
  Word = 0,
  Punctuation = 1,
}

export interface Tokens {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly kinds: Uint8Array;
  /**
   * For a word of ASCII characters only, a non-negative hash of its characters with ASCII letters
   * lower-cased (`hashWordCode`); -1 for a word with any other character and for punctuation.
   * `WordTable` finds words by it without re-reading the text or making a string.
   */
  readonly hashes: Int32Array;
  /** The token's text, lower-cased. */
  lower(index: number): string;
  /**
   * Whether the token lower-cased is `word`, the same as `lower(index) === word`; a word of ASCII
   * characters is compared in place, without making a string (the rules ask this of many tokens).
   */
  isLower(index: number, word: string): boolean;
  /** The token's text as written. */
  raw(index: number): string;
  /** True when the token starts with an upper-case letter. */
  capitalised(index: number): boolean;
  /** Index of the first token whose start is at or after `offset` (binary search). */
  firstAtOrAfter(offset: number): number;
}

const SPACE = 0;
const WORD = 1;
const PUNCTUATION = 2;

/**
 * The class of every UTF-16 code unit, built once: spaces, word characters (ASCII letters and
 * digits and every non-ASCII character that is not punctuation or space) and punctuation.
 */
const CHARACTER_CLASS: Uint8Array = (() => {
  const classes = new Uint8Array(65536).fill(WORD);
  for (let code = 0; code < 128; code++) {
    const isAlphanumeric = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    classes[code] = isAlphanumeric ? WORD : PUNCTUATION;
  }
  for (const code of [9, 10, 11, 12, 13, 32, 0xa0, 0x2028, 0x2029, 0x202f, 0x3000, 0xfeff]) classes[code] = SPACE;
  for (let code = 0x2000; code <= 0x200b; code++) classes[code] = SPACE;
  // General punctuation block (dashes, curly quotes, ellipsis), guillemets and CJK punctuation.
  for (let code = 0x2010; code <= 0x205e; code++) if (classes[code] !== SPACE) classes[code] = PUNCTUATION;
  for (const code of [0xab, 0xbb, 0xa7, 0xb6, 0xb7]) classes[code] = PUNCTUATION;
  for (let code = 0x3001; code <= 0x303f; code++) classes[code] = PUNCTUATION;
  return classes;
})();

/** Apostrophes, hyphens and full stops join letters into one word ("Russia’s", "U.S", "so-called"). */
function isJoiner(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 45 || code === 46;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Adds one UTF-16 code unit to a running word hash, lower-casing ASCII letters first. */
export function hashWordCode(hash: number, code: number): number {
  return (Math.imul(hash, 31) + (code >= 65 && code <= 90 ? code + 32 : code)) | 0;
}

/** The final form of a word hash: never negative, so that -1 can mean "no hash". */
export function finishWordHash(hash: number): number {
  return hash & 0x7fffffff;
}

/** Scratch arrays larger than this (tokens) are not kept between calls, so one huge text does not pin memory. */
const MAX_SCRATCH = 1 << 20;
const scratch = {
  starts: new Int32Array(0),
  ends: new Int32Array(0),
  kinds: new Uint8Array(0),
  hashes: new Int32Array(0),
};

/**
 * Splits `text` into words and punctuation marks. Unless `keep` is true, the result shares
 * scratch arrays with the next call, so it must not be used after another `tokenize`.
 */
export function tokenize(text: string, keep = false): Tokens {
  // Roughly one token per five characters of news text; the arrays grow if that is too few.
  // The arrays are reused from the previous call (the analysis is synchronous and a Tokens
  // value never outlives its pass unless `keep` is set), which spares the garbage collector.
  let capacity = Math.max(16, (text.length >> 2) + 16);
  let starts = scratch.starts.length >= capacity ? scratch.starts : new Int32Array(capacity);
  let ends = scratch.ends.length >= capacity ? scratch.ends : new Int32Array(capacity);
  let kinds = scratch.kinds.length >= capacity ? scratch.kinds : new Uint8Array(capacity);
  let hashes = scratch.hashes.length >= capacity ? scratch.hashes : new Int32Array(capacity);
  capacity = Math.min(starts.length, ends.length, kinds.length, hashes.length);
  let count = 0;
  const length = text.length;
  let position = 0;
  while (position < length) {
    const characterClass = CHARACTER_CLASS[text.charCodeAt(position)];
    if (characterClass === SPACE) {
      position++;
      continue;
    }
    if (count === capacity) {
      capacity *= 2;
      const newStarts = new Int32Array(capacity);
      newStarts.set(starts);
      starts = newStarts;
      const newEnds = new Int32Array(capacity);
      newEnds.set(ends);
      ends = newEnds;
      const newKinds = new Uint8Array(capacity);
      newKinds.set(kinds);
      kinds = newKinds;
      const newHashes = new Int32Array(capacity);
      newHashes.set(hashes);
      hashes = newHashes;
    }
    starts[count] = position;
    if (characterClass === WORD) {
      // The hash is built here, while each character is read anyway: hashing the candidate words
      // again later cost pass 5 more than the whole tokenizer (PolNeAR train, bundled).
      const first = text.charCodeAt(position);
      let hash = hashWordCode(0, first);
      let asciiOnly = first < 128;
      position++;
      while (position < length) {
        const next = text.charCodeAt(position);
        if (CHARACTER_CLASS[next] === WORD) {
          hash = hashWordCode(hash, next);
          asciiOnly = asciiOnly && next < 128;
          position++;
          continue;
        }
        const following = text.charCodeAt(position + 1);
        const joins = isJoiner(next) && position + 1 < length && CHARACTER_CLASS[following] === WORD;
        // A thousands separator keeps "12,000" one word.
        const separates = next === 44 && isDigit(text.charCodeAt(position - 1)) && isDigit(following);
        if (!joins && !separates) break;
        hash = hashWordCode(hashWordCode(hash, next), following);
        asciiOnly = asciiOnly && next < 128 && following < 128;
        position += 2;
      }
      kinds[count] = TokenKind.Word;
      hashes[count] = asciiOnly ? finishWordHash(hash) : -1;
    } else {
      position++;
      kinds[count] = TokenKind.Punctuation;
      hashes[count] = -1;
    }
    ends[count] = position;
    count++;
  }
  if (keep) {
    starts = starts.slice(0, count);
    ends = ends.slice(0, count);
    kinds = kinds.slice(0, count);
    hashes = hashes.slice(0, count);
  } else if (starts.length <= MAX_SCRATCH) {
    scratch.starts = starts;
    scratch.ends = ends;
    scratch.kinds = kinds;
    scratch.hashes = hashes;
  }
  const finalStarts = starts;
  const finalEnds = ends;
  const finalHashes = hashes;
  // Each token is sliced and lower-cased on its own. A lower-cased copy of the whole text, sliced
  // per token, used to be used instead, but in the analysis worker (a thread with resourceLimits)
  // slicing a 2 MB copy became about 1,000 times slower after the document's first analysis
  // (0.25 ms a slice): the first edit of a 2 MB article ran for minutes. Slicing the text itself
  // has no such cliff, and lower-casing a short word costs about the same as slicing it.
  const lower = (index: number): string => text.slice(finalStarts[index] ?? 0, finalEnds[index] ?? 0).toLowerCase();
  return {
    count,
    starts: finalStarts,
    ends: finalEnds,
    kinds,
    hashes,
    lower,
    isLower(index: number, word: string): boolean {
      // Only a word of ASCII characters has a hash; anything else may change length when lower-cased.
      if (index >= count || (finalHashes[index] ?? -1) < 0) return lower(index) === word;
      const start = finalStarts[index] ?? 0;
      if ((finalEnds[index] ?? 0) - start !== word.length) return false;
      for (let offset = 0; offset < word.length; offset++) {
        const code = text.charCodeAt(start + offset);
        if ((code >= 65 && code <= 90 ? code + 32 : code) !== word.charCodeAt(offset)) return false;
      }
      return true;
    },
    raw(index: number): string {
      return text.slice(finalStarts[index] ?? 0, finalEnds[index] ?? 0);
    },
    capitalised(index: number): boolean {
      const code = text.charCodeAt(finalStarts[index] ?? 0);
      if (code >= 65 && code <= 90) return true;
      if (code < 128) return false;
      const character = text.charAt(finalStarts[index] ?? 0);
      return character !== character.toLowerCase();
    },
    firstAtOrAfter(offset: number): number {
      let low = 0;
      let high = count;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((finalStarts[middle] ?? 0) < offset) low = middle + 1;
        else high = middle;
      }
      return low;
    },
  };
}
