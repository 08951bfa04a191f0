// What the Claims and Figures views show, without an editor: grouping, order, stable ids, the
// change signature that decides whether a view redraws, and the settings and arguments the
// client checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseInsertSnippetArgs, parseRange, parseRevealArgs } from '../../client/src/commandArgs';
import {
  claimsSignature,
  countUnattributed,
  describeClaim,
  describeFigure,
  canWriteConfigFor,
  documentSelector,
  figuresSignature,
  groupClaims,
  listFigures,
  parseLanguagesSetting,
  statusText,
  virtualSchemesOf,
  UNATTRIBUTED_GROUP_LABEL,
  UNNAMED_SOURCE_LABEL,
} from '../../client/src/treeModel';
import type { ClaimItem, FigureItem } from '../../server/src/protocol';

function claimAt(line: number, text: string, source: string | null, attributed = source !== null): ClaimItem {
  return {
    text,
    range: { start: { line, character: 0 }, end: { line, character: text.length } },
    sentence: `${text}.`,
    attributed,
    source,
    cue: attributed ? 'said' : null,
    kind: 'statement',
    figureCount: 0,
  };
}

function figureAt(line: number, text: string, source: string | null): FigureItem {
  return {
    text,
    range: { start: { line, character: 4 }, end: { line, character: 4 + text.length } },
    value: 12,
    valueHigh: null,
    unit: 'sorties',
    qualifier: 'about',
    source,
    sentence: `It flew ${text}.`,
  };
}

const claims = [
  claimAt(6, 'The bridge will reopen in May', 'Mayor Ruiz'),
  claimAt(2, 'Traffic fell by a third', null),
  claimAt(4, 'Repairs cost more than planned', 'the council'),
  claimAt(8, 'The contractor was paid twice', null),
  claimAt(9, 'Ferries will run until then', 'Mayor Ruiz'),
  claimAt(10, 'Officials briefed reporters', null, true),
];

void describe('groupClaims', () => {
  void it('puts Unattributed first, then sources in the order the article first quotes them', () => {
    const groups = groupClaims(claims, false);
    assert.deepEqual(
      groups.map((group) => group.label),
      [UNATTRIBUTED_GROUP_LABEL, 'the council', 'Mayor Ruiz', UNNAMED_SOURCE_LABEL],
    );
    assert.deepEqual(
      groups[0]?.claims.map((node) => node.claim.text),
      ['Traffic fell by a third', 'The contractor was paid twice'],
    );
    assert.deepEqual(
      groups[2]?.claims.map((node) => node.claim.range.start.line),
      [6, 9],
    );
    assert.equal(groups[0]?.unattributed, true);
    assert.equal(groups[1]?.unattributed, false);
  });

  void it("takes a group's source kind from the first claim that knows it", () => {
    const groups = groupClaims(
      [
        claimAt(1, 'Rates will rise', 'the central bank'),
        { ...claimAt(2, 'Inflation fell', 'the central bank'), sourceKind: 'organization' },
        { ...claimAt(3, 'Jobs grew', 'Dana Okafor'), sourceKind: 'person' },
        { ...claimAt(4, 'Prices rose', null), sourceKind: null },
      ],
      false,
    );
    assert.deepEqual(
      groups.map((group) => [group.label, group.sourceKind]),
      [
        [UNATTRIBUTED_GROUP_LABEL, null],
        ['the central bank', 'organization'],
        ['Dana Okafor', 'person'],
      ],
    );
  });

  void it('keeps only the Unattributed group when filtering', () => {
    const groups = groupClaims(claims, true);
    assert.deepEqual(
      groups.map((group) => group.label),
      [UNATTRIBUTED_GROUP_LABEL],
    );
  });

  void it('leaves out an empty Unattributed group', () => {
    const groups = groupClaims([claimAt(1, 'A', 'Ruiz')], false);
    assert.deepEqual(
      groups.map((group) => group.label),
      ['Ruiz'],
    );
    assert.deepEqual(groupClaims([], false), []);
  });

  void it('gives every node a unique id that survives edits above it', () => {
    const before = groupClaims([...claims, claimAt(11, 'Traffic fell by a third', null)], false);
    const ids = before.flatMap((group) => [group.id, ...group.claims.map((node) => node.id)]);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique, even for repeated text');
    // A line inserted at the top moves every claim down by one line.
    const shifted = claims.map((claim) => ({
      ...claim,
      range: {
        start: { ...claim.range.start, line: claim.range.start.line + 1 },
        end: { ...claim.range.end, line: claim.range.end.line + 1 },
      },
    }));
    const after = groupClaims([...shifted, claimAt(12, 'Traffic fell by a third', null)], false);
    assert.deepEqual(
      after.flatMap((group) => [group.id, ...group.claims.map((node) => node.id)]),
      ids,
    );
  });

  void it('changes the signature when a range moves, and only then', () => {
    const first = claimsSignature(groupClaims(claims, false));
    assert.equal(claimsSignature(groupClaims([...claims], false)), first);
    const moved = claims.map((claim, index) =>
      index === 0 ? { ...claim, range: { ...claim.range, start: { line: 7, character: 0 } } } : claim,
    );
    assert.notEqual(claimsSignature(groupClaims(moved, false)), first);
    const renamed = claims.map((claim, index) => (index === 0 ? { ...claim, source: 'Mayor Ana Ruiz' } : claim));
    assert.notEqual(claimsSignature(groupClaims(renamed, false)), first);
  });
});

void describe('listFigures', () => {
  const figures = [
    figureAt(5, '40 sorties', null),
    figureAt(1, 'about 12 sorties', 'Almasov'),
    figureAt(5, '40 sorties', 'x'),
  ];

  void it('lists figures in article order and filters to the unattributed ones', () => {
    assert.deepEqual(
      listFigures(figures, false).map((node) => node.figure.range.start.line),
      [1, 5, 5],
    );
    assert.deepEqual(
      listFigures(figures, true).map((node) => node.figure.source),
      [null],
    );
  });

  void it('gives repeated figures distinct ids', () => {
    const ids = listFigures(figures, false).map((node) => node.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(figuresSignature(listFigures(figures, false)), figuresSignature(listFigures([...figures], false)));
  });
});

void describe('descriptions', () => {
  const cases: [Partial<FigureItem>, string][] = [
    [{}, '12 sorties · about · Almasov'],
    [{ source: null }, '12 sorties · about · unattributed'],
    [{ value: 40, valueHigh: 50, unit: '%', qualifier: 'between' }, '40–50% · between · Almasov'],
    [{ value: 1200000, unit: 'USD', qualifier: null }, '1,200,000 USD · Almasov'],
    [{ value: null, unit: 'dozens', qualifier: null }, 'dozens · Almasov'],
    [{ value: 2.5, unit: null, qualifier: null }, '2.5 · Almasov'],
  ];
  for (const [overrides, expected] of cases) {
    void it(`describes a figure as "${expected}"`, () => {
      assert.equal(describeFigure({ ...figureAt(1, 'x', 'Almasov'), ...overrides }), expected);
    });
  }

  void it('describes a claim by its cue and kind', () => {
    assert.equal(describeClaim(claimAt(1, 'x', 'Ruiz')), 'said · statement');
    assert.equal(describeClaim(claimAt(1, 'x', null)), 'statement');
  });

  void it('counts unattributed claims and words the status bar', () => {
    assert.equal(countUnattributed(claims), 2);
    assert.equal(statusText(0), '$(pass) All claims attributed');
    assert.equal(statusText(1), '$(warning) 1 unattributed claim');
    assert.equal(statusText(2), '$(warning) 2 unattributed claims');
  });
});

void describe('settings and selectors', () => {
  const fallback = ['news-article', 'plaintext', 'markdown'];
  const cases: [unknown, string[], boolean][] = [
    [undefined, fallback, false],
    [['news-article'], ['news-article'], false],
    [[' markdown ', 'markdown', ''], ['markdown'], false],
    ['news-article', fallback, true],
    [[1, 2], fallback, true],
    [[], [], true],
  ];
  for (const [value, languages, hasProblem] of cases) {
    void it(`reads newsClaims.languages ${JSON.stringify(value)}`, () => {
      const result = parseLanguagesSetting(value, fallback);
      assert.deepEqual(result.languages, languages);
      assert.equal(result.problem !== null, hasProblem);
      if (hasProblem) assert.match(result.problem ?? '', /newsClaims\.languages/);
    });
  }

  void it('selects saved, untitled and virtual-workspace documents of each language', () => {
    assert.deepEqual(documentSelector(['news-article'], ['vscode-vfs', 'file']), [
      { language: 'news-article', scheme: 'file' },
      { language: 'news-article', scheme: 'untitled' },
      { language: 'news-article', scheme: 'vscode-vfs' },
    ]);
    assert.equal(documentSelector(['a', 'b'], []).length, 4);
  });
});

void describe('virtual workspaces', () => {
  const cases: [string[], boolean | undefined, boolean][] = [
    [[], true, true],
    [[], undefined, true],
    [['file', 'file'], true, true],
    [['file'], false, false],
    [['vscode-vfs'], true, false],
    [['file', 'vscode-vfs'], true, false],
  ];
  for (const [schemes, writable, expected] of cases) {
    void it(`folders ${JSON.stringify(schemes)} with a writable disk ${String(writable)}: canWriteConfig ${expected}`, () => {
      assert.equal(canWriteConfigFor(schemes, writable), expected);
    });
  }

  void it('lists each virtual scheme once', () => {
    assert.deepEqual(virtualSchemesOf(['file', 'vscode-vfs', 'vscode-vfs', 'memfs']), ['vscode-vfs', 'memfs']);
  });
});

void describe('command arguments', () => {
  const position = { line: 3, character: 7 };
  const good = { uri: 'file:///a.news', version: 4, position, snippet: ', ${1:the ministry} said' };

  void it('accepts well-formed attribution snippet arguments', () => {
    assert.deepEqual(parseInsertSnippetArgs(good), good);
  });

  const bad: [string, unknown][] = [
    ['no arguments', undefined],
    ['a string', 'file:///a.news'],
    ['a missing uri', { ...good, uri: undefined }],
    ['a negative version', { ...good, version: -1 }],
    ['a fractional character', { ...good, position: { line: 1, character: 1.5 } }],
    ['an empty snippet', { ...good, snippet: '' }],
  ];
  for (const [name, value] of bad) {
    void it(`rejects snippet arguments with ${name}`, () => assert.equal(parseInsertSnippetArgs(value), null));
  }

  void it('accepts a range and rejects one that ends before it starts', () => {
    const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } };
    assert.deepEqual(parseRevealArgs('file:///a.news', range), { uri: 'file:///a.news', range });
    assert.equal(parseRange({ start: { line: 2, character: 0 }, end: { line: 1, character: 0 } }), null);
    assert.equal(parseRevealArgs('', range), null);
    assert.equal(parseRevealArgs('file:///a.news', { start: position }), null);
  });
});
