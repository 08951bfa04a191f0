// Tests of the learned cue model behind pass 5: the crude lemma, the hand-written word classes,
// and the precomputed tables, which must give exactly the probability that naming every feature
// gives (the learner trains on the named features). All texts here are invented for the tests.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CUE_CLASSES } from '../../server/src/analysis/attribution/cueClasses';
import { CueModel, cueFeatures, cueLemma, logOdds } from '../../server/src/analysis/attribution/cueModel';
import { dropNestedCues } from '../../server/src/analysis/attribution/nesting';
import { SourceResolver } from '../../server/src/analysis/attribution/resolve';
import { TokenKind, tokenize } from '../../server/src/analysis/attribution/tokens';
import { LEARNED_CUE_MODEL } from '../../server/src/analysis/data/cues';
import { analyse, type Attribution } from '../../server/src/analysis/index';

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

/** Non-inherited attributions whose cue text is `cue`. */
function withCue(text: string, cue: string): Attribution[] {
  return analyse(text).attributions.filter((attribution) => !attribution.inherited && attribution.cue.text === cue);
}

interface CueCase {
  name: string;
  text: string;
  cue: string;
  /** The source the attribution must have; null when it must have none; undefined when no attribution may use the cue. */
  source: string | null | undefined;
}

void describe('pass 5 with the learned cue model: what is a cue, and what names a source', () => {
  const cases: CueCase[] = [
    {
      name: 'a belief verb with a named subject is a cue with that source',
      text: 'Mayor Elena Castellano believes the new bridge will open in May.',
      cue: 'believes',
      source: 'Mayor Elena Castellano',
    },
    {
      name: 'an evidence verb in a trailing frame names the document as the source',
      text: 'Two of the seven members voted to keep rates on hold, the minutes showed.',
      cue: 'showed',
      source: 'the minutes',
    },
    {
      name: '"point" in "percentage point" is no cue',
      text: 'The Northern Reserve Bank raised its main rate by half a percentage point to 4.75 percent on Thursday.',
      cue: 'point',
      source: undefined,
    },
    {
      name: 'a passive that ends its clause ("since the charges were announced") is no cue',
      text: "The trust's chair, Linda Sorensen, said the charity had lost donors since the charges were announced.",
      cue: 'announced',
      source: undefined,
    },
    {
      name: 'a likely cue inside what someone said is part of it, not a cue ("said voters want")',
      text: 'Mayor Elena Castellano said voters want a new bridge over the river.',
      cue: 'want',
      source: undefined,
    },
    {
      name: 'a second speaker after "and" keeps a cue of its own',
      text: 'Councillor Ochoa said the plan would fail, and Councillor Brandt argued it would save money.',
      cue: 'argued',
      source: 'Councillor Brandt',
    },
    {
      name: 'a clause after ", although" is the article speaking, not the first speaker',
      text: 'Varnstad claimed that none of the neighbours had objected, although officials in two capitals had asked for more notice.',
      cue: 'had asked',
      source: 'officials in two capitals',
    },
    {
      name: 'a trailing frame keeps the clause it reports, and the verb inside it is no cue',
      text: 'Two of the seven members voted to keep rates on hold, the minutes showed.',
      cue: 'voted',
      source: undefined,
    },
    {
      name: 'a stance verb that takes a figure ("supports about 300 families") names no source',
      text: 'The foundation supports about 300 families a year.',
      cue: 'supports',
      source: null,
    },
    {
      name: 'a belief or evidence word that ends its clause reports nothing ("has ever seen.")',
      text: 'It was the largest flood the valley has ever seen.',
      cue: 'seen',
      source: undefined,
    },
    {
      name: 'a noun "claims" is no cue',
      text: 'Damage is expected to exceed $40 million, and insurers will face their largest claims in a decade.',
      cue: 'claims',
      source: undefined,
    },
  ];
  for (const testCase of cases) {
    void it(testCase.name, () => {
      const found = withCue(testCase.text, testCase.cue);
      if (testCase.source === undefined) {
        assert.deepEqual(found, [], `"${testCase.cue}" should be no cue`);
        return;
      }
      assert.equal(found.length, 1, `one attribution with cue "${testCase.cue}"`);
      assert.equal(found[0]?.source?.text ?? null, testCase.source);
    });
  }

  // The resolver remembers whom a source named, for a later "he" or "the president"; a cue the
  // drop removes must leave no such trace. Here "the president" inside what Ruiz said once made
  // the coordinated verb's "he" resolve to the president.
  const droppedCueTraces = [
    {
      name: 'a coordinated verb after a dropped cue',
      text: 'President Tomas Ekberg spoke first. Councillor Ana Ruiz said that the president did not know what he was talking about, and accused the council of delay.',
      cue: 'accused',
    },
    {
      name: 'a pronoun in the next paragraph',
      text: 'President Tomas Ekberg spoke first.\n\nCouncillor Ana Ruiz said that the president did not know the figures. He added that it was late.',
      cue: 'added',
    },
  ];
  for (const { name, text, cue } of droppedCueTraces) {
    void it(`only the cues that stay move the source resolver: ${name}`, () => {
      assert.deepEqual(withCue(text, 'did not know'), [], '"did not know" is nested in what Ruiz said');
      const found = withCue(text, cue);
      assert.equal(found.length, 1);
      assert.equal(found[0]?.sourceName, 'Ana Ruiz');
    });
  }

  void it('SourceResolver.peek() answers as resolve() would and leaves the running state alone', () => {
    const text =
      'President Tomas Ekberg arrived late. Councillor Ana Ruiz spoke next. Then the president left, and he was gone.';
    const entities = analyse(text).entities;
    const spanOf = (phrase: string): { start: number; end: number; text: string } => {
      const start = text.indexOf(phrase);
      return { start, end: start + phrase.length, text: phrase };
    };
    const president = spanOf('the president');
    const he = { start: text.indexOf('he was'), end: text.indexOf('he was') + 2, text: 'he' };
    // Control: resolving "the president" makes Ekberg the last person named, so "he" is Ekberg.
    const resolving = new SourceResolver(entities);
    assert.equal(resolving.resolve(president).sourceName, 'Tomas Ekberg');
    assert.equal(resolving.resolve(he).sourceName, 'Tomas Ekberg');
    // Peeking gives the same answer but leaves Ruiz, the last name in the text, as the last person.
    const peeking = new SourceResolver(entities);
    assert.deepEqual(peeking.peek(president), new SourceResolver(entities).resolve(president));
    assert.equal(peeking.resolve(he).sourceName, 'Ana Ruiz');
  });

  void it('a word outside the cue classes whose subject names nobody makes no claim attributed', () => {
    const text = 'The budget passed by seven votes to four after a session that ran past midnight.';
    const analysis = analyse(text);
    for (const attribution of analysis.attributions) assert.equal(attribution.source, null, attribution.cue.text);
    assert.ok(analysis.claims.every((claim) => !claim.attributed));
  });
});

/** An attribution with only the spans `dropNestedCues` reads; offsets are into an imagined sentence. */
function attributionAt(cue: [number, number], content: [number, number], source: [number, number] | null): Attribution {
  const span = ([start, end]: [number, number]): { start: number; end: number; text: string } => ({
    start,
    end,
    text: 'x'.repeat(end - start),
  });
  return {
    cue: span(cue),
    source: source === null ? null : span(source),
    content: span(content),
    sourceName: null,
    sourceEntity: null,
    anonymous: false,
    inherited: false,
    reason: 'test',
  };
}

void describe('nested cues (attribution/nesting.ts)', () => {
  const sentence = 'x'.repeat(200);
  const likely = logOdds(0.6);
  const unlikelier = logOdds(0.5);
  const strong = logOdds(0.95);
  const cases: Array<{
    name: string;
    attributions: Attribution[];
    scores: number[];
    text?: string;
    /** Where the sentence's attributions start in the list; 0 unless earlier sentences precede. */
    from?: number;
    kept: number[];
  }> = [
    {
      name: "a cue inside a likelier cue's content is dropped",
      attributions: [attributionAt([10, 14], [15, 100], [0, 9]), attributionAt([30, 34], [35, 100], [20, 29])],
      scores: [likely, unlikelier],
      kept: [10],
    },
    {
      name: "a likelier cue inside a less likely cue's content stays, and so does the outer one",
      attributions: [attributionAt([10, 14], [15, 100], [0, 9]), attributionAt([30, 34], [35, 100], [20, 29])],
      scores: [unlikelier, likely],
      kept: [10, 30],
    },
    {
      name: "a cue likely enough to stand alone, with a subject of its own, stays inside another's content",
      attributions: [attributionAt([10, 14], [15, 100], [0, 9]), attributionAt([30, 34], [35, 100], [20, 29])],
      scores: [strong, strong - 0.1],
      kept: [10, 30],
    },
    {
      name: 'a likely cue whose subject runs back over the outer cue is dropped all the same',
      attributions: [attributionAt([10, 14], [15, 100], [0, 9]), attributionAt([30, 34], [35, 100], [0, 29])],
      scores: [strong, strong - 0.1],
      kept: [10],
    },
    {
      name: "of two cues inside each other's content, the frame that reports the clause before it wins",
      attributions: [attributionAt([10, 14], [15, 80], [0, 9]), attributionAt([70, 76], [0, 58], [60, 69])],
      scores: [likely, unlikelier],
      kept: [70],
    },
    {
      name: 'a clause after ", although" is not part of the outer content',
      text: 'x'.repeat(40) + ', although ' + 'x'.repeat(149),
      attributions: [attributionAt([10, 14], [15, 100], [0, 9]), attributionAt([60, 64], [65, 100], [51, 59])],
      scores: [likely, unlikelier],
      kept: [10, 60],
    },
    {
      name: 'a coordinated verb ("… and has also warned") opens a predicate of its own',
      text: 'x'.repeat(40) + ' and has also warned ' + 'x'.repeat(139),
      attributions: [attributionAt([10, 14], [15, 100], [0, 9]), attributionAt([54, 60], [61, 100], [0, 9])],
      scores: [likely, unlikelier],
      kept: [10, 54],
    },
    {
      name: 'a participle after a comma ("…, adding") opens a predicate of its own',
      text: 'x'.repeat(40) + ', adding ' + 'x'.repeat(151),
      attributions: [attributionAt([10, 14], [15, 100], [0, 9]), attributionAt([42, 48], [49, 100], [0, 9])],
      scores: [likely, unlikelier],
      kept: [10, 42],
    },
    {
      name: 'cues from earlier sentences are left alone',
      attributions: [attributionAt([10, 14], [15, 100], [0, 9]), attributionAt([30, 34], [35, 100], [20, 29])],
      scores: [likely, unlikelier],
      from: 1,
      kept: [10, 30],
    },
  ];
  for (const testCase of cases) {
    void it(testCase.name, () => {
      const text = testCase.text ?? sentence;
      // The cue's text is read from the sentence, as the pass would give it.
      const found = testCase.attributions.map((attribution) => ({
        ...attribution,
        cue: { ...attribution.cue, text: text.slice(attribution.cue.start, attribution.cue.end) },
      }));
      const scores = [...testCase.scores];
      // Pass 5 keeps what it still has to resolve per attribution in arrays parallel to `found`;
      // the drop must keep them in step.
      const cueStarts = found.map((attribution) => attribution.cue.start);
      dropNestedCues(text, found, scores, testCase.from ?? 0, [cueStarts]);
      assert.deepEqual(
        found.map((attribution) => attribution.cue.start),
        testCase.kept,
      );
      assert.equal(scores.length, found.length);
      assert.deepEqual(cueStarts, testCase.kept);
    });
  }
});
