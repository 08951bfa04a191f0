// Tests of the learned cue model behind pass 5: the crude lemma, the hand-written word classes,
// and the precomputed tables, which must give exactly the probability that naming every feature
// gives (the learner trains on the named features). All texts here are invented for the tests.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CUE_CLASSES } from '../../server/src/analysis/attribution/cueClasses';
import { CueModel, cueFeatures, cueLemma } from '../../server/src/analysis/attribution/cueModel';
import { TokenKind, tokenize } from '../../server/src/analysis/attribution/tokens';
import { LEARNED_CUE_MODEL } from '../../server/src/analysis/data/cues';

void describe('cue model: lemma', () => {
  const cases: Array<[string, string]> = [
    ['said', 'said'],
    ['backs', 'back'],
    ['backed', 'back'],
    ['backing', 'back'],
    ['admitted', 'admit'],
    ['admits', 'admit'],
    ['called', 'call'],
    ['calling', 'call'],
    ['denied', 'deny'],
    ['denies', 'deny'],
    ['stressed', 'stress'],
    ['stresses', 'stress'],
    ['believes', 'believ'],
    ['believed', 'believ'],
    ['believe', 'believ'],
    ['hopes', 'hop'],
    ['hoped', 'hop'],
  ];
  for (const [word, lemma] of cases) {
    void it(`${word} → ${lemma}`, () => assert.equal(cueLemma(word), lemma));
  }
});

void describe('cue model: word classes', () => {
  const cases: Array<[string, string]> = [
    ['observed', 'speech'],
    ['briefed', 'speech'],
    ['thought', 'belief'],
    ['hopes', 'belief'],
    ['plans', 'intention'],
    ['sought', 'intention'],
    ['shown', 'evidence'],
    ['allegations', 'speech-noun'],
    ['polls', 'evidence-noun'],
  ];
  for (const [word, name] of cases) {
    void it(`"${word}" is in the ${name} class`, () => assert.ok(CUE_CLASSES.get(word)?.includes(name)));
  }
  void it('ordinary words are in no class', () => {
    for (const word of ['river', 'the', 'quickly', 'flood']) assert.equal(CUE_CLASSES.get(word), undefined, word);
  });
});

void describe('cue model: precomputed tables', () => {
  const model = new CueModel(LEARNED_CUE_MODEL);
  const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'articles');
  void it('give the same probability as summing the named features, for every candidate in the fixtures', () => {
    let checked = 0;
    for (const name of readdirSync(fixtures)) {
      const text = readFileSync(path.join(fixtures, name), 'utf8');
      const tokens = tokenize(text, true);
      for (let index = 0; index < tokens.count; index++) {
        if (tokens.kinds[index] !== TokenKind.Word) continue;
        const word = tokens.lower(index);
        if (!model.candidateWords.has(word)) continue;
        const fast = model.probability(tokens, index, text, word);
        const named = model.probabilityFromKeys(tokens, index, text, word);
        assert.ok(Math.abs(fast - named) < 1e-9, `${name}: "${word}" at ${tokens.starts[index]}: ${fast} vs ${named}`);
        checked++;
      }
    }
    assert.ok(checked > 100, `only ${checked} candidates checked`);
  });

  void it('feature keys hold single words and class letters, never two words', () => {
    const text = 'The minister told reporters on Friday that the plan, which voters back, would fail.';
    const tokens = tokenize(text, true);
    for (let index = 0; index < tokens.count; index++) {
      if (tokens.kinds[index] !== TokenKind.Word) continue;
      for (const key of cueFeatures(tokens, index, text, tokens.lower(index))) assert.doesNotMatch(key, /\s/, key);
    }
  });

  void it('a reporting verb in a reporting frame is far likelier a cue than the same word as a noun', () => {
    const text = 'The senator said that the bill would pass. Nobody read the report on the bill.';
    const tokens = tokenize(text, true);
    const at = (word: string): number => {
      for (let index = 0; index < tokens.count; index++) if (tokens.lower(index) === word) return index;
      throw new Error(word);
    };
    assert.ok(model.probability(tokens, at('said'), text, 'said') > 0.8);
    assert.ok(model.probability(tokens, at('report'), text, 'report') < 0.3);
  });
});
