// What the Claims and Figures views show in workspace mode, without an editor: sources grouped by
// article, measures with their conflicts first, the labels and descriptions, the stable ids, and
// the items shown when the cross-article features are off or the request failed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  WorkspaceClaimItem,
  WorkspaceFigureItem,
  WorkspaceFiguresResult,
  WorkspaceMeasureItem,
  WorkspaceSourceItem,
  WorkspaceSourcesResult,
} from '../../server/src/protocol';
import {
  buildMeasureNodes,
  buildSourceNodes,
  CROSS_ARTICLE_SETTING,
  describeMeasure,
  describeSource,
  describeWorkspaceClaim,
  describeWorkspaceFigure,
  displayTimeFrame,
  fileNameOf,
  measureLabel,
  workspaceDescription,
  workspaceFigureLabel,
  workspaceMessage,
  workspaceSignature,
  type MeasureNode,
  type SourceNode,
  type WorkspaceAnswer,
} from '../../client/src/workspaceTreeModel';

const HARBOUR = 'file:///desk/harbour-fire.news';
const FERRY = 'file:///desk/ferry-strike.txt';
const COUNCIL = 'file:///desk/council/budget%20vote.news';

function claimIn(uri: string, line: number, text: string, attributed = true): WorkspaceClaimItem {
  return {
    uri,
    range: { start: { line, character: 2 }, end: { line, character: 2 + text.length } },
    text,
    kind: 'statement',
    attributed,
  };
}

function source(
  name: string,
  claims: WorkspaceClaimItem[],
  extra: Partial<WorkspaceSourceItem> = {},
): WorkspaceSourceItem {
  return {
    name,
    kind: 'person',
    variants: [],
    articleCount: new Set(claims.map((claim) => claim.uri)).size,
    claims,
    ...extra,
  };
}

function figureIn(
  uri: string,
  line: number,
  value: number,
  extra: Partial<WorkspaceFigureItem> = {},
): WorkspaceFigureItem {
  const text = `${value} sorties`;
  return {
    uri,
    range: { start: { line, character: 10 }, end: { line, character: 10 + text.length } },
    text,
    value,
    valueHigh: null,
    qualifier: null,
    source: 'the defence ministry',
    sentence: `The air force has flown ${text} since September 30.`,
    conflict: false,
    ...extra,
  };
}

function measure(
  unit: string,
  timeFrame: string | null,
  figures: WorkspaceFigureItem[],
  conflict = false,
): WorkspaceMeasureItem {
  return { unit, timeFrame, conflict, figures };
}

function ready<T>(result: T): WorkspaceAnswer<T> {
  return { state: 'ready', result };
}

function sourcesResult(sources: WorkspaceSourceItem[], building = false): WorkspaceSourcesResult {
  return { indexed: 3, building, sources };
}

function figuresResult(measures: WorkspaceMeasureItem[], building = false): WorkspaceFiguresResult {
  return { indexed: 3, building, measures };
}

function sourceNodes(sources: WorkspaceSourceItem[]): SourceNode[] {
  const roots = buildSourceNodes(ready(sourcesResult(sources)));
  return roots.filter((root): root is SourceNode => root.type === 'source');
}

function measureNodes(measures: WorkspaceMeasureItem[]): MeasureNode[] {
  const roots = buildMeasureNodes(ready(figuresResult(measures)));
  return roots.filter((root): root is MeasureNode => root.type === 'measure');
}

const lindqvist = source(
  'Marta Lindqvist',
  [
    claimIn(HARBOUR, 7, 'Nobody was hurt'),
    claimIn(FERRY, 12, 'The pier is safe'),
    claimIn(HARBOUR, 3, 'The fire started in a shed'),
  ],
  { variants: ['Marta Lindquist', 'Marta Lindqvist', 'M. Lindqvist'] },
);
const council = source('the harbour council', [claimIn(COUNCIL, 4, 'Repairs will cost more')], {
  kind: 'organization',
});
const official = source(
  'a senior official',
  [claimIn(FERRY, 2, 'Talks stalled'), claimIn(HARBOUR, 9, 'Insurers were called')],
  {
    kind: 'anonymous',
  },
);

void describe('buildSourceNodes', () => {
  void it('orders sources by claims, then articles, then name, whatever the server sent', () => {
    const tie = source('Ana Ruiz', [claimIn(FERRY, 1, 'One'), claimIn(HARBOUR, 1, 'Two')]);
    const nodes = sourceNodes([council, official, tie, lindqvist]);
    assert.deepEqual(
      nodes.map((node) => node.name),
      ['Marta Lindqvist', 'a senior official', 'Ana Ruiz', 'the harbour council'],
    );
  });

  void it('groups a source’s claims by article, articles by file name, claims in article order', () => {
    const [node] = sourceNodes([lindqvist]);
    assert.ok(node);
    assert.deepEqual(
      node.articles.map((article) => [article.label, article.claims.map((claim) => claim.claim.text)]),
      [
        ['ferry-strike.txt', ['The pier is safe']],
        ['harbour-fire.news', ['The fire started in a shed', 'Nobody was hurt']],
      ],
    );
    assert.equal(describeSource(node), '3 claims in 2 articles');
  });

  void it('describes counts in the singular when there is one', () => {
    const [node] = sourceNodes([council]);
    assert.ok(node);
    assert.equal(describeSource(node), '1 claim in 1 article');
    assert.equal(node.articles[0]?.label, 'budget vote.news', 'the file name is percent-decoded');
  });

  void it('keeps the variants other than the canonical name, once each', () => {
    const [node] = sourceNodes([lindqvist]);
    assert.deepEqual(node?.variants, ['Marta Lindquist', 'M. Lindqvist']);
  });

  void it('keeps the kind for the icon, null included', () => {
    const unknown = source('Civil Defence', [claimIn(FERRY, 1, 'Sirens were tested')], { kind: null });
    assert.deepEqual(
      sourceNodes([lindqvist, council, official, unknown]).map((node) => [node.name, node.kind]),
      [
        ['Marta Lindqvist', 'person'],
        ['a senior official', 'anonymous'],
        ['Civil Defence', null],
        ['the harbour council', 'organization'],
      ],
    );
  });

  void it('gives ids from names, URIs and texts, unique and unchanged when a claim moves', () => {
    const twice = source('Ana Ruiz', [claimIn(FERRY, 1, 'We will strike'), claimIn(FERRY, 5, 'We will strike')]);
    const ids = (nodes: SourceNode[]): string[] =>
      nodes.flatMap((node) => [
        node.id,
        ...node.articles.flatMap((article) => [article.id, ...article.claims.map((claim) => claim.id)]),
      ]);
    const before = ids(sourceNodes([lindqvist, twice]));
    assert.equal(new Set(before).size, before.length, `ids are unique: ${before.join(', ')}`);
    const moved = source(
      lindqvist.name,
      lindqvist.claims.map((claim) => ({
        ...claim,
        range: {
          start: { line: claim.range.start.line + 4, character: 0 },
          end: { line: claim.range.end.line + 4, character: 9 },
        },
      })),
      {
        variants: lindqvist.variants,
      },
    );
    assert.deepEqual(ids(sourceNodes([moved, twice])), before);
  });

  void it('keeps ids unique when two sources share a name (two people called Jordan, or a person and a club)', () => {
    const coach = source('Jordan', [claimIn(FERRY, 1, 'The talks failed')]);
    const minister = source('Jordan', [claimIn(FERRY, 2, 'The border is open')]);
    const ids = sourceNodes([coach, minister]).flatMap((node) => [
      node.id,
      ...node.articles.flatMap((article) => [article.id, ...article.claims.map((claim) => claim.id)]),
    ]);
    assert.equal(new Set(ids).size, ids.length, ids.join(', '));
  });

  void it('shows one "nothing yet" row when the index has no sources, saying when it is still building', () => {
    const [done] = buildSourceNodes(ready(sourcesResult([])));
    assert.equal(done?.type, 'message');
    assert.match(done?.type === 'message' ? done.label : '', /No sources/);
    const [building] = buildSourceNodes(ready(sourcesResult([], true)));
    assert.match(building?.type === 'message' ? building.label : '', /Indexing/);
  });
});

void describe('buildMeasureNodes', () => {
  const agreed = measure('vote', 'on tuesday', [figureIn(COUNCIL, 3, 7), figureIn(HARBOUR, 8, 7)]);
  const conflicting = measure(
    'sortie',
    'since september 30',
    [
      figureIn(FERRY, 6, 670, { qualifier: 'about', conflict: true }),
      figureIn(HARBOUR, 2, 590, { conflict: true, source: null }),
      figureIn(COUNCIL, 9, 670),
    ],
    true,
  );
  const large = measure('passenger', null, [
    figureIn(FERRY, 1, 4000),
    figureIn(FERRY, 4, 3000),
    figureIn(HARBOUR, 5, 4000),
  ]);

  void it('puts conflicts first, then the measures with most figures, then by label', () => {
    const nodes = measureNodes([agreed, large, conflicting]);
    assert.deepEqual(
      nodes.map((node) => [measureLabel(node), node.conflict]),
      [
        ['sortie · since September 30', true],
        ['passenger', false],
        ['vote · on Tuesday', false],
      ],
    );
  });

  void it('marks a measure as conflicting when any of its figures is, even if the group flag is missing', () => {
    const [node] = measureNodes([{ ...conflicting, conflict: false }]);
    assert.equal(node?.conflict, true);
    assert.equal(describeMeasure(node), 'conflict · 3 figures in 3 articles');
  });

  void it('describes agreeing measures without "conflict" and counts distinct articles', () => {
    const [node] = measureNodes([large]);
    assert.equal(describeMeasure(node as MeasureNode), '3 figures in 2 articles');
  });

  void it('orders figures by value, then file name, so the disagreeing one stands apart', () => {
    const [node] = measureNodes([conflicting]);
    assert.deepEqual(
      node?.figures.map((figure) => [workspaceFigureLabel(figure.figure), figure.fileName, figure.figure.conflict]),
      [
        ['590', 'harbour-fire.news', true],
        ['670', 'budget vote.news', false],
        ['670', 'ferry-strike.txt', true],
      ],
    );
  });

  void it('describes a figure by qualifier, source and article', () => {
    const [node] = measureNodes([conflicting]);
    const descriptions = node?.figures.map((figure) => describeWorkspaceFigure(figure));
    assert.deepEqual(descriptions, [
      'unattributed · harbour-fire.news',
      'the defence ministry · budget vote.news',
      'about · the defence ministry · ferry-strike.txt',
    ]);
  });

  void it('labels a range of values with an en dash and thousands with commas', () => {
    assert.equal(workspaceFigureLabel(figureIn(FERRY, 1, 40, { valueHigh: 45 })), '40–45');
    assert.equal(workspaceFigureLabel(figureIn(FERRY, 1, 12000)), '12,000');
    assert.equal(workspaceFigureLabel(figureIn(FERRY, 1, 12, { valueHigh: 12 })), '12');
  });

  void it('gives unique ids to the same figure text twice in one article', () => {
    const [node] = measureNodes([measure('sortie', null, [figureIn(FERRY, 1, 40), figureIn(FERRY, 9, 40)])]);
    const ids = node?.figures.map((figure) => figure.id) ?? [];
    assert.equal(new Set(ids).size, 2, ids.join(', '));
  });

  void it('shows one "nothing yet" row when there are no comparable figures', () => {
    const [row] = buildMeasureNodes(ready(figuresResult([])));
    assert.equal(row?.type, 'message');
  });
});

void describe('workspace answers that are not results', () => {
  const table: {
    name: string;
    answer: WorkspaceAnswer<never>;
    roots: number;
    label?: RegExp;
    action?: string | null;
  }[] = [
    { name: 'loading shows nothing yet', answer: { state: 'loading' }, roots: 0 },
    {
      name: 'off (a null answer) shows one item that opens the setting',
      answer: { state: 'off' },
      roots: 1,
      label: /Cross-article features are off/,
      action: 'openSetting',
    },
    {
      name: 'a failure shows one item that opens the output',
      answer: { state: 'failed', message: 'boom' },
      roots: 1,
      label: /Could not read the workspace index/,
      action: 'showOutput',
    },
  ];
  for (const row of table) {
    void it(row.name, () => {
      for (const roots of [buildSourceNodes(row.answer), buildMeasureNodes(row.answer)]) {
        assert.equal(roots.length, row.roots);
        const [first] = roots;
        if (row.label === undefined) continue;
        assert.equal(first?.type, 'message');
        if (first?.type !== 'message') continue;
        assert.match(first.label, row.label);
        assert.equal(first.action, row.action);
      }
    });
  }

  void it('names the setting in the "off" item', () => {
    const [off] = buildSourceNodes({ state: 'off' });
    assert.ok(off?.type === 'message' && off.tooltip.includes(CROSS_ARTICLE_SETTING));
    assert.equal(CROSS_ARTICLE_SETTING, 'newsClaims.crossArticle.enabled');
  });

  void it('carries the failure message into the tooltip', () => {
    const [failed] = buildMeasureNodes({
      state: 'failed',
      message: 'The server could not list the workspace figures: boom',
    });
    assert.ok(failed?.type === 'message' && failed.tooltip.endsWith('boom'));
  });
});

void describe('workspace view texts', () => {
  void it('describes the view by mode and article count', () => {
    const table: [WorkspaceAnswer<{ indexed: number; building: boolean }>, string][] = [
      [{ state: 'loading' }, 'Workspace'],
      [{ state: 'off' }, 'Workspace · off'],
      [{ state: 'failed', message: 'x' }, 'Workspace'],
      [ready({ indexed: 124, building: false }), 'Workspace · 124 articles'],
      [ready({ indexed: 1, building: false }), 'Workspace · 1 article'],
      [ready({ indexed: 37, building: true }), 'Workspace · indexing… (37 articles)'],
    ];
    for (const [answer, expected] of table)
      assert.equal(workspaceDescription(answer), expected, JSON.stringify(answer));
  });

  void it('shows a note only while the first answer is awaited', () => {
    assert.match(workspaceMessage({ state: 'loading' }) ?? '', /Reading/);
    assert.equal(workspaceMessage({ state: 'off' }), undefined);
    assert.equal(workspaceMessage(ready({ indexed: 1, building: false })), undefined);
  });

  void it('capitalises month and day names in time frames, and nothing else', () => {
    assert.equal(displayTimeFrame('since september 30'), 'since September 30');
    assert.equal(displayTimeFrame('between monday and may 3'), 'between Monday and May 3');
    assert.equal(displayTimeFrame('last week'), 'last week');
    assert.equal(displayTimeFrame('since 2026-09-30'), 'since 2026-09-30');
    assert.equal(measureLabel({ unit: 'sortie', timeFrame: null }), 'sortie');
  });

  void it('describes workspace claims by kind and flags unattributed ones', () => {
    assert.equal(describeWorkspaceClaim(claimIn(FERRY, 1, 'x')), 'statement');
    assert.equal(describeWorkspaceClaim(claimIn(FERRY, 1, 'x', false)), 'statement · unattributed');
  });

  void it('takes file names from URIs, decoding escapes and ignoring queries', () => {
    assert.equal(fileNameOf('file:///desk/budget%20vote.news'), 'budget vote.news');
    assert.equal(fileNameOf('vscode-vfs://github/desk/a.news?ref=main'), 'a.news');
    assert.equal(fileNameOf('file:///desk/100%25.news'), '100%.news');
    assert.equal(fileNameOf('file:///desk/bad%E0.news'), 'bad%E0.news', 'a malformed escape is kept as written');
  });

  void it('changes the signature when a figure moves, so its click target stays right, and not otherwise', () => {
    const first = buildMeasureNodes(ready(figuresResult([measure('sortie', null, [figureIn(FERRY, 1, 40)])])));
    const same = buildMeasureNodes(ready(figuresResult([measure('sortie', null, [figureIn(FERRY, 1, 40)])])));
    const moved = buildMeasureNodes(ready(figuresResult([measure('sortie', null, [figureIn(FERRY, 2, 40)])])));
    assert.equal(workspaceSignature(first), workspaceSignature(same));
    assert.notEqual(workspaceSignature(first), workspaceSignature(moved));
  });
});
