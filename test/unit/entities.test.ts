// Table-driven tests of pass 3: people, organisations and places, with the rule (`reason`) that
// found each one, its canonical name and its title. Every sentence here was written for these
// tests in news style; the people and organisations in them are invented unless well known.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyse, type Entity, type EntityKind, type NewsClaimsConfig } from '../../server/src/analysis/index';

interface Expected {
  text: string;
  kind: EntityKind;
  reason?: string;
  canonical?: string;
  title?: string;
  /** Which occurrence of `text` in the article, counting from 0. */
  occurrence?: number;
}

interface Case {
  name: string;
  text: string;
  config?: Partial<NewsClaimsConfig>;
  expected: Expected[];
  /** Texts that must not be a person, organisation or place on their own. */
  absent?: string[];
}

function named(entities: readonly Entity[]): Entity[] {
  return entities.filter(
    (entity) => entity.kind === 'person' || entity.kind === 'organization' || entity.kind === 'place',
  );
}

function describeEntities(entities: readonly Entity[]): string {
  return named(entities)
    .map(
      (entity) => `${entity.kind}:${entity.text}(${entity.reason}, ${entity.canonical ?? ''}, ${entity.title ?? ''})`,
    )
    .join('; ');
}

function runCases(cases: readonly Case[]): void {
  for (const testCase of cases) {
    void it(testCase.name, () => {
      const analysis = analyse(testCase.text, testCase.config === undefined ? {} : { config: testCase.config });
      const found = describeEntities(analysis.entities);
      for (const expected of testCase.expected) {
        const matches = analysis.entities.filter(
          (entity) => entity.text === expected.text && entity.kind === expected.kind,
        );
        const entity = matches[expected.occurrence ?? 0];
        assert.ok(entity, `expected ${expected.kind} "${expected.text}" in: ${found}`);
        if (expected.reason !== undefined) assert.equal(entity.reason, expected.reason, `reason of "${expected.text}"`);
        if (expected.canonical !== undefined) {
          assert.equal(entity.canonical, expected.canonical, `canonical of "${expected.text}"`);
        }
        if (expected.title !== undefined) assert.equal(entity.title, expected.title, `title of "${expected.text}"`);
      }
      for (const word of testCase.absent ?? []) {
        const wrong = named(analysis.entities).find((entity) => entity.text === word);
        assert.equal(wrong, undefined, `"${word}" should not be an entity, found: ${found}`);
      }
    });
  }
}

void describe('entities: people', () => {
  runCases([
    {
      name: 'a military title before a full name',
      text: 'Colonel General Andrei Kartapolov told reporters that the campaign was going to plan.',
      expected: [
        {
          text: 'Andrei Kartapolov',
          kind: 'person',
          reason: 'person.title+name',
          title: 'Colonel General',
          canonical: 'Andrei Kartapolov',
        },
      ],
    },
    {
      name: 'a head of state',
      text: 'The talks were chaired by President Vladimir Putin in the Black Sea resort.',
      expected: [{ text: 'Vladimir Putin', kind: 'person', reason: 'person.title+name', title: 'President' }],
    },
    {
      name: 'a country before a title: the title keeps it and the country is a place',
      text: 'US Senator John McCain said the strikes had hit moderate rebels.',
      expected: [
        { text: 'John McCain', kind: 'person', title: 'US Senator' },
        { text: 'US', kind: 'place', canonical: 'United States' },
      ],
    },
    {
      name: 'a demonym before a title, and a name with a particle',
      text: 'The delegation later met Syrian President Bashar al-Assad in his palace.',
      expected: [{ text: 'Bashar al-Assad', kind: 'person', title: 'Syrian President' }],
      absent: ['Syrian'],
    },
    {
      name: 'a name with separate particles after an organisation and a title',
      text: 'European Commission President Ursula von der Leyen said the package was ready.',
      expected: [
        { text: 'Ursula von der Leyen', kind: 'person', reason: 'person.title+name' },
        { text: 'European Commission', kind: 'organization' },
      ],
    },
    {
      name: 'a title in lower case',
      text: 'The plan was approved by prime minister Helena Varga on Tuesday.',
      expected: [{ text: 'Helena Varga', kind: 'person', title: 'prime minister' }],
    },
    {
      name: 'surname propagation gives every mention the full name',
      text:
        'Andrei Kartapolov briefed military attachés in the morning.\n\n' +
        'Kartapolov said the desertions were spreading. Later, Gen. Kartapolov repeated the figure.',
      expected: [
        { text: 'Andrei Kartapolov', kind: 'person', reason: 'person.first-name', canonical: 'Andrei Kartapolov' },
        { text: 'Kartapolov', kind: 'person', reason: 'person.surname-propagation', canonical: 'Andrei Kartapolov' },
        { text: 'Kartapolov', kind: 'person', title: 'Gen.', canonical: 'Andrei Kartapolov', occurrence: 1 },
      ],
    },
    {
      // "Liselotte" is in no first-name list: the full name is a person only by its shape or its
      // neighbours, which the document-level step decides, and its surname must still propagate.
      name: 'surname propagation from a full name the paragraph could not classify',
      text:
        'The city engineer, Liselotte Varnstad, said the bridge would cost more.\n\n' +
        'Varnstad added that work would start in May.',
      expected: [
        { text: 'Liselotte Varnstad', kind: 'person', canonical: 'Liselotte Varnstad' },
        { text: 'Varnstad', kind: 'person', reason: 'person.surname-propagation', canonical: 'Liselotte Varnstad' },
      ],
    },
    {
      name: 'surname propagation back to a mention before an unclassified full name',
      text: 'Varnstad declined to comment.\n\nOn Monday, Liselotte Varnstad said the bridge would cost more.',
      expected: [
        { text: 'Varnstad', kind: 'person', reason: 'person.surname-propagation', canonical: 'Liselotte Varnstad' },
        { text: 'Liselotte Varnstad', kind: 'person', canonical: 'Liselotte Varnstad' },
      ],
    },
    {
      name: 'a family named by its plural surname, and a group by a plural name',
      text: 'Hillary Clinton spoke first; the Clintons left early, before the Brewers arrived.',
      expected: [
        { text: 'Clintons', kind: 'person', reason: 'person.family' },
        { text: 'Brewers', kind: 'organization', reason: 'org.the-plural' },
      ],
    },
    {
      name: 'the fullest name wins even when it comes later',
      text: 'Mr. Okafor declined to comment. A spokesman for Daniel Okafor said he was travelling.',
      expected: [
        { text: 'Okafor', kind: 'person', title: 'Mr.', canonical: 'Daniel Okafor' },
        { text: 'Daniel Okafor', kind: 'person', canonical: 'Daniel Okafor' },
      ],
    },
    {
      name: 'honorifics and abbreviated titles',
      text:
        'Dr Helen Marsh and Sen. Tom Alder spoke first. Rep. Dana Whitfield and Gov. Ray Pellman followed, ' +
        'then Prof. Ingrid Sand, Col. Pyotr Lukin and Mrs. Vera Holm.',
      expected: [
        { text: 'Helen Marsh', kind: 'person', title: 'Dr' },
        { text: 'Tom Alder', kind: 'person', title: 'Sen.' },
        { text: 'Dana Whitfield', kind: 'person', title: 'Rep.' },
        { text: 'Ray Pellman', kind: 'person', title: 'Gov.' },
        { text: 'Ingrid Sand', kind: 'person', title: 'Prof.' },
        { text: 'Pyotr Lukin', kind: 'person', title: 'Col.' },
        { text: 'Vera Holm', kind: 'person', title: 'Mrs.' },
      ],
    },
    {
      name: 'a title inside a longer capitalised run',
      text: 'The grant was announced by Agriculture Secretary Dan Glickman at the fair.',
      expected: [{ text: 'Dan Glickman', kind: 'person', title: 'Agriculture Secretary' }],
    },
    {
      name: 'initials before a surname',
      text: 'The report was written by J.R. Hartley and checked by A. Dale before it went out.',
      expected: [
        { text: 'J.R. Hartley', kind: 'person', reason: 'person.initials' },
        { text: 'A. Dale', kind: 'person', reason: 'person.initials' },
      ],
    },
    {
      name: 'a title with a department inside it',
      text: 'Deputy Health Minister Rosa Valderrama said 25 centres would open. Valderrama gave no date.',
      expected: [
        { text: 'Rosa Valderrama', kind: 'person', title: 'Deputy Health Minister' },
        { text: 'Valderrama', kind: 'person', canonical: 'Rosa Valderrama' },
      ],
    },
    {
      name: 'a role word before a first name is not part of the name',
      text: 'Fullback Piet Joubertsen scored twice, and NATO spokesman Lieutenant-Colonel Max Marriott said so.',
      expected: [
        { text: 'Piet Joubertsen', kind: 'person' },
        { text: 'Max Marriott', kind: 'person', title: 'spokesman Lieutenant-Colonel' },
      ],
    },
    {
      name: 'a first name that is also a religion',
      text: 'Airline chairman Christian Blanchard said no plane would fly.',
      expected: [{ text: 'Christian Blanchard', kind: 'person' }],
    },
    {
      name: 'a middle initial stays inside the name',
      text: 'The library is named after George W. Pickering, who founded it.',
      expected: [{ text: 'George W. Pickering', kind: 'person', reason: 'person.first-name' }],
    },
    {
      name: 'a place and a modifier before a multi-word title with "of"',
      text: 'U.S. Assistant Secretary of State Joan Pallister arrived on Sunday.',
      expected: [
        { text: 'Joan Pallister', kind: 'person', title: 'U.S. Assistant Secretary of State' },
        { text: 'U.S.', kind: 'place', canonical: 'United States' },
      ],
    },
    {
      name: 'titles that follow each other, and hyphenated ranks',
      text: 'The airport’s General Director Ljuben Marek met Major-General Oleg Sivtsov.',
      expected: [
        { text: 'Ljuben Marek', kind: 'person', title: 'General Director' },
        { text: 'Oleg Sivtsov', kind: 'person', title: 'Major-General' },
      ],
    },
    {
      name: 'a one-word place that is also a first name, before a surname',
      text: 'The goal was scored by Jordan Pickersgill in the second half.',
      expected: [{ text: 'Jordan Pickersgill', kind: 'person' }],
      absent: ['Jordan'],
    },
  ]);
});

void describe('entities: organisations', () => {
  runCases([
    {
      name: 'acronyms resolve to their alias group',
      text: 'NATO and the EU condemned the attack, which ISIS claimed within hours.',
      expected: [
        { text: 'NATO', kind: 'organization', reason: 'org.alias', canonical: 'North Atlantic Treaty Organization' },
        { text: 'EU', kind: 'organization', canonical: 'European Union' },
        { text: 'ISIS', kind: 'organization', canonical: 'Islamic State' },
      ],
    },
    {
      name: 'every name of the Islamic State group shares one canonical',
      text: 'Daesh fighters fled. IS commanders, ISIL recruiters and Islamic State clerics went with them.',
      expected: [
        { text: 'Daesh', kind: 'organization', canonical: 'Islamic State' },
        { text: 'IS', kind: 'organization', canonical: 'Islamic State' },
        { text: 'ISIL', kind: 'organization', canonical: 'Islamic State' },
        { text: 'Islamic State', kind: 'organization', reason: 'org.gazetteer', canonical: 'Islamic State' },
      ],
    },
    {
      name: 'an unknown acronym in running text',
      text: 'The ZRK said its members would strike on Monday.',
      expected: [{ text: 'ZRK', kind: 'organization', reason: 'org.acronym' }],
    },
    {
      name: 'a name written in capitals is not an acronym',
      text: 'The transcript read: PENCE thanked the crowd, and NYPD officers cleared the hall.',
      expected: [
        { text: 'NYPD', kind: 'organization', reason: 'org.acronym' },
        { text: 'PENCE', kind: 'person' },
      ],
    },
    {
      name: 'roman numerals and everyday abbreviations are not organisations',
      text: 'The veteran of World War II said the TV crew arrived at 10 AM.',
      absent: ['II', 'TV', 'AM'],
      expected: [],
    },
    {
      name: 'an acronym defined in brackets resolves later mentions',
      text: 'The Volunteer Medical Corps (VMC) opened two clinics.\n\nThe VMC said more would follow.',
      expected: [
        { text: 'Volunteer Medical Corps', kind: 'organization', reason: 'org.head-noun' },
        { text: 'VMC', kind: 'organization', canonical: 'Volunteer Medical Corps', occurrence: 1 },
      ],
    },
    {
      name: 'an acronym made of an organisation’s initials resolves to it without brackets',
      text: 'The Northern Reserve Bank raised rates.\n\nThe NRB said inflation had reached 6.8 percent.',
      expected: [{ text: 'NRB', kind: 'organization', reason: 'org.alias', canonical: 'Northern Reserve Bank' }],
    },
    {
      name: 'Defence and Defense spellings share a canonical, and a demonym stays in it',
      text: 'The Defense Ministry denied it. The Ministry of Defence later agreed, and the Russian Defense Ministry said so.',
      expected: [
        { text: 'Defense Ministry', kind: 'organization', canonical: 'Defence Ministry' },
        { text: 'Ministry of Defence', kind: 'organization', canonical: 'Defence Ministry' },
        { text: 'Russian Defense Ministry', kind: 'organization', canonical: 'Russian Defence Ministry' },
      ],
    },
    {
      name: '"the X of Y" names',
      text:
        'Agents of the Federal Bureau of Investigation met officials from the Ministry of Fisheries and the ' +
        'General Staff of the Russian Armed Forces.',
      expected: [
        { text: 'Federal Bureau of Investigation', kind: 'organization', canonical: 'Federal Bureau of Investigation' },
        { text: 'Ministry of Fisheries', kind: 'organization', reason: 'org.of-name' },
        {
          text: 'General Staff of the Russian Armed Forces',
          kind: 'organization',
          canonical: 'General Staff of the Russian Armed Forces',
        },
      ],
    },
    {
      name: 'head nouns make organisations',
      text:
        'The Northern Rail Workers Union backed the deal, Kestrel Motors Inc opposed it and the Caspian flotilla ' +
        'fired missiles.',
      expected: [
        { text: 'Northern Rail Workers Union', kind: 'organization', reason: 'org.head-noun' },
        { text: 'Kestrel Motors Inc', kind: 'organization', reason: 'org.head-noun' },
        { text: 'Caspian flotilla', kind: 'organization', reason: 'org.head-noun' },
      ],
    },
    {
      name: 'a place joined to an unknown word names an organisation',
      text: 'Passengers on the Air Lisbon flight were stranded while Dynamo Kazan fans waited outside.',
      expected: [
        { text: 'Air Lisbon', kind: 'organization', reason: 'org.place+name' },
        { text: 'Dynamo Kazan', kind: 'organization', reason: 'org.place+name' },
      ],
    },
    {
      name: 'well-known organisations from the gazetteer',
      text: 'Reuters and the Associated Press both quoted the Kremlin and Gazprom.',
      expected: [
        { text: 'Reuters', kind: 'organization', reason: 'org.gazetteer' },
        { text: 'Associated Press', kind: 'organization', reason: 'org.gazetteer' },
        { text: 'Kremlin', kind: 'organization' },
        { text: 'Gazprom', kind: 'organization' },
      ],
    },
  ]);
});

void describe('entities: places', () => {
  runCases([
    {
      name: 'countries, capitals, states, cities and regions',
      text: 'Flights from Damascus to Rotterdam, Ohio and the Black Sea coast of Crimea were cancelled in Syria.',
      expected: [
        { text: 'Damascus', kind: 'place', reason: 'place.capital' },
        { text: 'Rotterdam', kind: 'place', reason: 'place.city' },
        { text: 'Ohio', kind: 'place', reason: 'place.state' },
        { text: 'Black Sea', kind: 'place', reason: 'place.region' },
        { text: 'Crimea', kind: 'place', reason: 'place.region' },
        { text: 'Syria', kind: 'place', reason: 'place.country', canonical: 'Syria' },
      ],
    },
    {
      name: 'a direction before a place',
      text: 'Fighting spread across southern Syria and reached north-west England by spring.',
      expected: [
        { text: 'southern Syria', kind: 'place', reason: 'place.direction', canonical: 'Syria' },
        { text: 'north-west England', kind: 'place', reason: 'place.direction', canonical: 'England' },
      ],
    },
    {
      name: 'country aliases resolve to the country',
      text: 'Officials in the U.S. and the UK said the Russian Federation had been warned.',
      expected: [
        { text: 'U.S.', kind: 'place', canonical: 'United States' },
        { text: 'UK', kind: 'place', canonical: 'United Kingdom' },
        { text: 'Russian Federation', kind: 'place', canonical: 'Russia' },
      ],
    },
    {
      name: 'state abbreviations after a city, and a dateline before them',
      text: 'HEMPSTEAD, N.Y. — Officials in Hartford, Conn., and Washington, D.C., met veterans of World War II.',
      expected: [
        { text: 'HEMPSTEAD', kind: 'place', reason: 'place.dateline' },
        { text: 'N.Y.', kind: 'place', canonical: 'New York' },
        { text: 'Conn.', kind: 'place', canonical: 'Connecticut' },
        { text: 'D.C.', kind: 'place', canonical: 'District of Columbia' },
      ],
      absent: ['World War II', 'War II'],
    },
    {
      name: 'an all-caps kicker is not a dateline',
      text: 'QUESTIONABLE MEDICAL CLAIMS — The report was wrong.',
      expected: [],
      absent: ['QUESTIONABLE MEDICAL CLAIMS', 'QUESTIONABLE'],
    },
    {
      name: 'plural nationality and party words are not names',
      text: 'Americans and Europeans disagreed, while the Democrats and the Republicans blamed each other.',
      expected: [],
      absent: ['Americans', 'Europeans', 'Democrats', 'Republicans'],
    },
    {
      name: 'an unknown place introduced by "the town of"',
      text: 'Rebels shelled the town of Velikoye overnight, a Tervola-based monitor said.',
      expected: [
        { text: 'Velikoye', kind: 'place', reason: 'place.context' },
        { text: 'Tervola', kind: 'place', reason: 'place.context' },
      ],
    },
    {
      name: 'demonyms are not places',
      text: 'Russian aircraft and Syrian troops supported Iranian advisers.',
      expected: [],
      absent: ['Russian', 'Syrian', 'Iranian'],
    },
    {
      name: 'a capital used as an actor is still a place',
      text: 'Washington has accused Moscow of prolonging the war.',
      expected: [
        { text: 'Washington', kind: 'place' },
        { text: 'Moscow', kind: 'place' },
      ],
    },
    {
      name: 'an unknown all-caps dateline place, and "The" after the dateline dash is not part of a name',
      text: 'ALDERBURG, June 19 — The Northern Reserve Bank raised rates. Its offices in Alderburg stayed shut.',
      expected: [
        { text: 'ALDERBURG', kind: 'place', reason: 'place.dateline', canonical: 'Alderburg' },
        { text: 'Northern Reserve Bank', kind: 'organization', reason: 'org.head-noun' },
        { text: 'Alderburg', kind: 'place', reason: 'place.same-name' },
      ],
      absent: ['The Northern Reserve Bank'],
    },
    {
      name: 'a two-word all-caps dateline that looks like a headline',
      text: 'ELLSWORTH FALLS, March 3 — The river rose overnight.',
      expected: [{ text: 'ELLSWORTH FALLS', kind: 'place', reason: 'place.dateline', canonical: 'Ellsworth Falls' }],
    },
    {
      name: 'an all-caps dateline place',
      text: 'MOSCOW, October 16. The ministry published new figures.',
      expected: [{ text: 'MOSCOW', kind: 'place', canonical: 'Moscow' }],
    },
  ]);
});

void describe('entities: sentence starts and headlines', () => {
  runCases([
    {
      name: 'capitalised sentence-initial words are ordinary words',
      text: 'Officials said the talks had stalled. Desertions are rising. However, Moscow disagreed.',
      expected: [{ text: 'Moscow', kind: 'place' }],
      absent: ['Officials', 'Desertions', 'However'],
    },
    {
      name: 'a sentence-initial word the article never names is not guessed to be a surname',
      text: 'The currency rose after the announcement. House prices have fallen since January.',
      expected: [],
      absent: ['House'],
    },
    {
      name: 'a capitalised function word ends a name in a title-case line',
      text: 'Why Hillary Clinton Was Headed For Trouble, by our correspondent in Ohio.',
      expected: [{ text: 'Hillary Clinton', kind: 'person' }],
      absent: ['Hillary Clinton Was Headed'],
    },
    {
      name: 'an age or "who" after a comma marks a person, shares of a company an organisation',
      text:
        'Investors sold shares of Veltrix on Monday. Ostrowski, 45, runs it. Later Brannagh, who founded it, left ' +
        'for the Ohio-based Dunmore and then for Irish club Quarrel.',
      expected: [
        { text: 'Veltrix', kind: 'organization', reason: 'org.context' },
        { text: 'Dunmore', kind: 'organization', reason: 'org.context' },
        { text: 'Quarrel', kind: 'organization', reason: 'org.context' },
        { text: 'Ostrowski', kind: 'person', reason: 'person.context' },
        { text: 'Brannagh', kind: 'person', reason: 'person.context' },
      ],
    },
    {
      name: 'a name at a sentence start is still a name',
      text: 'Kartapolov did not say how many. Andrei Kartapolov spoke for an hour.',
      expected: [{ text: 'Kartapolov', kind: 'person', canonical: 'Andrei Kartapolov' }],
    },
    {
      name: 'an all-caps headline yields only gazetteer places and organisations',
      text: 'RUSSIA SAYS MILITANTS ARE FLEEING SYRIA\n\nThe ministry gave no figures.',
      expected: [
        { text: 'RUSSIA', kind: 'place', canonical: 'Russia' },
        { text: 'SYRIA', kind: 'place', canonical: 'Syria' },
      ],
      absent: ['SAYS', 'MILITANTS', 'ARE', 'FLEEING'],
    },
  ]);
});

void describe('entities: configuration', () => {
  runCases([
    {
      name: 'configured people are found, and their surnames propagate',
      text: 'Oduya said the shelter was full. Tamsin Oduya runs it with two volunteers.',
      config: { people: ['Tamsin Oduya'] },
      expected: [
        { text: 'Oduya', kind: 'person', reason: 'person.surname-propagation', canonical: 'Tamsin Oduya' },
        { text: 'Tamsin Oduya', kind: 'person', reason: 'person.config' },
      ],
    },
    {
      name: 'configured organisations and aliases',
      text: 'Northwind Relief delivered food. A NWR driver said the roads were open.',
      config: { organizations: ['Northwind Relief'], aliases: { 'Northwind Relief': ['NWR'] } },
      expected: [
        { text: 'Northwind Relief', kind: 'organization', canonical: 'Northwind Relief' },
        { text: 'NWR', kind: 'organization', reason: 'org.alias', canonical: 'Northwind Relief' },
      ],
    },
    {
      name: 'an alias group whose canonical name is a person’s',
      text: 'The decree was signed in the Kremlin. Putin did not comment.',
      config: { aliases: { 'Vladimir Putin': ['Putin'] } },
      expected: [{ text: 'Putin', kind: 'person', reason: 'person.alias', canonical: 'Vladimir Putin' }],
    },
    {
      name: 'a lower-case head noun keeps its alias group',
      text: 'The Defence ministry said the drills were over.',
      expected: [{ text: 'Defence ministry', kind: 'organization', canonical: 'Defence Ministry' }],
    },
    {
      name: 'malformed configuration entries are ignored, not fatal',
      text: 'Tamsin Oduya spoke to Reuters.',
      config: { people: [42 as unknown as string, ''], aliases: { Broken: 'not a list' as unknown as string[] } },
      expected: [
        { text: 'Tamsin Oduya', kind: 'person' },
        { text: 'Reuters', kind: 'organization' },
      ],
    },
  ]);
});

void describe('entities: invariants', () => {
  const articles = [
    'MOSCOW, October 16. Colonel General Andrei Kartapolov said on Friday that Islamic State (IS) fighters ' +
      'were leaving southern Syria.\n\n“Kartapolov is right,” said Dr Helen Marsh of the Volunteer Medical Corps.',
    'WASHINGTON — The Pentagon and the CIA disagreed on Tuesday. U.S. Senator John McCain said the Defense ' +
      'Ministry in Moscow had lied.\n\nNATO said nothing. The E.U. met in Brussels on March 3, 2016.',
    '',
    'no capitals at all in this text, only lower case words and numbers like 42.',
  ];
  for (const [index, text] of articles.entries()) {
    void it(`entities are sorted and people, organisations, places and dates never overlap (article ${index})`, () => {
      const entities = analyse(text).entities.filter((entity) => entity.kind !== 'figure');
      for (let position = 1; position < entities.length; position++) {
        const previous = entities[position - 1];
        const current = entities[position];
        assert.ok(previous !== undefined && current !== undefined);
        assert.ok(previous.end <= current.start, `${previous.text} overlaps ${current.text}`);
      }
      for (const entity of entities) {
        assert.equal(text.slice(entity.start, entity.end), entity.text);
        assert.ok(entity.reason.length > 0);
        if (entity.kind === 'person' || entity.kind === 'organization') assert.ok(entity.canonical);
      }
    });
  }

  void it('merges the dates that entities/dates.ts finds', () => {
    const entities = analyse('On March 3, 2016, Andrei Kartapolov flew to Damascus.').entities;
    assert.ok(entities.some((entity) => entity.kind === 'date'));
    assert.ok(entities.some((entity) => entity.kind === 'person' && entity.text === 'Andrei Kartapolov'));
    assert.ok(entities.some((entity) => entity.kind === 'place' && entity.text === 'Damascus'));
  });
});

void describe('entities: properties', () => {
  // Pieces chosen to hit the rules' edges: titles with and without stops, particles, initials,
  // acronyms, possessives, quotes, dashes, all-caps words, non-BMP characters and line breaks.
  const piece = fc.constantFrom(
    'Mr.',
    'Gen.',
    'the',
    'The',
    'of',
    'Ministry',
    'U.S.',
    'US',
    'IS',
    'al-Assad',
    'von',
    'der',
    'Syria',
    'southern',
    '“',
    '”',
    '"',
    '(',
    ')',
    'A.',
    'J.R.',
    'Kartapolov',
    'Andrei',
    '&',
    "'s",
    '’s',
    '—',
    'Washington',
    'Bank',
    'President',
    'ZRK',
    '.',
    ',',
    'é',
    '😀',
    'İstanbul',
    'MOSCOW',
    'said',
    '\n',
    '\n\n',
    '\r\n',
    'World',
    'War',
    'II',
    'Democrats',
    'Conn.',
  );
  const article = fc
    .array(fc.tuple(piece, fc.boolean()), { maxLength: 60 })
    .map((parts) => parts.map(([word, spaced]) => (spaced ? `${word} ` : word)).join(''));

  void it('every entity is a non-empty slice of the text, in order, with no overlaps among named kinds', () => {
    fc.assert(
      fc.property(article, (text) => {
        const entities = analyse(text).entities.filter((entity) => entity.kind !== 'figure');
        let previousEnd = 0;
        for (const entity of entities) {
          assert.ok(entity.start < entity.end, `empty entity in ${JSON.stringify(text)}`);
          assert.equal(text.slice(entity.start, entity.end), entity.text);
          assert.ok(entity.start >= previousEnd, `overlap at ${entity.start} in ${JSON.stringify(text)}`);
          assert.ok(entity.reason.length > 0);
          previousEnd = entity.end;
        }
      }),
      { numRuns: 300 },
    );
  });

  void it('what a paragraph names on its own, it still names inside a longer article', () => {
    // The article can only add knowledge (a surname named in full elsewhere), never take any away,
    // so every span found in the paragraph alone is found in the article too. Spans that touch a
    // date are left out, since the article's dateline can change what the date pass reads.
    fc.assert(
      fc.property(article, article, (before, paragraph) => {
        const clean = (text: string): string => text.replace(/\s+/g, ' ').trim();
        const alone = clean(paragraph);
        const prefix = clean(before);
        if (alone.length === 0 || prefix.length === 0) return;
        const offset = prefix.length + 2;
        const whole = analyse(`${prefix}\n\n${alone}`).entities;
        const single = analyse(alone).entities;
        const dates = [
          ...single,
          ...whole.map((entity) => ({ ...entity, start: entity.start - offset, end: entity.end - offset })),
        ].filter((entity) => entity.kind === 'date');
        const touchesDate = (entity: Entity): boolean =>
          dates.some((date) => date.start < entity.end && entity.start < date.end);
        const inArticle = new Set(
          named(whole)
            .filter((entity) => entity.start >= offset)
            .map((entity) => `${entity.start - offset}:${entity.text}`),
        );
        for (const entity of named(single)) {
          if (touchesDate(entity)) continue;
          assert.ok(
            inArticle.has(`${entity.start}:${entity.text}`),
            `${entity.text} lost after ${JSON.stringify(prefix)}`,
          );
        }
      }),
      { numRuns: 200 },
    );
  });
});
