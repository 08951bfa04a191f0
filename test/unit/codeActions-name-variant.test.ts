// The `name-variant` quick-fixes, built from synthetic diagnostics and from the findings of a real
// WorkspaceIndex: what they replace, what they keep, and when they refuse to edit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { analyse } from '../../server/src/analysis/index';
import type { Finding, FindingData } from '../../server/src/analysis/types';
import { codeActions } from '../../server/src/lsp/codeActions';
import { DIAGNOSTIC_SOURCE, diagnosticFindingData, type DiagnosticPayload } from '../../server/src/lsp/diagnostics';
import type { CacheEntry } from '../../server/src/lsp/documents';
import { cacheEntryFor } from '../cacheEntry';
import { WorkspaceIndex } from '../../server/src/workspace/index';

const URI = 'file:///harbour.md';
const VERSION = 3;

function entryFor(text: string): CacheEntry {
  return cacheEntryFor(text, { uri: URI, version: VERSION });
}

/** A diagnostic shaped as lsp/diagnostics.ts writes it, for the span `start`–`end`. */
function diagnosticFor(
  entry: CacheEntry,
  span: { start: number; end: number },
  data: FindingData,
  version = VERSION,
): Diagnostic {
  const payload: DiagnosticPayload = {
    version,
    code: 'name-variant',
    start: span.start,
    end: span.end,
    finding: diagnosticFindingData(data),
  };
  return {
    range: entry.positions.rangeOf(span),
    source: DIAGNOSTIC_SOURCE,
    code: 'name-variant',
    message: 'variant',
    data: payload,
  };
}

function actionsFor(entry: CacheEntry, diagnostic: Diagnostic): CodeAction[] {
  return codeActions(
    entry,
    { textDocument: { uri: entry.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } },
    { snippetSupport: 'plain-text', canWriteConfig: true },
  );
}

/** The edits of an action's one text document edit, checked to target this entry's version. */
function editsOf(entry: CacheEntry, action: CodeAction | undefined): TextEdit[] {
  const change = action?.edit?.documentChanges?.[0];
  assert.ok(change !== undefined && 'textDocument' in change, 'the action carries a text document edit');
  assert.deepEqual(change.textDocument, { uri: entry.uri, version: entry.version });
  return change.edits;
}

/** Applies non-overlapping edits from the last to the first, as an editor does. */
function apply(entry: CacheEntry, edits: readonly TextEdit[]): string {
  const offsets = edits
    .map((edit) => ({
      start: entry.positions.offsetAt(edit.range.start),
      end: entry.positions.offsetAt(edit.range.end),
      text: edit.newText,
    }))
    .sort((a, b) => b.start - a.start);
  let text = entry.text;
  for (const { start, end, text: replacement } of offsets) {
    text = text.slice(0, start) + replacement + text.slice(end);
  }
  return text;
}

/** The span of the `occurrence`-th (0-based) appearance of `words` in `text`. */
function spanOf(text: string, words: string, occurrence = 0): { start: number; end: number } {
  let start = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    start = text.indexOf(words, start + 1);
  }
  assert.ok(start >= 0, `"${words}" occurs ${occurrence + 1} times`);
  return { start, end: start + words.length };
}

void describe('name-variant quick-fix on synthetic diagnostics', () => {
  const cases: Array<{
    name: string;
    text: string;
    span: [string, number];
    data: (text: string) => FindingData;
    /** The text after the preferred action; null when no action may be offered. */
    expected: string | null;
  }> = [
    {
      name: 'replaces exactly the variant with the preferred spelling',
      text: 'Admiral Andrei Sokolin said the harbour would reopen.',
      span: ['Andrei Sokolin', 0],
      data: () => ({ preferred: 'Andrey Sokolin', variant: 'Andrei Sokolin' }),
      expected: 'Admiral Andrey Sokolin said the harbour would reopen.',
    },
    {
      name: 'keeps a possessive the span includes',
      text: 'Andrei’s deputy said the harbour would reopen.',
      span: ['Andrei’s', 0],
      data: () => ({ preferred: 'Andrey', variant: 'Andrei' }),
      expected: 'Andrey’s deputy said the harbour would reopen.',
    },
    {
      name: 'keeps a possessive just after the span',
      text: "Admiral Andrei Sokolin's deputy said the harbour would reopen.",
      span: ['Andrei Sokolin', 0],
      data: () => ({ preferred: 'Andrey Sokolin', variant: 'Andrei Sokolin' }),
      expected: "Admiral Andrey Sokolin's deputy said the harbour would reopen.",
    },
    {
      name: 'counts UTF-16 code units before the name (an emoji and CRLF line ends)',
      text: 'Harbour 🚢 news\r\nAdmiral Andrei Sokolin said the harbour would reopen.',
      span: ['Andrei Sokolin', 0],
      data: () => ({ preferred: 'Andrey Sokolin', variant: 'Andrei Sokolin' }),
      expected: 'Harbour 🚢 news\r\nAdmiral Andrey Sokolin said the harbour would reopen.',
    },
    {
      name: 'offers nothing when the text at the span is no longer the variant',
      text: 'Admiral Andrey Sokolin said the harbour would reopen.',
      span: ['Andrey Sokolin', 0],
      data: () => ({ preferred: 'Andrey Sokolin', variant: 'Andrei Sokolin' }),
      expected: null,
    },
    {
      name: 'offers nothing without a preferred spelling',
      text: 'Admiral Andrei Sokolin said the harbour would reopen.',
      span: ['Andrei Sokolin', 0],
      data: () => ({ variant: 'Andrei Sokolin' }),
      expected: null,
    },
  ];
  for (const { name, text, span, data, expected } of cases) {
    void it(name, () => {
      const entry = entryFor(text);
      const actions = actionsFor(entry, diagnosticFor(entry, spanOf(text, ...span), data(text)));
      if (expected === null) {
        assert.deepEqual(actions, []);
        return;
      }
      const preferred = actions.filter((action) => action.isPreferred === true);
      assert.equal(preferred.length, 1);
      assert.equal(preferred[0]?.kind, 'quickfix');
      const edits = editsOf(entry, preferred[0]);
      assert.equal(edits.length, 1);
      assert.equal(apply(entry, edits), expected);
    });
  }

  void it('offers "throughout this article" for every mention written as the variant, and only those', () => {
    const text =
      'Admiral Andrei Sokolin said the harbour would reopen. Sokolin added that ' +
      "Andrei Sokolin's deputy, Andrei Sokolova, would lead the inspection.";
    const entry = entryFor(text);
    const first = spanOf(text, 'Andrei Sokolin', 0);
    const second = spanOf(text, 'Andrei Sokolin', 1);
    const diagnostic = diagnosticFor(entry, second, {
      preferred: 'Andrey Sokolin',
      variant: 'Andrei Sokolin',
      mentions: [first, second],
    });
    const actions = actionsFor(entry, diagnostic);
    assert.deepEqual(
      actions.map((action) => [action.title, action.isPreferred === true]),
      [
        ["Change to 'Andrey Sokolin'", true],
        ["Use 'Andrey Sokolin' throughout this article", false],
      ],
    );
    assert.equal(
      apply(entry, editsOf(entry, actions[0])),
      'Admiral Andrei Sokolin said the harbour would reopen. Sokolin added that ' +
        "Andrey Sokolin's deputy, Andrei Sokolova, would lead the inspection.",
    );
    assert.equal(
      apply(entry, editsOf(entry, actions[1])),
      'Admiral Andrey Sokolin said the harbour would reopen. Sokolin added that ' +
        "Andrey Sokolin's deputy, Andrei Sokolova, would lead the inspection.",
    );
  });

  void it('a payload for another version of the document offers nothing', () => {
    const text = 'Admiral Andrei Sokolin said the harbour would reopen.';
    const entry = entryFor(text);
    const diagnostic = diagnosticFor(
      entry,
      spanOf(text, 'Andrei Sokolin'),
      { preferred: 'Andrey Sokolin', variant: 'Andrei Sokolin' },
      VERSION - 1,
    );
    assert.deepEqual(actionsFor(entry, diagnostic), []);
  });
});

void describe('name-variant quick-fix from WorkspaceIndex findings', () => {
  void it("the index's finding data is all the fixes need to write the preferred spelling everywhere", () => {
    const majority = [
      'Admiral Andrey Sokolin said on Monday that the harbour would reopen.',
      'Andrey Sokolin, the fleet commander, inspected the quay on Tuesday.',
    ];
    const minority =
      'Admiral Andrei Sokolin said on Monday that the harbour would reopen.\n\n' +
      'The port authority confirmed the plan. Andrei Sokolin’s staff said ferries would resume.';
    const index = new WorkspaceIndex();
    majority.forEach((text, article) => index.update(`file:///majority-${article}.md`, analyse(text), text));
    index.update(URI, analyse(minority), minority);
    const entry = entryFor(minority);
    const variants = index.findingsFor(URI).filter((finding: Finding) => finding.code === 'name-variant');
    assert.equal(variants.length, 2);
    const [firstFinding] = variants;
    assert.ok(firstFinding?.data !== undefined);
    assert.equal(firstFinding.data.preferred, 'Andrey Sokolin');
    assert.equal(firstFinding.data.variant, 'Andrei Sokolin');
    const actions = actionsFor(entry, diagnosticFor(entry, firstFinding, firstFinding.data));
    const throughout = actions.find((action) => action.title.endsWith('throughout this article'));
    assert.equal(
      apply(entry, editsOf(entry, throughout)),
      'Admiral Andrey Sokolin said on Monday that the harbour would reopen.\n\n' +
        'The port authority confirmed the plan. Andrey Sokolin’s staff said ferries would resume.',
    );
  });
});
