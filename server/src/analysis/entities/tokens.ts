// A single left-to-right scan that splits a paragraph into word and punctuation tokens. Tokens
// are stored in parallel number arrays rather than objects, and their text is sliced only when a
// rule asks for it, because this scan runs over every character of every article.

/** The token is a word: letters or digits, with inner hyphens, apostrophes and dotted initials. */
export const WORD = 1;
/** The word starts with an upper-case letter. */
export const CAPITALISED = 2;
/** The word has at least two letters and none of them is lower case. */
export const ALL_CAPS = 4;
/** The word contains a digit. */
export const HAS_DIGIT = 8;
/** The word starts a sentence (or a quotation, which reads like one). */
export const SENTENCE_START = 16;
/** The word belongs to an all-caps or title-case headline line. */
export const HEADLINE = 32;
/** The token is a full stop. */
export const STOP = 64;

export interface Tokens {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
}

// The token arrays are reused from one call to the next, because allocating three growing arrays
// per paragraph was a large share of this pass's garbage. A caller must therefore finish with one
// text's tokens before it tokenizes the next, which every caller does.
let sharedStarts = new Int32Array(4096);
let sharedEnds = new Int32Array(4096);
let sharedFlags = new Uint8Array(4096);

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

const NON_ASCII_LETTER = /\p{L}|\p{M}/u;

/**
 * Non-ASCII code points that are certainly not letters: Latin-1 punctuation and symbols, and
 * the general punctuation block (curly quotes, dashes, ellipsis). News copy is full of them, and
 * testing them without the regular expression spares a string allocation each.
 */
function isCommonNonLetter(code: number): boolean {
  return (code >= 0x80 && code <= 0xbf) || code === 0xd7 || code === 0xf7 || (code >= 0x2000 && code <= 0x206f);
}

function isLetter(text: string, index: number, code: number): boolean {
  if (code < 128) return isAsciiLetter(code);
  if (isCommonNonLetter(code)) return false;
  return NON_ASCII_LETTER.test(text.charAt(index));
}

function isWordChar(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return isAsciiLetter(code) || isDigit(code);
  if (isCommonNonLetter(code)) return false;
  return NON_ASCII_LETTER.test(text.charAt(index));
}

function isUpper(text: string, index: number, code: number): boolean {
  if (code < 128) return code >= 65 && code <= 90;
  const char = text.charAt(index);
  return char !== char.toLowerCase() && char === char.toUpperCase();
}

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019;
}

function isHyphen(code: number): boolean {
  return code === 45 || code === 0x2010 || code === 0x2011;
}

/**
 * Splits `text` into tokens. Inner hyphens ("al-Assad") and apostrophes ("O'Brien") stay inside
 * a word, but a possessive "'s" becomes its own token so that "Clinton's" still names Clinton.
 * Dotted initialisms ("U.S.", "U.N.") are one token including their final stop.
 */
export function tokenize(text: string): Tokens {
  const length = text.length;
  // A text never has more tokens than code units, plus one for a split possessive.
  if (sharedStarts.length < length + 2) {
    const size = Math.max(length + 2, sharedStarts.length * 2);
    sharedStarts = new Int32Array(size);
    sharedEnds = new Int32Array(size);
    sharedFlags = new Uint8Array(size);
  }
  const starts = sharedStarts;
  const ends = sharedEnds;
  const flags = sharedFlags;
  let count = 0;
  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code === 32 || code === 10 || code === 13 || code === 9 || code === 160) {
      index++;
      continue;
    }
    if (!isWordChar(text, index)) {
      starts[count] = index;
      ends[count] = index + 1;
      flags[count] = code === 46 ? STOP : 0;
      count++;
      index++;
      continue;
    }
    const start = index;
    let letters = 0;
    let upper = 0;
    let digits = 0;
    const firstUpper = isUpper(text, index, code);
    while (index < length) {
      const current = text.charCodeAt(index);
      // ASCII letters first: they are almost every character this loop sees.
      if (current >= 97 && current <= 122) {
        letters++;
        index++;
        continue;
      }
      if (current >= 65 && current <= 90) {
        letters++;
        upper++;
        index++;
        continue;
      }
      if (isDigit(current)) {
        digits++;
        index++;
      } else if (isLetter(text, index, current)) {
        letters++;
        if (isUpper(text, index, current)) upper++;
        index++;
      } else if (
        (isHyphen(current) || isApostrophe(current)) &&
        index + 1 < length &&
        isWordChar(text, index + 1) &&
        !(isApostrophe(current) && isPossessiveS(text, index + 1)) &&
        !(isHyphen(current) && firstUpper && isLowerCaseLetter(text, index + 1))
      ) {
        // A capitalised word followed by a lower-case one ("US-led", "Moscow-based") splits at
        // the hyphen, so that the name stands alone; "al-Assad" and "Jean-Pierre" stay whole.
        index++;
      } else if (current === 46 && isInitialismStop(text, start, index)) {
        // "U.S." keeps its stops: a single letter, a stop, and another letter or the end.
        index++;
      } else {
        break;
      }
    }
    let flag = WORD;
    if (firstUpper || (upper > 0 && isParticleName(text, start, index))) flag |= CAPITALISED;
    if (letters >= 2 && upper === letters) flag |= ALL_CAPS;
    if (digits > 0) flag |= HAS_DIGIT;
    starts[count] = start;
    ends[count] = index;
    flags[count] = flag;
    count++;
    // A possessive "'s" after a word becomes a token of its own.
    if (index + 1 < length && isApostrophe(text.charCodeAt(index)) && isPossessiveS(text, index + 1)) {
      starts[count] = index;
      ends[count] = index + 2;
      flags[count] = WORD;
      count++;
      index += 2;
    }
  }
  return { count, starts, ends, flags };
}

function isPossessiveS(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code !== 115 && code !== 83) return false;
  return index + 1 >= text.length || !isWordChar(text, index + 1);
}

/** True at a stop inside or after a dotted initialism: "U" "." "S" "." */
function isInitialismStop(text: string, wordStart: number, stopIndex: number): boolean {
  // The segment before the stop must be a single upper-case letter.
  const letterIndex = stopIndex - 1;
  if (letterIndex < wordStart) return false;
  const letterCode = text.charCodeAt(letterIndex);
  if (!(letterCode >= 65 && letterCode <= 90)) return false;
  if (letterIndex > wordStart && text.charCodeAt(letterIndex - 1) !== 46) return false;
  const next = stopIndex + 1 < text.length ? text.charCodeAt(stopIndex + 1) : 32;
  if (next >= 65 && next <= 90) {
    // Another initial must follow as "X." to continue the initialism.
    return stopIndex + 2 < text.length && text.charCodeAt(stopIndex + 2) === 46;
  }
  // The final stop belongs to the initialism only when the initialism has at least two letters.
  return letterIndex > wordStart;
}

function isLowerCaseLetter(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return code >= 97 && code <= 122;
  const char = text.charAt(index);
  return char !== char.toUpperCase() && char === char.toLowerCase();
}

/** "al-Assad", "el-Sisi", "bin-Laden": a short lower-case particle, a hyphen, then a capital. */
function isParticleName(text: string, start: number, end: number): boolean {
  for (let index = start + 1; index < end && index <= start + 3; index++) {
    if (isHyphen(text.charCodeAt(index))) {
      const next = index + 1 < end ? text.charCodeAt(index + 1) : 0;
      return next >= 65 && next <= 90;
    }
  }
  return false;
}
