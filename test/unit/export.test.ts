// The CSV and Markdown exports that fact-checkers paste into spreadsheets and tickets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvField, CSV_HEADER, formatForPath, markdownCell, toCsv, toMarkdown } from '../../client/src/export';
import type { ClaimItem, FigureItem } from '../../server/src/protocol';

function range(line: number, character: number, length: number): ClaimItem['range'] {
  return { start: { line, character }, end: { line, character: character + length } };
}

function claim(overrides: Partial<ClaimItem>): ClaimItem {
  return {
    text: 'Turnout rose to 61 percent',
    range: range(2, 0, 26),
    sentence: 'Turnout rose to 61 percent, officials said.',
    attributed: true,
    source: 'officials',
    cue: 'said',
    kind: 'figure',
    figureCount: 1,
    ...overrides,
  };
}

function figure(overrides: Partial<FigureItem>): FigureItem {
  return {
    text: '61 percent',
    range: range(2, 16, 10),
    value: 61,
    valueHigh: null,
    unit: '%',
    qualifier: null,
    source: 'officials',
    sentence: 'Turnout rose to 61 percent, officials said.',
    ...overrides,
  };
}

/** Splits RFC 4180 CSV into rows of fields, honouring quoted commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  assert.equal(field, '', 'CSV ends with a line break');
  return rows;
}

void describe('csvField', () => {
  const cases: [string | number | boolean | null, string][] = [
    ['plain words', 'plain words'],
    ['a, b', '"a, b"'],
    ['he said "no"', '"he said ""no"""'],
    ['two\nlines', '"two\nlines"'],
    ['carriage\r\nreturn', '"carriage\r\nreturn"'],
    [null, ''],
    [12.5, '12.5'],
    [-3, '-3'],
    [false, 'false'],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['+cmd', "'+cmd"],
    ['-3.5', '-3.5'],
    ['- a dash list item', "'- a dash list item"],
  ];
  for (const [input, expected] of cases) {
    void it(`writes ${JSON.stringify(input)} as ${JSON.stringify(expected)}`, () => {
      assert.equal(csvField(input), expected);
    });
  }
});

void describe('toCsv', () => {
  void it('writes a header, claims then figures, with CRLF line ends, and round-trips tricky text', () => {
    const tricky = 'The mayor said: "We cut 1,200 jobs,\nnot 2,000"';
    const csv = toCsv({
      claims: [
        claim({ text: tricky, sentence: tricky, source: null, attributed: false, cue: null }),
        claim({ range: range(0, 0, 5), text: 'First claim' }),
      ],
      figures: [figure({ value: 40, valueHigh: 50, unit: 'percent', qualifier: 'between', source: null })],
    });
    assert.ok(csv.endsWith('\r\n'));
    const rows = parseCsv(csv);
    assert.deepEqual(rows[0], [...CSV_HEADER]);
    assert.equal(rows.length, 4);
    // Article order: the claim on line 1 comes before the one on line 3.
    assert.deepEqual(rows[1]?.slice(0, 5), ['claim', '1', 'First claim', 'true', 'officials']);
    assert.deepEqual(rows[2]?.slice(0, 5), ['claim', '3', tricky, 'false', '']);
    assert.equal(rows[2]?.[11], tricky);
    assert.deepEqual(rows[3], [
      'figure',
      '3',
      '61 percent',
      'false',
      '',
      '',
      '',
      '40',
      '50',
      'percent',
      'between',
      'Turnout rose to 61 percent, officials said.',
    ]);
    for (const row of rows) assert.equal(row.length, CSV_HEADER.length);
  });

  void it('writes only the header when there is nothing to export', () => {
    assert.equal(toCsv({ claims: [], figures: [] }), CSV_HEADER.join(',') + '\r\n');
  });
});

void describe('markdownCell', () => {
  const cases: [string | number | null, string][] = [
    ['a | b', 'a \\| b'],
    ['line\nbreak', 'line break'],
    ['windows\r\nbreak', 'windows break'],
    ['ends in \\', 'ends in \\\\'],
    ['\\|', '\\\\\\|'],
    [null, ''],
    [42, '42'],
  ];
  for (const [input, expected] of cases) {
    void it(`writes ${JSON.stringify(input)} as ${JSON.stringify(expected)}`, () => {
      assert.equal(markdownCell(input), expected);
    });
  }
});

void describe('toMarkdown', () => {
  /** Counts the unescaped pipes in a table row: a row of n cells has n + 1. */
  function cellCount(row: string): number {
    return (row.match(/(?<!\\)\|/g) ?? []).length - 1;
  }

  void it('writes two tables whose rows all have as many cells as their header', () => {
    const markdown = toMarkdown(
      {
        claims: [claim({ text: 'Either | or', source: null, attributed: false, cue: null })],
        figures: [figure({ value: 40, valueHigh: 50, text: '40 | 50 people' }), figure({ range: range(5, 0, 3) })],
      },
      'Claims and figures: budget.news',
    );
    const lines = markdown.split('\n');
    assert.equal(lines[0], '# Claims and figures: budget.news');
    assert.ok(lines.includes('## Claims (1)'));
    assert.ok(lines.includes('## Figures (2)'));
    const tableRows = lines.filter((line) => line.startsWith('|'));
    assert.equal(tableRows.length, 2 + 1 + 2 + 2);
    const [claimHeader, , claimRow, figureHeader, , firstFigure] = tableRows;
    assert.equal(cellCount(claimRow ?? ''), cellCount(claimHeader ?? ''));
    assert.equal(cellCount(firstFigure ?? ''), cellCount(figureHeader ?? ''));
    assert.match(claimRow ?? '', /Either \\\| or/);
    assert.match(claimRow ?? '', /\*\*unattributed\*\*/);
    assert.match(firstFigure ?? '', /\| 40–50 \|/);
  });

  void it('says so when there are no claims or figures', () => {
    const markdown = toMarkdown({ claims: [], figures: [] });
    assert.match(markdown, /No claims found\./);
    assert.match(markdown, /No figures found\./);
    assert.doesNotMatch(markdown, /^# /m);
  });
});

void describe('formatForPath', () => {
  const cases: [string, string][] = [
    ['/tmp/a.csv', 'csv'],
    ['/tmp/a.md', 'markdown'],
    ['/tmp/a.MARKDOWN', 'markdown'],
    ['/tmp/a.txt', 'csv'],
    ['/tmp/md', 'csv'],
  ];
  for (const [path, format] of cases) {
    void it(`${path} is ${format}`, () => assert.equal(formatForPath(path), format));
  }
});
