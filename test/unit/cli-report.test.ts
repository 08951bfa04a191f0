// The output side of the CLI tested on hand-built analyses, so that the JSON projection, SARIF,
// the text format, severity overrides and --fail-on are pinned down independently of what the
// analysis passes find today.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { defaultConfig } from '../../server/src/analysis/config';
import type { Analysis, Finding, Severity } from '../../server/src/analysis/types';
import { parseArguments } from '../../server/src/cli/args';
import { readArticle } from '../../server/src/cli/files';
import { applySeverity, failsAt } from '../../server/src/cli/run';
import { formatJsonReport, toJsonFile, toJsonReport } from '../../server/src/report/json';
import { artifactUri, sarifLevel, toSarif } from '../../server/src/report/sarif';
import { formatTextFile } from '../../server/src/report/text';

const TEXT = 'About 670 people left.\r\n"We ran," Lindqvist said.\n😀 It rained.';

function finding(code: Finding['code'], severity: Severity, start: number, end: number): Finding {
  return { code, severity, start, end, message: `${code} here`, reason: `test.${code}` };
}

/** An analysis with every optional internal field set, to prove the projection drops them. */
const ANALYSIS: Analysis = {
  length: TEXT.length,
  articleDate: '2026-03-12',
  paragraphs: [{ start: 0, end: 22, index: 0 }],
  sentences: [{ start: 0, end: 22, paragraph: 0 }],
  quotes: [],
  entities: [
    {
      kind: 'figure',
      start: 0,
      end: 9,
      text: 'About 670',
      reason: 'figure.approximator',
      value: 670,
      valueHigh: 670,
      unit: 'people',
      qualifier: 'about',
    },
    {
      kind: 'person',
      start: 34,
      end: 43,
      text: 'Lindqvist',
      reason: 'person.surname',
      canonical: 'Margaret Lindqvist',
      title: 'Ms',
    },
    { kind: 'date', start: 44, end: 44, text: '', reason: 'date.empty', relative: true },
  ],
  attributions: [
    {
      cue: { start: 44, end: 48, text: 'said' },
      source: { start: 34, end: 43, text: 'Lindqvist' },
      content: { start: 25, end: 31, text: 'We ran' },
      sourceName: 'Margaret Lindqvist',
      sourceEntity: 1,
      anonymous: false,
      inherited: false,
      reason: 'attribution.trailing',
    },
    {
      cue: { start: 44, end: 48, text: 'said' },
      source: null,
      content: { start: 25, end: 31, text: 'We ran' },
      sourceName: null,
      sourceEntity: null,
      anonymous: true,
      inherited: true,
      reason: 'attribution.test',
    },
  ],
  claims: [
    {
      start: 0,
      end: 22,
      text: 'About 670 people left.',
      attributed: false,
      attribution: null,
      figures: [0],
      kind: 'figure',
      reason: 'claim.figure',
    },
  ],
  findings: [
    {
      ...finding('unattributed-figure', 'warning', 0, 9),
      data: { insertAt: 21, terminator: '.' },
      related: [{ start: 0, end: 1, message: 'x' }],
    },
    finding('anonymous-source', 'information', 24, 48),
    finding('name-variant', 'hint', 50, 52),
  ],
};

void describe('the JSON projection', () => {
  const file = toJsonFile('articles/a.txt', ANALYSIS);

  void it('copies exactly the contract keys, in order, and nothing internal', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(file)), {
      path: 'articles/a.txt',
      entities: [
        {
          kind: 'figure',
          start: 0,
          end: 9,
          text: 'About 670',
          reason: 'figure.approximator',
          value: 670,
          unit: 'people',
          qualifier: 'about',
        },
        {
          kind: 'person',
          start: 34,
          end: 43,
          text: 'Lindqvist',
          reason: 'person.surname',
          canonical: 'Margaret Lindqvist',
        },
        { kind: 'date', start: 44, end: 44, text: '', reason: 'date.empty' },
      ],
      attributions: [
        {
          cue: { start: 44, end: 48, text: 'said' },
          source: { start: 34, end: 43, text: 'Lindqvist' },
          content: { start: 25, end: 31, text: 'We ran' },
          sourceName: 'Margaret Lindqvist',
        },
        {
          cue: { start: 44, end: 48, text: 'said' },
          source: null,
          content: { start: 25, end: 31, text: 'We ran' },
          sourceName: null,
        },
      ],
      claims: [
        { start: 0, end: 22, text: 'About 670 people left.', attributed: false, attribution: null, figures: [0] },
      ],
      diagnostics: [
        {
          code: 'unattributed-figure',
          severity: 'warning',
          message: 'unattributed-figure here',
          start: 0,
          end: 9,
          data: { insertAt: 21, terminator: '.' },
        },
        { code: 'anonymous-source', severity: 'information', message: 'anonymous-source here', start: 24, end: 48 },
        { code: 'name-variant', severity: 'hint', message: 'name-variant here', start: 50, end: 52 },
      ],
    });
    assert.deepEqual(Object.keys(file.entities[0] ?? {}), [
      'kind',
      'start',
      'end',
      'text',
      'reason',
      'value',
      'unit',
      'qualifier',
    ]);
    assert.deepEqual(Object.keys(file.diagnostics[0] ?? {}), ['code', 'severity', 'message', 'start', 'end', 'data']);
  });

  void it('does not share arrays with the analysis', () => {
    (file.claims[0]?.figures ?? []).push(99);
    assert.deepEqual(ANALYSIS.claims[0]?.figures, [0]);
  });

  void it('wraps files in the report header and ends the printed document with a newline', () => {
    const printed = formatJsonReport(toJsonReport('9.9.9', []));
    assert.equal(printed, '{\n  "tool": "news-claims",\n  "version": "9.9.9",\n  "files": []\n}\n');
  });
});

void describe('text output', () => {
  void it('prints file:line:col severity code message with 1-based UTF-16 positions across CRLF', () => {
    const file = toJsonFile('a.txt', ANALYSIS);
    assert.equal(
      formatTextFile(file, TEXT),
      [
        'a.txt:1:1 warning unattributed-figure unattributed-figure here',
        'a.txt:2:1 information anonymous-source anonymous-source here',
        'a.txt:3:1 hint name-variant name-variant here',
        '',
      ].join('\n'),
    );
  });

  void it('keeps a multi-line message on one line', () => {
    const file = toJsonFile('a.txt', {
      ...ANALYSIS,
      findings: [{ ...finding('unclosed-quote', 'warning', 0, 1), message: 'one\n  two\r\nthree' }],
    });
    assert.equal(formatTextFile(file, TEXT), 'a.txt:1:1 warning unclosed-quote one two three\n');
  });

  void it('prints nothing for a file without findings', () => {
    assert.equal(formatTextFile(toJsonFile('a.txt', { ...ANALYSIS, findings: [] }), TEXT), '');
  });
});

void describe('SARIF', () => {
  void it('maps severities to SARIF levels', () => {
    assert.deepEqual((['error', 'warning', 'information', 'hint'] as const).map(sarifLevel), [
      'error',
      'warning',
      'note',
      'note',
    ]);
  });

  void it('turns paths into artifact URIs', () => {
    const table: Array<[string, string]> = [
      ['articles/a.txt', 'articles/a.txt'],
      ['./articles/a b#1.txt', './articles/a%20b%231.txt'],
      ['/srv/news/ß.md', 'file:///srv/news/%C3%9F.md'],
      ['C:\\news\\a.txt', 'file:///C:/news/a.txt'],
    ];
    for (const [path, uri] of table) {
      assert.equal(artifactUri(path), uri, path);
    }
  });

  void it('places each result with a 1-based region and uses the configured rule levels', () => {
    const file = toJsonFile('a.txt', ANALYSIS);
    const sarif = toSarif({
      version: '1.2.3',
      files: [{ file, text: TEXT }],
      severity: { 'name-variant': 'off', 'unclosed-quote': 'error' },
    }) as {
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; defaultConfiguration: { level: string; enabled: boolean } }> } };
        results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { region: object } }> }>;
      }>;
    };
    const run = sarif.runs[0];
    assert.ok(run);
    const level = (id: string): object | undefined =>
      run.tool.driver.rules.find((rule) => rule.id === id)?.defaultConfiguration;
    assert.deepEqual(level('name-variant'), { enabled: false, level: 'none' });
    assert.deepEqual(level('unclosed-quote'), { enabled: true, level: 'error' });
    assert.deepEqual(level('unattributed-figure'), { enabled: true, level: 'warning' });
    assert.deepEqual(
      run.results.map((result) => [result.ruleId, result.level, result.locations[0]?.physicalLocation.region]),
      [
        ['unattributed-figure', 'warning', { startLine: 1, startColumn: 1, endLine: 1, endColumn: 10 }],
        ['anonymous-source', 'note', { startLine: 2, startColumn: 1, endLine: 2, endColumn: 25 }],
        ['name-variant', 'note', { startLine: 3, startColumn: 1, endLine: 3, endColumn: 3 }],
      ],
    );
  });
});

void describe('severity overrides and --fail-on', () => {
  void it('applies configured severities and drops codes switched off', () => {
    const config = { ...defaultConfig(), severity: { 'anonymous-source': 'error', 'name-variant': 'off' } as const };
    assert.deepEqual(
      applySeverity(ANALYSIS.findings, config).map((entry) => [entry.code, entry.severity]),
      [
        ['unattributed-figure', 'warning'],
        ['anonymous-source', 'error'],
      ],
    );
  });

  const table: Array<{
    severities: Severity[];
    failOn: 'error' | 'warning' | 'information' | 'never';
    fails: boolean;
  }> = [
    { severities: [], failOn: 'information', fails: false },
    { severities: ['hint'], failOn: 'information', fails: false },
    { severities: ['information'], failOn: 'information', fails: true },
    { severities: ['information'], failOn: 'warning', fails: false },
    { severities: ['warning'], failOn: 'warning', fails: true },
    { severities: ['hint', 'warning'], failOn: 'error', fails: false },
    { severities: ['error'], failOn: 'error', fails: true },
    { severities: ['error'], failOn: 'never', fails: false },
  ];
  for (const { severities, failOn, fails } of table) {
    void it(`[${severities.join(', ')}] with --fail-on ${failOn} ${fails ? 'fails' : 'passes'}`, () => {
      assert.equal(
        failsAt(
          severities.map((severity) => ({ severity })),
          failOn,
        ),
        fails,
      );
    });
  }
});

void describe('argument parsing', () => {
  const table: Array<{ argv: string[]; expected: ReturnType<typeof parseArguments> }> = [
    {
      argv: ['check', 'a.txt'],
      expected: { command: 'check', options: { format: 'text', failOn: 'warning', config: null, paths: ['a.txt'] } },
    },
    {
      argv: ['check', '--format=sarif', '--fail-on', 'never', '--config=c.json', 'a', 'b'],
      expected: {
        command: 'check',
        options: { format: 'sarif', failOn: 'never', config: 'c.json', paths: ['a', 'b'] },
      },
    },
    {
      argv: ['check', '--', '--format', '-'],
      expected: {
        command: 'check',
        options: { format: 'text', failOn: 'warning', config: null, paths: ['--format', '-'] },
      },
    },
    { argv: ['check', '-v'], expected: { command: 'version' } },
    { argv: ['help'], expected: { command: 'help' } },
  ];
  for (const { argv, expected } of table) {
    void it(argv.join(' '), () => {
      assert.deepEqual(parseArguments(argv), expected);
    });
  }
});

void describe('reading article bytes', () => {
  void it('accepts exactly the NUL-free valid UTF-8 files, strips one BOM, and never throws', () => {
    const directory = mkdtempSync(join(tmpdir(), 'news-claims-read-'));
    const path = join(directory, 'article.txt');
    const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      // Valid UTF-8 most of the time, so that both outcomes are well exercised.
      fc.string({ unit: 'binary', maxLength: 32 }).map((text) => new Uint8Array(Buffer.from(text, 'utf8'))),
      fc
        .string({ unit: 'binary', maxLength: 32 })
        .map((text) => new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))),
    );
    try {
      fc.assert(
        fc.property(bytes, (content) => {
          writeFileSync(path, content);
          const result = readArticle(path);
          const buffer = Buffer.from(content);
          const decoded = lenient.decode(content);
          const valid = !decoded.includes('\ufffd') || Buffer.from(decoded, 'utf8').equals(buffer);
          if (buffer.includes(0)) {
            assert.deepEqual(result.ok, false);
            assert.match(result.ok ? '' : result.message, /^binary file \(NUL byte at offset \d+\); not checked$/);
          } else if (!valid) {
            assert.deepEqual(result.ok, false);
            const message = result.ok ? '' : result.message;
            assert.match(message, /^not valid UTF-8 \(byte offset \d+\); not checked$/);
            // The offset named is the first bad byte: everything before it decodes.
            const offset = Number(/byte offset (\d+)/.exec(message)?.[1]);
            assert.ok(offset < buffer.length);
            assert.doesNotThrow(() => new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, offset)));
          } else {
            assert.ok(result.ok, 'valid UTF-8 without NUL is read');
            assert.equal(result.text, decoded.startsWith('\ufeff') ? decoded.slice(1) : decoded);
          }
        }),
        { numRuns: 1_000, includeErrorInReport: true },
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
