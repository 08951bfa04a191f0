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
import { applyEdit, articlesDirectory, documentArbitrary, editArbitrary, fixtureArticles } from './editSequences';

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
