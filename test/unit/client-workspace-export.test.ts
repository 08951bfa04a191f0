// The workspace export: every source's claims and every measure's figures as CSV or Markdown, in
// the order the workspace views show them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WORKSPACE_CSV_HEADER, workspaceToCsv, workspaceToMarkdown } from '../../client/src/workspaceExport';
import type { WorkspaceFiguresResult, WorkspaceSourcesResult } from '../../server/src/protocol';

const EVACUATION = 'file:///desk/varna-evacuation.news';
const SHELTERS = 'file:///desk/varna-shelters.news';

function range(line: number, length: number): WorkspaceSourcesResult['sources'][number]['claims'][number]['range'] {
  return { start: { line, character: 0 }, end: { line, character: length } };
}

const sources: WorkspaceSourcesResult = {
  indexed: 2,
  building: false,
  sources: [
    {
      name: 'Priya Dalgaard',
      kind: 'person',
      variants: [],
      articleCount: 1,
      claims: [
        {
          uri: SHELTERS,
          range: range(4, 30),
          text: 'The town asked for blankets',
          kind: 'statement',
          attributed: true,
        },
      ],
    },
    {
      name: 'Jonas Whitfield',
      kind: 'person',
      variants: ['Jonas Whitfield', 'J. Whitfield'],
      articleCount: 2,
      claims: [
        {
          uri: SHELTERS,
          range: range(2, 40),
          text: '2,100 residents, were evacuated',
          kind: 'figure',
          attributed: true,
        },
        {
          uri: EVACUATION,
          range: range(2, 40),
          text: '1,400 residents were evacuated',
          kind: 'figure',
          attributed: true,
        },
      ],
    },
  ],
};

const figures: WorkspaceFiguresResult = {
  indexed: 2,
  building: false,
  measures: [
    {
      unit: 'resident',
      timeFrame: 'since june 12',
      conflict: true,
      figures: [
        {
          uri: SHELTERS,
          range: range(2, 15),
          text: '2,100 residents',
          value: 2100,
          valueHigh: null,
          qualifier: null,
          source: 'Jonas Whitfield',
          sentence: 'Whitfield said 2,100 residents had been evacuated since June 12.',
          conflict: true,
        },
        {
          uri: EVACUATION,
          range: range(2, 15),
          text: '1,400 residents',
          value: 1400,
          valueHigh: null,
          qualifier: 'about',
          source: 'Jonas Whitfield',
          sentence: 'Whitfield said about 1,400 residents | had been evacuated since June 12.',
          conflict: true,
        },
      ],
    },
  ],
};

/** Splits the simple CSV these fixtures produce: one quoted field at most, no line breaks inside fields. */
function csvRows(text: string): string[][] {
  assert.ok(text.endsWith('\r\n'), 'CRLF after the last row');
  return text
    .slice(0, -2)
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)]
        .map((match) => match[1] ?? '')
        .slice(0, WORKSPACE_CSV_HEADER.length),
    );
}

void describe('workspaceToCsv', () => {
  const rows = csvRows(workspaceToCsv({ sources, figures, articleName: (uri) => uri.replace('file:///', '') }));
  const column = (row: string[] | undefined, name: (typeof WORKSPACE_CSV_HEADER)[number]): string | undefined =>
    row?.[WORKSPACE_CSV_HEADER.indexOf(name)];

  void it('starts with the header and has one row per claim and per figure', () => {
    assert.deepEqual(rows[0], [...WORKSPACE_CSV_HEADER]);
    assert.equal(rows.length, 1 + 3 + 2);
  });

  void it('lists claims in the Sources view order: most-quoted source first, articles by file name', () => {
    const claims = rows.slice(1).filter((row) => row[0] === 'claim');
    assert.deepEqual(
      claims.map((row) => [column(row, 'source'), column(row, 'article'), column(row, 'line')]),
      [
        ['Jonas Whitfield', 'desk/varna-evacuation.news', '3'],
        ['Jonas Whitfield', 'desk/varna-shelters.news', '3'],
        ['Priya Dalgaard', 'desk/varna-shelters.news', '5'],
      ],
    );
    assert.equal(column(claims[1], 'text'), '"2,100 residents, were evacuated"', 'a comma in a field is quoted');
  });

  void it('lists figures by value with their measure, time frame and conflict flag', () => {
    const figureRows = rows.slice(1).filter((row) => row[0] === 'figure');
    assert.deepEqual(
      figureRows.map((row) => [
        column(row, 'value'),
        column(row, 'measure'),
        column(row, 'time_frame'),
        column(row, 'qualifier'),
        column(row, 'conflict'),
      ]),
      [
        ['1400', 'resident', 'since june 12', 'about', 'true'],
        ['2100', 'resident', 'since june 12', '', 'true'],
      ],
    );
  });
});

void describe('workspaceToMarkdown', () => {
  const markdown = workspaceToMarkdown({ sources, figures }, 'Desk check');

  void it('has a title, the article count and the three sections', () => {
    assert.match(markdown, /^# Desk check\n\n2 articles indexed\.\n/);
    assert.match(markdown, /^## Sources \(2\)$/m);
    assert.match(markdown, /^### Claims by source$/m);
    assert.match(markdown, /^## Figures by measure \(1, 1 with conflicts\)$/m);
  });

  void it('summarises each source with its counts and other spellings', () => {
    assert.match(markdown, /^\| Jonas Whitfield \| person \| 2 \| 2 \| J\. Whitfield \|$/m);
    assert.match(markdown, /^\| Priya Dalgaard \| person \| 1 \| 1 \| {2}\|$/m);
  });

  void it('marks the conflicting figures and names their articles by file name by default', () => {
    assert.match(
      markdown,
      /^\| resident · since June 12 \| \*\*yes\*\* \| 1,400 \| about \| Jonas Whitfield \| varna-evacuation\.news \| 3 \|$/m,
    );
  });

  void it('says so when the workspace has nothing to list, and notes a partial index', () => {
    const empty = workspaceToMarkdown({
      sources: { indexed: 0, building: true, sources: [] },
      figures: { indexed: 0, building: true, measures: [] },
    });
    assert.match(empty, /0 articles indexed \(index still building\)/);
    assert.match(empty, /No sources found\./);
    assert.match(empty, /No comparable figures found\./);
  });
});
