// The pure helpers behind the server's cross-article index: which files it reads, its settings,
// the line-start tables of closed files, the workspace symbol query, and the index lookups that
// references, hovers and the workspace views use.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyse } from '../../server/src/analysis/index';
import { LineIndex, LineStarts } from '../../server/src/lineIndex';
import { readCrossArticleSettings } from '../../server/src/lsp/settings';
import {
  articleLanguageOf,
  enabledExcludeGlobs,
  excludeMatcher,
  isArticleFileFor,
  relativePathIn,
} from '../../server/src/lsp/workspaceFiles';
import { articleCountLabel, matchesQuery } from '../../server/src/lsp/workspaceSymbols';
import { figureKey, WorkspaceIndex } from '../../server/src/workspace/index';

void describe('article files of the workspace', () => {
  const languages: Array<[string, string | undefined]> = [
    ['brief.news', 'news-article'],
    ['brief.article', 'news-article'],
    ['brief.article.txt', 'news-article'],
    ['BRIEF.NEWS', 'news-article'],
    ['notes.txt', 'plaintext'],
    ['story.md', 'markdown'],
    ['data.json', undefined],
    ['story.md.bak', undefined],
  ];
  for (const [name, language] of languages) {
    void it(`${name} opens as ${String(language)}`, () => assert.equal(articleLanguageOf(name), language));
  }

  void it('newsClaims.languages picks the files: .article.txt stays a news article without plaintext', () => {
    assert.equal(isArticleFileFor('a.article.txt', ['news-article']), true);
    assert.equal(isArticleFileFor('a.txt', ['news-article']), false);
    assert.equal(isArticleFileFor('a.md', ['news-article', 'markdown']), true);
    assert.equal(isArticleFileFor('a.md', []), false);
  });

  void it('files.exclude contributes only the globs switched on', () => {
    assert.deepEqual(
      enabledExcludeGlobs({ '**/.git': true, '**/old': true, '**/keep': false, '**/*.js': { when: '$(basename).ts' } }),
      ['**/.git', '**/old'],
    );
    assert.deepEqual(enabledExcludeGlobs(null), []);
    assert.deepEqual(enabledExcludeGlobs(['**/old']), []);
  });

  const exclusions: Array<[string[], string, boolean]> = [
    [['drafts/**'], 'drafts/a.md', true],
    [['drafts/**'], 'desk/drafts/a.md', false],
    [['**/drafts'], 'desk/drafts/a.md', true],
    [['**/old'], 'old', true],
    [['**/*.article.txt'], 'x/y.article.txt', true],
    [['**/.archive'], '.archive/a.news', true],
    [['*.md'], 'desk/a.md', false],
    [[], 'a.md', false],
    [[' '], 'a.md', false],
  ];
  for (const [globs, relative, excluded] of exclusions) {
    void it(`${JSON.stringify(globs)} ${excluded ? 'excludes' : 'keeps'} ${relative}`, () => {
      assert.equal(excludeMatcher(globs)(relative), excluded);
    });
  }

  void it('a file URI is placed under its folder, with escapes decoded', () => {
    assert.equal(relativePathIn('file:///ws', 'file:///ws/desk/a%20b.md'), 'desk/a b.md');
    assert.equal(relativePathIn('file:///ws/', 'file:///ws/a.md'), 'a.md');
    assert.equal(relativePathIn('file:///ws', 'file:///wsx/a.md'), undefined);
  });
});

void describe('cross-article settings', () => {
  const cases: Array<[string, unknown, { enabled: boolean; exclude: string[]; languages: string[] }, number]> = [
    ['defaults', undefined, { enabled: true, exclude: [], languages: ['news-article', 'plaintext', 'markdown'] }, 0],
    [
      'switched off',
      { crossArticle: { enabled: false } },
      { enabled: false, exclude: [], languages: ['news-article', 'plaintext', 'markdown'] },
      0,
    ],
    [
      'globs and languages',
      { exclude: ['drafts/**'], languages: ['markdown'] },
      { enabled: true, exclude: ['drafts/**'], languages: ['markdown'] },
      0,
    ],
    [
      'a string where a boolean belongs',
      { crossArticle: { enabled: 'no' } },
      { enabled: true, exclude: [], languages: ['news-article', 'plaintext', 'markdown'] },
      1,
    ],
    [
      'one glob instead of a list',
      { exclude: 'drafts/**' },
      { enabled: true, exclude: [], languages: ['news-article', 'plaintext', 'markdown'] },
      1,
    ],
  ];
  for (const [name, raw, expected, problems] of cases) {
    void it(name, () => {
      const settings = readCrossArticleSettings(raw);
      assert.deepEqual(
        { enabled: settings.enabled, exclude: settings.exclude, languages: settings.languages },
        expected,
      );
      assert.equal(settings.problems.length, problems);
      for (const problem of settings.problems) {
        assert.match(problem, /Setting newsClaims\.(crossArticle\.enabled|exclude)/);
      }
    });
  }
});

void describe('LineStarts', () => {
  void it('gives the positions LineIndex gives, for LF, CRLF, CR and surrogate pairs', () => {
    const text = 'first line\r\nsecond 😀 line\rthird\n\nfifth';
    const full = new LineIndex(text);
    const compact = LineStarts.of(text);
    for (let offset = -1; offset <= text.length + 1; offset++) {
      assert.deepEqual(compact.positionAt(offset), full.positionAt(offset), `offset ${offset}`);
    }
  });
});

void describe('workspace symbol query', () => {
  const cases: Array<[string, string, boolean]> = [
    ['Andrey Sokolin', 'sokolin', true],
    ['Andrey Sokolin', 'ASok', true],
    ['Andrey Sokolin', 'andrey sokolin', true],
    ['Andrey Sokolin', '', true],
    ['Andrey Sokolin', 'nikolin', false],
  ];
  for (const [name, query, matches] of cases) {
    void it(`"${query}" ${matches ? 'matches' : 'does not match'} ${name}`, () => {
      assert.equal(matchesQuery(name, query), matches);
    });
  }
  void it('counts articles in words', () => {
    assert.equal(articleCountLabel(1), '1 article');
    assert.equal(articleCountLabel(3), '3 articles');
  });
});

const cross = (name: string): string => readFileSync(new URL(`../fixtures/cross/${name}`, import.meta.url), 'utf8');

function harbourIndex(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const name of ['harbour-a.md', 'harbour-b.md', 'harbour-c.md']) {
    const text = cross(name);
    index.update(name, analyse(text), text);
  }
  return index;
}

void describe('WorkspaceIndex lookups for the language server', () => {
  void it('finds a cluster by any resolved name, the bare surname included', () => {
    const index = harbourIndex();
    assert.equal(index.clusterOf('person', 'Andrei Sokolin')?.canonical, 'Andrey Sokolin');
    // An article that never gives the full name: its bare surname joins the one full-name cluster.
    const bare = 'The admiral spoke on Monday. Sokolin said the patrol would continue, Sokolin told reporters.';
    index.update('bare.md', analyse(bare), bare);
    const surname = index.clusterOf('person', 'Sokolin');
    assert.equal(surname?.canonical, 'Andrey Sokolin');
    assert.ok(surname !== undefined && index.mentionsOf(surname).some((mention) => mention.uri === 'bare.md'));
    assert.equal(index.clusterOf('person', 'Nobody Here'), undefined);
  });

  void it('lists every mention of a cluster, article by article in text order', () => {
    const index = harbourIndex();
    const cluster = index.clusterOf('person', 'Andrey Sokolin');
    assert.ok(cluster);
    const mentions = index.mentionsOf(cluster);
    const inC = mentions.filter((mention) => mention.uri === 'harbour-c.md').map((mention) => mention.text);
    assert.deepEqual(inC, ['Andrey Sokolin', 'Andrey Sokolin']);
    assert.deepEqual(
      [...new Set(mentions.map((mention) => mention.uri))],
      ['harbour-a.md', 'harbour-b.md', 'harbour-c.md'],
    );
    for (const mention of mentions) {
      assert.equal(cross(mention.uri).slice(mention.start, mention.end), mention.text);
    }
  });

  void it('finds the figure under an offset and the same measure in the other articles', () => {
    const index = harbourIndex();
    const textB = cross('harbour-b.md');
    const offset = textB.indexOf('1,900 containers') + 3;
    const figure = index.figureAt('harbour-b.md', offset);
    assert.equal(figure?.text, '1,900 containers');
    assert.ok(figure);
    const elsewhere = index.sameMeasureElsewhere(figure);
    assert.deepEqual(
      elsewhere.map((other) => [other.uri, other.text]),
      [['harbour-a.md', '2,300 containers']],
    );
    assert.equal(index.figureAt('harbour-b.md', textB.indexOf('VALMORA')), undefined);
  });

  void it('marks the figures in a cross-article conflict, and only those', () => {
    const index = harbourIndex();
    const conflicts = index.conflictingFigures();
    const textA = cross('harbour-a.md');
    const textB = cross('harbour-b.md');
    assert.ok(conflicts.has(figureKey('harbour-a.md', textA.indexOf('2,300 containers'))));
    assert.ok(conflicts.has(figureKey('harbour-b.md', textB.indexOf('1,900 containers'))));
    assert.equal(conflicts.has(figureKey('harbour-b.md', textB.indexOf('338 vessels'))), false);
  });

  void it('keeps short excerpts of claims and sentences, not article texts', () => {
    const index = harbourIndex();
    const claims = index.sources().flatMap((source) => source.claims);
    assert.ok(claims.length > 0);
    for (const claim of claims) {
      assert.ok(claim.excerpt.length <= 161, claim.excerpt);
      assert.ok(cross(claim.uri).replace(/\s+/g, ' ').includes(claim.excerpt.replace(/…$/, '')));
    }
    assert.equal(index.size, 3);
  });
});
