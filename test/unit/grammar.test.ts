// Tokenises article snippets with the same TextMate engine VS Code uses (vscode-textmate on
// vscode-oniguruma), so that a change to the grammar that breaks highlighting fails here rather
// than in an editor. The snippets are written for this test in news style; the fixture articles
// are the project's own.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type StateStack } from 'vscode-textmate';

const repoRoot = join(__dirname, '..', '..');
const grammarPath = join(repoRoot, 'syntaxes', 'news-article.tmLanguage.json');
const fixturesDir = join(repoRoot, 'test', 'fixtures', 'articles');

interface Token {
  line: number;
  text: string;
  scopes: string[];
}

let grammar: IGrammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
      createOnigString: (text: string) => new OnigString(text),
    }),
    loadGrammar: (scopeName: string) =>
      Promise.resolve(
        scopeName === 'text.news-article' ? parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
      ),
  });
  const loaded = await registry.loadGrammar('text.news-article');
  assert.ok(loaded, 'the grammar text.news-article should load');
  grammar = loaded;
});

/** Tokenises a whole document line by line, carrying the rule stack across lines as VS Code does. */
function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let state: StateStack = INITIAL;
  text.split(/\r?\n/).forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    for (const token of result.tokens) {
      tokens.push({ line, text: lineText.slice(token.startIndex, token.endIndex), scopes: token.scopes });
    }
    state = result.ruleStack;
  });
  return tokens;
}

/**
 * The scopes of the token that starts the `occurrence`-th match of `needle` in the document.
 * Failing loudly when the needle is missing keeps a typo in a test from passing silently.
 */
function scopesAt(text: string, needle: string, occurrence = 0): string[] {
  let offset = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    offset = text.indexOf(needle, offset + 1);
    assert.notEqual(offset, -1, `"${needle}" (occurrence ${occurrence}) is not in the snippet`);
  }
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  let line = 0;
  while (line + 1 < lineStarts.length && (lineStarts[line + 1] ?? Infinity) <= offset) line++;
  const column = offset - (lineStarts[line] ?? 0);
  let position = 0;
  for (const token of tokenise(text).filter((t) => t.line === line)) {
    if (column >= position && column < position + token.text.length) return token.scopes;
    position += token.text.length;
  }
  assert.fail(`no token covers "${needle}"`);
}

/** True when some scope on the stack starts with `prefix` (scopes are dotted, most general first). */
function hasScope(scopes: string[], prefix: string): boolean {
  return scopes.some((scope) => scope === prefix || scope.startsWith(prefix + '.'));
}

const article = [
  'Port authority says cargo fell by 12 percent in “difficult” year',
  '',
  'KELDMOUTH, March 4 (Coastwire) — Cargo handled at Keldmouth fell to about 3.2 million tonnes last year, the port authority said on Monday.',
  '',
  '“We lost nearly $40 million in fees, and the ‘temporary’ closure of berth 7 cost us more than 1,200 calls,” said harbourmaster Ines Varga.',
  '',
  'Union leaders claimed the figures hid 300 job losses. According to the authority, 45% of ships now dock at night.',
  '',
  "Shipping lines didn't comment. \"We were told 'wait and see' again,\" one captain said.",
].join('\n');

void describe('news-article grammar', () => {
  const cases: { name: string; needle: string; occurrence?: number; scope: string }[] = [
    { name: 'the first line is the headline', needle: 'Port authority', scope: 'markup.heading.headline.news-article' },
    { name: 'a figure in the headline keeps its figure scope', needle: '12 percent', scope: 'constant.numeric' },
    {
      name: 'a unit word after a figure is a unit',
      needle: 'percent',
      scope: 'keyword.other.unit.news-article',
    },
    { name: 'a quote in the headline is a string', needle: 'difficult', scope: 'string.quoted.double.news-article' },
    { name: 'the dateline place is bold', needle: 'KELDMOUTH', scope: 'markup.bold.dateline.place.news-article' },
    { name: 'the dateline date is a date', needle: 'March 4', scope: 'constant.other.date.news-article' },
    {
      name: 'the dateline agency is an organisation tag',
      needle: 'Coastwire',
      scope: 'entity.name.tag.agency.news-article',
    },
    { name: 'an approximator before a figure', needle: 'about', scope: 'keyword.other.approximator.news-article' },
    { name: 'a decimal figure', needle: '3.2', scope: 'constant.numeric.figure.news-article' },
    { name: 'a scale word after a figure', needle: 'million tonnes', scope: 'keyword.other.unit.news-article' },
    {
      name: 'a reporting verb is an attribution cue',
      needle: 'said on Monday',
      scope: 'keyword.other.attribution.news-article',
    },
    {
      name: 'the opening curly quote mark',
      needle: '“We lost',
      scope: 'punctuation.definition.string.begin.news-article',
    },
    { name: 'words inside a curly quote', needle: 'lost', scope: 'string.quoted.double.news-article' },
    { name: 'a currency sign', needle: '$40', scope: 'keyword.other.unit.currency.news-article' },
    {
      name: 'a figure inside a quote is still a figure',
      needle: '40 million',
      scope: 'constant.numeric.figure.news-article',
    },
    {
      name: 'a quote inside a quote is a single-quoted string',
      needle: 'temporary',
      scope: 'string.quoted.single.news-article',
    },
    {
      name: 'a thousands separator stays in one figure',
      needle: '1,200',
      scope: 'constant.numeric.figure.news-article',
    },
    { name: 'a multi-word approximator', needle: 'more than', scope: 'keyword.other.approximator.news-article' },
    {
      name: 'a loaded verb is marked as loaded',
      needle: 'claimed',
      scope: 'keyword.other.attribution.loaded.news-article',
    },
    { name: '"according to" is a cue', needle: 'According to', scope: 'keyword.other.attribution.news-article' },
    { name: 'a percent sign is a unit', needle: '%', scope: 'keyword.other.unit.news-article' },
    { name: 'a straight double quote is a string', needle: 'were told', scope: 'string.quoted.double.news-article' },
    {
      name: 'a straight single quote inside it is nested',
      needle: 'wait and see',
      scope: 'string.quoted.single.news-article',
    },
    {
      name: 'a cue after the quote closes',
      needle: 'said.',
      occurrence: 0,
      scope: 'keyword.other.attribution.news-article',
    },
  ];

  for (const testCase of cases) {
    void it(testCase.name, () => {
      const scopes = scopesAt(article, testCase.needle, testCase.occurrence);
      assert.ok(hasScope(scopes, testCase.scope), `"${testCase.needle}" has scopes ${scopes.join(' ')}`);
    });
  }

  const notScoped: { name: string; needle: string; scope: string }[] = [
    { name: 'the second paragraph is not a headline', needle: 'Cargo handled', scope: 'markup.heading' },
    { name: 'a cue inside a quote is not a cue', needle: 'told', scope: 'keyword.other.attribution' },
    { name: 'an apostrophe does not open a quote', needle: 'comment', scope: 'string.quoted' },
    { name: 'the text after a closed quote is not a string', needle: 'said harbourmaster', scope: 'string.quoted' },
  ];
  for (const testCase of notScoped) {
    void it(testCase.name, () => {
      const scopes = scopesAt(article, testCase.needle);
      assert.ok(
        !hasScope(scopes, testCase.scope),
        `"${testCase.needle}" should not have ${testCase.scope}: ${scopes.join(' ')}`,
      );
    });
  }

  void it('does not treat digits inside a word as a figure', () => {
    const text = 'Headline\n\nThe G7 ministers met on the A14 road near COVID-19 clinics.';
    for (const needle of ['7 ministers', '14 road']) {
      assert.ok(!hasScope(scopesAt(text, needle), 'constant.numeric'), `${needle} is part of a word`);
    }
  });

  void it('does not mark an approximator word that has no number after it', () => {
    const text = 'Headline\n\nSome residents left, and about half stayed.';
    for (const needle of ['Some', 'about']) {
      assert.ok(!hasScope(scopesAt(text, needle), 'keyword.other.approximator'), needle);
    }
  });

  void it('does not find a headline on a later line', () => {
    const text = '\nSecond line looks like a headline\nThird line';
    for (const needle of ['Second line', 'Third line']) {
      assert.ok(!hasScope(scopesAt(text, needle), 'markup.heading'), needle);
    }
  });

  void it('ends an unclosed quote at the end of its paragraph', () => {
    const text = 'Headline\n\n“This quote never closes, said the mayor.\n\nThe next paragraph is plain text.';
    assert.ok(hasScope(scopesAt(text, 'never closes'), 'string.quoted.double'));
    assert.ok(!hasScope(scopesAt(text, 'next paragraph'), 'string.quoted'));
  });

  void it('keeps a quote open across a hard-wrapped line inside one paragraph', () => {
    const text = 'Headline\n\n“This quote is wrapped\nonto a second line,” the mayor said.';
    assert.ok(hasScope(scopesAt(text, 'onto a second'), 'string.quoted.double'));
    assert.ok(!hasScope(scopesAt(text, 'the mayor'), 'string.quoted'));
  });

  void it('treats a curly apostrophe inside a nested quote as an apostrophe', () => {
    const text = 'Headline\n\n“She told me ‘we can’t wait’ and left,” he said.';
    assert.ok(hasScope(scopesAt(text, 't wait'), 'string.quoted.single'));
    assert.ok(!hasScope(scopesAt(text, 'and left'), 'string.quoted.single'));
  });

  void it('tokenises every fixture article without a quote running past its paragraph', () => {
    const files = readdirSync(fixturesDir).filter((name) => !name.startsWith('.'));
    assert.ok(files.length > 0, 'there are fixture articles');
    for (const name of files) {
      const text = readFileSync(join(fixturesDir, name), 'utf8');
      const tokens = tokenise(text);
      const lines = text.split(/\r?\n/);
      // Every blank line ends all quotes, so no token on one may carry a string scope.
      for (const token of tokens) {
        if ((lines[token.line] ?? '').trim() === '') {
          assert.ok(!hasScope(token.scopes, 'string.quoted'), `${name}:${token.line + 1} is inside a quote`);
        }
      }
      assert.ok(
        tokens.some((token) => hasScope(token.scopes, 'markup.heading.headline')),
        `${name} has a headline`,
      );
    }
  });
});
