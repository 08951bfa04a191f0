// Rules of the cross-article index: name keys, figure comparison, and the index's incremental
// bookkeeping. Rule tests are tables of sentence pairs written for these tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseConfig } from '../../server/src/analysis/config';
import { analyse } from '../../server/src/analysis/index';
import {
  isComparableUnit,
  roundingSlack,
  unitLemma,
  valueRange,
  valuesConsistent,
} from '../../server/src/workspace/figures';
import { isStyleVariant, MAX_RELATED_ARTICLES, WorkspaceIndex } from '../../server/src/workspace/index';
import { clusterKeyFunction, nameKey, spellingsAgree } from '../../server/src/workspace/keys';

void describe('name keys', () => {
  const same: Array<[string, string]> = [
    ['Andrey Kartsev', 'Andrei Kartsev'],
    ['Sergey Orlov', 'Sergei Orlov'],
    ['Aleksandr Petrenko', 'Alexander Petrenko'],
    ['Yuri Danilov', 'Yury Danilov'],
    ['Dmitriy Lebed', 'Dmitry Lebed'],
    ['Mohammed Haddad', 'Muhammad Haddad'],
    ['Ministry of Defense', 'Ministry of Defence'],
    ['National Organization of Ports', 'National Organisation of Ports'],
    ['Jürgen Vogt', 'Jurgen Vogt'],
    // Two words may both differ when each difference is a transliteration (y/i here).
    ['Sergey Shoygu', 'Sergei Shoigu'],
  ];
  for (const [a, b] of same) {
    void it(`${a} and ${b} are one name`, () => {
      assert.equal(nameKey(a), nameKey(b));
      assert.ok(spellingsAgree(a, b));
    });
  }
  const different: Array<[string, string]> = [
    ['Andrey Kartsev', 'Andrey Kartsova'],
    ['Sergey Orlov', 'Sergey Orlov Jr'],
    ['Vladimir Putin', 'Vladimir Peyton'],
    ['Maria Lind', 'Mario Lind'],
    // Both words differ and neither by transliteration: two people, not one misspelt.
    ['Dean Baker', 'Dan Backer'],
  ];
  for (const [a, b] of different) {
    void it(`${a} and ${b} are different names`, () => {
      assert.ok(!(nameKey(a) === nameKey(b) && spellingsAgree(a, b)));
    });
  }
  // Names the rules cannot tell apart (two people whose names differ by one inner vowel) need the
  // user's `clusters.split`; merge joins spellings no rule would (a kunya and a full name).
  void it('clusters.split keeps a look-alike apart and clusters.merge joins unrelated spellings', () => {
    const key = clusterKeyFunction({ merge: [['Abu Karim', 'Karim al-Hasan']], split: ['Maria Lind'] });
    assert.notEqual(key('person', 'Maria Lind'), key('person', 'Mario Lind'));
    assert.equal(key('person', 'Abu Karim'), key('person', 'karim al-hasan'));
    assert.equal(key('person', 'Andrey Kartsev'), key('person', 'Andrei Kartsev'));
  });
});

void describe('house style is not a name variant', () => {
  const table: Array<[string, string, boolean]> = [
    ['USA TODAY', 'USA Today', true],
    ['Wikileaks', 'WikiLeaks', true],
    ['U.N. Security Council', 'UN Security Council', true],
    ["Martin O'Malley", 'Martin O’Malley', true],
    ['al-Qaeda', 'Al Qaeda', true],
    ['WEEI', 'WWII', true],
    ['Navy SEALs', 'Navy SEALS', true],
    ['Iowa Caucuses', 'Iowa Caucus', true],
    ['Harbour Pilot', 'Harbour Pilots', true],
    ['HIllary Clinton', 'Hillary Clinton', false],
    ['Rahm Emanual', 'Rahm Emanuel', false],
    ['Andrei Sokolin', 'Andrey Sokolin', false],
  ];
  for (const [a, b, expected] of table) {
    void it(`${a} / ${b}: ${expected ? 'house style' : 'a spelling difference'}`, () =>
      assert.equal(isStyleVariant(a, b), expected));
  }
});

void describe('figure rules', () => {
  const lemmas: Array<[string, string]> = [
    ['sorties', 'sortie'],
    ['casualties', 'casualty'],
    ['boxes', 'box'],
    ['people', 'person'],
    ['militants', 'militant'],
    ['mercenaries', 'mercenary'],
    ['aircraft', 'aircraft'],
    ['patrol boats', 'patrol boat'],
  ];
  for (const [unit, lemma] of lemmas) {
    void it(`lemma of ${unit} is ${lemma}`, () => assert.equal(unitLemma(unit), lemma));
  }
  for (const unit of ['days', 'years', '%', 'USD', undefined]) {
    void it(`${String(unit)} is not a comparable unit`, () => assert.equal(isComparableUnit(unit), false));
  }
  const pairs: Array<{ a: [number, string | undefined]; b: [number, string | undefined]; consistent: boolean }> = [
    { a: [670, 'about'], b: [669, undefined], consistent: true },
    { a: [670, 'about'], b: [600, undefined], consistent: false },
    { a: [669, undefined], b: [670, undefined], consistent: false },
    { a: [60, 'more than'], b: [670, undefined], consistent: true },
    { a: [60, 'fewer than'], b: [670, undefined], consistent: false },
    { a: [340, 'nearly'], b: [338, undefined], consistent: true },
    { a: [340, 'nearly'], b: [345, undefined], consistent: false },
    { a: [12, undefined], b: [12, undefined], consistent: true },
  ];
  const slack: Array<[string, number]> = [
    ['2,300 containers', 0],
    ['two million members', 500_000],
    ['2.1 million members', 50_000],
    ['3.75 billion dollars', 5_000_000],
    ['40,000 troops', 0],
  ];
  for (const [written, expected] of slack) {
    void it(`"${written}" is precise to within ${expected}`, () => assert.equal(roundingSlack(written), expected));
  }
  for (const { a, b, consistent } of pairs) {
    void it(`${a[1] ?? ''} ${a[0]} vs ${b[1] ?? ''} ${b[0]}: ${consistent ? 'consistent' : 'conflict'}`, () => {
      assert.equal(valuesConsistent(valueRange(a[0], undefined, a[1]), valueRange(b[0], undefined, b[1])), consistent);
    });
  }
});

/**
 * Indexes sentence pairs as two one-paragraph articles and returns the findings of the first.
 * `dates` gives the two articles' dates, as a dateline or the configuration would.
 */
function crossFindings(
  first: string,
  second: string,
  dates: [string, string] | null = null,
): { code: string; reason: string; message: string }[] {
  const index = new WorkspaceIndex();
  index.update('one.md', analyse(first, dates === null ? {} : { articleDate: dates[0] }), first);
  index.update('two.md', analyse(second, dates === null ? {} : { articleDate: dates[1] }), second);
  return index.findingsFor('one.md').map(({ code, reason, message }) => ({ code, reason, message }));
}

void describe('figure comparison across articles (sentence pairs)', () => {
  const table: Array<{ name: string; first: string; second: string; reason: string | null }> = [
    {
      name: 'different values of the same measure and period conflict',
      first: 'Port officials said 2,300 containers were handled at the harbour in the first week.',
      second: 'Port officials said 1,900 containers were handled at the harbour in the first week.',
      reason: 'cross.figure-mismatch',
    },
    {
      name: 'an approximate value admits a close exact one',
      first: 'The navy said it had intercepted about 340 vessels since March 1.',
      second: 'The navy said it had intercepted 338 vessels since March 1.',
      reason: null,
    },
    {
      name: 'different stated periods are never compared',
      first: 'The navy said it had intercepted 338 vessels since March 1.',
      second: 'The navy said it had intercepted more than 40 vessels in the first three days.',
      reason: null,
    },
    {
      name: 'a period stated on one side only is not compared',
      first: 'The navy said it had intercepted 338 vessels since March 1.',
      second: 'The navy said it had intercepted 40 vessels.',
      reason: null,
    },
    {
      name: 'different nouns are different measures',
      first: 'The navy said 30 vessels were seized.',
      second: 'The navy said 45 crews were detained.',
      reason: null,
    },
    {
      name: 'the same large value under another noun is flagged',
      first: 'The admiral said some 450 smugglers were detained in the raids.',
      second: 'The admiral said some 450 traffickers were detained in the raids.',
      reason: 'cross.same-value-other-noun',
    },
    {
      name: 'the same value under another noun is flagged whatever the qualifiers',
      first: 'The admiral said 450 smugglers were detained in the raids.',
      second: 'The admiral said some 450 traffickers were detained in the raids.',
      reason: 'cross.same-value-other-noun',
    },
    {
      name: 'a time frame after a second number belongs to that number',
      first: 'The coastal navy said it had intercepted about 340 vessels, almost 90 of them last week.',
      second: 'The coastal navy said it had intercepted 200 vessels.',
      reason: 'cross.figure-mismatch',
    },
    {
      name: 'the same value under another noun about another subject is not flagged',
      first: 'The admiral said 450 smugglers were detained in the raids.',
      second: 'The mayor said 450 teachers would get a pay rise next spring.',
      reason: null,
    },
    {
      name: 'figures of one noun about different subjects are not compared',
      first: 'The church said it has 1,600 members worldwide.',
      second: 'The party committee said it has 447 members.',
      reason: null,
    },
    {
      name: 'values more than twice apart count different things',
      first: 'Port officials said 52,000 containers were handled at the harbour.',
      second: 'Port officials said 370 containers were handled at the harbour.',
      reason: null,
    },
    {
      name: 'small counts are never a conflict',
      first: 'Port officials said four cranes were working at the harbour.',
      second: 'Port officials said six cranes were working at the harbour.',
      reason: null,
    },
    {
      name: 'the same small value under another noun is not flagged',
      first: 'The admiral said 12 boats took part.',
      second: 'The admiral said 12 crews took part.',
      reason: null,
    },
  ];
  for (const { name, first, second, reason } of table) {
    void it(name, () => {
      const reasons = crossFindings(first, second).map((finding) => finding.reason);
      assert.deepEqual(reasons, reason === null ? [] : [reason]);
    });
  }

  // The precision rules (docs/cross-article.md, "Same subject, same moment"). Each rule that
  // silences a pair has a control row that differs only in what the rule looks at and does
  // report, so a row passes because of that rule and not because the pair is never compared.
  const precision: Array<{
    rule: string;
    name: string;
    first: string;
    second: string;
    dates?: [string, string];
    reason: string | null;
  }> = [
    {
      rule: 'names',
      name: 'two sentences that name different places are about different things',
      first:
        'Dock crews in Rotterdam unloaded 2,300 containers at the main quay in the first week, port officials said.',
      second:
        'Dock crews in Antwerp unloaded 1,900 containers at the main quay in the first week, port officials said.',
      reason: null,
    },
    {
      rule: 'names',
      name: 'control: the same place in both sentences is compared',
      first:
        'Dock crews in Rotterdam unloaded 2,300 containers at the main quay in the first week, port officials said.',
      second:
        'Dock crews in Rotterdam unloaded 1,900 containers at the main quay in the first week, port officials said.',
      reason: 'cross.figure-mismatch',
    },
    {
      rule: 'names',
      name: 'the speakers who report a figure are not its subject, so different speakers are compared',
      first: 'The Harbour Authority said 2,300 containers were unloaded at the main quay in the first week.',
      second: 'Harbour master Lars Berg said 1,900 containers were unloaded at the main quay in the first week.',
      reason: 'cross.figure-mismatch',
    },
    {
      rule: 'names',
      name: 'speakers after the figure are left out as well',
      first: 'About 2,300 containers were unloaded at the main quay in the first week, the Harbour Authority said.',
      second: '1,900 containers were unloaded at the main quay in the first week, Lars Berg told reporters.',
      reason: 'cross.figure-mismatch',
    },
    {
      rule: 'holders',
      name: 'different people named just before the figures hold different counts',
      first: 'Ingrid Solberg won 2,300 votes in the first round of the mayoral race in Rotterdam.',
      second: 'Petter Aasen won 1,900 votes in the first round of the mayoral race in Rotterdam.',
      reason: null,
    },
    {
      rule: 'holders',
      name: 'control: the same person before both figures is compared',
      first: 'Ingrid Solberg won 2,300 votes in the first round of the mayoral race in Rotterdam.',
      second: 'Ingrid Solberg won 1,900 votes in the first round of the mayoral race in Rotterdam.',
      reason: 'cross.figure-mismatch',
    },
    {
      rule: 'survey',
      name: 'sample sizes of polls that name no pollster are not compared',
      first: 'Support for the new bridge stood at 54 percent in a poll of 1,200 adults.',
      second: 'Support for the new bridge stood at 51 percent in a poll of 1,000 adults.',
      reason: null,
    },
    {
      rule: 'survey',
      name: 'control: sample sizes of one named pollster are compared',
      first: 'Support for the new bridge stood at 54 percent in a Nordic Research Institute poll of 1,200 adults.',
      second: 'Support for the new bridge stood at 51 percent in a Nordic Research Institute poll of 1,000 adults.',
      reason: 'cross.figure-mismatch',
    },
    {
      rule: 'survey',
      name: 'control: a pollster that is the speaker ("the … poll found") counts as named',
      first:
        'A Nordic Research Institute poll of 1,200 adults found that support for the new bridge stood at 54 percent.',
      second:
        'A Nordic Research Institute poll of 1,000 adults found that support for the new bridge stood at 51 percent.',
      reason: 'cross.figure-mismatch',
    },
    {
      rule: 'snapshot',
      name: 'counts true "still" at the time of writing are not compared without article dates',
      first: 'There are still 14 candidates in the race for mayor of Halden.',
      second: 'There are still 11 candidates in the race for mayor of Halden.',
      reason: null,
    },
    {
      rule: 'snapshot',
      name: 'control: counts true "still" in two articles of the same date are compared',
      first: 'There are still 14 candidates in the race for mayor of Halden.',
      second: 'There are still 11 candidates in the race for mayor of Halden.',
      dates: ['2026-03-02', '2026-03-02'],
      reason: 'cross.figure-mismatch',
    },
    {
      rule: 'dates',
      name: 'untimed counts in articles of different dates are not compared',
      first: 'Port officials said 2,300 containers were unloaded at the harbour.',
      second: 'Port officials said 1,900 containers were unloaded at the harbour.',
      dates: ['2026-03-02', '2026-03-05'],
      reason: null,
    },
    {
      rule: 'dates',
      name: 'control: untimed counts in articles of the same date are compared',
      first: 'Port officials said 2,300 containers were unloaded at the harbour.',
      second: 'Port officials said 1,900 containers were unloaded at the harbour.',
      dates: ['2026-03-02', '2026-03-02'],
      reason: 'cross.figure-mismatch',
    },
    {
      rule: 'rounding',
      name: 'a round figure with a scale word admits the precise one',
      first: 'The dockworkers union said it has 2 million members across the country.',
      second: 'The dockworkers union said it has 2.1 million members across the country.',
      reason: null,
    },
    {
      rule: 'rounding',
      name: 'control: two figures precise to a tenth of a million that differ conflict',
      first: 'The dockworkers union said it has 2.4 million members across the country.',
      second: 'The dockworkers union said it has 2.1 million members across the country.',
      reason: 'cross.figure-mismatch',
    },
    {
      rule: 'same noun',
      name: 'a fuller description of the same count is not another noun',
      first: 'The minister said 450 Syrian refugees were resettled in the coastal region this year.',
      second: 'The minister said 450 Syrians were resettled in the coastal region this year.',
      reason: null,
    },
    {
      rule: 'same noun',
      name: 'a noun used as a modifier of the other figure is the same noun',
      first: 'The party chairman said a candidate needs 1,200 delegates to win the leadership contest.',
      second:
        'The party chairman said no candidate has passed the 1,200 delegate threshold for the leadership contest.',
      reason: null,
    },
    {
      rule: 'same noun',
      name: '"people" is not another noun for the people a specific noun counts',
      first: 'The council said 4,500 people were evacuated from the river district overnight.',
      second: 'The council said 4,500 tenants were evacuated from the river district overnight.',
      reason: null,
    },
    {
      rule: 'same noun',
      name: 'control: two specific nouns for one value are flagged',
      first: 'The council said 4,500 families were evacuated from the river district overnight.',
      second: 'The council said 4,500 tenants were evacuated from the river district overnight.',
      reason: 'cross.same-value-other-noun',
    },
  ];
  for (const { rule, name, first, second, dates, reason } of precision) {
    void it(`${rule}: ${name}`, () => {
      const reasons = crossFindings(first, second, dates ?? null).map((finding) => finding.reason);
      assert.deepEqual(reasons, reason === null ? [] : [reason]);
    });
  }

  void it('an article that gives two inconsistent values for one measure is not compared', () => {
    const findings = crossFindings(
      'The navy said 30 vessels were seized. Later it said 90 vessels were seized.',
      'The navy said 50 vessels were seized.',
    );
    assert.deepEqual(findings, []);
  });
});

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/cross/${name}`, import.meta.url), 'utf8');

function harbourIndex(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const name of ['harbour-a.md', 'harbour-b.md', 'harbour-c.md']) {
    const text = fixture(name);
    index.update(name, analyse(text), text);
  }
  return index;
}

void describe('WorkspaceIndex on the harbour fixtures', () => {
  void it('clusters the admiral across spellings with the majority spelling as canonical', () => {
    const admiral = harbourIndex()
      .clusters()
      .find((cluster) => cluster.variants.includes('Andrei Sokolin'));
    assert.ok(admiral);
    assert.equal(admiral.canonical, 'Andrey Sokolin');
    assert.deepEqual([...admiral.variants].sort(), ['Andrei Sokolin', 'Andrey Sokolin', 'Sokolin']);
    assert.equal(admiral.uris.length, 3);
  });

  void it('flags the minority spelling with the preferred one and points at the other articles', () => {
    const variants = harbourIndex()
      .findingsFor('harbour-b.md')
      .filter((finding) => finding.code === 'name-variant');
    const text = fixture('harbour-b.md');
    assert.deepEqual(
      variants.map((finding) => [text.slice(finding.start, finding.end), finding.data?.preferred]),
      [
        ['Andrei Sokolin', 'Andrey Sokolin'],
        ['Andrei Sokolin', 'Andrey Sokolin'],
        ['Defence Ministry', 'Defense Ministry'],
      ],
    );
    assert.deepEqual(variants[0]?.related?.map((related) => related.uri).sort(), ['harbour-a.md', 'harbour-c.md']);
    assert.equal(
      harbourIndex()
        .findingsFor('harbour-a.md')
        .some((finding) => finding.code === 'name-variant'),
      false,
    );
  });

  void it('reports the container conflict both ways and leaves consistent vessel counts alone', () => {
    const index = harbourIndex();
    const conflictsA = index.findingsFor('harbour-a.md').filter((f) => f.reason === 'cross.figure-mismatch');
    assert.equal(conflictsA.length, 1);
    const textA = fixture('harbour-a.md');
    assert.equal(textA.slice(conflictsA[0]?.start, conflictsA[0]?.end), '2,300 containers');
    const related = conflictsA[0]?.related?.[0];
    assert.equal(related?.uri, 'harbour-b.md');
    assert.match(fixture('harbour-b.md').slice(related?.start, related?.end), /1,900 containers/);
    assert.equal(index.findingsFor('harbour-c.md').length, 0);
  });

  void it('remove and update only change what the article contributed', () => {
    const index = harbourIndex();
    index.remove('harbour-b.md');
    assert.deepEqual(index.findingsFor('harbour-b.md'), []);
    assert.equal(
      index.findingsFor('harbour-a.md').some((finding) => finding.reason === 'cross.figure-mismatch'),
      false,
    );
    assert.equal(
      index
        .clusters()
        .find((cluster) => cluster.canonical === 'Andrey Sokolin')
        ?.variants.includes('Andrei Sokolin'),
      false,
    );
    const fixed = fixture('harbour-b.md').replaceAll('Andrei', 'Andrey').replace('1,900', '2,300');
    index.update('harbour-b.md', analyse(fixed), fixed);
    assert.deepEqual(
      index
        .findingsFor('harbour-b.md')
        .filter((finding) => finding.code === 'name-variant' && finding.message.includes('Sokolin')),
      [],
    );
    assert.equal(
      index.findingsFor('harbour-a.md').some((finding) => finding.reason === 'cross.figure-mismatch'),
      false,
    );
    assert.deepEqual(index.uris(), ['harbour-a.md', 'harbour-c.md', 'harbour-b.md']);
  });

  void it('an acronym and the full name are one cluster and never a name variant', () => {
    const index = new WorkspaceIndex();
    const first = 'The Islamic State said on Monday that its fighters had left the town.';
    const second = 'ISIS said on Monday that its fighters had left the town, the monitor reported.';
    index.update('one.md', analyse(first), first);
    index.update('two.md', analyse(second), second);
    const cluster = index.clusters().find((entry) => entry.variants.includes('ISIS'));
    assert.equal(cluster?.canonical, 'Islamic State');
    assert.deepEqual(cluster?.uris, ['one.md', 'two.md']);
    assert.deepEqual(index.findingsFor('two.md'), []);
  });

  void it('a variant of a name many articles use lists a few of them and counts them all', () => {
    const index = new WorkspaceIndex();
    const majority = 'Admiral Andrey Sokolin said the harbour would reopen on Monday.';
    for (let article = 0; article < MAX_RELATED_ARTICLES + 2; article++) {
      index.update(`majority-${article}.md`, analyse(majority), majority);
    }
    const minority = 'Admiral Andrei Sokolin said the harbour would reopen on Monday.';
    index.update('minority.md', analyse(minority), minority);
    const [variant] = index.findingsFor('minority.md');
    assert.equal(
      variant?.message,
      `"Andrei Sokolin" is spelt "Andrey Sokolin" in ${MAX_RELATED_ARTICLES + 2} other articles`,
    );
    assert.equal(variant.related?.length, MAX_RELATED_ARTICLES);
  });

  void it('a caller changing the clusters it was given does not change the index', () => {
    const index = harbourIndex();
    const first = index.clusters();
    first[0]?.variants.splice(0);
    assert.ok((index.clusters()[0]?.variants.length ?? 0) > 0);
  });

  void it('groups figures by measure and lists sources under their canonical names', () => {
    const index = harbourIndex();
    const vessels = index
      .figuresByMeasure()
      .find((group) => group.unit === 'vessel' && group.timeFrame === 'since march 1');
    assert.equal(vessels?.figures.length, 3);
    const names = index.sources().map((source) => source.name);
    assert.ok(names.includes('Andrey Sokolin'));
    assert.ok(!names.includes('Andrei Sokolin'));
  });

  void it('honours clusters.split from the configuration', () => {
    const { config, problems } = parseConfig('{ "clusters": { "split": ["Andrei Sokolin"] } }', '.newsclaims.json');
    assert.deepEqual(problems, []);
    const index = new WorkspaceIndex(config.clusters);
    for (const name of ['harbour-a.md', 'harbour-b.md']) {
      const text = fixture(name);
      index.update(name, analyse(text), text);
    }
    assert.equal(index.findingsFor('harbour-b.md').filter((f) => f.message.includes('Sokolin')).length, 0);
  });
});

void describe('clusters configuration', () => {
  const cases: Array<{ json: string; merge: string[][]; split: string[]; problemKeys: string[] }> = [
    {
      json: '{"clusters": {"merge": [["IS", "Daesh"]], "split": ["Maria Lind"]}}',
      merge: [['IS', 'Daesh']],
      split: ['Maria Lind'],
      problemKeys: [],
    },
    { json: '{"clusters": {"merge": [["Solo"]]}}', merge: [], split: [], problemKeys: ['clusters.merge[0]'] },
    { json: '{"clusters": {"merge": "IS"}}', merge: [], split: [], problemKeys: ['clusters.merge'] },
    { json: '{"clusters": {"splt": []}}', merge: [], split: [], problemKeys: ['clusters.splt'] },
    { json: '{"clusters": {"split": [3]}}', merge: [], split: [], problemKeys: ['clusters.split[0]'] },
    { json: '{"clusters": []}', merge: [], split: [], problemKeys: ['clusters'] },
  ];
  for (const { json, merge, split, problemKeys } of cases) {
    void it(json, () => {
      const { config, problems } = parseConfig(json, 'x.json');
      assert.deepEqual(config.clusters, { merge, split });
      assert.deepEqual(
        problems.map((problem) => problem.key),
        problemKeys,
      );
      assert.ok(problems.every((problem) => problem.file === 'x.json'));
    });
  }
});
