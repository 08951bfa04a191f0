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
  /** The token's text, lower-cased. */
  lower(index: number): string;
  /** The token's text as written. */
  raw(index: number): string;
  /** True when the token starts with an upper-case letter. */
  capitalised(index: number): boolean;
  /** Index of the first token whose start is at or after `offset` (binary search). */
  firstAtOrAfter(offset: number): number;
}

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Letters and digits in ASCII, and every non-ASCII character that is not punctuation or space. */
function isWordChar(code: number): boolean {
  if (code < 128) {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  }
  if (isSpace(code)) return false;
  // General punctuation block (dashes, curly quotes, ellipsis), guillemets and CJK punctuation.
  if (code >= 0x2010 && code <= 0x205e) return false;
  if (code === 0xab || code === 0xbb || code === 0xa7 || code === 0xb6 || code === 0xb7) return false;
  if (code >= 0x3001 && code <= 0x303f) return false;
  return true;
}

/** Apostrophes, hyphens and full stops join letters into one word ("Russia’s", "U.S", "so-called"). */
function isJoiner(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 45 || code === 46;
}

export function tokenize(text: string): Tokens {
  const capacity = Math.max(16, (text.length >> 2) + 16);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let kinds = new Uint8Array(capacity);
  let count = 0;
  const push = (start: number, end: number, kind: TokenKind): void => {
    if (count === starts.length) {
      const grow = starts.length * 2;
      const newStarts = new Int32Array(grow);
      newStarts.set(starts);
      starts = newStarts;
      const newEnds = new Int32Array(grow);
      newEnds.set(ends);
      ends = newEnds;
      const newKinds = new Uint8Array(grow);
      newKinds.set(kinds);
      kinds = newKinds;
    }
    starts[count] = start;
    ends[count] = end;
    kinds[count] = kind;
    count++;
  };
  const length = text.length;
  let position = 0;
  while (position < length) {
    const code = text.charCodeAt(position);
    if (isSpace(code)) {
      position++;
    } else if (isWordChar(code)) {
      const start = position;
      position++;
      while (position < length) {
        const next = text.charCodeAt(position);
        if (isWordChar(next)) {
          position++;
        } else if (isJoiner(next) && position + 1 < length && isWordChar(text.charCodeAt(position + 1))) {
          position += 2;
        } else {
          break;
        }
      }
      push(start, position, TokenKind.Word);
    } else {
      push(position, position + 1, TokenKind.Punctuation);
      position++;
    }
  }
  // A length-preserving lower-case copy lets `lower()` slice instead of converting each time;
  // a few characters change length when lower-cased, and then each token is converted alone.
  const lowerText = text.toLowerCase();
  const sameLength = lowerText.length === length;
  const finalStarts = starts;
  const finalEnds = ends;
  return {
    count,
    starts: finalStarts,
    ends: finalEnds,
    kinds,
    lower(index: number): string {
      const start = finalStarts[index] ?? 0;
      const end = finalEnds[index] ?? 0;
      return sameLength ? lowerText.slice(start, end) : text.slice(start, end).toLowerCase();
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
