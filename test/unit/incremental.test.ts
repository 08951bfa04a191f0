// Incremental analysis must be invisible: after any sequence of edits, what an
// IncrementalAnalyser returns for a document equals what a fresh `analyse()` returns for the same
// text. The property test drives random edit sequences (typing, deleting, splitting and joining
// paragraphs, opening and closing quotes, moving paragraphs) over documents built from the
// project's fixture articles, and compares the whole Analysis after every edit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyse } from '../../server/src/analysis/index';
import { IncrementalAnalyser, ParagraphCache, perParagraph } from '../../server/src/analysis/incremental';
import type { AnalysisContext } from '../../server/src/analysis/context';
import {
  applyEdit,
  articlesDirectory,
  documentArbitrary,
  type Edit,
  editArbitrary,
  fixtureArticles,
} from './editSequences';

void describe('IncrementalAnalyser equals analyse()', () => {
  void it('has fixture articles to start from', () => {
    assert.ok(fixtureArticles.length >= 3, `expected fixture articles in ${articlesDirectory}`);
  });

  void it('after every edit of a random edit sequence (property)', () => {
    fc.assert(
      fc.property(documentArbitrary, fc.array(editArbitrary, { minLength: 1, maxLength: 12 }), (initial, edits) => {
        const incremental = new IncrementalAnalyser();
        let text = initial;
        assert.deepStrictEqual(incremental.analyse(text), analyse(text));
        for (const edit of edits) {
          text = applyEdit(text, edit);
          assert.deepStrictEqual(incremental.analyse(text), analyse(text));
        }
      }),
      { numRuns: 60 },
    );
  });

  void it('when the configuration or article date changes between runs on the same document', () => {
    const text = fixtureArticles.join('\n\n');
    const incremental = new IncrementalAnalyser();
    const runs = [
      {},
      { articleDate: '2024-03-05' },
      { config: { people: ['Helena Marsh'], severity: { 'anonymous-source': 'off' as const } } },
      { config: { commonKnowledge: ['the river'] } },
      {},
    ];
    for (const options of runs) {
      assert.deepStrictEqual(incremental.analyse(text, options), analyse(text, options));
    }
  });

  void it('would notice a cache that hands one paragraph the result of another', () => {
    // Keyed by the first character only, this cache mixes paragraphs up. That a whole-Analysis
    // comparison tells the difference shows the passes really read through the cache, so the
    // property above is not comparing analyse() with itself.
    class KeyedByFirstCharacter extends ParagraphCache {
      override get<T>(kind: string, paragraphText: string, compute: (paragraphText: string) => T): T {
        return super.get(kind, paragraphText.charAt(0), () => compute(paragraphText));
      }
    }
    const text = fixtureArticles.join('\n\n');
    assert.notDeepStrictEqual(analyse(text, { paragraphCache: new KeyedByFirstCharacter() }), analyse(text));
  });

  void it('recomputes only the edited paragraph and reuses the others', () => {
    const text = fixtureArticles.join('\n\n');
    const paragraphs = analyse(text).paragraphs;
    assert.ok(paragraphs.length >= 8, 'the joined fixtures should have several paragraphs');
    const analyser = new IncrementalAnalyser();
    analyser.analyse(text);
    const first = analyser.stats;
    assert.ok(first.misses > 0, 'at least one pass should route its paragraph work through the cache');
    // Type a word into the middle of one paragraph, as a writer would.
    const middle = paragraphs[Math.floor(paragraphs.length / 2)];
    assert.ok(middle !== undefined);
    const at = text.indexOf(' ', middle.start) + 1;
    const edited = text.slice(0, at) + 'newly ' + text.slice(at);
    assert.deepStrictEqual(analyser.analyse(edited), analyse(edited));
    const afterEdit = analyser.stats;
    assert.ok(afterEdit.hits > 0, 'unchanged paragraphs should come from the cache');
    // One paragraph of many changed, so a small share of the first run's work is redone.
    assert.ok(
      afterEdit.misses * 4 <= first.misses,
      `expected few misses after a one-word edit, got ${afterEdit.misses} of ${first.misses}`,
    );
  });

  void it('when the same document is analysed twice without an edit', () => {
    const text = fixtureArticles[0] ?? '';
    const incremental = new IncrementalAnalyser();
    const first = incremental.analyse(text);
    const second = incremental.analyse(text);
    assert.deepStrictEqual(second, first);
    assert.deepStrictEqual(second, analyse(text));
  });
});

/**
 * Paragraphs written for these tests, each exercising one thing pass 5 reads around a sentence:
 * quotes closed or left open across paragraphs, pronouns and descriptions that resolve to an
 * earlier name, cue words outside the hand-written classes ("passed"), participles and
 * coordinated verbs that reuse the previous attribution's source, colon attributions, cues
 * nested in another cue's content, which pass 5 drops before it resolves any source of their
 * sentence ("said voters want", "said that the president did not know"), a stance verb with a
 * figure, and headlines without punctuation, next to which the cue model reads the neighbouring
 * paragraph.
 */
const ATTRIBUTION_PARAGRAPHS = [
  'Mayor Helena Marsh said the council would cut the budget by 12 percent.',
  '"We will not stop until the bridge is safe," Marsh said.',
  '"The river has never been this high," said Tomas Ekberg, head of the flood office.',
  'He added.',
  'She said: "The figures speak for themselves.',
  '"Nobody in this town has seen anything like it.',
  '"And we will rebuild," she said.',
  'Quick Fact: the new bridge will cost about 43 million to build and repair.',
  'The budget passed on Tuesday, saying nothing about the schools.',
  'The council passed the plan and said it would save 3 million.',
  'The senate passed the budget.',
  'According to the ministry, 40 people were evacuated.',
  'Ochoa, who voted against the plan, said the cuts went too far.',
  'Flood warnings remain in place',
  'It was reported that about 1,200 homes lost power.',
  'A senior official, speaking on condition of anonymity, said the talks had stalled.',
  'The minister told reporters at a briefing that the dam would hold.',
  'The official said the repairs would take weeks.',
  'Prices rose 4 percent in March, the statistics office said.',
  'The mayor said voters want a new bridge.',
  'The mayor said voters want a new bridge and warned that the old one would close.',
  'President Ola Berg spoke first.',
  'Councillor Ana Ruiz said that the president did not know what he was talking about, and accused the council of delay.',
  'The charity supports about 300 children, its director said.',
];

/** A document of those paragraphs, in any order, some joined by single line breaks. */
const attributionDocumentArbitrary: fc.Arbitrary<string> = fc
  .array(
    fc.record({
      paragraph: fc.constantFrom(...ATTRIBUTION_PARAGRAPHS),
      separator: fc.constantFrom('\n\n', '\n\n', '\n', ' '),
    }),
    { minLength: 2, maxLength: 14 },
  )
  .map((parts) => parts.map(({ paragraph, separator }) => paragraph + separator).join(''));

/**
 * Edits that move the attribution context around: a paragraph typed in at a paragraph break,
 * a paragraph joined to the next or split at a space, and a word typed next to a cue.
 */
type AttributionEdit =
  | { kind: 'insert-paragraph'; at: number; paragraph: string }
  | { kind: 'join'; at: number }
  | { kind: 'split'; at: number }
  | { kind: 'near-cue'; at: number; text: string };

const attributionEditArbitrary: fc.Arbitrary<AttributionEdit | Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('insert-paragraph' as const),
    at: fc.nat(),
    paragraph: fc.constantFrom(...ATTRIBUTION_PARAGRAPHS),
  }),
  fc.record({ kind: fc.constant('join' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('split' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('near-cue' as const),
    at: fc.nat(),
    text: fc.constantFrom(' newly', ' "', '" ', ',', '.', ' he', ' Marsh', ' passed', ':', '\n\n'),
  }),
  editArbitrary,
);

/** The offsets in `text` where `pattern` matches, for picking an edit position among them. */
function offsetsOf(text: string, pattern: RegExp): number[] {
  return [...text.matchAll(pattern)].map((match) => match.index);
}

function applyAttributionEdit(text: string, edit: AttributionEdit | Edit): string {
  switch (edit.kind) {
    case 'insert-paragraph': {
      const breaks = [0, ...offsetsOf(text, /\n\n/g), text.length];
      const at = breaks[edit.at % breaks.length] ?? 0;
      return `${text.slice(0, at)}\n\n${edit.paragraph}\n\n${text.slice(at)}`;
    }
    case 'join': {
      const breaks = offsetsOf(text, /\n+/g);
      if (breaks.length === 0) return text;
      const at = breaks[edit.at % breaks.length] ?? 0;
      return `${text.slice(0, at)} ${text.slice(at).replace(/^\n+/, '')}`;
    }
    case 'split': {
      const spaces = offsetsOf(text, / /g);
      if (spaces.length === 0) return text;
      const at = spaces[edit.at % spaces.length] ?? 0;
      return `${text.slice(0, at)}\n\n${text.slice(at + 1)}`;
    }
    case 'near-cue': {
      const cues = offsetsOf(text, /\b(?:said|added|passed|saying|told|According)\b|["“”:]/g);
      if (cues.length === 0) return text;
      const at = cues[edit.at % cues.length] ?? 0;
      return text.slice(0, at) + edit.text + text.slice(at);
    }
    default:
      return applyEdit(text, edit);
  }
}

/** A ParagraphCache that counts the lookups of one kind of result, to see what a run recomputed. */
class CountingCache extends ParagraphCache {
  computed = 0;
  looked = 0;
  constructor(private readonly kind: string) {
    super();
  }
  override getFitting<T>(kind: string, key: string, fits: (value: T) => boolean, compute: () => T): T {
    if (kind !== this.kind) return super.getFitting(kind, key, fits, compute);
    this.looked++;
    return super.getFitting(kind, key, fits, () => {
      this.computed++;
      return compute();
    });
  }
}

void describe('incremental attributions (pass 5) equal analyse()', () => {
  void it('after random edits that move quotes, cues, pronouns and paragraph breaks (property)', () => {
    fc.assert(
      fc.property(
        attributionDocumentArbitrary,
        fc.array(attributionEditArbitrary, { minLength: 1, maxLength: 12 }),
        (initial, edits) => {
          const incremental = new IncrementalAnalyser();
          let text = initial;
          assert.deepStrictEqual(incremental.analyse(text), analyse(text));
          for (const edit of edits) {
            text = applyAttributionEdit(text, edit);
            assert.deepStrictEqual(incremental.analyse(text), analyse(text));
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  // Each row: a document, then an edit that changes only what lies around a paragraph the
  // cache keeps, so a wrong cache key would hand back the old paragraph's attributions.
  const contextEdits = [
    {
      name: 'a quote before "He added." appears',
      before: 'The mayor spoke first.\n\nHe added.',
      after: 'She said: "We will rebuild."\n\nHe added.',
    },
    {
      name: 'a continued quote loses its opening paragraph',
      before: 'She said: "The figures speak for themselves.\n\n"Nobody has seen anything like it."',
      after: 'The figures speak for themselves.\n\n"Nobody has seen anything like it."',
    },
    {
      name: 'the cue before a colon attribution becomes one outside the cue classes',
      before:
        'The senator said the budget was fine.\n\nQuick Fact: the new bridge will cost about 43 million to build.',
      after: 'The senate passed the budget.\n\nQuick Fact: the new bridge will cost about 43 million to build.',
    },
    {
      name: 'the name a later pronoun resolves to changes',
      before: 'Mayor Helena Marsh spoke on Monday.\n\nShe said the bridge would reopen.',
      after: 'Tomas Ekberg spoke on Monday.\n\nHe said the bridge would reopen.',
    },
    {
      // The participle reuses the source of "passed" only when "He" resolves, so its sentence is
      // scanned again with the resolver on every run.
      name: 'a participle follows a cue outside the cue classes whose pronoun starts to resolve',
      before: 'The meeting ran late.\n\nHe passed the bill on Tuesday, saying it would help farmers.',
      after: 'Mayor Helena Marsh spoke first.\n\nHe passed the bill on Tuesday, saying it would help farmers.',
    },
    {
      // "the president" inside what Ruiz said is dropped as a cue, so it must not make "He" the
      // president, whichever paragraph the cache hands back.
      name: 'a dropped nested cue names the person a later pronoun would resolve to',
      before: 'Councillor Ana Ruiz said that the president did not know the figures.\n\nHe added that it was late.',
      after:
        'President Ola Berg spoke first.\n\nCouncillor Ana Ruiz said that the president did not know the figures.\n\nHe added that it was late.',
    },
    {
      name: 'a coordinated verb joins a sentence whose second cue is dropped',
      before: 'The mayor said voters want a new bridge.\n\nHe warned that the old one would close.',
      after: 'The mayor said voters want a new bridge and warned that the old one would close.',
    },
    {
      name: 'a headline above a paragraph loses its last word',
      before: 'Flood warnings remain\n\nsaid the official, who asked not to be named.',
      after: 'Flood warnings remain in place.\n\nsaid the official, who asked not to be named.',
    },
  ];
  for (const { name, before, after } of contextEdits) {
    void it(`when ${name}`, () => {
      const incremental = new IncrementalAnalyser();
      assert.deepStrictEqual(incremental.analyse(before), analyse(before));
      assert.deepStrictEqual(incremental.analyse(after), analyse(after));
      assert.deepStrictEqual(incremental.analyse(before), analyse(before));
    });
  }

  void it('would notice a cache that ignores the text around a paragraph', () => {
    // Handing back any cached scan of the same paragraph text, whatever surrounds it, gives the
    // second "He added." the first one's quote. That the results differ shows `fits` is needed.
    class IgnoresSurroundings extends ParagraphCache {
      override getFitting<T>(kind: string, key: string, _fits: (value: T) => boolean, compute: () => T): T {
        return super.getFitting(kind, key, () => true, compute);
      }
    }
    const text = 'She said: "We will rebuild."\n\nHe added.\n\nThe mayor spoke next.\n\nHe added.';
    assert.notDeepStrictEqual(
      analyse(text, { paragraphCache: new IgnoresSurroundings() }).attributions,
      analyse(text).attributions,
    );
  });

  void it('rescans only the edited paragraph and its neighbours', () => {
    const text = ATTRIBUTION_PARAGRAPHS.join('\n\n');
    const cache = new CountingCache('attributions');
    const analyser = new IncrementalAnalyser(cache);
    analyser.analyse(text);
    assert.equal(cache.computed, ATTRIBUTION_PARAGRAPHS.length);
    cache.computed = 0;
    cache.looked = 0;
    const at = text.indexOf('would save') + 'would '.length;
    const edited = `${text.slice(0, at)}newly ${text.slice(at)}`;
    assert.deepStrictEqual(analyser.analyse(edited), analyse(edited));
    assert.equal(cache.looked, ATTRIBUTION_PARAGRAPHS.length);
    // The edited paragraph, and the few around it whose windows (a dozen words either side)
    // reach into it; short paragraphs such as "He added." let a window reach two paragraphs on.
    assert.ok(cache.computed >= 1 && cache.computed <= 5, `recomputed ${cache.computed} of ${cache.looked} paragraphs`);
  });
});

void describe('ParagraphCache', () => {
  void it('computes a paragraph once per run and reuses it on the next run', () => {
    const cache = new ParagraphCache();
    const computed: string[] = [];
    const length = (text: string): number => {
      computed.push(text);
      return text.length;
    };
    assert.equal(cache.get('length', 'First paragraph.', length), 16);
    assert.equal(cache.get('length', 'First paragraph.', length), 16);
    assert.equal(cache.get('length', 'Second.', length), 7);
    assert.deepStrictEqual(cache.finishRun(), { hits: 1, misses: 2, entries: 2 });
    assert.equal(cache.get('length', 'First paragraph.', length), 16);
    assert.deepStrictEqual(computed, ['First paragraph.', 'Second.']);
    assert.deepStrictEqual(cache.finishRun(), { hits: 1, misses: 0, entries: 1 });
  });

  void it('drops what the last run did not use, so it holds one version of the document', () => {
    const cache = new ParagraphCache();
    let calls = 0;
    const count = (text: string): string => {
      calls++;
      return text.toUpperCase();
    };
    cache.get('upper', 'kept', count);
    cache.get('upper', 'dropped', count);
    cache.finishRun();
    cache.get('upper', 'kept', count);
    assert.deepStrictEqual(cache.finishRun(), { hits: 1, misses: 0, entries: 1 });
    // "dropped" was not used by the second run, so the third computes it again.
    cache.get('upper', 'dropped', count);
    assert.equal(calls, 3);
  });

  void it('tells apart texts that differ only where the lookup does not sample them', () => {
    // The cache narrows a lookup by the length and five characters of the text (the first, the
    // last and three between). These twenty-character texts differ only at the second character,
    // so they all share that much; a dozen of them is more than a lookup compares one by one.
    const cache = new ParagraphCache();
    const texts = 'ABCDEFGHIJKL'.split('').map((letter) => `x${letter}${'y'.repeat(18)}`);
    for (const run of [0, 1]) {
      for (const text of texts)
        assert.equal(
          cache.get('echo', text, (own) => own),
          text,
        );
      assert.deepStrictEqual(cache.finishRun(), {
        hits: run === 0 ? 0 : texts.length,
        misses: run === 0 ? texts.length : 0,
        entries: texts.length,
      });
    }
    // Two of them alone are compared directly; each still gets its own value.
    const few = new ParagraphCache();
    assert.equal(
      few.get('echo', texts[0] ?? '', () => 'first'),
      'first',
    );
    assert.equal(
      few.get('echo', texts[1] ?? '', () => 'second'),
      'second',
    );
    assert.equal(
      few.get('echo', texts[0] ?? '', () => 'again'),
      'first',
    );
  });

  void it('keeps kinds apart for the same paragraph text', () => {
    const cache = new ParagraphCache();
    assert.equal(
      cache.get('a', 'same text', () => 'from a'),
      'from a',
    );
    assert.equal(
      cache.get('b', 'same text', () => 'from b'),
      'from b',
    );
  });

  void it('returns the cached object itself, which is why passes must never mutate it', () => {
    const cache = new ParagraphCache();
    const first = cache.get('spans', 'text', () => [{ start: 0, end: 4 }]);
    cache.finishRun();
    const second = cache.get('spans', 'text', () => [{ start: 0, end: 4 }]);
    assert.equal(second, first);
  });

  void it('getFitting() returns a cached value only where it fits, keeping a few per key', () => {
    const cache = new ParagraphCache();
    let calls = 0;
    const variant = (context: string) => () => {
      calls++;
      return { context };
    };
    const fitsIn = (context: string) => (value: { context: string }) => value.context === context;
    assert.equal(cache.getFitting('k', 'same text', fitsIn('a'), variant('a')).context, 'a');
    assert.equal(cache.getFitting('k', 'same text', fitsIn('b'), variant('b')).context, 'b');
    assert.equal(cache.getFitting('k', 'same text', fitsIn('a'), variant('a')).context, 'a');
    assert.equal(calls, 2);
    assert.deepStrictEqual(cache.finishRun(), { hits: 1, misses: 2, entries: 1 });
    // Four contexts more push the oldest ones out, so a key never holds more than four values.
    for (const context of ['c', 'd', 'e', 'f']) cache.getFitting('k', 'same text', fitsIn(context), variant(context));
    calls = 0;
    cache.getFitting('k', 'same text', fitsIn('a'), variant('a'));
    cache.getFitting('k', 'same text', fitsIn('f'), variant('f'));
    assert.equal(calls, 1);
  });

  void it('getFitting() drops keys the last run did not use', () => {
    const cache = new ParagraphCache();
    let calls = 0;
    const compute = (): number => ++calls;
    cache.getFitting('k', 'kept', () => true, compute);
    cache.getFitting('k', 'dropped', () => true, compute);
    cache.finishRun();
    cache.getFitting('k', 'kept', () => true, compute);
    assert.deepStrictEqual(cache.finishRun(), { hits: 1, misses: 0, entries: 1 });
    cache.getFitting('k', 'dropped', () => true, compute);
    assert.equal(calls, 3);
  });

  void it('clear() forgets everything', () => {
    const cache = new ParagraphCache();
    cache.get('k', 'p', () => 1);
    cache.finishRun();
    cache.clear();
    assert.equal(
      cache.get('k', 'p', () => 2),
      2,
    );
  });
});

void describe('perParagraph', () => {
  const contextWith = (paragraphCache: ParagraphCache | undefined): AnalysisContext =>
    ({ paragraphCache }) as unknown as AnalysisContext;

  void it('computes directly when the run has no cache', () => {
    let calls = 0;
    const compute = (text: string): number => {
      calls++;
      return text.length;
    };
    const context = contextWith(undefined);
    assert.equal(perParagraph(context, 'length', 'abc', compute), 3);
    assert.equal(perParagraph(context, 'length', 'abc', compute), 3);
    assert.equal(calls, 2);
  });

  void it('goes through the cache when the run has one', () => {
    let calls = 0;
    const compute = (text: string): number => {
      calls++;
      return text.length;
    };
    const context = contextWith(new ParagraphCache());
    assert.equal(perParagraph(context, 'length', 'abc', compute), 3);
    assert.equal(perParagraph(context, 'length', 'abc', compute), 3);
    assert.equal(calls, 1);
  });
});
