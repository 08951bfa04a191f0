// The word table pass 5 uses to find candidate words and their neighbours by the tokenizer's
// hash, without making strings: it must agree with lower-casing the token and asking a set.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CueModel } from '../../server/src/analysis/attribution/cueModel';
import { TokenKind, tokenize } from '../../server/src/analysis/attribution/tokens';
import { NO_WORD, NOT_ASCII, WordTable } from '../../server/src/analysis/attribution/wordTable';

const WORDS = ['said', 'told', 'according', 'u.s', "o'neill", 'al-assad', '12,000', 'café'];
const TEXT = `SAID Said said, Told "tolds" According U.S O'Neill al-Assad 12,000 CAFÉ Café sai saidx.`;

function lookUp(table: WordTable, text: string): Array<[string, number]> {
  const tokens = tokenize(text, true);
  const found: Array<[string, number]> = [];
  for (let index = 0; index < tokens.count; index++) {
    if (tokens.kinds[index] !== TokenKind.Word) continue;
    const id = table.idOfHashed(tokens.hashes[index] ?? -1, text, tokens.starts[index] ?? 0, tokens.ends[index] ?? 0);
    found.push([tokens.raw(index), id]);
  }
  return found;
}

void describe('word table', () => {
  const table = new WordTable(WORDS);

  void it('finds each word whatever the case of its ASCII letters, and nothing else', () => {
    const expected: Array<[string, number]> = [
      ['SAID', 0],
      ['Said', 0],
      ['said', 0],
      ['Told', 1],
      ['tolds', NO_WORD],
      ['According', 2],
      ['U.S', 3],
      ["O'Neill", 4],
      ['al-Assad', 5],
      ['12,000', 6],
      ['CAFÉ', NOT_ASCII],
      ['Café', NOT_ASCII],
      ['sai', NO_WORD],
      ['saidx', NO_WORD],
    ];
    assert.deepEqual(lookUp(table, TEXT), expected);
  });

  void it('leaves a word with non-ASCII characters to the string look-up, which finds it lower-cased', () => {
    assert.equal(table.idOfWord('café'), 7);
    assert.equal(table.idOfWord('CAFÉ'.toLowerCase()), 7);
    assert.equal(table.idOfWord('cafe'), NO_WORD);
  });

  void it('agrees with lower-casing every token of a long text and asking a set', () => {
    const words = ['the', 'minister', 'said', 'that', 'it', 'was', 'a', 'plan', 'to', 'cut', 'taxes'];
    const many = new WordTable(words);
    const text = 'The Minister said on Tuesday that it was A PLAN to cut taxes, not a plot. '.repeat(50);
    const tokens = tokenize(text, true);
    for (let index = 0; index < tokens.count; index++) {
      if (tokens.kinds[index] !== TokenKind.Word) continue;
      const lower = tokens.lower(index);
      const id = many.idOfHashed(tokens.hashes[index] ?? -1, text, tokens.starts[index] ?? 0, tokens.ends[index] ?? 0);
      assert.equal(id, words.indexOf(lower), lower);
    }
  });

  void it('lets the cue model find its candidate words by hash, in any case', () => {
    const model = new CueModel({ candidates: 'said warned', weights: 'b=-1;w=said=3' });
    const text = 'She SAID and he Warned; they talked.';
    const tokens = tokenize(text, true);
    const candidates = [];
    for (let index = 0; index < tokens.count; index++) {
      if (tokens.kinds[index] !== TokenKind.Word || !model.mayBeCandidate(tokens, index)) continue;
      if (model.candidateById(model.wordId(tokens, index, text)) !== undefined) candidates.push(tokens.raw(index));
    }
    assert.deepEqual(candidates, ['SAID', 'Warned']);
  });
});
