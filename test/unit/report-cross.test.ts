// `news-claims report`: argument parsing, the sheet's content in Markdown and CSV, escaping,
// bad files and settings, and the HTML page opened in headless Chromium.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseReportArguments, runReport } from '../../server/src/cli/report';
import { csvField, escapeHtml } from '../../server/src/cli/reportFormat';

const FIXTURES = 'test/fixtures/cross';

void describe('report arguments', () => {
  const table: Array<{ argv: string[]; expected: unknown }> = [
    {
      argv: ['a'],
      expected: { command: 'report', options: { format: 'markdown', config: null, output: null, paths: ['a'] } },
    },
    {
      argv: ['--format=html', '--output', 'out.html', '--config', 'c.json', 'a', 'b'],
      expected: {
        command: 'report',
        options: { format: 'html', config: 'c.json', output: 'out.html', paths: ['a', 'b'] },
      },
    },
    {
      argv: ['--', '--format'],
      expected: { command: 'report', options: { format: 'markdown', config: null, output: null, paths: ['--format'] } },
    },
    { argv: ['--help'], expected: { command: 'help' } },
    {
      argv: [],
      expected: { command: 'usage-error', message: 'missing PATH; give at least one file or folder to report on' },
    },
    {
      argv: ['--format', 'pdf', 'a'],
      expected: { command: 'usage-error', message: '--format: expected one of markdown, html, csv; got "pdf"' },
    },
    { argv: ['--fail-on', 'error', 'a'], expected: { command: 'usage-error', message: 'unknown option "--fail-on"' } },
    { argv: ['a', '--output'], expected: { command: 'usage-error', message: 'option --output needs a value' } },
    {
      argv: ['--format=csv', '--format=html', 'a'],
      expected: { command: 'usage-error', message: 'option --format given more than once' },
    },
  ];
  for (const { argv, expected } of table) {
    void it(argv.join(' ') || '(nothing)', () => assert.deepEqual(parseReportArguments(argv), expected));
  }
});

void describe('report on the harbour fixtures', () => {
  void it('markdown lists conflicts, name variants, sources, figures and unattributed claims', () => {
    const result = runReport([FIXTURES]);
    assert.equal(result.exitCode, 0, result.stderr);
    const out = result.stdout;
    for (const heading of [
      '# Fact-check sheet',
      '## Conflicts and name variants',
      '## Sources',
      '## Figures',
      '## Unattributed claims',
      '## People and organisations',
    ]) {
      assert.ok(out.includes(`\n${heading}\n`) || out.startsWith(`${heading}\n`), heading);
    }
    assert.match(
      out,
      /\| test\/fixtures\/cross\/harbour-b\.md:1 \| name-variant \| "Andrei Sokolin" is spelt "Andrey Sokolin" in 2 other articles \|/,
    );
    assert.match(
      out,
      /\| test\/fixtures\/cross\/harbour-a\.md:7 \| figure-mismatch \| "2,300 containers" disagrees with "1,900 containers"/,
    );
    assert.match(out, /Same figure, another noun: "some 450 smugglers" here, "Some 450 traffickers"/);
    // Sources and figures use the majority spelling, whatever one article wrote.
    assert.match(out, /### Andrey Sokolin\n/);
    assert.doesNotMatch(out, /### Andrei Sokolin/);
    assert.match(out, /\| test\/fixtures\/cross\/harbour-b\.md:1 \| 338 vessels \| Andrey Sokolin \|/);
    assert.match(out, /### vessel — since march 1\n/);
    assert.match(
      out,
      /## Unattributed claims\n\n- test\/fixtures\/cross\/harbour-c\.md:5: The harbour lost more than 200 jobs last year\.\n/,
    );
    assert.match(result.stderr, /^3 articles in the report: 7 cross-article findings\n$/);
  });

  void it('html shows the conflicts and the name variant in its first section', () => {
    const result = runReport(['--format', 'html', FIXTURES]);
    assert.equal(result.exitCode, 0, result.stderr);
    const conflicts = /<h2 id="conflicts">[^]*?(?=<h2 )/.exec(result.stdout)?.[0] ?? '';
    assert.match(conflicts, /&#34;2,300 containers&#34; disagrees with &#34;1,900 containers&#34;/);
    assert.match(conflicts, /&#34;Andrei Sokolin&#34; is spelt &#34;Andrey Sokolin&#34; in 2 other articles/);
    assert.match(conflicts, /Same figure, another noun: &#34;some 450 smugglers&#34; here/);
  });

  void it('csv has one row per item with a fixed header and RFC 4180 quoting', () => {
    const result = runReport(['--format', 'csv', FIXTURES]);
    assert.equal(result.exitCode, 0, result.stderr);
    const lines = result.stdout.split('\r\n');
    assert.equal(lines[0], 'section,article,line,column,item,source,detail');
    assert.equal(lines.at(-1), '');
    assert.equal(lines.filter((line) => line.startsWith('conflict,')).length, 7);
    assert.ok(
      lines.includes(
        'figure,test/fixtures/cross/harbour-a.md,7,41,"2,300 containers",Port officials,container; in the first week',
      ),
    );
    assert.ok(
      lines.includes(
        'unattributed,test/fixtures/cross/harbour-c.md,5,1,The harbour lost more than 200 jobs last year.,,',
      ),
    );
  });

  void it('a severity of off in the configuration removes that finding from the sheet', () => {
    const folder = mkdtempSync(join(tmpdir(), 'nc-report-'));
    try {
      const config = join(folder, 'settings.json');
      writeFileSync(config, '{ "severity": { "name-variant": "off" } }');
      const result = runReport(['--config', config, FIXTURES]);
      assert.equal(result.exitCode, 0, result.stderr);
      assert.doesNotMatch(result.stdout, /name-variant/);
      assert.match(result.stdout, /figure-mismatch/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

void describe('report input and output problems', () => {
  void it('skips a bad file with its path, still reports the others, and exits 2', () => {
    const folder = mkdtempSync(join(tmpdir(), 'nc-report-'));
    try {
      writeFileSync(join(folder, 'good.txt'), 'The mayor said 300 buses were bought in 2025.\n');
      writeFileSync(join(folder, 'bad.txt'), Buffer.from([0x41, 0x00, 0x42]));
      const result = runReport([folder]);
      assert.equal(result.exitCode, 2);
      assert.match(
        result.stderr,
        new RegExp(`error: ${folder}/bad\\.txt: binary file \\(NUL byte at offset 1\\); not checked`),
      );
      assert.match(result.stdout, /good\.txt:1/);
      assert.match(result.stdout, /Not included:\n\n- .*bad\.txt: binary file/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  void it('a bad clusters setting is a warning naming the file and key; the sheet is still written', () => {
    const folder = mkdtempSync(join(tmpdir(), 'nc-report-'));
    try {
      const config = join(folder, 'settings.json');
      writeFileSync(config, '{ "clusters": { "merge": "Sokolin" } }');
      const result = runReport(['--config', config, FIXTURES]);
      assert.equal(result.exitCode, 0);
      assert.match(result.stderr, new RegExp(`warning: ${config}: "clusters.merge": expected an array of name groups`));
      assert.match(result.stdout, /name-variant/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  void it('--output writes the file; an unwritable output is an error naming it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'nc-report-'));
    try {
      const output = join(folder, 'sheet.md');
      const written = runReport(['--output', output, FIXTURES]);
      assert.equal(written.exitCode, 0, written.stderr);
      assert.equal(written.stdout, '');
      assert.match(readFileSync(output, 'utf8'), /^# Fact-check sheet\n/);
      assert.match(written.stderr, /written to /);
      const missing = join(folder, 'no-such-folder', 'sheet.md');
      const failed = runReport(['--output', missing, FIXTURES]);
      assert.equal(failed.exitCode, 2);
      assert.match(failed.stderr, new RegExp(`error: ${missing}: cannot write the report: no such file or directory`));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  void it('escapes article text in every format', () => {
    const folder = mkdtempSync(join(tmpdir(), 'nc-report-'));
    try {
      writeFileSync(
        join(folder, 'a.txt'),
        'Prices rose by <b>|</b> 40 cents after <script>alert(1)</script> the = vote.\n',
      );
      const html = runReport(['--format', 'html', folder]).stdout;
      assert.doesNotMatch(html, /<script|<b>/);
      assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
      const markdown = runReport([folder]).stdout;
      assert.match(markdown, /\\<b\\>\\\|\\<\/b\\>/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  const csvCases: Array<[string, string]> = [
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "no"', '"say ""no"""'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['-3 people', "'-3 people"],
    ['line\nbreak', '"line\nbreak"'],
  ];
  for (const [input, expected] of csvCases) {
    void it(`csv field ${JSON.stringify(input)}`, () => assert.equal(csvField(input), expected));
  }
  void it('html escaping covers all five special characters', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });
});

const CHROMIUM = '/usr/bin/chromium';

void describe('html report in a browser', () => {
  void it('opens in headless Chromium with its content, and a screenshot is kept', (context) => {
    if (!existsSync(CHROMIUM)) {
      context.skip(`${CHROMIUM} is not installed; the CI run installs it`);
      return;
    }
    const result = runReport(['--format', 'html', FIXTURES]);
    assert.equal(result.exitCode, 0, result.stderr);
    const page = result.stdout;
    // Self-contained: no script, no external resource of any kind.
    assert.doesNotMatch(page, /<script|<link|@import|url\(|src=|https?:\/\//i);
    mkdirSync('test-results', { recursive: true });
    const file = join(process.cwd(), 'test-results', 'cross-report.html');
    writeFileSync(file, page);
    const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--window-size=1200,1800'];
    const dom = execFileSync(CHROMIUM, [...flags, '--dump-dom', `file://${file}`], {
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    assert.match(dom, /<h1>Fact-check sheet<\/h1>/);
    assert.match(dom, /"Andrei Sokolin" is spelt "Andrey Sokolin" in 2 other articles/);
    assert.match(dom, /<h2 id="unattributed">Unattributed claims<\/h2>/);
    const screenshot = join(process.cwd(), 'test-results', 'cross-report.png');
    rmSync(screenshot, { force: true });
    execFileSync(CHROMIUM, [...flags, `--screenshot=${screenshot}`, `file://${file}`], {
      timeout: 60_000,
      stdio: 'ignore',
    });
    assert.ok(statSync(screenshot).size > 10_000, 'the screenshot shows a rendered page');
  });
});
