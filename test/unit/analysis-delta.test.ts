// The analysis worker sends the main thread a delta against its previous answer instead of the
// whole Analysis (server/src/lsp/analysisDelta.ts). The delta must be invisible: applied to the
// previous result, after a structured clone as postMessage makes, it gives exactly the Analysis
// the worker computed, over any sequence of edits. And it must be worth sending: after one typed
// word in a long document, almost every result is reused rather than sent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyse, type Analysis } from '../../server/src/analysis/index';
import { IncrementalAnalyser } from '../../server/src/analysis/incremental';
import {
  applyDelta,
  applyDeltaDeferred,
  diffAnalysis,
  findEdit,
  withUnchangedItemsOf,
  type AnalysisDelta,
} from '../../server/src/lsp/analysisDelta';
import { applyEdit, documentArbitrary, editArbitrary, fixtureArticles } from './editSequences';

/** What crosses the thread boundary: the delta as postMessage copies it. */
function roundTrip(previousText: string, previous: Analysis, nextText: string, next: Analysis): Analysis {
  const delta: AnalysisDelta = structuredClone(diffAnalysis(previousText, previous, nextText, next));
  return applyDelta(previous, delta);
}

function sentItems(delta: AnalysisDelta): { sent: number; total: number } {
  let sent = 0;
  let total = 0;
  for (const list of Object.values(delta.lists)) {
    sent += list.middle.length;
    total += list.prefix + list.middle.length + list.suffix;
  }
  return { sent, total };
}

void describe('analysis deltas between the worker and the main thread', () => {
  void it('rebuild exactly the next Analysis after every edit of a random edit sequence (property)', () => {
    fc.assert(
      fc.property(documentArbitrary, fc.array(editArbitrary, { minLength: 1, maxLength: 12 }), (initial, edits) => {
        // As in the worker: incremental analyses, each delta made against the result sent before.
        const analyser = new IncrementalAnalyser();
        let text = initial;
        let received = structuredClone(analyser.analyse(text));
        let sent = received;
        for (const edit of edits) {
          const nextText = applyEdit(text, edit);
          const next = analyser.analyse(nextText);
          received = roundTrip(text, sent, nextText, next);
          assert.deepStrictEqual(received, next);
          assert.deepStrictEqual(received, analyse(nextText));
          text = nextText;
          sent = next;
        }
      }),
      { numRuns: 60 },
    );
  });

  void it('rebuild exactly as the worker and the main thread run them: deferred lists, shared unchanged items (property)', () => {
    fc.assert(
      fc.property(
        documentArbitrary,
        fc.array(fc.tuple(editArbitrary, fc.boolean()), { minLength: 1, maxLength: 12 }),
        (initial, edits) => {
          const analyser = new IncrementalAnalyser();
          let text = initial;
          let sent = analyser.analyse(text);
          let received = structuredClone(sent);
          for (const [edit, settleBeforeNext] of edits) {
            const nextText = applyEdit(text, edit);
            const next = analyser.analyse(nextText);
            const delta = diffAnalysis(text, sent, nextText, next);
            // The worker keeps the previous objects of the unchanged items; the main thread
            // rebuilds the findings at once and the other lists when read or settled.
            sent = withUnchangedItemsOf(sent, next, delta);
            const applied = applyDeltaDeferred(received, structuredClone(delta), ['findings']);
            // Sometimes the next delta arrives before anything read or settled the deferred lists.
            if (settleBeforeNext) applied.settle();
            received = applied.analysis;
            assert.deepStrictEqual(sent, next);
            assert.deepStrictEqual(structuredClone(received), next);
            text = nextText;
          }
          assert.deepStrictEqual(received, analyse(text));
        },
      ),
      { numRuns: 60 },
    );
  });

  void it('read a deferred list as a plain list, rebuilt once, and refuse the wrong base at once', () => {
    const text = fixtureArticles.join('\n\n');
    const edited = text.replace(' said', ' told reporters');
    const before = analyse(text);
    const after = analyse(edited);
    const delta = diffAnalysis(text, before, edited, after);
    const { analysis, settle } = applyDeltaDeferred(before, structuredClone(delta), ['findings']);
    assert.deepStrictEqual(Object.keys(analysis), Object.keys(after));
    const firstRead = analysis.entities;
    assert.equal(analysis.entities, firstRead, 'a deferred list is rebuilt once, then kept');
    settle();
    assert.equal(analysis.entities, firstRead);
    assert.deepStrictEqual(analysis, after);
    assert.throws(
      () => applyDeltaDeferred(analyse(fixtureArticles[0] ?? ''), delta, ['findings']),
      /expects \d+ items/,
    );
  });

  void it('rebuild exactly when the configuration changes between two texts', () => {
    const text = fixtureArticles.join('\n\n');
    const edited = text.replace(' said', ' told reporters');
    const before = analyse(text);
    const after = analyse(edited, { config: { people: ['Helena Marsh'], severity: { 'anonymous-source': 'off' } } });
    assert.deepStrictEqual(roundTrip(text, before, edited, after), after);
  });

  void it('send only the results near a word typed into a long document', () => {
    const text = fixtureArticles.join('\n\n');
    const before = analyse(text);
    const paragraph = before.paragraphs[Math.floor(before.paragraphs.length / 2)];
    assert.ok(paragraph !== undefined);
    const at = text.indexOf(' ', paragraph.start) + 1;
    const edited = text.slice(0, at) + 'newly ' + text.slice(at);
    const after = analyse(edited);
    const delta = diffAnalysis(text, before, edited, after);
    const { sent, total } = sentItems(delta);
    assert.ok(total > 200, `the joined fixtures should give a few hundred results, got ${total}`);
    assert.ok(sent <= total / 20, `expected at most 5% of ${total} results sent, got ${sent}`);
    assert.deepStrictEqual(applyDelta(before, structuredClone(delta)), after);
  });

  void it('send whatever the move rule cannot predict, so an unknown offset field still arrives right', () => {
    // A field the rule does not know moves with the text; the items holding it are sent in full.
    const withExtra = (analysis: Analysis, text: string): Analysis => ({
      ...analysis,
      entities: analysis.entities.map((entity) => ({ ...entity, mentionOffset: entity.start, echo: text.length })),
    });
    const text = fixtureArticles.join('\n\n');
    const edited = 'Breaking: ' + text;
    const before = withExtra(analyse(text), text);
    const after = withExtra(analyse(edited), edited);
    assert.deepStrictEqual(roundTrip(text, before, edited, after), after);
  });

  void it('refuse a delta applied to a different previous result', () => {
    const text = fixtureArticles.join('\n\n');
    const edited = text + '\n\nThe council said 40 homes were flooded.';
    const delta = diffAnalysis(text, analyse(text), edited, analyse(edited));
    assert.throws(() => applyDelta(analyse(fixtureArticles[0] ?? ''), delta), /expects \d+ items/);
  });

  void it('reuse an unchanged item only when it is exactly equal (table)', () => {
    // Items before the edit are compared exactly: numbers by Object.is, fields and lengths in full.
    const cases: Array<[string, unknown, unknown, boolean]> = [
      ['equal records', { start: 1, text: 'a', tags: [1, 2] }, { start: 1, text: 'a', tags: [1, 2] }, true],
      ['0 and -0', { value: 0 }, { value: -0 }, false],
      ['NaN and NaN', { value: Number.NaN }, { value: Number.NaN }, true],
      ['a field more', { start: 1 }, { start: 1, extra: null }, false],
      ['a field less', { start: 1, extra: null }, { start: 1 }, false],
      ['another string', { text: 'said' }, { text: 'says' }, false],
      ['a longer array', { tags: [1] }, { tags: [1, 2] }, false],
      ['array and record', { tags: [] }, { tags: {} }, false],
      ['null and record', { data: null }, { data: {} }, false],
      ['undefined in both', { title: undefined }, { title: undefined }, true],
      ['undefined and missing', { title: undefined }, {}, false],
      ['missing and undefined', {}, { title: undefined }, false],
      ['undefined under another name', { title: undefined }, { name: undefined }, false],
      ['a field only inherited', { constructor: 1 }, {}, false],
    ];
    for (const [label, before, after, reused] of cases) {
      const previous = { ...analyse(''), entities: [before] } as unknown as Analysis;
      const next = { ...analyse(''), entities: [after] } as unknown as Analysis;
      const delta = diffAnalysis('x', previous, 'x', next);
      assert.equal(delta.lists.entities?.prefix, reused ? 1 : 0, label);
      assert.deepStrictEqual(applyDelta(previous, structuredClone(delta)).entities, [after], label);
    }
  });

  void it('find the one edit between two texts (table)', () => {
    const cases: Array<[string, string, { start: number; oldEnd: number; shift: number }]> = [
      ['abc', 'abc', { start: 3, oldEnd: 3, shift: 0 }],
      ['abc', 'abXc', { start: 2, oldEnd: 2, shift: 1 }],
      ['abXc', 'abc', { start: 2, oldEnd: 3, shift: -1 }],
      ['aaa', 'aaaa', { start: 3, oldEnd: 3, shift: 1 }],
      ['', 'new', { start: 0, oldEnd: 0, shift: 3 }],
      ['old', '', { start: 0, oldEnd: 3, shift: -3 }],
      // "said" → "told" shares the final "d", so only "sai" counts as replaced.
      ['he said 40', 'he told 40', { start: 3, oldEnd: 6, shift: 0 }],
    ];
    for (const [before, after, expected] of cases) {
      assert.deepStrictEqual(findEdit(before, after), expected, `${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    }
  });

  void it('find the one edit between long texts, wherever it falls against the compared blocks', () => {
    // findEdit compares 4,096 characters at a time before it reads single characters; the edit
    // lands before, on and after block boundaries, at both ends, and in texts of repeated words.
    const reference = (before: string, after: string): { start: number; oldEnd: number; shift: number } => {
      let start = 0;
      while (start < Math.min(before.length, after.length) && before[start] === after[start]) start++;
      let common = 0;
      while (
        common < Math.min(before.length, after.length) - start &&
        before[before.length - 1 - common] === after[after.length - 1 - common]
      ) {
        common++;
      }
      return { start, oldEnd: before.length - common, shift: after.length - before.length };
    };
    const base = 'The council said 40 homes were flooded. '.repeat(700);
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 4095, 4096, 4097, 8192, base.length - 4096, base.length - 1, base.length),
        fc.integer({ min: -3, max: 3 }),
        fc.constantFrom('', 'x', 'newly ', 'The council said '),
        fc.integer({ min: 0, max: 5 }),
        (anchor, nudge, inserted, deleted) => {
          const at = Math.max(0, Math.min(base.length, anchor + nudge));
          const after = base.slice(0, at) + inserted + base.slice(Math.min(base.length, at + deleted));
          assert.deepStrictEqual(findEdit(base, after), reference(base, after));
          assert.deepStrictEqual(findEdit(after, base), reference(after, base));
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });
});
