// Number words: "six", "twenty-two", "two hundred and fifty", "three million", "a dozen".
//
// Rules, kept deliberately narrow because a false figure is worse than a missed one:
// - "one" on its own is not a number: it is far more often a pronoun or determiner ("one of the
//   officials", "no one"). It counts only with a scale word ("one million").
// - "a" counts only before a scale word or "dozen" ("a hundred", "a dozen").
// - Vague plurals ("dozens", "hundreds of", "thousands") and fractions ("half") are not figures.
// - Ordinals ("first", "third") are not number words at all: they rank, they do not count.

const SMALL: ReadonlyMap<string, number> = new Map([
  ['zero', 0],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['thirteen', 13],
  ['fourteen', 14],
  ['fifteen', 15],
  ['sixteen', 16],
  ['seventeen', 17],
  ['eighteen', 18],
  ['nineteen', 19],
]);

const TENS: ReadonlyMap<string, number> = new Map([
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['fifty', 50],
  ['sixty', 60],
  ['seventy', 70],
  ['eighty', 80],
  ['ninety', 90],
]);

/** Scale words that multiply what comes before them, for digits too ("1.2 million"). */
/** The value of a single number word below twenty ("seven" → 7), or undefined. */
export function smallNumberWordValue(lowerWord: string): number | undefined {
  return SMALL.get(lowerWord);
}

export const SCALES: ReadonlyMap<string, number> = new Map([
  ['hundred', 100],
  ['thousand', 1_000],
  ['million', 1_000_000],
  ['billion', 1_000_000_000],
  ['trillion', 1_000_000_000_000],
]);

/** True when `lowerWord` can begin a number written in words. */
export function canStartNumberWord(lowerWord: string): boolean {
  return lowerWord === 'a' || SMALL.has(lowerWord) || TENS.has(lowerWord);
}

export interface WordNumber {
  value: number;
  /** Offset just after the last word of the number. */
  end: number;
}

const WORD_AT = /[A-Za-z]+/y;

/** Reads the next ASCII word at `position` (no skipping), lower-cased, or null. */
function wordAt(text: string, position: number): { word: string; end: number } | null {
  WORD_AT.lastIndex = position;
  const match = WORD_AT.exec(text);
  if (match === null) {
    return null;
  }
  return { word: match[0].toLowerCase(), end: position + match[0].length };
}

function skipSpaces(text: string, position: number): number {
  let next = position;
  while (text[next] === ' ' || text[next] === '\u00a0') {
    next++;
  }
  return next;
}

/**
 * Parses a number written in words that starts exactly at `start`, or returns null. The word
 * at `start` must not be preceded by a letter (the caller checks word boundaries).
 */
export function parseNumberWords(text: string, start: number): WordNumber | null {
  let total = 0;
  let current = 0;
  let sawNumber = false;
  let sawScale = false;
  let lastEnd = start;
  let position = start;
  let first = true;
  for (;;) {
    const read = wordAt(text, position);
    if (read === null) {
      break;
    }
    const { word } = read;
    // A word glued to more letters or digits ("tens", "one2") is not ours; `[A-Za-z]+` stops only at non-letters.
    const nextCode = text.charCodeAt(read.end);
    if (nextCode >= 0x30 && nextCode <= 0x39) {
      break;
    }
    if (first && word === 'a') {
      const following = wordAt(text, skipSpaces(text, read.end));
      if (following === null || !(SCALES.has(following.word) || following.word === 'dozen')) {
        return null;
      }
      current = 1;
      position = skipSpaces(text, read.end);
      first = false;
      continue;
    }
    first = false;
    const small = SMALL.get(word);
    const tens = TENS.get(word);
    const scale = SCALES.get(word);
    if (small !== undefined) {
      if (sawNumber && current % 100 !== 0) {
        break;
      }
      current += small;
      sawNumber = true;
    } else if (tens !== undefined) {
      if (sawNumber && current % 100 !== 0) {
        break;
      }
      current += tens;
      sawNumber = true;
      // "twenty-two": a hyphen joins the units.
      if (text[read.end] === '-' || text[read.end] === '‑') {
        const unit = wordAt(text, read.end + 1);
        const unitValue = unit === null ? undefined : SMALL.get(unit.word);
        if (unit !== null && unitValue !== undefined && unitValue >= 1 && unitValue <= 9) {
          current += unitValue;
          lastEnd = unit.end;
          position = skipSpaces(text, unit.end);
          continue;
        }
      }
    } else if (word === 'dozen' && (sawNumber || current === 1)) {
      current = Math.max(current, 1) * 12;
      sawNumber = true;
    } else if (scale !== undefined && (sawNumber || current === 1)) {
      if (scale === 100) {
        current = Math.max(current, 1) * 100;
      } else {
        total += Math.max(current, 1) * scale;
        current = 0;
      }
      sawNumber = true;
      sawScale = true;
    } else if (word === 'and' && sawScale) {
      // "two hundred and fifty": "and" joins only when a number word follows.
      const following = wordAt(text, skipSpaces(text, read.end));
      if (following === null || !(SMALL.has(following.word) || TENS.has(following.word))) {
        break;
      }
      position = skipSpaces(text, read.end);
      continue;
    } else {
      break;
    }
    lastEnd = read.end;
    position = skipSpaces(text, read.end);
  }
  if (!sawNumber) {
    return null;
  }
  const value = total + current;
  // A lone "one" is a pronoun, not a count.
  if (value === 1 && !sawScale) {
    return null;
  }
  return { value, end: lastEnd };
}
