// Cross-article findings moved from the text the index last took onto the newest text of an open
// document (server/src/lsp/movedFindings.ts): spans before an edit stay, spans after it move by
// the change in length, and a finding touching the edit is left out rather than shown misplaced.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyse } from '../../server/src/analysis/index';
import type { Finding } from '../../server/src/analysis/types';
import { findEdit } from '../../server/src/lsp/analysisDelta';
import { moveFindings, SpanMover } from '../../server/src/lsp/movedFindings';
import { WorkspaceIndex } from '../../server/src/workspace/index';

void describe('the unchanged ends a SpanMover keeps (findEdit)', () => {
  const cases: Array<[string, string, string, { prefix: number; suffix: number }]> = [
    ['identical texts', 'abc', 'abc', { prefix: 3, suffix: 0 }],
    ['a word typed in the middle', 'the mayor said', 'the new mayor said', { prefix: 4, suffix: 10 }],
    ['a word deleted', 'the new mayor said', 'the mayor said', { prefix: 4, suffix: 10 }],
    ['a repeated letter is not counted twice', 'aa', 'aaa', { prefix: 2, suffix: 0 }],
    ['everything replaced', 'abc', 'xyz', { prefix: 0, suffix: 0 }],
    ['an empty text', '', 'abc', { prefix: 0, suffix: 0 }],
  ];
  for (const [name, before, after, expected] of cases) {
    void it(name, () => {
      const edit = findEdit(before, after);
      assert.deepEqual({ prefix: edit.start, suffix: before.length - edit.oldEnd }, expected);
    });
  }
});

void describe('SpanMover', () => {
  // "new " typed at offset 4 of "the mayor said": the new text is "the new mayor said".
  const before = 'the mayor said';
  const after = 'the new mayor said';
  const forward = SpanMover.between(before, after);
  const back = SpanMover.between(after, before);
  const cases: Array<[string, SpanMover, { start: number; end: number }, { start: number; end: number } | null]> = [
    ['a span before the edit stays', forward, { start: 0, end: 3 }, { start: 0, end: 3 }],
    ['a span after the edit moves', forward, { start: 4, end: 9 }, { start: 8, end: 13 }],
    ['back from the new text: after the edit', back, { start: 8, end: 13 }, { start: 4, end: 9 }],
    ['back from the new text: the typed word has no place', back, { start: 4, end: 7 }, null],
    ['a span across the edit has no place', back, { start: 0, end: 7 }, null],
  ];
  for (const [name, mover, span, expected] of cases) {
    void it(name, () => assert.deepEqual(mover.move(span), expected));
  }
});

function finding(start: number, end: number, extra: Partial<Finding> = {}): Finding {
  return {
    code: 'name-variant',
    severity: 'warning',
    message: 'variant',
    reason: 'test',
    start,
    end,
    ...extra,
  };
}

void describe('moveFindings', () => {
  const before = 'Andrei Sokolin spoke. Later, Andrei Sokolin left.';
  // "On Monday, " typed after "spoke. ": 11 code units from offset 22.
  const after = 'Andrei Sokolin spoke. On Monday, Later, Andrei Sokolin left.';

  void it('keeps a finding before the edit and moves one after it, with its mentions and related spans', () => {
    const first = finding(0, 14);
    const second = finding(29, 43, {
      data: { preferred: 'Andrey Sokolin', variant: 'Andrei Sokolin', mentions: [{ start: 29, end: 43 }] },
      related: [
        { start: 0, end: 14, message: 'same article' },
        { start: 5, end: 9, message: 'another article', uri: 'file:///other.md' },
      ],
    });
    const moved = moveFindings('file:///this.md', [first, second], before, after);
    assert.deepEqual(moved[0], first);
    assert.equal(after.slice(moved[1]?.start, moved[1]?.end), 'Andrei Sokolin');
    assert.deepEqual(moved[1]?.data?.mentions, [{ start: 40, end: 54 }]);
    assert.deepEqual(moved[1]?.related, [
      { start: 0, end: 14, message: 'same article' },
      { start: 5, end: 9, message: 'another article', uri: 'file:///other.md' },
    ]);
  });

  void it('leaves out a finding whose span, mention or related span in this article touches the edit', () => {
    const edited = 'Andrei Sokolin spoke. Later, Andrej Sokolin left.';
    const cases: Array<[string, Finding]> = [
      ['its own span', finding(29, 43)],
      ['a mention', finding(0, 14, { data: { mentions: [{ start: 29, end: 43 }] } })],
      ['a related span here', finding(0, 14, { related: [{ start: 29, end: 43, message: 'here' }] })],
      ['a related span with this uri', finding(0, 14, { related: [{ start: 29, end: 43, message: 'x', uri: 'u' }] })],
    ];
    for (const [name, item] of cases) {
      assert.deepEqual(moveFindings('u', [item], before, edited), [], name);
    }
    // A span in another article is not this text's business.
    const elsewhere = finding(0, 14, { related: [{ start: 29, end: 43, message: 'x', uri: 'other' }] });
    assert.deepEqual(moveFindings('u', [elsewhere], before, edited), [elsewhere]);
  });

  const harbour = (name: string): string => readFileSync(new URL(`../fixtures/cross/${name}`, import.meta.url), 'utf8');

  void it('moved findings cover the same words in the edited text, and only those touching the edit are left out', () => {
    const texts = ['harbour-a.md', 'harbour-b.md', 'harbour-c.md'].map(harbour);
    const edited = texts[0] ?? '';
    const index = new WorkspaceIndex();
    texts.forEach((text, position) => index.update(`file:///${position}.md`, analyse(text), text));
    const original = index.findingsFor('file:///0.md');
    assert.ok(original.length > 1, 'the fixture articles have cross-article findings');
    const wordsAt = (text: string, item: Finding): string[] => [
      text.slice(item.start, item.end),
      ...(item.data?.mentions ?? []).map((mention) => text.slice(mention.start, mention.end)),
      ...(item.related ?? []).filter((related) => related.uri === undefined).map((r) => text.slice(r.start, r.end)),
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: edited.length }),
        fc.constantFrom(' new', 'Mr ', '\n\nA new paragraph.\n\n', ''),
        fc.integer({ min: 0, max: 6 }),
        (at, inserted, deleted) => {
          const end = Math.min(edited.length, at + deleted);
          const changed = edited.slice(0, at) + inserted + edited.slice(end);
          const moved = moveFindings('file:///0.md', original, edited, changed);
          const edit = findEdit(edited, changed);
          // Every span of a finding, in this article, lies clear of the changed region.
          const clear = original.filter((item) =>
            [item, ...(item.data?.mentions ?? []), ...(item.related ?? []).filter((r) => r.uri === undefined)].every(
              (span) => span.end <= edit.start || span.start >= edit.oldEnd,
            ),
          );
          assert.equal(moved.length, clear.length);
          moved.forEach((item, position) => {
            const before = clear[position];
            assert.ok(before !== undefined);
            assert.deepEqual(wordsAt(changed, item), wordsAt(edited, before));
            assert.equal(item.message, before.message);
          });
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });
});
