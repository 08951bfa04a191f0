// A fixed set of lower-case words, looked up by the hash the tokenizer computed for each word
// (`Tokens.hashes`) and checked against the text in place. Pass 5 asks about every word and the
// neighbours of every candidate; making a lower-case string for each and looking it up in a `Set`
// was most of the pass's time and garbage (PolNeAR train, bundled analysis). A token with any non-ASCII character is left to the caller, which
// lower-cases it the usual way (`Tokens.lower`) and asks `idOfWord`: Unicode lower-casing can
// change a string's length, and only the string path is sure to agree with it.
import { finishWordHash, hashWordCode } from './tokens';

/** `idOf()` found no such word. */
export const NO_WORD = -1;
/** `idOf()` met a non-ASCII character: ask `idOfWord(tokens.lower(index))` instead. */
export const NOT_ASCII = -2;

export class WordTable {
  /** The words by id. */
  readonly words: readonly string[];
  private readonly byWord = new Map<string, number>();
  /** Open addressing with linear probing: id + 1 in each used slot, 0 in an empty one. */
  private readonly slots: Int32Array;
  /** The hash of the word in each used slot, so that most probes never read the text. */
  private readonly slotHashes: Int32Array;
  private readonly mask: number;

  constructor(words: Iterable<string>) {
    const unique: string[] = [];
    for (const word of words) {
      if (word.length === 0 || this.byWord.has(word)) continue;
      this.byWord.set(word, unique.length);
      unique.push(word);
    }
    this.words = unique;
    // At most a quarter full, so that a miss usually ends at the first empty slot.
    let size = 16;
    while (size < unique.length * 4) size *= 2;
    this.slots = new Int32Array(size);
    this.slotHashes = new Int32Array(size);
    this.mask = size - 1;
    unique.forEach((word, id) => {
      const hash = hashString(word);
      let slot = hash & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = id + 1;
      this.slotHashes[slot] = hash;
    });
  }

  /** The id of a word given as a string, or `NO_WORD`. */
  idOfWord(word: string): number {
    return this.byWord.get(word) ?? NO_WORD;
  }

  /**
   * The id of the word `text.slice(start, end)` whose tokenizer hash is `hash`, with its ASCII
   * letters lower-cased; `NO_WORD` when it is not in the table, or `NOT_ASCII` when the hash is -1
   * (the word holds a character outside ASCII).
   */
  idOfHashed(hash: number, text: string, start: number, end: number): number {
    if (hash < 0) return NOT_ASCII;
    const length = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot] ?? 0;
      if (entry === 0) return NO_WORD;
      if (this.slotHashes[slot] !== hash) continue;
      const word = this.words[entry - 1] ?? '';
      if (word.length === length && sameFolded(word, text, start)) return entry - 1;
    }
  }
}

/** ASCII A–Z to a–z; every other code unchanged. */
function foldAsciiCase(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** The hash the tokenizer computes for a word, computed over a string. */
export function hashString(word: string): number {
  let hash = 0;
  for (let position = 0; position < word.length; position++) hash = hashWordCode(hash, word.charCodeAt(position));
  return finishWordHash(hash);
}

/** Whether `text` from `start` spells `word` once its ASCII letters are lower-cased. */
function sameFolded(word: string, text: string, start: number): boolean {
  for (let position = 0; position < word.length; position++) {
    if (foldAsciiCase(text.charCodeAt(start + position)) !== word.charCodeAt(position)) return false;
  }
  return true;
}
