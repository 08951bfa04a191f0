// Runs the real `news-claims` command, bundled the way dist/cli.js is, against temporary folders:
// output formats, exit statuses, --fail-on, the folder walk, and every way a file can fail to
// be read. The bundle is built here with esbuild so these tests need no prior `npm run build`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  copyFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { FINDING_CODES } from '../../server/src/analysis/types';
import { MAX_ARTICLE_BYTES } from '../../server/src/cli/files';
import type { JsonReport } from '../../server/src/report/json';
import { LineIndex } from '../../server/src/lineIndex';

const repoRoot = join(import.meta.dirname, '../..');
const packageVersion = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string })
  .version;
const articles = join(repoRoot, 'test/fixtures/articles');

/** An article that every version of the analysis flags: an unattributed figure and an unclosed quote. */
const FLAGGED_ARTICLE =
  'RIVERTON, May 2 — About 4,000 homes lost power on Tuesday.\n\n"The storm came in faster than anyone expected, the mayor said.\n';

let workRoot = '';
let cliPath = '';

interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
}

function runCli(args: string[], options: { cwd?: string; asUser?: number } = {}): Run {
  const command = options.asUser === undefined ? process.execPath : 'setpriv';
  const commandArgs =
    options.asUser === undefined
      ? [cliPath, ...args]
      : [
          `--reuid=${options.asUser}`,
          `--regid=${options.asUser}`,
          '--clear-groups',
          process.execPath,
          cliPath,
          ...args,
        ];
  const result = spawnSync(command, commandArgs, { cwd: options.cwd ?? workRoot, encoding: 'utf8' });
  if (result.error) {
    throw result.error;
  }
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

function json(run: Run): JsonReport {
  return JSON.parse(run.stdout) as JsonReport;
}

/** Makes a fresh folder under the test's temporary root and fills it with the given files. */
function makeTree(name: string, files: Record<string, string | Buffer>): string {
  const root = join(workRoot, name);
  mkdirSync(root, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

before(async () => {
  workRoot = mkdtempSync(join(tmpdir(), 'news-claims-cli-'));
  // The folder must be readable by an unprivileged user for the permission test.
  chmodSync(workRoot, 0o755);
  cliPath = join(workRoot, 'cli.js');
  await esbuild.build({
    entryPoints: [join(repoRoot, 'server/src/cli.ts')],
    outfile: cliPath,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'silent',
  });
  chmodSync(cliPath, 0o755);
});

after(() => {
  rmSync(workRoot, { recursive: true, force: true });
});

void describe('news-claims: help, version and usage errors', () => {
  void it('prints help and exits 0', () => {
    for (const args of [['--help'], ['-h'], ['check', '--help']]) {
      const run = runCli(args);
      assert.equal(run.status, 0, args.join(' '));
      assert.match(run.stdout, /^Usage: news-claims check \[--format text\|json\|sarif\]/);
      assert.equal(run.stderr, '');
    }
  });

  void it('prints the package version and exits 0', () => {
    const run = runCli(['--version']);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, `${packageVersion}\n`);
  });

  void it('runs directly through its shebang', () => {
    const result = spawnSync(cliPath, ['--version'], { encoding: 'utf8' });
    assert.equal(result.status, 0);
    assert.equal(result.stdout, `${packageVersion}\n`);
  });

  const usageErrors: Array<{ args: string[]; message: RegExp }> = [
    { args: [], message: /missing command; expected "check"/ },
    { args: ['lint', 'a.txt'], message: /unknown command "lint"/ },
    { args: ['check'], message: /missing PATH/ },
    { args: ['check', '--colour', 'a.txt'], message: /unknown option "--colour"/ },
    { args: ['check', '--format', 'xml', 'a.txt'], message: /--format: expected one of text, json, sarif; got "xml"/ },
    { args: ['check', '--format=', 'a.txt'], message: /option --format needs a value/ },
    {
      args: ['check', '--fail-on', 'loud', 'a.txt'],
      message: /--fail-on: expected one of error, warning, information, never/,
    },
    { args: ['check', 'a.txt', '--config'], message: /option --config needs a value/ },
    { args: ['check', '--format', 'json', '--format', 'text', 'a.txt'], message: /--format given more than once/ },
  ];
  for (const { args, message } of usageErrors) {
    void it(`exits 2 with a message for: ${args.join(' ') || '(no arguments)'}`, () => {
      const run = runCli(args);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, message);
      assert.match(run.stderr, /Usage: news-claims check/);
    });
  }
});

void describe('news-claims check: output formats', () => {
  void it('writes the JSON contract with exactly the documented keys, in order', () => {
    const run = runCli(['check', '--format', 'json', '--fail-on', 'never', articles]);
    assert.equal(run.status, 0, run.stderr);
    const report = json(run);
    assert.deepEqual(Object.keys(report), ['tool', 'version', 'files']);
    assert.equal(report.tool, 'news-claims');
    assert.equal(report.version, packageVersion);
    assert.ok(report.files.length >= 10);
    for (const file of report.files) {
      assert.deepEqual(Object.keys(file), ['path', 'entities', 'attributions', 'claims', 'diagnostics']);
      for (const entity of file.entities) {
        const keys = Object.keys(entity);
        assert.deepEqual(keys.slice(0, 5), ['kind', 'start', 'end', 'text', 'reason']);
        const optional = ['value', 'unit', 'qualifier', 'canonical'];
        assert.deepEqual(
          keys.slice(5),
          optional.filter((key) => keys.includes(key)),
        );
      }
      for (const attribution of file.attributions) {
        assert.deepEqual(Object.keys(attribution), ['cue', 'source', 'content', 'sourceName']);
        for (const span of [attribution.cue, attribution.content, attribution.source]) {
          if (span !== null) assert.deepEqual(Object.keys(span), ['start', 'end', 'text']);
        }
      }
      for (const claim of file.claims) {
        assert.deepEqual(Object.keys(claim), ['start', 'end', 'text', 'attributed', 'attribution', 'figures']);
        if (claim.attribution !== null) assert.ok(claim.attribution < file.attributions.length);
        for (const figure of claim.figures) assert.equal(file.entities[figure]?.kind, 'figure');
      }
      for (const diagnostic of file.diagnostics) {
        const keys = Object.keys(diagnostic);
        assert.deepEqual(keys.slice(0, 5), ['code', 'severity', 'message', 'start', 'end']);
        assert.ok(keys.length === 5 || (keys.length === 6 && keys[5] === 'data'));
        assert.ok((FINDING_CODES as readonly string[]).includes(diagnostic.code));
      }
    }
  });

  void it('keeps the folder as given in each path and sorts the walk', () => {
    const root = makeTree('paths', { 'b.txt': 'Text.', 'a/z.md': 'Text.', 'a/y.news': 'Text.' });
    const withSlash = runCli(['check', '--format', 'json', 'paths/'], { cwd: workRoot });
    assert.deepEqual(
      json(withSlash).files.map((file) => file.path),
      ['paths/a/y.news', 'paths/a/z.md', 'paths/b.txt'],
    );
    const dotted = runCli(['check', '--format', 'json', './paths'], { cwd: workRoot });
    assert.deepEqual(
      json(dotted).files.map((file) => file.path),
      ['./paths/a/y.news', './paths/a/z.md', './paths/b.txt'],
    );
    const absolute = runCli(['check', '--format', 'json', root]);
    assert.deepEqual(
      json(absolute).files.map((file) => file.path),
      [`${root}/a/y.news`, `${root}/a/z.md`, `${root}/b.txt`],
    );
  });

  void it('prints text findings as file:line:col severity code message, with the summary on stderr', () => {
    // CRLF line ends and a line of astral characters check that line and column are counted in UTF-16 units.
    const text = FLAGGED_ARTICLE.replace(/\n/g, '\r\n').replace('RIVERTON', '𝐑𝐈𝐕𝐄𝐑𝐓𝐎𝐍 RIVERTON');
    makeTree('text', { 'story.txt': text });
    const textRun = runCli(['check', '--fail-on', 'never', 'text/story.txt']);
    const jsonRun = runCli(['check', '--format', 'json', '--fail-on', 'never', 'text/story.txt']);
    const diagnostics = json(jsonRun).files[0]?.diagnostics ?? [];
    assert.ok(diagnostics.length > 0, 'the flagged article should produce findings');
    const lines = new LineIndex(text);
    const expected = diagnostics.map((diagnostic) => {
      const position = lines.positionAt(diagnostic.start);
      return `text/story.txt:${position.line + 1}:${position.character + 1} ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}`;
    });
    assert.deepEqual(textRun.stdout.trimEnd().split('\n'), expected);
    for (const line of textRun.stdout.trimEnd().split('\n')) {
      assert.match(line, /^text\/story\.txt:\d+:\d+ (error|warning|information|hint) [a-z-]+ \S.*$/);
    }
    assert.match(textRun.stderr, /^1 file checked: \d+ errors?, \d+ warnings?, \d+ information, \d+ hints?\n$/);
  });

  void it('writes SARIF 2.1.0 with a rule for every code and 1-based UTF-16 regions', () => {
    const text = `☕☕ ${FLAGGED_ARTICLE}`;
    makeTree('sarif', { 'story.news': text });
    const sarifRun = runCli(['check', '--format', 'sarif', '--fail-on', 'never', 'sarif/story.news']);
    const jsonRun = runCli(['check', '--format', 'json', '--fail-on', 'never', 'sarif/story.news']);
    assert.equal(sarifRun.status, 0);
    const sarif = JSON.parse(sarifRun.stdout) as {
      $schema: string;
      version: string;
      runs: Array<{
        columnKind: string;
        tool: {
          driver: {
            name: string;
            version: string;
            rules: Array<{ id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }>;
          };
        };
        results: Array<{
          ruleId: string;
          level: string;
          message: { text: string };
          locations: Array<{
            physicalLocation: {
              artifactLocation: { uri: string };
              region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
            };
          }>;
        }>;
      }>;
    };
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.ok(run);
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.tool.driver.name, 'news-claims');
    assert.equal(run.tool.driver.version, packageVersion);
    assert.deepEqual(
      run.tool.driver.rules.map((rule) => rule.id),
      [...FINDING_CODES],
    );
    for (const rule of run.tool.driver.rules) {
      assert.ok(rule.shortDescription.text.length > 0);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    const diagnostics = json(jsonRun).files[0]?.diagnostics ?? [];
    assert.ok(diagnostics.length > 0);
    assert.equal(run.results.length, diagnostics.length);
    const lines = new LineIndex(text);
    const levels: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
    run.results.forEach((result, index) => {
      const diagnostic = diagnostics[index];
      assert.ok(diagnostic);
      assert.equal(result.ruleId, diagnostic.code);
      assert.equal(result.level, levels[diagnostic.severity]);
      assert.equal(result.message.text, diagnostic.message);
      const location = result.locations[0]?.physicalLocation;
      assert.equal(location?.artifactLocation.uri, 'sarif/story.news');
      const start = lines.positionAt(diagnostic.start);
      const end = lines.positionAt(diagnostic.end);
      assert.deepEqual(location?.region, {
        startLine: start.line + 1,
        startColumn: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
      });
    });
  });

  void it('reports a rule switched off in the configuration as disabled in SARIF', () => {
    makeTree('sarif-off', { 'story.txt': FLAGGED_ARTICLE, 'off.json': '{"severity":{"unclosed-quote":"off"}}' });
    const run = runCli(['check', '--format', 'sarif', '--config', 'sarif-off/off.json', 'sarif-off/story.txt']);
    const sarif = JSON.parse(run.stdout) as {
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; defaultConfiguration: { enabled: boolean; level: string } }> } };
        results: Array<{ ruleId: string }>;
        invocations: unknown;
      }>;
    };
    assert.deepEqual(sarif.runs[0]?.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
    const rule = sarif.runs[0]?.tool.driver.rules.find((candidate) => candidate.id === 'unclosed-quote');
    assert.deepEqual(rule?.defaultConfiguration, { enabled: false, level: 'none' });
    assert.ok(!sarif.runs[0]?.results.some((result) => result.ruleId === 'unclosed-quote'));
  });
});

void describe('news-claims check: exit status and --fail-on', () => {
  /** A config that gives every finding code the same severity, so the exit status is predictable. */
  const allCodes = (setting: string): string =>
    JSON.stringify({ severity: Object.fromEntries(FINDING_CODES.map((code) => [code, setting])) });

  before(() => {
    makeTree('fail-on', {
      'story.txt': FLAGGED_ARTICLE,
      'error.json': allCodes('error'),
      'warning.json': allCodes('warning'),
      'information.json': allCodes('information'),
      'hint.json': allCodes('hint'),
      'off.json': allCodes('off'),
    });
    // Every case below needs the analysis to find something in the article; say so plainly if it does not.
    const probe = json(runCli(['check', '--format', 'json', '--fail-on', 'never', 'fail-on/story.txt']));
    assert.ok(
      (probe.files[0]?.diagnostics.length ?? 0) > 0,
      'FLAGGED_ARTICLE produced no findings: the exit-status cases need pass 07 to flag its unattributed figure or unclosed quote',
    );
  });

  const cases: Array<{ severity: string; failOn: string[]; expected: number }> = [
    { severity: 'error', failOn: ['error', 'warning', 'information'], expected: 1 },
    { severity: 'error', failOn: ['never'], expected: 0 },
    { severity: 'warning', failOn: ['warning', 'information'], expected: 1 },
    { severity: 'warning', failOn: ['error', 'never'], expected: 0 },
    { severity: 'information', failOn: ['information'], expected: 1 },
    { severity: 'information', failOn: ['error', 'warning', 'never'], expected: 0 },
    { severity: 'hint', failOn: ['error', 'warning', 'information', 'never'], expected: 0 },
    { severity: 'off', failOn: ['error', 'warning', 'information', 'never'], expected: 0 },
  ];
  for (const { severity, failOn, expected } of cases) {
    for (const level of failOn) {
      void it(`findings at ${severity} with --fail-on ${level} exit ${expected}`, () => {
        const run = runCli(['check', '--fail-on', level, '--config', `fail-on/${severity}.json`, 'fail-on/story.txt']);
        assert.equal(run.status, expected, run.stderr);
        if (severity === 'off') {
          assert.equal(run.stdout, '');
        } else {
          assert.ok(run.stdout.split('\n').some((line) => line.includes(` ${severity} `)));
        }
      });
    }
  }

  void it('defaults to --fail-on warning', () => {
    assert.equal(runCli(['check', '--config', 'fail-on/warning.json', 'fail-on/story.txt']).status, 1);
    assert.equal(runCli(['check', '--config', 'fail-on/information.json', 'fail-on/story.txt']).status, 0);
  });

  void it('reads .newsclaims.json from the current directory when no --config is given', () => {
    const root = makeTree('discover', { 'story.txt': FLAGGED_ARTICLE, '.newsclaims.json': allCodes('error') });
    const run = runCli(['check', '--format', 'json', 'story.txt'], { cwd: root });
    const severities = new Set(json(run).files[0]?.diagnostics.map((diagnostic) => diagnostic.severity));
    assert.deepEqual([...severities], ['error']);
    assert.equal(run.status, 1);
  });

  void it('gives an I/O error precedence over findings: exit 2, and the readable files are still reported', () => {
    makeTree('precedence', { 'story.txt': FLAGGED_ARTICLE });
    const run = runCli([
      'check',
      '--format',
      'json',
      '--config',
      'fail-on/error.json',
      'precedence/story.txt',
      'precedence/missing.txt',
    ]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /error: precedence\/missing\.txt: no such file or directory/);
    const report = json(run);
    assert.deepEqual(
      report.files.map((file) => file.path),
      ['precedence/story.txt'],
    );
    assert.ok((report.files[0]?.diagnostics.length ?? 0) > 0);
  });
});

void describe('news-claims check: configuration problems', () => {
  void it('names the file and the key of a bad setting, applies the default for it and keeps the rest', () => {
    makeTree('bad-config', {
      'story.txt': FLAGGED_ARTICLE,
      'team.json': '{"severity":{"unclosed-quote":"loud","unattributed-figure":"off"},"colour":"red"}',
    });
    const run = runCli(['check', '--format', 'json', '--config', 'bad-config/team.json', 'bad-config/story.txt']);
    assert.match(
      run.stderr,
      /warning: bad-config\/team\.json: "severity\.unclosed-quote": expected one of error, warning, information, hint, off; got "loud"; the default applies/,
    );
    assert.match(run.stderr, /warning: bad-config\/team\.json: "colour": unknown key/);
    const codes = json(run).files[0]?.diagnostics.map((diagnostic) => diagnostic.code) ?? [];
    assert.ok(!codes.includes('unattributed-figure'), 'the valid key still switches its code off');
    assert.ok(codes.length > 0);
    assert.notEqual(run.status, 2, 'problems inside a configuration file are warnings, not I/O errors');
  });

  void it('reports a syntax error with line and column and uses the defaults', () => {
    makeTree('syntax-config', { 'story.txt': 'Quiet text.', 'broken.json': '{\n  "people": ["A B"]\n  "x": 1\n}' });
    const run = runCli(['check', '--config', 'syntax-config/broken.json', 'syntax-config/story.txt']);
    assert.match(run.stderr, /warning: syntax-config\/broken\.json:3:3: invalid JSON: expected ',' or '}'/);
    assert.equal(run.status, 0);
  });

  void it('treats a --config file that cannot be read as an I/O error, and still checks with the defaults', () => {
    makeTree('missing-config', { 'story.txt': 'Quiet text.' });
    const run = runCli([
      'check',
      '--format',
      'json',
      '--config',
      'missing-config/nope.json',
      'missing-config/story.txt',
    ]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /error: missing-config\/nope\.json: cannot read configuration: no such file or directory/);
    assert.equal(json(run).files.length, 1);
  });
});

void describe('news-claims check: the folder walk', () => {
  void it('finds .txt, .md, .news, .article and .article.txt files, skipping node_modules, dot-folders and other files', () => {
    makeTree('walk', {
      'one.txt': 'Text.',
      'two.md': 'Text.',
      'three.news': 'Text.',
      'four.article': 'Text.',
      'five.article.txt': 'Text.',
      'UPPER.TXT': 'Text.',
      'notes.json': '{}',
      'draft.docx': 'Text.',
      README: 'Text.',
      'deep/er/six.news': 'Text.',
      'node_modules/pkg/readme.md': 'Text.',
      '.git/description.txt': 'Text.',
      '.cache/seven.txt': 'Text.',
    });
    const run = runCli(['check', '--format', 'json', 'walk']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(
      json(run).files.map((file) => file.path),
      [
        'walk/UPPER.TXT',
        'walk/deep/er/six.news',
        'walk/five.article.txt',
        'walk/four.article',
        'walk/one.txt',
        'walk/three.news',
        'walk/two.md',
      ],
    );
  });

  void it('checks a file named explicitly whatever its extension', () => {
    makeTree('explicit', { 'story.text': 'Text.' });
    const run = runCli(['check', '--format', 'json', 'explicit/story.text']);
    assert.equal(run.status, 0);
    assert.deepEqual(
      json(run).files.map((file) => file.path),
      ['explicit/story.text'],
    );
  });

  void it('exits 2 when a folder holds no articles, naming it', () => {
    makeTree('no-articles', { 'data.csv': 'a,b' });
    const run = runCli(['check', 'no-articles']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /warning: no-articles: no article files/);
    assert.match(run.stderr, /error: no article files to check/);
  });

  void it('ends symbolic link loops and checks each file once', () => {
    const root = makeTree('loop', { 'a.txt': 'Text.', 'sub/b.txt': 'Text.' });
    symlinkSync('..', join(root, 'sub/up'));
    symlinkSync('.', join(root, 'self'));
    symlinkSync('a.txt', join(root, 'alias.txt'));
    const run = runCli(['check', '--format', 'json', 'loop', 'loop/a.txt']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(
      json(run).files.map((file) => file.path),
      ['loop/a.txt', 'loop/sub/b.txt'],
    );
    assert.match(run.stderr, /skipped, already checked/);
  });

  void it('reports a dangling link that looks like an article and checks the rest', () => {
    const root = makeTree('dangling', { 'good.txt': 'Text.' });
    symlinkSync('gone.txt', join(root, 'broken.txt'));
    symlinkSync('gone.bin', join(root, 'broken.bin'));
    const run = runCli(['check', '--format', 'json', 'dangling']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /error: dangling\/broken\.txt: no such file or directory/);
    assert.doesNotMatch(run.stderr, /broken\.bin/);
    assert.deepEqual(
      json(run).files.map((file) => file.path),
      ['dangling/good.txt'],
    );
  });
});

void describe('news-claims check: files that cannot be read', () => {
  void it('lists unreadable files in SARIF as tool notifications and marks the run unsuccessful', () => {
    makeTree('sarif-missing', { 'good.txt': 'Text.' });
    const run = runCli(['check', '--format', 'sarif', 'sarif-missing/nope.txt', 'sarif-missing/good.txt']);
    assert.equal(run.status, 2);
    const sarif = JSON.parse(run.stdout) as {
      runs: Array<{ invocations: unknown; artifacts: Array<{ location: { uri: string } }> }>;
    };
    assert.deepEqual(sarif.runs[0]?.invocations, [
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          { level: 'error', message: { text: 'sarif-missing/nope.txt: no such file or directory' } },
        ],
      },
    ]);
    assert.deepEqual(
      sarif.runs[0]?.artifacts.map((artifact) => artifact.location.uri),
      ['sarif-missing/good.txt'],
    );
  });

  void it('reports a missing PATH and still checks the others', () => {
    makeTree('missing', { 'good.txt': 'Text.' });
    const run = runCli(['check', '--format', 'json', 'missing/nope.txt', 'missing/good.txt', 'missing/none']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /error: missing\/nope\.txt: no such file or directory/);
    assert.match(run.stderr, /error: missing\/none: no such file or directory/);
    assert.match(run.stderr, /1 file checked, 2 skipped/);
    assert.deepEqual(
      json(run).files.map((file) => file.path),
      ['missing/good.txt'],
    );
  });

  void it('reports binary and non-UTF-8 files with their paths and skips them', () => {
    makeTree('undecodable', {
      'binary.txt': Buffer.from([0x54, 0x65, 0x78, 0x74, 0x00, 0x01, 0x02]),
      'latin1.txt': Buffer.from('Caf\u00e9 owners said so.', 'latin1'),
      'truncated.md': Buffer.from([0x41, 0x42, 0xe2, 0x82]),
      'good.txt': 'Text.',
    });
    const run = runCli(['check', '--format', 'json', 'undecodable']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /error: undecodable\/binary\.txt: binary file \(NUL byte at offset 4\); not checked/);
    assert.match(run.stderr, /error: undecodable\/latin1\.txt: not valid UTF-8 \(byte offset 3\); not checked/);
    assert.match(run.stderr, /error: undecodable\/truncated\.md: not valid UTF-8 \(byte offset 2\); not checked/);
    assert.deepEqual(
      json(run).files.map((file) => file.path),
      ['undecodable/good.txt'],
    );
  });

  void it('reports a file it has no permission to read', () => {
    const root = makeTree('secret', { 'locked.txt': 'Text.', 'open.txt': 'Text.' });
    chmodSync(root, 0o755);
    chmodSync(join(root, 'locked.txt'), 0o000);
    // Root reads any file whatever its mode, so as root the check runs as the unprivileged
    // `nobody` user (setpriv is part of util-linux); otherwise the mode alone denies the read.
    const asUser = process.getuid?.() === 0 ? 65534 : undefined;
    const run = runCli(['check', '--format', 'json', 'secret'], asUser === undefined ? {} : { asUser });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /error: secret\/locked\.txt: permission denied/);
    assert.deepEqual(
      json(run).files.map((file) => file.path),
      ['secret/open.txt'],
    );
  });

  void it('reports a folder it has no permission to list', () => {
    const root = makeTree('closed', { 'inner/a.txt': 'Text.', 'b.txt': 'Text.' });
    chmodSync(join(root, 'inner'), 0o000);
    const asUser = process.getuid?.() === 0 ? 65534 : undefined;
    const run = runCli(['check', '--format', 'json', 'closed'], asUser === undefined ? {} : { asUser });
    chmodSync(join(root, 'inner'), 0o755);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /error: closed\/inner: cannot read folder: permission denied/);
    assert.deepEqual(
      json(run).files.map((file) => file.path),
      ['closed/b.txt'],
    );
  });

  void it('refuses devices, FIFOs and oversized files named on the command line instead of hanging', () => {
    const root = makeTree('special', { 'good.txt': 'Text.' });
    const fifo = spawnSync('mkfifo', [join(root, 'pipe.txt')]);
    assert.equal(fifo.status, 0, 'mkfifo is needed for this test');
    const huge = openSync(join(root, 'huge.txt'), 'w');
    // A sparse file: its size is past the limit without writing 129 MB to disk.
    ftruncateSync(huge, MAX_ARTICLE_BYTES + 1);
    closeSync(huge);
    const run = runCli([
      'check',
      '--format',
      'json',
      '/dev/zero',
      'special/pipe.txt',
      'special/huge.txt',
      'special/good.txt',
    ]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /error: \/dev\/zero: not a regular file; not checked/);
    assert.match(run.stderr, /error: special\/pipe\.txt: not a regular file; not checked/);
    assert.match(run.stderr, /error: special\/huge\.txt: file too large \(129 MB; the limit is 128 MB\); not checked/);
    assert.deepEqual(
      json(run).files.map((file) => file.path),
      ['special/good.txt'],
    );
    // In a folder walk, a FIFO is not a file and is passed over without being opened.
    rmSync(join(root, 'huge.txt'));
    const walk = runCli(['check', '--format', 'json', 'special']);
    assert.equal(walk.status, 0, walk.stderr);
    assert.deepEqual(
      json(walk).files.map((file) => file.path),
      ['special/good.txt'],
    );
  });

  void it('analyses an empty file and finds nothing', () => {
    makeTree('empty', { 'empty.txt': '' });
    const run = runCli(['check', '--format', 'json', 'empty/empty.txt']);
    assert.equal(run.status, 0);
    assert.deepEqual(json(run).files, [
      { path: 'empty/empty.txt', entities: [], attributions: [], claims: [], diagnostics: [] },
    ]);
  });

  void it('strips a UTF-8 byte order mark and counts offsets after it', () => {
    makeTree('bom', { 'with.txt': `\ufeff${FLAGGED_ARTICLE}`, 'without.txt': FLAGGED_ARTICLE });
    const run = runCli(['check', '--format', 'json', '--fail-on', 'never', 'bom']);
    const [withBom, withoutBom] = json(run).files;
    assert.equal(withBom?.path, 'bom/with.txt');
    assert.ok((withoutBom?.diagnostics.length ?? 0) > 0);
    assert.deepEqual({ ...withBom, path: '' }, { ...withoutBom, path: '' });
    const text = runCli(['check', '--fail-on', 'never', 'bom/with.txt', 'bom/without.txt']).stdout.split('\n');
    const positions = (prefix: string): string[] =>
      text.filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
    assert.deepEqual(positions('bom/with.txt:'), positions('bom/without.txt:'));
  });
});

void describe('the fixture articles', () => {
  void it('cover every extension the walk accepts, including .article.txt', () => {
    const run = runCli(['check', '--format', 'json', '--fail-on', 'never', articles]);
    const names = json(run).files.map((file) => file.path);
    for (const extension of ['.txt', '.md', '.news', '.article', '.article.txt']) {
      assert.ok(
        names.some((name) => name.endsWith(extension)),
        extension,
      );
    }
    assert.ok(existsSync(join(repoRoot, 'test/fixtures/workspace/.newsclaims.json')));
  });

  void it('include a file with CRLF line ends', () => {
    const crlf = readFileSync(join(articles, 'health-outbreak.txt'), 'utf8');
    assert.ok(crlf.includes('\r\n'));
    assert.ok(!/[^\r]\n/.test(crlf));
  });

  void it('give the same JSON from a copy in another folder, apart from the path', () => {
    const root = makeTree('copy', {});
    copyFileSync(join(articles, 'military-briefing.news'), join(root, 'military-briefing.news'));
    const copy = json(runCli(['check', '--format', 'json', '--fail-on', 'never', 'copy/military-briefing.news']))
      .files[0];
    const original = json(
      runCli(['check', '--format', 'json', '--fail-on', 'never', join(articles, 'military-briefing.news')]),
    ).files[0];
    assert.deepEqual({ ...copy, path: '' }, { ...original, path: '' });
  });
});
