// Character classes on UTF-16 code units. The passes scan text one code unit at a time, so these
// tests take a char code rather than a string: that keeps the hot loops free of allocations.
// ASCII is answered by comparisons; other letters fall back to a Unicode property test so that
// names such as "Łódź" or "Çelik" are still words.

const NON_ASCII_LETTER = /\p{L}/u;
const NON_ASCII_UPPER = /\p{Lu}/u;

export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export function isAsciiUpper(code: number): boolean {
  return code >= 0x41 && code <= 0x5a;
}

export function isAsciiLower(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

export function isLetter(code: number): boolean {
  if (code < 0x80) {
    return isAsciiUpper(code) || isAsciiLower(code);
  }
  // Surrogate halves are not letters on their own; emoji and astral scripts are rare in news copy.
  if (code >= 0xd800 && code <= 0xdfff) {
    return false;
  }
  if (isGeneralPunctuation(code)) {
    return false;
  }
  return NON_ASCII_LETTER.test(String.fromCharCode(code));
}

export function isUpper(code: number): boolean {
  if (code < 0x80) {
    return isAsciiUpper(code);
  }
  if (isGeneralPunctuation(code)) {
    return false;
  }
  return NON_ASCII_UPPER.test(String.fromCharCode(code));
}

/**
 * U+2000–U+206F: typographic spaces, dashes, curly quotation marks, the ellipsis; no letter. They
 * are the non-ASCII characters news copy has most, and answering them by range spares the
 * property test a new one-character string each (pass 1 asks after every sentence end).
 */
function isGeneralPunctuation(code: number): boolean {
  return code >= 0x2000 && code <= 0x206f;
}

export function isLetterOrDigit(code: number): boolean {
  return isDigit(code) || isLetter(code);
}

/** Spaces and tabs, plus the no-break and typographic spaces that pasted copy brings. */
export function isHorizontalSpace(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0xa0 ||
    code === 0x202f ||
    code === 0x2009 ||
    code === 0x200a ||
    code === 0x2002 ||
    code === 0x2003 ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

export function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029 || code === 0x85;
}

export function isWhitespace(code: number): boolean {
  return isHorizontalSpace(code) || isLineBreak(code) || code === 0x0b || code === 0x0c;
}

/**
 * Exactly what JavaScript's `\s` matches. The passes' own whitespace (`isWhitespace`) differs
 * (it has U+0085 and lacks U+1680 and U+205F), so a cheap check placed in front of a pattern
 * that uses `\s` must use this one to keep the pattern's answer.
 */
export function isJavaScriptSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
